"""Many articles on one map: OUTDIR/index.html, a layer per article and a reading panel.

The browser tests open the page from file:// in headless Chromium, with its assets written beside
it by write_combined and tiles answered with a blank image, so no request leaves the machine.
"""

from __future__ import annotations

import math
import random
from html import escape
from pathlib import Path

import pytest

from mapper.slugs import slug
from mapper.model import MapResult, Place
from mapper.render import write_outputs
from mapper.render.combined import (
    CLUSTER_ABOVE, EXCERPT_WIDTH, FILTER_FROM, INDEX, render_combined_html, write_combined,
)
from mapper.render.offline import SHARED as ASSETS
from mapper.render.popups import excerpt
from mapper.render.styles import DISTINCT, OTHER, OUTLINES, PALETTE, SHAPES, article_style, contrast
from tests.accessibility import axe_violations
from tests.cli_runner import run_mapper
from tests.test_browser import WEB
from tests.test_browser import Page as ReadingPage
from tests.test_naming import COLOGNE
from tests.test_offline import Resources
from tests.test_render import ALEPPO, DAMASCUS, HOSTILE, IDLIB, LIMA, Page, make_result, page_data

FOLDERS = ["missile-workshop", "floods-in-lima", "aleppo-markets"]
HREFS = [f"{folder}/map.html" for folder in FOLDERS]


def three() -> list[MapResult]:
    """Aleppo, Damascus, Idlib; Lima and Damascus; Aleppo, Damascus, Idlib again."""
    lima = make_result(
        paragraphs=("Flooding in Lima forced thousands from their homes, officials in Lima said.",
                    "Aid from Damascus was promised, though Damascus is far away."),
        mentions=((0, "Lima", LIMA, 0.9), (0, "Lima", LIMA, 0.9), (1, "Damascus", DAMASCUS, 0.8),
                  (1, "Damascus", DAMASCUS, 0.8)),
        title="Floods in Lima displace thousands", article_id="b2",
    )
    return [make_result(), lima, make_result(title="Aleppo markets reopen", article_id="c3")]


def synthetic(articles: int, places: int, pool: int, seed: int = 5,
              area: tuple[float, float, float, float] = (-45, 65, -120, 150)) -> list[MapResult]:
    """`articles` articles of `places` places each, drawn from `pool` made-up towns (so some are
    shared) scattered over area (south, north, west, east), each named in a paragraph of its own."""
    south, north, west, east = area
    rng = random.Random(seed)
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    names = {"".join(rng.choice(syllables) for _ in range(3)).capitalize() for _ in range(pool * 2)}
    towns = [
        Place(f"t{n}", name, round(rng.uniform(south, north), 4), round(rng.uniform(west, east), 4))
        for n, name in enumerate(sorted(names)[:pool])
    ]
    results = []
    for a in range(articles):
        chosen = rng.sample(towns, places)
        paragraphs = tuple(f"Roads into {t.name} were closed, officials in {t.name} said." for t in chosen)
        mentions = tuple((i, t.name, t, 0.9 if i % 7 else 0.4) for i, t in enumerate(chosen) for _ in range(2))
        results.append(make_result(paragraphs, mentions, f"Storm report {a + 1}", f"storm-{a + 1}"))
    return results


def combined_data(html: str) -> dict:
    return page_data(html, "combined-data")


def test_a_layer_per_article_and_a_shared_place_in_each() -> None:
    results = three()
    data = combined_data(render_combined_html(results, HREFS))
    assert [a["id"] for a in data["articles"]] == FOLDERS
    assert [a["href"] for a in data["articles"]] == HREFS
    assert [(a["colour"], a["shape"]) for a in data["articles"]] == [(c, "circle") for c in PALETTE[:3]]
    layers: dict[int, list[str]] = {}
    for marker in data["markers"]:
        layers.setdefault(marker[0], []).append(marker[11])
    assert layers == {
        0: ["gn170063", "gn170654", "gn169388"],
        1: ["gn3936456", "gn170654"],
        2: ["gn170063", "gn170654", "gn169388"],
    }
    damascus = {m[0]: m for m in data["markers"] if m[11] == "gn170654"}
    assert damascus[0][4] > damascus[1][4] > damascus[2][4]  # rings, the first article's outermost
    assert not data["clustered"]


