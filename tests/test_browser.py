"""The map as a reader uses it: headless Chromium opens map.html from file:// and clicks around.

Leaflet comes from the page's assets/ folder (copied from the npm package `make` installs) and
tiles are answered with a blank image, so the page runs exactly as online, with no network.
"""

import base64
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mapper.ingest import article_from_text, read_articles
from mapper.render import write_outputs
from tests.conftest import SAMPLE
from tests.test_render import make_result

BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
# What the tests answer themselves (tiles); files load from disk untouched, as routing each one
# through the test process would slow every page.
WEB = re.compile(r"^https?://")


class Page:
    """A page with its console errors, dialogs, requests and failed requests recorded.

    Files load and tiles get a blank image, as a slow tile server would leave the map; with
    `allow`, only the URLs it accepts load and every other request fails, as with no network.
    """

    def __init__(self, browser, path: Path, allow: Callable[[str], bool] | None = None,
                 viewport: dict[str, int] | None = None):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.page = browser.new_page(viewport=viewport or {"width": 1280, "height": 800})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        if allow is None:
            self.page.route(WEB, self._answer)
        else:
            self.page.route("**/*", lambda route: self._only(route, allow))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("document.querySelectorAll('.leaflet-interactive').length > 0 || window.L")

    @staticmethod
    def _answer(route):  # tiles (WEB): a blank image, as a slow tile server would leave the map
        route.fulfill(body=BLANK_PNG, content_type="image/png")

    @staticmethod
    def _only(route, allow: Callable[[str], bool]):
        if allow(route.request.url):
            route.continue_()
        else:
            route.abort()


# No zoom or pan animation running: a click lands where the element is drawn.
_STILL = "!document.querySelector('.leaflet-zoom-anim, .leaflet-pan-anim')"


def _click_until_it_opens(page, target, popup, tries=3):
    """A click on a marker while the map still zooms (a loaded machine draws the opening
    animation slowly) can land where the marker was: wait for the map to be still, and try again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(tries):
        page.wait_for_function(_STILL)
        target.click()
        try:
            popup.wait_for(timeout=5_000)
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise


@pytest.fixture(scope="module")
def sample_map(mapper, tmp_path_factory):
    [article] = read_articles(SAMPLE)
    result = next(mapper.map([article]))
    write_outputs(result, tmp_path_factory.mktemp("sample"))
    return result, tmp_path_factory.getbasetemp() / "sample0" / "map.html"


def test_markers_popups_and_paragraph_links(browser, sample_map):
    result, path = sample_map
    view = Page(browser, path)
    page = view.page
    assert page.locator(".place-marker").count() == len(result.places())

    marker = page.evaluate_handle("window.place_marker_gn112931.getElement()").as_element()  # Tehran
    popup = page.locator(".leaflet-popup-content")
    _click_until_it_opens(page, marker, popup)
    assert popup.locator("mark").first.inner_text() == "Tehran"
    tehran_paragraphs = {r.mention.paragraph_id for r in result.resolutions if r.mention.text == "Tehran"}
    link = popup.locator("a[href^='#p']").first
    target = link.get_attribute("href")[1:]
    assert target in tehran_paragraphs
    page.wait_for_function(_STILL)  # the popup pans the map into view: a click mid-pan misses the link
    link.click()
    page.wait_for_function(f"location.hash === '#{target}'")
    assert page.evaluate("document.querySelector('p.is-current').id") == target
    assert page.locator(f"#{target}").is_visible()
    assert view.errors == []


def test_a_mention_opens_its_marker(browser, sample_map):
    _, path = sample_map
    view = Page(browser, path)
    page = view.page
    page.locator("a.mention[data-place='gn169577']").first.click()  # Homs
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Homs" in popup.inner_text()
    page.wait_for_function("window.place_marker_gn169577.isPopupOpen()")
    assert view.errors == []


HOSTILE = (
    'Shelling hit Aleppo <script>window.__pwned = 1; alert(1)</script> in Syria.\n\n'
    'Residents of Homs wrote "><img src=x onerror="window.__pwned = 2; alert(2)"> and `backticks` '
    "and back\\slashes \\1 \\u0041 ${window.__pwned = 3} </p><a href=\"javascript:alert(3)\">x</a> from Syria."
)


def test_a_hostile_article_runs_nothing(browser, mapper, tmp_path):
    article = article_from_text(HOSTILE, id="hostile", title='<img src=x onerror="alert(4)">Title')
    result = next(mapper.map([article]))
    assert {g.place.name for g in result.places()} >= {"Aleppo", "Syria"}
    write_outputs(result, tmp_path)
    view = Page(browser, tmp_path / "map.html")
    page = view.page
    assert page.locator(".place-marker").count() == len(result.places())
    for group in result.places():
        page.locator(f"a.mention[data-place='{group.place.key}']").first.click()
        page.wait_for_function(f"window.place_marker_{group.place.key}.isPopupOpen()")
    text = page.locator("body").inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in text
    assert '"><img src=x onerror=' in text and "back\\slashes \\1 \\u0041" in text
    assert page.evaluate("window.__pwned") is None
    assert view.dialogs == []
    assert page.locator("a[href^='javascript:']").count() == 0
    assert view.errors == []


def test_the_legend_is_shown_over_the_map_when_a_place_is_uncertain(browser, tmp_path):
    write_outputs(make_result(), tmp_path)  # Idlib is resolved with confidence 0.35
    view = Page(browser, tmp_path / "map.html")
    legend = view.page.locator(".mapper-map .map-legend")
    assert legend.inner_text().splitlines() == ["solid: confident", "dashed: uncertain (confidence < 50%)"]
    box, map_box = legend.bounding_box(), view.page.locator("#map_mapper").bounding_box()
    assert map_box["x"] < box["x"] and box["x"] + box["width"] < map_box["x"] + map_box["width"]
    assert map_box["y"] < box["y"] and box["y"] + box["height"] < map_box["y"] + map_box["height"] / 2
    assert view.errors == []
