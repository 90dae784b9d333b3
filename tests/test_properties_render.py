"""Properties of rendering, for any article: titles, ids, URLs, texts, place names and overrides
holding markup, script, quotes, U+2028, NUL, direction overrides or any other Unicode. Every output
parses as what it is (HTML with every <script> closed and its JSON data readable, GeoJSON, CSV,
oEmbed JSON, SVG), no hostile string becomes an element, a script, an event handler or a link
that runs, and the strings come back out of each format exactly.

Results are small fakes built from the model's dataclasses and rendered by the real functions,
so each example takes milliseconds; a few stories also go through the whole pipeline.
More examples: HYPOTHESIS_PROFILE=fuzz (tests/conftest.py).
"""

from __future__ import annotations

import csv
import io
import json
import math
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from mapper.archive.manifest import Done, Failed, Manifest, content_hash
from mapper.archive.outputs import write_failures, write_mentions, write_places, write_predictions
from mapper.archive.work import record
from mapper.ingest import article_from_text
from mapper.model import Article, Candidate, MapResult, Mention, Pin, Place, Resolution
from mapper.pipeline import Mapper
from mapper.render import mentions_csv, places_geojson, render_embed_html, render_map_html, render_svg, write_outputs
from mapper.render.combined import render_combined_html
from mapper.render.embed import SNIPPET, write_embed
from mapper.render.exports import CSV_COLUMNS, prediction
from mapper.render.oembed import OEMBED
from mapper.render.offline import page_assets
from tests.strategies import HOSTILE, characters, hostile_text

INJECTED = "INJECTED"  # every HOSTILE string carries it (tests/strategies.py)
RUNS = ("javascript", "data", "vbscript")  # URL schemes that run in a page
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A place as an imported gazetteer or a geocoding service may name it; keys are the gazetteer's.
place = st.builds(
    Place,
    key=st.integers(1, 10**9).map(lambda n: f"gn{n}"),
    name=hostile_text.filter(str.strip),
    lat=st.floats(-90, 90),
    lon=st.floats(-180, 180),
    geonameid=st.one_of(st.none(), st.integers(1, 10**9)),
    feature_class=st.sampled_from(("P", "A", "L", "H", "T", "S", "")),
    feature_code=st.sampled_from(("PPL", "PPLC", "PPLA", "ADM1", "PCLI", "CONT", "")),
    country_code=st.sampled_from(("SY", "US", "PH", "FR", "", "ZZ")),
    admin1=hostile_text,
    population=st.integers(0, 10**8),
    source=st.sampled_from(("geonames", "nominatim", "overrides", "")),
    admin2=hostile_text,
)


@st.composite
def map_results(draw: st.DrawFn) -> MapResult:
    """An article of hostile paragraphs, mentions at any spans of them, placed among a few places."""
    paragraphs = draw(st.lists(hostile_text.filter(str.strip), min_size=1, max_size=4))
    article = article_from_text(
        "\n\n".join(paragraphs),
        id=draw(hostile_text.filter(str.strip)),
        title=draw(hostile_text),
        url=draw(st.one_of(st.none(), hostile_text, st.sampled_from(("https://news.example/a?b=1&c=<2>", "javascript:alert(1)")))),
        source=draw(st.one_of(st.none(), hostile_text)),
    )
    places = draw(st.lists(place, min_size=1, max_size=4, unique_by=lambda p: p.key))
    resolutions, removed = [], []
    for p in article.paragraphs:
        cuts = sorted(draw(st.sets(st.integers(0, len(p.text)), max_size=6)))
        for start, end in zip(cuts[::2], cuts[1::2]):
            mention = Mention(p.text[start:end], p.start + start, p.start + end,
                              draw(st.sampled_from(("GPE", "LOC", "FAC"))), p.id)
            if draw(st.integers(0, 9)) == 0:
                removed.append(mention)
                continue
            where = draw(st.one_of(st.none(), st.sampled_from(places)))
            runners_up = tuple(Candidate(c, draw(st.floats(0, 1))) for c in places if c != where)
            resolutions.append(Resolution(mention, where, draw(st.floats(0, 1)), runners_up, draw(st.booleans())))
    overrides = draw(st.lists(st.builds(Pin, hostile_text.filter(str.strip), st.one_of(st.none(), st.sampled_from(places)),
                                        st.sampled_from(("", article.id))), max_size=3))
    return MapResult(article, tuple(resolutions), tuple(removed), tuple(overrides))


