"""The render stage: the reading-view map page, the GeoJSON and the CSV of mentions."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mapper.model import Article, Candidate, MapResult, Mention, Paragraph, Place, Resolution
from mapper.render import mentions_csv, places_geojson, render_map_html, write_outputs
from mapper.render.numbering import place_numbers
from mapper.render.page import script_json
from mapper.render.popups import excerpt

HOSTILE = r'<script>alert(1)</script> "><img src=x onerror=alert(1)> `backticks` back\slash \1 \u0041 </p>'

ALEPPO = Place("gn170063", "Aleppo", 36.20124, 37.16117, 170063, "P", "PPLA", "SY", "Aleppo")
DAMASCUS = Place("gn170654", "Damascus", 33.5102, 36.29128, 170654, "P", "PPLC", "SY", "Dimashq")
IDLIB = Place("gn169388", "Idlib", 35.93062, 36.63393, 169388, "P", "PPLA", "SY", "Idlib")
LIMA = Place("gn3936456", "Lima", -12.04318, -77.02824, 3936456, "P", "PPLC", "PE", "Lima")

PARAGRAPHS = (
    "A missile workshop near Aleppo was hit on Tuesday, officials in Damascus said.",
    "Residents of Aleppo fled west toward Idlib and the Turkish border.",
    "Analysts in Aleppo were unsure. A village called Kafr Nabl was also named.",
    "The ministry in Damascus gave no figures.",
)
# (paragraph index, mention text, place, confidence); offsets are found in order
MENTIONS = (
    (0, "Aleppo", ALEPPO, 0.93),
    (0, "Damascus", DAMASCUS, 0.88),
    (1, "Aleppo", ALEPPO, 0.9),
    (1, "Idlib", IDLIB, 0.35),
    (2, "Aleppo", ALEPPO, 0.91),
    (2, "Kafr Nabl", None, 0.0),
    (3, "Damascus", DAMASCUS, 0.8),
)


def make_result(
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    mentions: tuple[tuple[int, str, Place | None, float], ...] = MENTIONS,
    title: str = "Missile workshop near Aleppo destroyed",
    article_id: str = "a1",
) -> MapResult:
    spans, pos = [], 0
    for n, text in enumerate(paragraphs, 1):
        spans.append(Paragraph(f"p{n}", pos, pos + len(text), text))
        pos += len(text) + 2
    body = "\n\n".join(paragraphs)
    resolutions, cursor = [], {}
    for index, text, place, confidence in mentions:
        p = spans[index]
        start = body.index(text, cursor.get(index, p.start), p.end)
        cursor[index] = start + len(text)
        mention = Mention(text, start, start + len(text), "GPE", p.id)
        resolutions.append(Resolution(mention, place, confidence))
    article = Article(article_id, title, body, tuple(spans), url="https://news.example/aleppo")
    return MapResult(article, tuple(resolutions))


class Page(HTMLParser):
    """Every element with its attributes, the scripts, and the text of each element with an id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text_of: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []  # (tag, id) of the elements we are inside
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append((dict(attrs), ""))
        if tag not in ("meta", "link", "img", "br", "input"):
            self._open.append((tag, dict(attrs).get("id")))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        for _, element_id in self._open:
            if element_id:
                self.text_of[element_id] = self.text_of.get(element_id, "") + data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def page_data(html: str, script_id: str = "mapper-data") -> dict:
    """The JSON a page's script reads from <script type="application/json" id=script_id>."""
    (attrs, text), = [s for s in Page(html).scripts if s[0].get("id") == script_id]
    assert attrs.get("type") == "application/json"
    return json.loads(text)


def test_one_marker_per_place() -> None:
    result = make_result()
    html = render_map_html(result)
    keys = [g.place.key for g in result.places()]
    assert keys == ["gn170063", "gn170654", "gn169388"]  # most mentioned first
    assert html.count("L.marker(") == 3
    data = page_data(html)
    assert list(data["places"]) == keys
    for key in keys:
        layer = data["places"][key]["layer"]
        assert layer == f"place_marker_{key}"
        assert html.count(f"var {layer} = L.marker(") == 1
    assert f"var {data['map']} = L.map(" in html