def test_popup_data_has_numbers_excerpts_and_confidence() -> None:
    data = combined_data(render_combined_html(three(), HREFS))
    aleppo = next(m for m in data["markers"] if m[0] == 0 and m[11] == "gn170063")
    _, lat, lon, number, _, low, name, where, confidence, excerpts, more, _ = aleppo
    assert (lat, lon, number, low, name, where, confidence) == (36.20124, 37.16117, 1, 0, "Aleppo", "Syria", 93)
    assert [e[:2] for e in excerpts] == [["p1", 1], ["p2", 2], ["p3", 3]] and more == 0
    assert excerpts[0][2:] == [0, 24, 30, 78]  # all of "A missile workshop near Aleppo was hit ..."
    idlib = next(m for m in data["markers"] if m[0] == 0 and m[11] == "gn169388")
    assert idlib[5] == 1  # confidence 0.35: drawn dashed


def test_excerpts_are_cut_where_popups_cut_them() -> None:
    """The page slices the reading panel's copy of the paragraph, counting as JS does (UTF-16)."""
    text = "🚀 " * 40 + "Rockets hit Aleppo on Tuesday, " + "and then " * 30 + "the end."
    result = make_result(paragraphs=(text,), mentions=((0, "Aleppo", ALEPPO, 0.9),))
    html = render_combined_html([result], ["a/map.html"])
    assert Page(html).text_of["p1"] == text  # what the page slices is the paragraph's own text
    units = text.encode("utf-16-le")

    def js(start: int, end: int) -> str:
        return units[2 * start:2 * end].decode("utf-16-le")

    [marker] = combined_data(html)["markers"]
    [[_, _, lo, start, end, hi]] = marker[9]
    before, mention, after = excerpt(result.article.paragraphs[0], result.resolutions[0].mention, EXCERPT_WIDTH)
    assert before.startswith("…") and after.endswith("…")
    assert ("…" if lo > 0 else "") + js(lo, start) == before
    assert js(start, end) == mention == "Aleppo"
    assert js(end, hi) + ("…" if hi < len(units) // 2 else "") == after


def test_28_articles_each_have_a_style_of_their_own_then_share_grey() -> None:
    styles = [article_style(i) for i in range(DISTINCT + 2)]
    assert DISTINCT == len(PALETTE) * len(SHAPES) == 28
    assert len({(s.colour, s.shape) for s in styles[:DISTINCT]}) == DISTINCT
    assert [(s.colour, s.shape) for s in styles[:8]] == [*((c, "circle") for c in PALETTE), (PALETTE[0], "square")]
    assert [s.shape for s in styles[:DISTINCT:len(PALETTE)]] == ["circle", "square", "diamond", "triangle"]
    assert {(s.colour, s.shape) for s in styles[DISTINCT:]} == {(OTHER, "circle")}


def test_a_number_on_any_articles_colour_reads_as_text() -> None:
    """WCAG AA for text (4.5:1), in white or black, whichever reads better, on every colour."""
    assert round(contrast("#FFFFFF", "#000000"), 2) == 21 and round(contrast("#777777", "#FFFFFF"), 2) == 4.48
    assert contrast("#fff", "#777") == contrast("#FFFFFF", "#777777")
    for style in map(article_style, range(DISTINCT + 1)):
        assert contrast(style.colour, style.ink) >= 4.5, style
    assert {article_style(i).ink for i in range(len(PALETTE))} == {"#FFFFFF", "#000000"}


def test_every_shape_weighs_as_much_as_the_circle() -> None:
    """Each outline has the area of the unit circle and is centred on the place (y down)."""
    for shape, corners in OUTLINES.items():
        pairs = list(zip(corners, corners[1:] + corners[:1]))
        area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs) / 2
        assert area == pytest.approx(math.pi, rel=1e-3), shape
        assert sum(x for x, _ in corners) == pytest.approx(0, abs=1e-3)
        assert sum(y for _, y in corners) == pytest.approx(0, abs=1e-3)
    assert set(OUTLINES) == set(SHAPES) - {"circle"}
    assert min(y for _, y in OUTLINES["triangle"]) < 0  # pointing up