@dataclass
class Parsed(HTMLParser):
    """A page as html.parser reads it: elements with their attributes, scripts with their text,
    the text of the elements named in `texts`."""

    html: str
    texts: tuple[str, ...] = ("title", "h1")
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    text: dict[str, str] = field(default_factory=dict)
    _inside: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.feed(self.html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag == "script":
            self.scripts.append((attributes, ""))
        if tag in self.texts or tag == "script":
            self._inside.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._inside and self._inside[-1] == tag:
            self._inside.pop()

    def handle_data(self, data: str) -> None:
        if not self._inside:
            return
        if self._inside[-1] == "script":
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)
        else:
            self.text[self._inside[-1]] = self.text.get(self._inside[-1], "") + data

    def data(self, script_id: str) -> dict:
        """The JSON of <script type="application/json" id=script_id>."""
        (text,) = [text for attributes, text in self.scripts if attributes.get("id") == script_id]
        return json.loads(text)


def assert_safe_page(html: str, texts: tuple[str, ...] = ("title", "h1")) -> Parsed:
    """Every <script> closed, every JSON block readable, no hostile element, script, event
    handler or running link; the page as parsed."""
    page = Parsed(html, texts)
    assert "script" not in page._inside, "a <script> is never closed"
    for tag, attributes in page.elements:
        assert attributes.get("id") != INJECTED, (tag, attributes)
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            if name in attributes:
                scheme = urlsplit("".join(c for c in attributes[name] if c.isprintable() and not c.isspace())).scheme
                assert scheme.lower() not in RUNS, (tag, attributes)
    for attributes, text in page.scripts:
        if attributes.get("type") == "application/json":
            json.loads(text)
        else:
            assert INJECTED not in text, text[:200]  # article strings only ever reach script as JSON data
    return page


def assert_csv(text: str, result: MapResult) -> None:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + len(result.resolutions)
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or _is_number(cell), row
            assert not cell.startswith("'") or cell[1:].startswith((*FORMULA_STARTS, "'")), row
    mentions = sorted((r.mention for r in result.resolutions), key=lambda m: (m.start, m.end))
    assert [_unquoted(row[4]) for row in rows[1:]] == [m.text for m in mentions]
    assert {_unquoted(row[0]) for row in rows[1:]} <= {result.article.id}


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _unquoted(cell: str) -> str:
    """A cell's text without the apostrophe that keeps a spreadsheet from running it."""
    return cell.removeprefix("'")


def _no_constants(name: str) -> float:
    raise ValueError(f"{name} is no JSON")


def assert_geojson(text: str, result: MapResult) -> None:
    collection = json.loads(text, parse_constant=_no_constants)
    assert collection["type"] == "FeatureCollection"
    groups = result.places()
    assert [f["id"] for f in collection["features"]] == [g.place.key for g in groups]
    for feature, group in zip(collection["features"], groups):
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and math.isfinite(lon) and math.isfinite(lat)
        assert feature["properties"]["name"] == group.place.name
        assert sorted(m["text"] for m in feature["properties"]["mentions"]) == sorted(
            r.mention.text for r in group.resolutions)


def assert_svg(svg: str) -> None:
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert not any(element.tag.endswith(("script", "foreignObject")) for element in root.iter())
    assert not any(name.startswith("on") for element in root.iter() for name in element.attrib)