def marker_icons(html: str) -> dict[str, dict]:
    """Place key -> the options of its marker's L.divIcon."""
    pattern = r"var place_marker_(\w+) = L\.marker\(\s*\[[^\]]*\],\s*\{\"icon\": L\.divIcon\((\{.*?\})\)"
    return {key: json.loads(js) for key, js in re.findall(pattern, html, re.S)}


def test_marker_size_grows_with_mentions_and_low_confidence_is_dashed() -> None:
    icons = marker_icons(render_map_html(make_result()))
    assert len(icons) == 3
    size = {key: icon["iconSize"][0] for key, icon in icons.items()}
    assert size["gn170063"] > size["gn170654"] > size["gn169388"] >= 24  # room for the number
    assert all(icon["iconSize"][0] == icon["iconSize"][1] for icon in icons.values())
    assert "low" in icons["gn169388"]["className"].split()  # Idlib: confidence 0.35, dashed in CSS
    assert "low" not in icons["gn170063"]["className"].split()


def test_markers_show_the_place_numbers_of_the_text() -> None:
    result = make_result()
    html = render_map_html(result)
    numbers = place_numbers(result)
    assert numbers == {"gn170063": 1, "gn170654": 2, "gn169388": 3}
    icons = marker_icons(html)
    assert {key: icon["html"] for key, icon in icons.items()} == {key: str(n) for key, n in numbers.items()}
    mentions = [a for a in Page(html).find("a") if "mention" in (a.get("class") or "").split()]
    assert mentions and all(a["data-n"] == str(numbers[a["data-place"]]) for a in mentions)
    places = page_data(html)["places"]
    for key, n in numbers.items():
        assert places[key]["label"].startswith(f"Place {n}: ")
        badge = "badge low" if key == "gn169388" else "badge"  # Idlib is uncertain
        assert f'<span class="{badge}" aria-hidden="true">{n}</span>' in places[key]["popup"]
    # the smaller (less mentioned) marker is drawn above the bigger one
    offsets = [int(o) for o in re.findall(r'"zIndexOffset": (\d+)', html)]
    assert offsets == sorted(offsets) and len(set(offsets)) == 3


def test_screen_readers_hear_names_numbers_and_doubts() -> None:
    html = render_map_html(make_result())
    mentions = [a for a in Page(html).find("a") if "mention" in (a.get("class") or "").split()]
    assert mentions[0]["aria-label"] == "Aleppo, map place 1"
    assert mentions[3]["aria-label"] == "Idlib, map place 3, uncertain"
    places = page_data(html)["places"]
    assert places["gn170063"]["label"] == "Place 1: Aleppo, Syria, 3 mentions"
    assert places["gn169388"]["label"] == "Place 3: Idlib, Syria, 1 mention, uncertain placement"


def test_the_map_opens_on_the_storys_places_or_the_world() -> None:
    many = render_map_html(make_result())
    (south, west), (north, east) = fit_bounds(many)
    for place in (ALEPPO, DAMASCUS, IDLIB):
        assert south < place.lat < north and west < place.lon < east
    assert north - south < 3.5 and east - west < 1.8  # the three cities with a little room, no more

    single = render_map_html(make_result(mentions=((0, "Aleppo", ALEPPO, 0.9),)))
    (south, west), (north, east) = fit_bounds(single)
    assert south < ALEPPO.lat < north and west < ALEPPO.lon < east and north - south < 0.5  # the city
    assert '"maxZoom": 11' in single  # not its streets

    empty = render_map_html(make_result(mentions=()))
    assert "L.marker(" not in empty and "map_mapper.fitBounds(" not in empty
    assert '"zoom": 2' in empty
    assert page_data(empty)["places"] == {}