def test_the_list_is_the_legend_in_each_articles_shape() -> None:
    results = synthetic(DISTINCT + 1, 1, 40)
    html = render_combined_html(results, [f"s{i}/map.html" for i in range(len(results))])
    items = html.split('<li class="combined-item"')[1:]
    assert len(items) == DISTINCT + 1
    for i, item in enumerate(items):
        style = article_style(i)
        assert f"--colour: {style.colour}" in item
        assert ("<circle" in item) == (style.shape == "circle") and ("<polygon" in item) != (style.shape == "circle")
    assert f"The first {DISTINCT} have a colour and shape each, the rest share grey" in html
    fewer = render_combined_html(results[:DISTINCT], [f"s{i}/map.html" for i in range(DISTINCT)])
    assert "share grey" not in fewer


def test_markers_name_places_as_the_article_writes_them() -> None:
    cologne = make_result(paragraphs=("Barges waited at Cologne as the Rhine fell.",),
                          mentions=((0, "Cologne", COLOGNE, 0.9),), title="Rhine drought")
    data = combined_data(render_combined_html([cologne, make_result()], ["a/map.html", "b/map.html"]))
    [marker] = [m for m in data["markers"] if m[0] == 0]
    assert marker[6] == "Cologne" and marker[7].startswith("Köln") and marker[7].endswith("Germany")


def test_a_search_box_over_a_list_long_enough_to_need_one() -> None:
    def filters(n: int) -> bool:
        html = render_combined_html(synthetic(n, 2, 20), [f"s{i}/map.html" for i in range(n)])
        return 'id="combined-filter"' in html

    assert (filters(FILTER_FROM - 1), filters(FILTER_FROM)) == (False, True)


def test_many_markers_cluster() -> None:
    small = combined_data(render_combined_html(synthetic(1, CLUSTER_ABOVE, 60), ["a/map.html"]))
    large = combined_data(render_combined_html(synthetic(1, CLUSTER_ABOVE + 1, 60), ["a/map.html"]))
    assert (small["clustered"], large["clustered"]) == (False, True)


def test_written_where_no_article_folder_can_be(tmp_path: Path) -> None:
    results = three()
    path = write_combined(results, tmp_path, FOLDERS)
    assert path == tmp_path / INDEX
    assert all(slug(name) != name for name in (INDEX, ASSETS))  # slug() never makes these names
    assert sorted(p.name for p in tmp_path.iterdir()) == [ASSETS, INDEX]
    html = path.read_text(encoding="utf-8")
    sources = [a.get("src") or a.get("href") for t, a in Page(html).elements if t in ("script", "link")]
    local = [s for s in sources if s]
    assert local and all(s.startswith(f"{ASSETS}/") and (tmp_path / s).is_file() for s in local)
    assert f"{ASSETS}/leaflet.markercluster.js" in local
    assert "//" not in "".join(local)  # no CDN


def test_self_contained_writes_only_the_page(tmp_path: Path) -> None:
    path = write_combined(three(), tmp_path, FOLDERS, self_contained=True)
    assert [p.name for p in tmp_path.iterdir()] == [INDEX]
    html = path.read_text(encoding="utf-8")
    assert "L.MarkerClusterGroup" in html and not [a for t, a in Page(html).elements if a.get("src")]


def test_hostile_titles_and_text_are_escaped() -> None:
    hostile = make_result(
        paragraphs=(f"Shelling hit Aleppo {HOSTILE} today.", "Damascus said </template></script> nothing."),
        mentions=((0, "Aleppo", ALEPPO, 0.9), (1, "Damascus", DAMASCUS, 0.9)),
        title=HOSTILE,
    )
    html = render_combined_html([hostile, make_result()], ["x/map.html", "y/map.html"])
    page = Page(html)
    assert not page.find("img")  # no element was made from the text
    for attrs, text in page.scripts:
        assert attrs.get("src") or attrs.get("id") in ("combined-data", "mapper-basemap") \
            or text.lstrip().startswith("// mapper combined map")
    assert combined_data(html)["articles"][0]["title"] == HOSTILE
    assert "<" not in html.split('id="combined-data">', 1)[1].split("</script>", 1)[0]
    assert html.count("<template") == html.count("</template>") == 2
    assert html.count(escape(HOSTILE)) >= 4  # the list, the switcher, the article's heading and text


def test_deterministic() -> None:
    results = synthetic(3, 30, 60)
    hrefs = [f"s{i}/map.html" for i in range(3)]
    assert render_combined_html(results, hrefs) == render_combined_html(results, hrefs)


