"""Maps opened with no network at all: the places on Natural Earth's world, and no CDN; zoomed in,
the world in detail with states and provinces; and credits that name what the reader sees."""

from __future__ import annotations

import io

from PIL import Image

from mapper.render import write_outputs
from tests.test_browser import Page
from tests.test_offline import local_result
from tests.test_render import ALEPPO, LIMA, make_result

TILES = "https://tile.openstreetmap.org/"
MARKERS = "document.querySelectorAll('.leaflet-map-pane .place-marker').length"


MAP = "window[JSON.parse(document.getElementById('mapper-data').textContent).map]"
LAND = (0xE6, 0xE5, 0xE0)  # --mapper-land in basemap.css


def _outlines(view: Page) -> int:
    """The world's land, lakes and borders at 1:110m, on the map itself (not its locator inset)."""
    return view.page.locator("#map_mapper > .leaflet-map-pane > .leaflet-mapperOutlines-pane path").count()


def _attribution(view: Page) -> str:
    return view.page.locator(".leaflet-control-attribution").inner_text()


def _set_view(view: Page, lat: float, lon: float, zoom: int) -> None:
    view.page.wait_for_function("document.readyState !== 'loading'")  # after the page's own view, not before
    view.page.evaluate(f"void {MAP}.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    _tiles_settled(view)


def _tiles_settled(view: Page) -> None:
    """Until every tile asked for has loaded or failed: one the next move cancels fails without
    the console line a blocked one gives."""
    view.page.wait_for_function("[...document.querySelectorAll('img.leaflet-tile')].every((img) => img.complete)")


def _label(view: Page, name: str):
    return view.page.locator(".leaflet-mapperLabels-pane .mapper-country-label span", has_text=name)


def test_a_self_contained_map_requests_nothing_and_shows_the_world(browser, tmp_path):
    result = make_result()
    [path, *_] = write_outputs(result, tmp_path, self_contained=True)
    view = Page(browser, path, allow=lambda url: url == path.as_uri())
    page = view.page
    page.wait_for_function(f"{MARKERS} === {len(result.places())}")
    assert _outlines(view) == 3
    _label(view, "Syria").wait_for(state="attached")  # shown unless a marker is on it
    assert _attribution(view).endswith("Natural Earth") and "OpenStreetMap" not in _attribution(view)
    assert page.locator(".leaflet-tile").count() == 0
    page.locator("a.mention[data-place='gn170063']").first.click()  # Aleppo
    page.locator(".leaflet-popup-content").wait_for()
    assert view.requests == [path.as_uri()]
    assert view.failed == [] and view.errors == [] and view.dialogs == []


def test_a_linked_map_with_no_network_loads_leaflet_from_assets_and_shows_the_world(browser, tmp_path):
    result = make_result()
    [path, *_] = write_outputs(result, tmp_path)
    view = Page(browser, path, allow=lambda url: url.startswith("file:"))
    page = view.page
    page.wait_for_function(f"{MARKERS} === {len(result.places())}")
    page.wait_for_function("document.querySelectorAll('.leaflet-tile-loaded, .leaflet-tile').length > 0")
    _tiles_settled(view)  # the blocked tiles have failed
    assets = (tmp_path / "assets").as_uri()
    assert {f"{assets}/leaflet.js", f"{assets}/leaflet.css", f"{assets}/world.js"} <= set(view.requests)
    assert page.evaluate("typeof L.version") == "string"
    assert _outlines(view) == 3
    _label(view, "Syria").wait_for(state="attached")  # shown unless a marker is on it
    outlines, tiles = (
        int(page.evaluate(f"getComputedStyle(document.querySelector('.leaflet-{pane}-pane')).zIndex"))
        for pane in ("mapperOutlines", "tile")
    )
    assert outlines < tiles  # online, the tiles cover the outlines
    # no tile loaded: the outlines are the map, and only their source is credited
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "Natural Earth" in attribution and "OpenStreetMap" not in attribution
    outside = [url for url in view.requests if not url.startswith("file:")]
    assert outside and all(url.startswith(TILES) for url in outside)
    assert sorted(view.failed) == sorted(outside)
    # Chromium reports each blocked tile on the console; nothing else may be there
    assert view.errors == ["Failed to load resource: net::ERR_FAILED"] * len(outside)


def _cells_requested(view: Page, level: str) -> list[str]:
    return [url for url in view.requests if f"/assets/basemap/{level}/" in url]


def _wait_for_detail(view: Page, level: str) -> None:
    """Until the level's cells in view are drawn: their land or sea is in the level's pane."""
    view.page.wait_for_function(f"document.querySelectorAll('.leaflet-mapperDetail{level}-pane path').length > 0")
    view.page.wait_for_timeout(300)


def test_zoomed_in_on_a_local_story_offline_the_land_is_whole(browser, tmp_path):
    [path, *_] = write_outputs(local_result(), tmp_path)
    view = Page(browser, path, allow=lambda url: url.startswith("file:"))
    page = view.page
    _set_view(view, 39.3, -81.9, 6)
    # The outlines follow zoom animations: drawn at the old zoom and left unscaled, their clipped
    # shapes showed as triangles of sea over the land until the animation ended.
    transform = page.evaluate(f"""new Promise(done => {{
        var map = {MAP};
        map.once("zoomanim", () => done(document.querySelector(".leaflet-mapperOutlines-pane svg").style.transform));
        map.setZoom(8);
    }})""")
    assert "scale(4)" in transform
    page.wait_for_function(f"{MAP}.getZoom() === 8")
    _wait_for_detail(view, "10m")
    shot = Image.open(io.BytesIO(page.locator("#map_mapper").screenshot())).convert("RGB")
    # inland Ohio and West Virginia, away from the markers, rivers and state lines
    for lat, lon in ((39.0, -82.8), (39.8, -81.6), (38.9, -81.2), (39.7, -82.4)):
        point = page.evaluate(f"{MAP}.latLngToContainerPoint([{lat}, {lon}])")
        assert shot.getpixel((round(point["x"]), round(point["y"]))) == LAND, (lat, lon)
    _tiles_settled(view)
    assert view.errors == ["Failed to load resource: net::ERR_FAILED"] * len(view.failed)


def test_detail_loads_when_the_reader_zooms_in_and_not_before(browser, tmp_path):
    paragraphs = ("Officials from Aleppo met a delegation from Lima on Monday.",)
    result = make_result(paragraphs, ((0, "Aleppo", ALEPPO, 0.9), (0, "Lima", LIMA, 0.9)))
    [path, *_] = write_outputs(result, tmp_path)
    view = Page(browser, path, allow=lambda url: url.startswith("file:"))
    page = view.page
    page.wait_for_function(f"{MARKERS} === 2")
    _tiles_settled(view)  # the first view's tiles asked for and failed: any cell it wanted is asked for too
    assert page.evaluate(f"{MAP}.getZoom()") < 4  # Aleppo and Lima: the world
    assert _cells_requested(view, "50m") == [] and _cells_requested(view, "10m") == []
    _set_view(view, ALEPPO.lat, ALEPPO.lon, 5)
    _wait_for_detail(view, "50m")
    assert _cells_requested(view, "50m") and _cells_requested(view, "10m") == []
    _set_view(view, ALEPPO.lat, ALEPPO.lon, 8)
    _wait_for_detail(view, "10m")
    assert (tmp_path / "assets/basemap/10m/50_86.js").as_uri() in _cells_requested(view, "10m")  # Aleppo's
    assert view.failed == [url for url in view.requests if not url.startswith("file:")]  # only tiles fail


def test_states_lines_and_names_show_for_the_country_in_view(browser, tmp_path):
    [path, *_] = write_outputs(local_result(), tmp_path)
    view = Page(browser, path, allow=lambda url: url.startswith("file:"))
    page = view.page
    lines = "[...document.querySelectorAll('path.mapper-admin1')].filter(p => getComputedStyle(p).display !== 'none').length"
    names = "[...document.querySelectorAll('.mapper-admin1-label span:not(.is-hidden)')].map(s => s.textContent)"
    _set_view(view, 39.2, -81.9, 4)
    _wait_for_detail(view, "50m")
    assert page.evaluate(lines) == 0 and page.evaluate(names) == []  # the whole country: states would crowd it
    _set_view(view, 39.3, -81.6, 7)
    _wait_for_detail(view, "10m")
    assert page.evaluate(lines) > 0
    assert {"Ohio", "West Virginia"} <= set(page.evaluate(names))
    labels = page.locator(".mapper-admin1-label span:not(.is-hidden)")
    markers = page.locator(".leaflet-marker-pane .place-marker")
    for i in range(labels.count()):  # no name under a marker
        box = labels.nth(i).bounding_box()
        for j in range(markers.count()):
            m = markers.nth(j).bounding_box()
            assert not (box["x"] < m["x"] + m["width"] and m["x"] < box["x"] + box["width"]
                        and box["y"] < m["y"] + m["height"] and m["y"] < box["y"] + box["height"])


def test_credits_name_the_tiles_once_one_loaded_and_natural_earth_while_it_shows(browser, tmp_path):
    [path, *_] = write_outputs(local_result(), tmp_path)
    view = Page(browser, path)  # tiles answered, with a blank image
    page = view.page
    page.wait_for_function("document.querySelectorAll('.leaflet-tile-loaded').length > 0")
    page.wait_for_function("!document.querySelector('.leaflet-control-attribution').innerText.includes('Natural')")
    assert "© OpenStreetMap contributors" in _attribution(view)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    control = page.locator(".leaflet-control-attribution").bounding_box()
    assert control["height"] < 24  # one line on a phone

    page.unroute("**/*")  # the network goes: the next tiles fail, and the outlines show again
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    _set_view(view, 45.0, -100.0, 6)
    page.wait_for_function("document.querySelector('.leaflet-control-attribution').innerText.includes('Natural Earth')")
    page.wait_for_timeout(300)
    assert "OpenStreetMap" not in _attribution(view)