def fit_bounds(html: str) -> list[list[float]]:
    return json.loads(re.search(r"map_mapper\.fitBounds\(\s*(\[\[.*?\]\])", html, re.S)[1])


def test_map_uses_openstreetmap_tiles_with_attribution_and_only_local_scripts() -> None:
    html = render_map_html(make_result())
    page = Page(html)
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert "openstreetmap.org/copyright" in html
    scripts = [a["src"] for a in page.find("script") if a.get("src")]
    assert "assets/leaflet.js" in scripts and all(src.startswith("assets/") for src in scripts)
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_popups_list_every_mention_with_paragraph_link_and_highlight() -> None:
    result = make_result()
    places = page_data(render_map_html(result))["places"]
    numbers = place_numbers(result)
    for group in result.places():
        popup = Page(places[group.place.key]["popup"])
        links = popup.find("a")
        assert len(links) == len(group.resolutions)
        expected = [r.mention.paragraph_id for r in group.resolutions]
        assert [a["href"] for a in links] == [f"#{pid}" for pid in expected]
        assert [a["data-paragraph"] for a in links] == expected
        assert len(popup.find("mark")) == len(group.resolutions)
        assert _text(places[group.place.key]["popup"]).startswith(f"{numbers[group.place.key]} {group.place.name}")
    aleppo = places["gn170063"]["popup"]
    assert aleppo.count("<mark>Aleppo</mark>") == 3
    assert "fled west toward Idlib" in aleppo  # the paragraph around the mention
    assert "Uncertain placement" in places["gn169388"]["popup"]
    assert "Uncertain placement" not in aleppo
    assert "Aleppo" in places["gn170063"]["tooltip"] and "3 mentions" in places["gn170063"]["tooltip"]


def test_excerpt_is_a_window_of_about_200_characters_around_the_mention() -> None:
    words = " ".join(f"word{n:03d}" for n in range(150))
    text = words + " Aleppo " + words
    paragraph = Paragraph("p1", 0, len(text), text)
    start = text.index("Aleppo")
    before, match, after = excerpt(paragraph, Mention("Aleppo", start, start + 6, "GPE", "p1"))
    assert match == "Aleppo"
    assert before.startswith("…") and after.endswith("…")
    assert 150 <= len(before + match + after) <= 205
    assert abs(len(before) - len(after)) < 20  # centered on the mention
    assert before.endswith("word149 ") and after.startswith(" word000")

    short = Paragraph("p2", 0, 20, "Aleppo is far away.")
    assert excerpt(short, Mention("Aleppo", 0, 6, "GPE", "p2")) == ("", "Aleppo", " is far away.")


def test_article_view_has_paragraph_ids_and_mention_links() -> None:
    result = make_result()
    html = render_map_html(result)
    page = Page(html)
    assert [a["id"] for a in page.find("p") if a.get("id")] == ["p1", "p2", "p3", "p4"]
    for n, text in enumerate(PARAGRAPHS, 1):
        assert page.text_of[f"p{n}"] == text  # every paragraph, whole and in order
    mention_links = [a for a in page.find("a") if "mention" in (a.get("class") or "").split()]
    assert [a["data-place"] for a in mention_links] == [
        place.key for _, _, place, _ in MENTIONS if place is not None
    ]
    assert all(a["href"] == f"#place={a['data-place']}" for a in mention_links)
    assert "low" in mention_links[3]["class"].split()  # Idlib is uncertain
    unresolved = page.find("span", **{"class": "mention unresolved"})
    assert len(unresolved) == 1 and "data-place" not in unresolved[0]
    assert (
        '<span class="mention unresolved" title="Not placed on the map: not found in the place-name database">'
        "Kafr Nabl</span>"
    ) in html
    assert "<h1>Missile workshop near Aleppo destroyed</h1>" in html