@given(map_results())
@example(MapResult(
    Article("a<script>", '</title><b id=INJECTED>', "x", (), url="javascript:alert(1)"), ()))
def test_the_reading_view_and_the_embed_parse_and_run_nothing(result: MapResult) -> None:
    assets = page_assets()
    reading = assert_safe_page(render_map_html(result, assets))
    assert reading.text["title"] == f"{result.article.title} · map"
    assert reading.data("mapper-edit")["article"] == result.article.id
    assert set(reading.data("mapper-data")["places"]) == {g.place.key for g in result.places()}
    embed = assert_safe_page(render_embed_html(result, assets=assets))
    assert embed.text["title"] == f"Map: {result.article.title}"
    assert embed.text.get("h1", "") == result.article.title
    assert embed.data("mapper-data")["id"] == result.article.id


@given(map_results())
def test_the_exports_parse_and_keep_every_string(result: MapResult) -> None:
    assert_csv(mentions_csv(result), result)
    assert_geojson(json.dumps(places_geojson(result), ensure_ascii=False), result)


def fewer(share: int) -> settings:
    """The profile's example count divided by share, for the slow tests (the map image, the whole
    pipeline): at least 3."""
    return settings(max_examples=max(3, settings.default.max_examples // share))


@fewer(4)
@given(map_results())
def test_the_svg_is_well_formed_xml(result: MapResult) -> None:
    assert_svg(render_svg(result, width=320, height=180))


@given(map_results())
def test_the_snippet_and_oembed_parse_and_name_the_embed(result: MapResult) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_embed(result, Path(folder), page_assets())
        snippet = (Path(folder) / SNIPPET).read_bytes().decode("utf-8")
        oembed = json.loads((Path(folder) / OEMBED).read_bytes().decode("utf-8"))
    page = assert_safe_page(snippet)
    (iframe,) = [attributes for tag, attributes in page.elements if tag == "iframe"]
    assert (iframe["src"], iframe["title"]) == ("embed.html", f"Map: {result.article.title}")
    assert oembed["html"] == snippet and oembed["title"] == f"Map: {result.article.title}"


@given(st.lists(map_results(), min_size=1, max_size=3))
def test_the_combined_map_parses_and_runs_nothing(results: list[MapResult]) -> None:
    hrefs = [f"story-{n}/map.html" for n in range(len(results))]
    page = assert_safe_page(render_combined_html(results, hrefs, page_assets()))
    data = page.data("combined-data")
    assert [(a["title"], a["href"]) for a in data["articles"]] == [(r.article.title, h) for r, h in zip(results, hrefs)]
    assert len(data["markers"]) == sum(len(r.places()) for r in results)


@fewer(4)
@given(st.lists(map_results(), min_size=1, max_size=3, unique_by=lambda r: r.article.id),
       st.lists(st.tuples(hostile_text, st.one_of(st.none(), st.integers(1, 10**6)), hostile_text, hostile_text),
                max_size=2))
def test_an_archive_runs_outputs_parse_and_keep_every_string(
    results: list[MapResult], failures: list[tuple[str, int | None, str, str]]
) -> None:
    import pyarrow.parquet as pq  # here, as in mapper.archive.outputs: it costs every other test a second

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        manifest = Manifest(out / "manifest.sqlite")
        manifest.finish(
            [Done(seq, r.article.id, content_hash(r.article, "job"), f"f{seq}", record(r, f"f{seq}"))
             for seq, r in enumerate(results)],
            [Failed(len(results) + n, *failure) for n, failure in enumerate(failures)],
        )
        write_predictions(manifest, out / "predictions.jsonl")
        write_places(manifest, out / "places.geojson")
        write_mentions(manifest, out / "mentions.parquet")
        write_failures(manifest, out / "failures.jsonl")
        manifest.close()
        lines = (out / "predictions.jsonl").read_bytes().decode("utf-8").split("\n")
        assert lines.pop() == ""
        assert [json.loads(line) for line in lines] == [json.loads(json.dumps(prediction(r))) for r in results]
        places = json.loads((out / "places.geojson").read_bytes(), parse_constant=_no_constants)
        assert places["type"] == "FeatureCollection"
        assert {f["id"] for f in places["features"]} == {g.place.key for r in results for g in r.places()}
        for feature in places["features"]:
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        texts = pq.read_table(out / "mentions.parquet").column("text").to_pylist()
        assert texts == [m["text"] for r in results for m in record(r, None)["mentions"]]
        if failures:
            read = [json.loads(line) for line in (out / "failures.jsonl").read_bytes().decode().split("\n")[:-1]]
            assert [(f["file"], f["line"], f["id"], f["reason"]) for f in read] == failures
        else:
            assert not (out / "failures.jsonl").exists()


STORY = "Floods hit {0}Aleppo{0} and Damascus on Monday, {0} officials in Idlib said.\n\nIn {0}Kharkiv{0}."


@fewer(8)
@given(st.lists(st.sampled_from(HOSTILE + ("\u2028", "\x00", "\u202e", "\r\n", "\ufeff")), min_size=1, max_size=3)
       .map("".join), st.text(characters, max_size=8))
def test_a_hostile_story_through_the_pipeline_writes_outputs_that_parse(
    mapper: Mapper, hostile: str, noise: str
) -> None:
    text = STORY.format(hostile + noise)
    article = article_from_text(text, id=hostile, title=hostile + " in Aleppo", url=hostile)
    (result,) = mapper.map([article])
    assert result.places(), "the story's real places reach the map"
    with tempfile.TemporaryDirectory() as folder:
        for path in write_outputs(result, Path(folder), svg=True, png_size=(320, 180)):
            if path.suffix == ".png":
                with Image.open(path) as image:
                    assert image.size == (320, 180)
                continue
            content = path.read_bytes().decode("utf-8")  # as written: CRs in a CSV cell are data
            if path.suffix == ".html":
                assert_safe_page(content)
            elif path.name == "places.geojson":
                assert_geojson(content, result)
            elif path.name == "mentions.csv":
                assert_csv(content, result)
            elif path.suffix == ".svg":
                assert_svg(content)
            else:
                json.loads(content)


def test_a_mention_starting_like_a_formula_stays_text_in_the_csv() -> None:
    """The formula cells HOSTILE carries reach the CSV with an apostrophe before them."""
    text = '=HYPERLINK("http://x") near @SUM(A1)'
    article = article_from_text(text, id="+cmd", title="t")
    at = text.index("@")
    mentions = (Mention(text[:22], 0, 22, "GPE", "p1"), Mention(text[at:], at, len(text), "GPE", "p1"))
    result = MapResult(article, tuple(Resolution(m, None) for m in mentions))
    rows = list(csv.reader(io.StringIO(mentions_csv(result), newline="")))
    assert [(row[0], row[4]) for row in rows[1:]] == [("'+cmd", "'" + text[:22]), ("'+cmd", "'@SUM(A1)")]


def test_text_starting_with_an_apostrophe_keeps_it_in_the_csv() -> None:
    """Found by test_the_exports_parse_and_keep_every_string: "'=" was written as "'=", the same
    cell as for "=", so no reader could tell which the text was."""
    text = "'= and = and 'quoted'"
    article = article_from_text(text, id="a", title="t")
    mentions = (Mention("'=", 0, 2, "GPE", "p1"), Mention("=", 7, 8, "GPE", "p1"), Mention("'quoted'", 13, 21, "GPE", "p1"))
    result = MapResult(article, tuple(Resolution(m, None) for m in mentions))
    rows = list(csv.reader(io.StringIO(mentions_csv(result), newline="")))
    assert [row[4] for row in rows[1:]] == ["''=", "'=", "''quoted'"]