def test_mapper_map_with_two_articles_writes_the_combined_map(tmp_path: Path) -> None:
    """Articles named like the combined page and its assets folder still get folders of their
    own, and their pages load the run's one _assets/."""
    (tmp_path / "index.txt").write_text("Floods in Lima\n\nRain flooded Lima, the capital of Peru.\n")
    (tmp_path / "_assets.md").write_text("# Strikes\n\nShelling hit Aleppo and Homs in Syria.\n")
    out = tmp_path / "out"
    inputs = [tmp_path / "index.txt", tmp_path / "_assets.md"]
    done = run_mapper("map", *inputs, "-o", out)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        ".mapper-run.lock", ASSETS, "assets", "index", INDEX, "manifest.sqlite", "mentions.parquet", "places.geojson"]
    assert done.stderr.splitlines()[-1].endswith(f"; {out / INDEX}")
    data = combined_data((out / INDEX).read_text(encoding="utf-8"))
    assert [a["href"] for a in data["articles"]] == ["index/map.html", "assets/map.html"]
    assert all((out / a["href"]).is_file() for a in data["articles"])
    for folder in ("index", "assets"):
        assert sorted(p.name for p in (out / folder).iterdir()) == [
            "embed-snippet.html", "embed.html", "map.html", "map.png", "mentions.csv", "oembed.json", "places.geojson",
        ]
        assert_loads_only_the_shared_assets(out / folder)


OWN_FILES = ("map.png", "oembed.json")  # an article's own, beside its pages


def assert_loads_only_the_shared_assets(folder: Path) -> None:
    """The folder's pages load every asset from ../_assets/, and each is there (besides the
    article's own map.png and oembed.json)."""
    for page in ("map.html", "embed.html"):
        urls = Resources((folder / page).read_text(encoding="utf-8")).urls
        assets = [url for url in urls if url not in OWN_FILES]
        assert assets and all(url.startswith(f"../{ASSETS}/") for url in assets), urls
        assert all((folder / url).is_file() for url in urls)


def test_a_runs_article_folders_share_one_assets_folder(tmp_path: Path) -> None:
    results = three()
    for result, folder in zip(results, FOLDERS):
        write_outputs(result, tmp_path / folder, shared_assets=True)
    write_combined(results, tmp_path, FOLDERS)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([ASSETS, INDEX, *FOLDERS])
    for folder in FOLDERS:
        assert not (tmp_path / folder / "assets").exists()
        assert_loads_only_the_shared_assets(tmp_path / folder)
    index = Resources((tmp_path / INDEX).read_text(encoding="utf-8")).urls
    assert all(url.startswith(f"{ASSETS}/") and (tmp_path / url).is_file() for url in index)


def test_shared_assets_are_written_once_and_mended_when_changed(tmp_path: Path) -> None:
    write_outputs(make_result(), tmp_path / "a", shared_assets=True)
    leaflet = tmp_path / ASSETS / "leaflet.js"
    written = leaflet.stat()
    write_outputs(make_result(), tmp_path / "b", shared_assets=True)
    assert (leaflet.stat().st_ino, leaflet.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    good = leaflet.read_bytes()
    leaflet.write_text("// not Leaflet")
    write_outputs(make_result(), tmp_path / "c", shared_assets=True)
    assert leaflet.read_bytes() == good


# Browser -------------------------------------------------------------------------------------

class Browse:
    """index.html in a page that records console errors and dialogs and answers tiles with a blank."""

    def __init__(self, browser, path: Path, hash_: str = "", viewport: tuple[int, int] = (1280, 800),
                 reduced_motion: bool = False):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]},
                                     reduced_motion="reduce" if reduced_motion else "no-preference")
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route(WEB, ReadingPage._answer)
        self.page.goto(path.as_uri() + hash_)
        self.page.wait_for_function("window.mapperCombined")

    def count(self, layer: int) -> int:
        return self.page.locator(f"path.combined-layer-{layer}").count()

    def counts(self) -> list[int]:
        return [self.count(i) for i in range(self.page.locator(".combined-item").count())]

    def shown(self) -> list[str]:
        """The titles the list shows."""
        return self.page.locator(".combined-item:visible .combined-title").all_inner_texts()