def test_page_script_finds_markers_through_the_data() -> None:
    html = render_map_html(make_result())
    page = Page(html)
    scripts = [text for attrs, text in page.scripts if not attrs]
    page_script, edit_script = scripts[-2:]  # the edit mode's script comes last, after the page's
    assert "window[data.map]" in page_script and "window[place.layer]" in page_script
    assert "bindPopup(place.popup" in page_script
    assert "window[data.map]" in edit_script and 'getElementById("mapper-edit")' in edit_script
    # the page script runs after the markers exist
    assert html.index("L.marker(") < html.index('id="mapper-data"') < html.index("window[place.layer]")


def test_geojson_is_a_feature_collection_in_lon_lat_order() -> None:
    result = make_result()
    collection = places_geojson(result)
    assert collection["type"] == "FeatureCollection"
    assert json.loads(json.dumps(collection)) == collection
    features = {f["id"]: f for f in collection["features"]}
    assert len(collection["features"]) == 3 == len(features)
    aleppo = features["gn170063"]
    assert aleppo["type"] == "Feature"
    assert aleppo["geometry"] == {"type": "Point", "coordinates": [37.16117, 36.20124]}
    props = aleppo["properties"]
    assert props["name"] == "Aleppo" and props["geonameid"] == 170063
    assert props["country"] == "SY" and props["feature_code"] == "PPLA"
    assert props["confidence"] == 0.93 and props["mention_count"] == 3
    assert [m["paragraph_id"] for m in props["mentions"]] == ["p1", "p2", "p3"]
    first = props["mentions"][0]
    assert result.article.text[first["start"] : first["end"]] == first["text"] == "Aleppo"
    assert features["gn169388"]["properties"]["confidence"] == 0.35
    total = sum(f["properties"]["mention_count"] for f in collection["features"])
    assert total == len(result.resolutions) - len(result.unresolved)


def test_csv_has_one_row_per_mention_including_unresolved() -> None:
    result = make_result()
    rows = list(csv.DictReader(io.StringIO(mentions_csv(result))))
    assert len(rows) == len(result.resolutions) == 7
    assert " ".join(rows[0]) == (
        "article_id paragraph_id start end mention label place_name "
        "geonameid lat lon feature_code country_code confidence pinned"
    )
    assert [r["mention"] for r in rows] == [m[1] for m in MENTIONS]
    aleppo = rows[0]
    assert aleppo["place_name"] == "Aleppo" and aleppo["geonameid"] == "170063"
    assert (float(aleppo["lat"]), float(aleppo["lon"])) == (36.20124, 37.16117)
    assert int(aleppo["start"]) == result.resolutions[0].mention.start
    kafr = rows[5]
    assert kafr["mention"] == "Kafr Nabl" and kafr["paragraph_id"] == "p3"
    assert kafr["place_name"] == kafr["geonameid"] == kafr["lat"] == kafr["country_code"] == ""


def test_csv_neutralizes_formula_cells_but_not_negative_numbers() -> None:
    evil = Place("gn1", "=HYPERLINK(\"http://x\")", -12.04318, -77.02824, 1, "P", "PPL", "PE")
    result = make_result(
        paragraphs=("Seen in =cmd and +Lima and -Lima and @Lima today.",),
        mentions=(
            (0, "=cmd", evil, 0.9),
            (0, "+Lima", LIMA, 0.9),
            (0, "-Lima", LIMA, 0.9),
            (0, "@Lima", None, 0.0),
        ),
        article_id="=1+1",
    )
    rows = list(csv.DictReader(io.StringIO(mentions_csv(result))))
    assert [r["mention"] for r in rows] == ["'=cmd", "'+Lima", "'-Lima", "'@Lima"]
    assert rows[0]["place_name"] == "'=HYPERLINK(\"http://x\")"
    assert all(r["article_id"] == "'=1+1" for r in rows)
    assert rows[1]["lat"] == "-12.04318" and rows[1]["lon"] == "-77.02824"  # numbers stay numbers


