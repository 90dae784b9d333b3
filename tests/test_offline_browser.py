"""Maps opened with no network at all: the places on Natural Earth's world, and no CDN."""

from __future__ import annotations

from mapper.render import write_outputs
from tests.test_browser import Page
from tests.test_render import make_result

TILES = "https://tile.openstreetmap.org/"
MARKERS = "document.querySelectorAll('.leaflet-map-pane .place-marker').length"


def _outlines(view: Page) -> int:
    return view.page.locator(".leaflet-mapperOutlines-pane path.mapper-country").count()


def _label(view: Page, name: str):
    return view.page.locator(".leaflet-mapperLabels-pane .mapper-country-label span", has_text=name)


def test_a_self_contained_map_requests_nothing_and_shows_the_world(browser, tmp_path):
    result = make_result()
    [path, *_] = write_outputs(result, tmp_path, self_contained=True)
    view = Page(browser, path, allow=lambda url: url == path.as_uri())
    page = view.page
    page.wait_for_function(f"{MARKERS} === {len(result.places())}")
    assert _outlines(view) > 170
    _label(view, "Syria").wait_for()
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "Natural Earth" in attribution and "OpenStreetMap" not in attribution
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
    page.wait_for_timeout(300)  # let the blocked tiles fail
    assets = (tmp_path / "assets").as_uri()
    assert {f"{assets}/leaflet.js", f"{assets}/leaflet.css", f"{assets}/world.js"} <= set(view.requests)
    assert page.evaluate("typeof L.version") == "string"
    assert _outlines(view) > 170
    _label(view, "Syria").wait_for()
    outlines, tiles = (
        int(page.evaluate(f"getComputedStyle(document.querySelector('.leaflet-{pane}-pane')).zIndex"))
        for pane in ("mapperOutlines", "tile")
    )
    assert outlines < tiles  # online, the tiles cover the outlines
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "OpenStreetMap" in attribution and "Natural Earth" not in attribution  # one line on a phone
    outside = [url for url in view.requests if not url.startswith("file:")]
    assert outside and all(url.startswith(TILES) for url in outside)
    assert sorted(view.failed) == sorted(outside)
    # Chromium reports each blocked tile on the console; nothing else may be there
    assert view.errors == ["Failed to load resource: net::ERR_FAILED"] * len(outside)