def write_run(results: list[MapResult], folder: Path, names: list[str], png: bool = True) -> Path:
    """What `mapper map` writes for these articles: their folders, sharing _assets/, and index.html
    (with each article's map.png unless png is False: index.html never shows it)."""
    for result, name in zip(results, names):
        write_outputs(result, folder / name, shared_assets=True, png=png)
    return write_combined(results, folder, names)


# The runs the browser tests read, written once for them all: none of them writes there.
@pytest.fixture(scope="module")
def three_maps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_run(three(), tmp_path_factory.mktemp("three"), FOLDERS)


def nine() -> tuple[list[MapResult], list[str]]:
    """three(), and six one-line stories: enough for the search box and for squares after circles."""
    def story(title: str, sentence: str, name: str, place: Place) -> MapResult:
        return make_result(paragraphs=(sentence,), mentions=((0, name, place, 0.9),), title=title, article_id=title)

    more = [
        story("Rhine barges wait for rain", "Barges waited at Köln as the river fell.", "Köln", COLOGNE),
        story("Markets reopen after the floods", "Traders in Lima reopened their stalls.", "Lima", LIMA),
        story("Talks resume", "Envoys met in Damascus on Monday.", "Damascus", DAMASCUS),
        story("Shelling overnight", "Shelling hit Idlib overnight.", "Idlib", IDLIB),
        story("Aid reaches the north", "Convoys reached Aleppo at dawn.", "Aleppo", ALEPPO),
        story("Cologne cathedral reopens", "The cathedral in Cologne reopened.", "Cologne", COLOGNE),
    ]
    return [*three(), *more], [*FOLDERS, "rhine", "markets", "talks", "shelling", "aid", "cathedral"]


@pytest.fixture(scope="module")
def nine_maps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_run(*nine()[:1], tmp_path_factory.mktemp("nine"), nine()[1], png=False)  # index.html alone is opened


def test_layers_toggle_from_the_list(browser, three_maps):
    view = Browse(browser, three_maps)
    page = view.page
    assert [view.count(i) for i in range(3)] == [3, 2, 3]
    assert page.locator(".combined-item").all_inner_texts() == [
        "Missile workshop near Aleppo destroyed\n3 places", "Floods in Lima displace thousands\n2 places",
        "Aleppo markets reopen\n3 places",
    ]
    page.locator("#combined-show-1").uncheck()
    assert [view.count(i) for i in range(3)] == [3, 0, 3]
    page.locator("#combined-show-1").check()
    assert [view.count(i) for i in range(3)] == [3, 2, 3]
    fills = page.eval_on_selector_all("path.combined-layer-1", "ps => ps.map(p => p.getAttribute('fill'))")
    assert fills == [PALETTE[1]] * 2
    assert view.errors == [] and view.dialogs == []


def test_the_reading_panel_switches_article_and_mentions_open_markers(browser, three_maps):
    view = Browse(browser, three_maps)
    page = view.page
    page.locator(".combined-open", has_text="Missile workshop").click()
    page.wait_for_function("location.hash === '#article=missile-workshop'")
    page.locator(".combined-article h1", has_text="Missile workshop near Aleppo destroyed").wait_for()  # on hashchange
    assert [view.count(i) for i in range(3)] == [3, 0, 0]  # the map shows the article being read
    assert page.locator(".combined-own-map").get_attribute("href") == "missile-workshop/map.html"

    page.locator(".combined-article a.mention[data-place='gn170654']").first.click()  # Damascus
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Damascus" in popup.locator(".popup-title").inner_text()
    assert popup.locator(".combined-popup-source").inner_text() == "Missile workshop near Aleppo destroyed"
    assert popup.locator("a").first.get_attribute("href") == "missile-workshop/map.html#p1"
    assert page.locator(".combined-article .mention.is-active").count() == 2
    assert page.evaluate("location.hash") == "#article=missile-workshop"

    page.locator(".combined-switch").select_option("floods-in-lima")
    page.wait_for_function("location.hash === '#article=floods-in-lima'")
    page.locator(".combined-article h1", has_text="Floods in Lima displace thousands").wait_for()
    assert [view.count(i) for i in range(3)] == [0, 2, 0]
    page.locator(".combined-article a.mention[data-place='gn3936456']").first.click()  # Lima
    page.locator(".leaflet-popup-content .popup-title", has_text="Lima").wait_for()

    page.go_back()  # to the first article, then to the list
    page.wait_for_function("location.hash === '#article=missile-workshop'")
    page.locator(".combined-article h1", has_text="Missile workshop near Aleppo destroyed").wait_for()  # on hashchange
    page.locator(".combined-back").click()
    assert page.locator(".combined-list").is_visible() and not page.locator(".combined-reader").is_visible()
    assert [view.count(i) for i in range(3)] == [3, 2, 3]
    assert view.errors == [] and view.dialogs == []