def test_html_is_byte_identical_across_renders_and_has_no_random_ids() -> None:
    first = render_map_html(make_result())
    second = render_map_html(make_result())
    assert first == second
    assert not re.search(r"[0-9a-f]{32}", first)
    assert "map_mapper" in first and "place_marker_gn170063" in first


def test_hostile_text_is_shown_as_text_and_never_runs() -> None:
    paragraphs = (
        f"Shelling near Aleppo. {HOSTILE} Residents of Damascus fled.",
        "Nothing to see in Aleppo.",
    )
    mentions = ((0, "Aleppo", ALEPPO, 0.9), (0, "Damascus", DAMASCUS, 0.9), (1, "Aleppo", ALEPPO, 0.9))
    hostile_place = Place("gn9", HOSTILE, 1.0, 2.0, 9, "P", "PPL", "XX")
    mentions += ((0, "fled", hostile_place, 0.9),)
    html = render_map_html(make_result(paragraphs, mentions, title=HOSTILE))
    harmless = tuple(p.replace(HOSTILE, "x") for p in paragraphs)
    benign = render_map_html(make_result(harmless, mentions, title="x"))
    page = Page(html)

    assert page.text_of["p1"] == paragraphs[0]  # shown as literal text
    assert "<script>alert" not in html and "<img" not in html
    assert not [a for _, a in page.elements if any(name.startswith("on") for name in a)]
    assert not page.find("img")
    # the only scripts are the page's own: the same as for harmless text
    assert [attrs for attrs, _ in page.scripts] == [attrs for attrs, _ in Page(benign).scripts]
    data_ids = ("mapper-data", "mapper-edit")
    assert all("alert(1)" not in text for attrs, text in page.scripts if attrs.get("id") not in data_ids)

    data_scripts = [text for attrs, text in page.scripts if attrs.get("id") in data_ids]
    assert len(data_scripts) == 2
    assert not any(c in text for text in data_scripts for c in "<>&")
    places = page_data(html)["places"]
    for place in places.values():
        for fragment in (place["popup"], place["tooltip"]):
            popup = Page(fragment)
            assert not popup.scripts and not popup.find("img")
            assert not [a for _, a in popup.elements if any(name.startswith("on") for name in a)]
    assert HOSTILE in _text(places["gn170063"]["popup"])  # in the excerpt around Aleppo
    assert HOSTILE in _text(places["gn9"]["popup"]) and HOSTILE in _text(places["gn9"]["tooltip"])
    assert f"<title>{escape(HOSTILE)} · map</title>" in html
    assert f"<h1>{escape(HOSTILE)}</h1>" in html


def test_script_json_cannot_close_its_script_element() -> None:
    value = {"popup": "</script><!-- <b>&amp;</b>", "text": "line\u2028break\u2029end"}
    encoded = script_json(value)
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == value


def _text(fragment: str) -> str:
    """The text a browser shows for an HTML fragment."""
    parts: list[str] = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append  # type: ignore[method-assign]
    parser.feed(fragment)
    parser.close()
    return "".join(parts)


def test_unsafe_urls_are_not_linked() -> None:
    result = make_result()
    bad = MapResult(
        Article("a1", "t", result.article.text, result.article.paragraphs, url="javascript:alert(1)"),
        result.resolutions,
    )
    assert "javascript:" not in render_map_html(bad)
    assert 'href="https://news.example/aleppo"' in render_map_html(result)


def test_write_outputs_writes_every_file(tmp_path: Path) -> None:
    result = make_result()
    paths = write_outputs(result, tmp_path / "out")
    names = [
        "map.html", "embed.html", "embed-snippet.html", "oembed.json", "places.geojson", "mentions.csv", "map.png",
    ]
    assert [p.name for p in paths] == names
    assert all(p.parent == tmp_path / "out" and p.is_file() for p in paths)
    html, _, _, _, geojson, table, _ = paths
    assert html.read_text(encoding="utf-8") == render_map_html(result)
    assert json.loads(geojson.read_text(encoding="utf-8")) == places_geojson(result)
    assert table.read_bytes().decode("utf-8") == mentions_csv(result)
    assert (tmp_path / "out" / "assets" / "leaflet.js").is_file()
    assert not list((tmp_path / "out").rglob(".*.tmp"))


