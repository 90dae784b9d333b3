"""The map as a reader first sees it, in Chromium: opened on the places the story is about, names
beside the markers, the places outside the view listed, a locator inset, and a keyboard path.

The stories in tests/stories/ were written for these tests: a local story with a country and a
far-off namesake, a regional disaster, a story across several countries.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from mapper.ingest import read_articles
from mapper.render import write_outputs
from mapper.render.framing import ViewRequest, frame, story_core
from mapper.render.naming import display_name
from mapper.render.numbering import place_numbers
from tests.accessibility import axe_violations
from tests.test_browser import Page

STORIES = Path(__file__).parent / "stories"
SIZES = {"desktop": (1400, 900), "tablet": (768, 1024), "phone": (390, 844)}


@pytest.fixture(scope="module")
def maps(mapper, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("stories")
    results = {}
    for result in mapper.map([a for path in sorted(STORIES.glob("*.txt")) for a in read_articles(path)]):
        write_outputs(result, out / result.article.id)
        results[result.article.id] = (result, out / result.article.id / "map.html")
    return results


def open_map(browser, path: Path, size: str = "desktop") -> Page:
    view = Page(browser, path, viewport=dict(zip(("width", "height"), SIZES[size])))  # opened at that size
    view.page.wait_for_selector(".place-label:not(.is-hidden)")
    return view


def markers_in_view(page) -> dict[str, bool]:
    return page.evaluate("""() => {
        const data = JSON.parse(document.getElementById("mapper-data").textContent);
        const map = window[data.map], shown = map.getBounds();
        return Object.fromEntries(Object.entries(data.places).map(
            ([key, place]) => [key, shown.contains(window[place.layer].getLatLng())]));
    }""")


def strip_places(page) -> list[str]:
    return page.locator(".story-outside-place").evaluate_all("bs => bs.map(b => b.textContent.trim())")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("story", ["county-water-main", "gulf-hurricane", "european-heat"])
def test_the_storys_places_are_all_in_the_first_view_and_it_is_no_wider_than_they_need(
        browser, maps, story, size):
    result, path = maps[story]
    core = {g.place.key for g in story_core(result)}
    view = open_map(browser, path, size)
    shown = markers_in_view(view.page)
    assert all(shown[key] for key in core), [key for key in core if not shown[key]]
    # one zoom level closer would lose some of them (unless the map is as close as it goes)
    zoom, closest = view.page.evaluate("""(keys) => {
        const data = JSON.parse(document.getElementById("mapper-data").textContent);
        const map = window[data.map];
        const bounds = L.latLngBounds(keys.map(k => window[data.places[k].layer].getLatLng()));
        return [map.getZoom(), map.getBoundsZoom(bounds)];
    }""", sorted(core))
    assert zoom >= min(closest, 11) - 1
    assert not set(strip_places(view.page)) & {f"{n} {name}" for n, name in _names(result, core)}
    # the strip shows when it lists places, and not as an empty box when it lists none
    assert view.page.locator(".story-outside").is_visible() == bool(strip_places(view.page))
    assert view.errors == []


def _names(result, keys) -> list[tuple[int, str]]:
    numbers = place_numbers(result)
    return [(numbers[g.place.key], display_name(g)) for g in result.places() if g.place.key in keys]


def test_a_far_off_place_is_listed_outside_the_view_and_flies_into_it(browser, maps):
    result, path = maps["county-water-main"]
    far = [g for g in result.places() if g.place.country_code != "US"]
    assert far, "the story names a sister city abroad"
    view = open_map(browser, path)
    page = view.page
    listed = strip_places(page)
    numbers = dict(_names(result, {g.place.key for g in far}))
    for n, name in numbers.items():
        assert f"{n} {name}" in listed
    assert not markers_in_view(page)[far[0].place.key]

    reset = page.locator(".story-reset")
    assert reset.is_hidden()
    page.locator(".story-outside-place", has_text=display_name(far[0])).click()
    key = far[0].place.key
    page.wait_for_function(f"window.place_marker_{key}.isPopupOpen()")
    assert markers_in_view(page)[key]
    reset.wait_for(state="visible")
    reset.click()
    page.wait_for_function(f"""() => {{
        const data = JSON.parse(document.getElementById("mapper-data").textContent);
        return !window[data.map].getBounds().contains(window.place_marker_{key}.getLatLng());
    }}""")
    assert view.errors == []


def test_names_sit_beside_their_markers_and_nothing_covers_anything(browser, maps):
    result, path = maps["county-water-main"]
    view = open_map(browser, path)
    page = view.page
    boxes = page.evaluate("""() => {
        const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
        return {
            markers: [...document.querySelectorAll(".place-marker")].map(m => ({
                n: m.firstChild.textContent, box: box(m),
                label: m.querySelector(".place-label").classList.contains("is-hidden") ? null
                       : box(m.querySelector(".place-label"))})),
        };
    }""")
    markers = boxes["markers"]
    assert next(m for m in markers if m["n"] == "1")["label"] is not None  # the lede's place is named
    assert sum(m["label"] is not None for m in markers) >= len(markers) - 2
    shapes = [m["box"] for m in markers] + [m["label"] for m in markers if m["label"]]
    for i, a in enumerate(shapes):
        for b in shapes[i + 1:]:
            assert not _overlap(a, b), (a, b)
    # every marker in the map can be clicked where it is drawn
    left, top, right, bottom = page.locator("#map_mapper").evaluate(
        "m => { const r = m.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }")
    for m in markers:
        x, y = (m["box"][0] + m["box"][2]) / 2, (m["box"][1] + m["box"][3]) / 2
        if left < x < right and top < y < bottom:
            assert page.evaluate(f"document.elementFromPoint({x}, {y}).closest('.place-marker') !== null"), m["n"]
    assert view.errors == []


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def test_a_hidden_name_shows_when_its_marker_is_hovered(browser, maps):
    result, path = maps["european-heat"]
    view = open_map(browser, path, "phone")
    page = view.page
    width, height = SIZES["phone"]
    hidden = [m for m in page.locator(".place-marker:has(.place-label.is-hidden)").all()
              if (box := m.bounding_box()) and 0 <= box["x"] < width and 0 <= box["y"] < height]
    if not hidden:
        pytest.skip("every name in view fits at this size")
    marker = hidden[0]
    marker.hover()
    assert marker.locator(".place-label").evaluate("l => getComputedStyle(l).visibility") == "visible"


CUT_NAMES = """() => {
    const frame = document.querySelector(".leaflet-container").getBoundingClientRect();
    return [...document.querySelectorAll(".place-label:not(.is-hidden)")].filter((label) => {
        const b = label.getBoundingClientRect();
        return b.left < frame.left - 1 || b.right > frame.right + 1
            || b.top < frame.top - 1 || b.bottom > frame.bottom + 1;
    }).map((label) => label.textContent.trim());
}"""


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_no_name_is_cut_by_the_maps_edge_nor_after_a_pan(browser, maps, size):
    """A name that would run past the map's edge ("sh Columbia" on a phone) shows on hover instead."""
    _, path = maps["western-fires"]
    page = open_map(browser, path, size).page
    assert page.evaluate(CUT_NAMES) == []
    page.evaluate("""() => new Promise((done) => {
        const map = window.map_mapper;
        map.once("moveend", () => done());
        map.panBy([120, 0], { animate: false });
    })""")
    assert page.evaluate(CUT_NAMES) == []