def test_a_deep_link_opens_its_article_and_popups_lead_to_it(browser, three_maps):
    view = Browse(browser, three_maps, "#article=aleppo-markets")
    page = view.page
    assert page.locator(".combined-article h1").inner_text() == "Aleppo markets reopen"
    assert page.locator(".combined-switch").input_value() == "aleppo-markets"
    page.locator(".combined-back").click()
    page.evaluate("void window.mapperCombined.layers[1][0].openPopup()")  # Lima, from the list view
    # Lima is off screen: the popup pans the map. A click while it pans can miss, and Playwright's
    # retry then scrolls the map's container, which Leaflet scrolls back between mousedown and
    # mouseup: the click lands beside the button.
    page.wait_for_function("!document.querySelector('.leaflet-pan-anim, .leaflet-zoom-anim')")
    page.locator(".leaflet-popup-content button.combined-read", has_text="Read this story here").click()
    page.wait_for_function("location.hash === '#article=floods-in-lima'")
    page.locator(".combined-article h1", has_text="Floods in Lima displace thousands").wait_for()
    own = page.locator(".combined-own-map").get_attribute("href")
    assert (three_maps.parent / own).is_file()
    assert view.errors == []


def test_on_a_phone_the_map_sits_above_the_list(browser, three_maps):
    view = Browse(browser, three_maps, viewport=(390, 844))
    page = view.page
    map_box = page.locator("#combined-map").bounding_box()
    header = page.locator(".combined-header").bounding_box()
    assert map_box["y"] == 0 and 340 <= map_box["height"] <= 460 and map_box["width"] == 390
    assert header["y"] >= map_box["height"]
    assert [view.count(i) for i in range(3)] == [3, 2, 3]
    assert view.errors == []


def test_a_hostile_article_runs_nothing(browser, tmp_path):
    hostile = make_result(
        paragraphs=(f"Shelling hit Aleppo {HOSTILE} today.", "Damascus said </template></script> nothing."),
        mentions=((0, "Aleppo", ALEPPO, 0.9), (1, "Damascus", DAMASCUS, 0.3)),
        title='<img src=x onerror="window.__pwned = 1; alert(4)">Title',
    )
    path = write_combined([hostile, make_result()], tmp_path, ["hostile", "plain"])
    view = Browse(browser, path, "#article=hostile")
    page = view.page
    assert page.locator(".combined-article h1").inner_text() == hostile.article.title
    assert HOSTILE.strip() in page.locator(".combined-article").inner_text()
    page.locator(".combined-article a.mention[data-place='gn170654']").first.click()
    page.locator(".leaflet-popup-content .popup-title", has_text="Damascus").wait_for()
    page.locator(".combined-article a.mention[data-place='gn170063']").first.click()
    page.locator(".leaflet-popup-content .popup-title", has_text="Aleppo").wait_for()
    popup = page.locator(".leaflet-popup-content", has_text="Aleppo").inner_text()
    assert "Aleppo <script>alert(1)</script>" in popup
    page.locator(".combined-back").click()
    page.locator(".combined-item").first.hover()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src=x]").count() == 0
    assert view.dialogs == [] and view.errors == []