def test_the_same_input_gives_byte_identical_files(tmp_path: Path) -> None:
    """Maps can be diffed and cached: no random ids, no timestamps, in any output."""
    for run in ("one", "two"):
        write_outputs(make_result(), tmp_path / run)
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    for f in files:
        assert (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes(), f


@pytest.mark.parametrize("key", ["gn170063", "osm:node/42"])
def test_js_names_are_stable_and_valid_for_any_place_key(key: str) -> None:
    place = Place(key, "Aleppo", 36.2, 37.16, None, "P", "PPLA", "SY")
    html = render_map_html(make_result(mentions=((0, "Aleppo", place, 0.9),)))
    layer = page_data(html)["places"][key]["layer"]
    assert re.fullmatch(r"place_marker_[A-Za-z0-9_]+", layer)
    assert f"var {layer} = L.marker(" in html
    assert f'data-place="{key}"' in html


def test_confident_leaves_low_resolutions_unplaced_and_keeps_their_mentions() -> None:
    result = make_result()
    confident = result.confident(0.5)
    assert [g.place.key for g in confident.places()] == ["gn170063", "gn170654"]  # Idlib (0.35) is gone
    assert [r.mention.text for r in confident.unresolved] == ["Idlib", "Kafr Nabl"]
    idlib = confident.resolutions[3]
    assert idlib.mention == result.resolutions[3].mention and idlib.confidence == 0.35
    assert result.resolutions[3].place == IDLIB  # the original is untouched
    assert result.confident(0.0) == result == result.confident(0.35)  # "below" is strict

    assert [f["id"] for f in places_geojson(confident)["features"]] == ["gn170063", "gn170654"]
    rows = list(csv.DictReader(io.StringIO(mentions_csv(confident))))
    assert rows[3]["mention"] == "Idlib" and rows[3]["lat"] == "" and rows[3]["confidence"] == "0.35"
    html = render_map_html(confident)
    assert (
        '<span class="mention unresolved" title="Not placed on the map: too uncertain to place (35% sure)">'
        "Idlib</span>"
    ) in html
    assert html.count("L.marker(") == 2 and "gn169388" not in html
    assert "5 of 7 mentions placed" in html


def test_legend_explains_marker_styles_only_when_a_place_is_uncertain() -> None:
    result = make_result()
    html = render_map_html(result)
    (legend,) = Page(html).find("ul", **{"class": "map-legend"})
    assert legend["aria-label"] == "Map legend"
    section = html[html.index('<section class="mapper-map"') : html.index("</section>")]
    items = [_text(item) for item in re.findall(r"<li>(.*?)</li>", section)]
    assert items == ["solid: confident", "dashed: uncertain (confidence < 50%)"]
    for quiet in (result.confident(0.5), make_result(mentions=())):  # no uncertain place on the map
        assert not Page(render_map_html(quiet)).find("ul", **{"class": "map-legend"})


def test_places_are_numbered_in_order_of_first_mention():
    from mapper.render.numbering import place_numbers

    result = make_result()
    numbers = place_numbers(result)
    firsts = sorted((min(r.mention.start for r in g.resolutions), g.place.key) for g in result.places())
    assert [numbers[key] for _, key in firsts] == list(range(1, len(firsts) + 1))


def with_runners_up(result: MapResult, index: int, *runners_up: Candidate) -> MapResult:
    resolutions = list(result.resolutions)
    resolutions[index] = replace(resolutions[index], runners_up=runners_up)
    return replace(result, resolutions=tuple(resolutions))


IDLIB_REGION = Place("gn169389", "Idlib Governorate", 35.8, 36.6, 169389, "A", "ADM1", "SY", "Idlib")
SPRINGFIELD = Place("gn4409896", "Springfield", 37.2, -93.3, 4409896, "P", "PPLA2", "US", "Missouri")


def test_an_uncertain_place_names_the_runners_up() -> None:
    result = with_runners_up(
        make_result(), 3, Candidate(ALEPPO, 0.32), Candidate(SPRINGFIELD, 0.2),
        Candidate(IDLIB_REGION, 0.05), Candidate(LIMA, 0.01),
    )
    html = render_map_html(result)
    popup = page_data(html)["places"]["gn169388"]["popup"]
    assert "Uncertain placement" in _text(popup)
    assert Page(popup).find("p", **{"class": "popup-alternatives"})
    assert (  # the best three
        "Could also be: Aleppo, Syria (32%); Springfield, Missouri, United States (20%); "
        "Idlib Governorate, Idlib, Syria (5%)"
    ) in _text(popup)
    assert "Lima" not in popup
    (idlib,) = [a for a in Page(html).find("a") if a.get("data-place") == "gn169388"]
    assert idlib["title"] == (
        "Idlib, Syria · uncertain placement (35%); could also be Aleppo, Syria, "
        "Springfield, Missouri, United States, Idlib Governorate, Idlib, Syria"
    )
    # a sure place says nothing of its runners-up
    sure = with_runners_up(make_result(), 0, Candidate(IDLIB, 0.02))
    assert "Could also be" not in page_data(render_map_html(sure))["places"]["gn170063"]["popup"]


def test_an_uncertain_place_without_runners_up_still_says_it_is_uncertain() -> None:
    popup = page_data(render_map_html(make_result()))["places"]["gn169388"]["popup"]
    assert "Uncertain placement" in popup and "Could also be" not in popup
    assert "uncertain" in page_data(render_map_html(make_result()))["places"]["gn169388"]["tooltip"]


def test_the_header_keys_the_text_and_says_why_mentions_are_not_placed() -> None:
    result = make_result()
    html = render_map_html(result)
    header = html[html.index('<header class="article-header">') : html.index("</header>")]
    key = re.search(r'<ul class="article-key".*?</ul>', header)[0]
    assert [_text(item).strip() for item in re.findall(r"<li>(.*?)</li>", key)] == [
        "Place on the map", "Place uncertain", "Place not placed",
    ]
    details = re.search(r'<details class="not-placed">.*?</details>', header)[0]
    assert _text(details) == "Why 1 mention is not on the map¶ 3 Kafr Nabl: not found in the place-name database"
    assert 'href="#p3" data-paragraph="p3"' in details

    confident = render_map_html(result.confident(0.5))
    assert "Why 2 mentions are not on the map" in confident
    assert "Idlib</strong>: too uncertain to place (35% sure)" in confident
    assert "Place uncertain" not in _text(confident)  # nothing uncertain is left on the map

    clear = render_map_html(make_result(mentions=MENTIONS[:3]))  # all sure, all placed
    assert 'class="article-key"' not in clear and 'class="not-placed"' not in clear


def test_runners_up_and_place_names_are_escaped_everywhere() -> None:
    hostile = Place("gn9", HOSTILE, 1.0, 2.0, 9, "P", "PPL", "XX", HOSTILE)
    result = with_runners_up(make_result(), 3, Candidate(hostile, 0.3))
    html = render_map_html(result)
    page = Page(html)
    assert not page.find("img") and "<script>alert" not in html
    (idlib,) = [a for a in page.find("a") if a.get("data-place") == "gn169388"]
    assert HOSTILE in idlib["title"]
    popup = page_data(html)["places"]["gn169388"]["popup"]
    assert not Page(popup).find("img") and not Page(popup).scripts
    assert f"Could also be: {HOSTILE}, XX (30%)" in _text(popup)