def test_markers_are_reached_by_the_keyboard_in_number_order_and_come_into_view(browser, maps):
    result, path = maps["gulf-hurricane"]
    view = open_map(browser, path)
    page = view.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "map_mapper"
    spoken = []
    for _ in range(len(result.places())):
        page.keyboard.press("Tab")
        spoken.append(page.evaluate("document.activeElement.getAttribute('aria-label') || ''"))
    numbers = [int(label.split(":")[0].removeprefix("Place ")) for label in spoken if label.startswith("Place ")]
    assert numbers == sorted(numbers) and numbers[:3] == [1, 2, 3]
    # a marker outside the view, focused, is brought into it
    far = page.evaluate("""() => {
        const data = JSON.parse(document.getElementById("mapper-data").textContent);
        const map = window[data.map];
        const key = Object.keys(data.places).find(k => !map.getBounds().contains(window[data.places[k].layer].getLatLng()));
        if (key) window[data.places[key].layer].getElement().focus();
        return key || null;
    }""")
    assert far, "the story names places outside its view"
    page.wait_for_function(f"""() => {{
        const data = JSON.parse(document.getElementById("mapper-data").textContent);
        return window[data.map].getBounds().contains(window[data.places["{far}"].layer].getLatLng());
    }}""")
    assert view.errors == []


def test_a_close_view_has_a_locator_inset_and_a_world_view_none(browser, maps, mapper, tmp_path):
    _, path = maps["county-water-main"]
    page = open_map(browser, path).page
    inset = page.locator(".story-inset")
    assert inset.count() == 1 and inset.get_attribute("aria-hidden") == "true"
    assert inset.locator(".story-inset-view").count() == 1  # the view's box on the small map
    assert open_map(browser, path, "phone").page.locator(".story-inset").count() == 0  # no room on a phone

    article = read_articles(STORIES / "european-heat.txt")[0]
    world = next(mapper.map([article]))
    write_outputs(world, tmp_path, view=ViewRequest("all"))
    wide = open_map(browser, tmp_path / "map.html").page
    if wide.evaluate("window.map_mapper.getZoom()") < 5:
        assert wide.locator(".story-inset").count() == 0


@pytest.mark.parametrize("story", ["county-water-main", "european-heat"])
def test_the_reading_view_has_no_serious_accessibility_violations(browser, maps, story):
    _, path = maps[story]
    view = open_map(browser, path)
    assert axe_violations(view.page) == []
    width, height = SIZES["desktop"]
    in_view = [m for m in view.page.locator(".place-marker").all()
               if (box := m.bounding_box()) and 0 <= box["x"] < width and 0 <= box["y"] < height]
    in_view[0].click()  # with a popup open, too (not a continent the first view leaves aside)
    view.page.wait_for_function(  # once Leaflet's fade-in is over: half-faded text has half the contrast
        "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    assert axe_violations(view.page) == []


def test_the_frame_is_the_one_the_page_opens_on(maps):
    result, path = maps["gulf-hurricane"]
    html = path.read_text(encoding="utf-8")
    box = frame(result).box
    assert f"[[{round(box.south, 4)}, {round(box.west, 4)}], [{round(box.north, 4)}, {round(box.east, 4)}]]" in html
    assert math.isfinite(box.extent_km())