def test_a_thousand_places_cluster(browser, tmp_path):
    # In one part of the world: the basemap's detail cells written beside index.html are those
    # near the places, and the world over they took half a minute to cut (nothing here tests them).
    results = synthetic(20, 50, 800, area=(44, 54, 2, 22))
    path = write_combined(results, tmp_path, [f"storm-{i + 1}" for i in range(20)])
    size = path.stat().st_size
    view = Browse(browser, path)
    page = view.page
    page.locator(".combined-cluster").first.wait_for()
    ready = page.evaluate("window.mapperCombined.ready")
    assert page.evaluate("window.mapperCombined.group.getLayers().length") == 1000
    assert page.locator(".combined-cluster").count() > 5
    page.locator("#combined-show-0").uncheck()
    assert page.evaluate("window.mapperCombined.group.getLayers().length") == 950
    page.locator(".combined-open", has_text="Storm report 3").click()  # the view follows on hashchange, later
    page.wait_for_function("window.mapperCombined.group.getLayers().length === 50")
    mention = page.locator(".combined-article a.mention").nth(6)
    name = mention.inner_text()
    mention.click()  # its marker may be in a cluster: the map zooms until it is not
    page.locator(".leaflet-popup-content .popup-title", has_text=name).wait_for()
    assert view.errors == []
    html = path.read_text(encoding="utf-8")
    data = len(html.split('id="combined-data">', 1)[1].split("</script>", 1)[0].encode("utf-8"))
    print(f"\n1,000 places in 20 articles: index.html {size / 1024:.0f} KiB, of which map data "
          f"{data / 1024:.0f} KiB; interactive at {ready:.0f} ms")
    assert data < 160 * 1000  # bytes per place, popups included: the rest is the articles' own text


def test_the_search_box_filters_the_list_and_the_map(browser, nine_maps):
    view = Browse(browser, nine_maps)
    page = view.page
    search, status = page.locator("#combined-filter"), page.locator("#combined-matches")
    everything = view.counts()
    assert everything == [3, 2, 3, 1, 1, 1, 1, 1, 1] and status.inner_text() == ""
    search.fill("lima")
    assert view.shown() == ["Floods in Lima displace thousands", "Markets reopen after the floods"]
    assert status.inner_text() == "2 of 9 stories"
    assert view.counts() == [0, 2, 0, 0, 1, 0, 0, 0, 0]  # the map shows what the list does
    found = page.locator(".combined-item:visible .combined-found:visible")
    assert found.all_inner_texts() == ["Mentions Lima"]  # the title without the word says where it is
    search.fill("koln")  # accents aside: the article wrote "Köln"
    assert view.shown() == ["Rhine barges wait for rain"]
    search.fill("FLOODS lima")  # every word, in the title or a place's name
    assert view.shown() == ["Floods in Lima displace thousands", "Markets reopen after the floods"]
    search.fill("atlantis")
    assert view.shown() == [] and status.inner_text() == "No story matches “atlantis”"
    assert sum(view.counts()) == 0
    search.press("Escape")
    assert search.input_value() == "" and len(view.shown()) == 9 and view.counts() == everything
    assert view.errors == [] and view.dialogs == []


def test_the_search_box_keeps_the_toggles_and_deep_links(browser, nine_maps):
    view = Browse(browser, nine_maps)
    page = view.page
    search = page.locator("#combined-filter")
    search.fill("lima")
    page.locator("#combined-show-4").uncheck()  # a story the filter found, hidden from the map
    assert view.counts() == [0, 2, 0, 0, 0, 0, 0, 0, 0]
    search.fill("")
    assert view.counts() == [3, 2, 3, 1, 0, 1, 1, 1, 1]  # the others come back; it stays hidden
    search.fill("aid")
    search.press("ArrowDown")  # the keyboard goes on to the story found, and opens it
    assert page.evaluate("document.activeElement.closest('.combined-item').textContent").startswith("Aid reaches")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#article=aid'")
    page.locator(".combined-article h1", has_text="Aid reaches the north").wait_for()
    assert view.counts() == [0, 0, 0, 0, 0, 0, 0, 1, 0]
    page.go_back()
    page.locator(".combined-list").wait_for()
    assert search.input_value() == "aid" and view.shown() == ["Aid reaches the north"]
    assert view.counts() == [0, 0, 0, 0, 0, 0, 0, 1, 0]
    assert view.errors == []


def test_after_seven_articles_the_markers_change_shape(browser, nine_maps):
    view = Browse(browser, nine_maps)
    page = view.page
    paths = page.eval_on_selector_all(
        "path.combined-marker", "ps => ps.map(p => [p.getAttribute('class'), p.getAttribute('d')])"
    )
    for classes, d in paths:
        layer = int(classes.split("combined-layer-")[1].split()[0])
        if layer < len(PALETTE):
            assert "a" in d  # Leaflet draws a circle as two arcs
        else:
            assert "a" not in d and d.count("L") == 3 and d.endswith("z")  # a square's four corners
    keys = page.eval_on_selector_all(".combined-item .combined-key", "ks => ks.map(k => k.firstChild.tagName)")
    assert keys == ["circle"] * 7 + ["polygon"] * 2
    assert view.errors == []


def test_pointing_at_a_story_picks_out_its_places(browser, nine_maps):
    view = Browse(browser, nine_maps)
    page = view.page

    def opacities(layer: int) -> set[float]:
        return set(page.eval_on_selector_all(f"path.combined-layer-{layer}",
                                             "ps => ps.map(p => Number(p.getAttribute('fill-opacity')))"))

    unpicked = [opacities(i) for i in range(9)]
    page.locator(".combined-item").nth(1).hover()
    assert opacities(1) == unpicked[1] and all(max(opacities(i)) < 0.2 for i in (0, 2, 3, 8))
    page.locator(".combined-header").hover()
    assert [opacities(i) for i in range(9)] == unpicked
    page.locator("#combined-show-2").focus()  # the keyboard picks out the same way
    assert opacities(2) == unpicked[2] and max(opacities(1)) < 0.2
    assert view.errors == []


def test_the_skip_link_goes_to_the_map(browser, nine_maps):
    view = Browse(browser, nine_maps)
    page = view.page
    page.keyboard.press("Tab")
    skip = page.locator(".combined-skip")
    assert page.evaluate("document.activeElement.className") == "combined-skip"
    assert skip.bounding_box()["y"] >= 0 and skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "combined-map"
    assert page.evaluate("location.hash") == ""
    page.keyboard.press("Equal")  # Leaflet's keyboard zoom: the map has the keys now
    page.wait_for_function("window.mapperCombined.map.getZoom() > 1.5")


def test_no_serious_accessibility_violation(browser, nine_maps):
    found = []
    # axe-core asks for the page's stylesheets, which Chromium refuses it on file://
    axe_own = ("Access to XMLHttpRequest at 'file:", "Failed to load resource: net::ERR_FAILED")
    for viewport in ((1280, 800), (390, 844)):
        view = Browse(browser, nine_maps, viewport=viewport)
        page = view.page
        found += axe_violations(page)
        page.locator("#combined-filter").fill("lima")
        found += axe_violations(page)
        page.locator(".combined-open", has_text="Markets reopen after").click()
        page.locator(".combined-article h1", has_text="Markets reopen after").wait_for()
        found += axe_violations(page)  # the reading panel
        page.locator(".combined-article a.mention").first.click()
        page.wait_for_function("getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
        found += axe_violations(page)  # and a popup, faded in
        assert [e for e in view.errors if not e.startswith(axe_own)] == []
    assert found == []


def test_reduced_motion_moves_the_map_without_animation(browser, nine_maps):
    view = Browse(browser, nine_maps, reduced_motion=True)
    page = view.page
    options = page.evaluate("(({zoomAnimation, fadeAnimation, markerZoomAnimation}) => "
                            "[zoomAnimation, fadeAnimation, markerZoomAnimation])(window.mapperCombined.map.options)")
    assert options == [False, False, False]
    page.evaluate("""() => {
        window.moves = [];
        window.mapperCombined.map.on("zoomanim movestart", e => window.moves.push(e.type));
    }""")
    page.locator(".combined-open", has_text="Talks resume").click()
    page.locator(".combined-article h1", has_text="Talks resume").wait_for()
    assert "zoomanim" not in page.evaluate("window.moves")
    paragraph = page.locator(".combined-article p[id]").first
    paragraph.evaluate("p => p.classList.add('is-current')")
    assert paragraph.evaluate("p => getComputedStyle(p).animationName") == "none"
    assert view.errors == []


def test_a_runs_article_pages_work_offline_from_the_shared_assets(browser, three_maps):
    run = three_maps.parent
    for page_name in ("map.html", "embed.html"):
        path = run / FOLDERS[1] / page_name
        view = ReadingPage(browser, path, allow=lambda url: url.startswith("file:"))
        view.page.wait_for_function("document.querySelectorAll('.place-marker').length === 2")
        files = [url for url in view.requests if url.startswith("file:")]
        shared = (run / ASSETS).as_uri() + "/"
        own = {(path.parent / name).as_uri() for name in OWN_FILES}
        assert files[0] == path.as_uri() and files[1:]
        assert all(url.startswith(shared) or url in own for url in files[1:])
        assert not [url for url in view.failed if url.startswith("file:")]
        assert all(e == "Failed to load resource: net::ERR_FAILED" for e in view.errors)  # the blocked tiles
