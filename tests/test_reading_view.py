"""The reading view as a reader uses it: numbered markers, popups, mentions, shared links, phones."""

import pytest

from mapper.ingest import read_articles
from mapper.model import Candidate
from mapper.render import write_outputs
from tests.test_browser import Page
from tests.test_render import ALEPPO, LIMA, make_result, with_runners_up

ALEPPO_KEY, DAMASCUS_KEY, IDLIB_KEY = "gn170063", "gn170654", "gn169388"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """Aleppo 1 (3 mentions), Damascus 2, Idlib 3 (uncertain, two runners-up); Kafr Nabl not placed."""
    folder = tmp_path_factory.mktemp("story")
    write_outputs(with_runners_up(make_result(), 3, Candidate(ALEPPO, 0.32), Candidate(LIMA, 0.1)), folder)
    return folder / "map.html"


def open_page(browser, path, hash="", viewport=None):
    view = Page(browser, path, viewport=viewport)  # opened at its size
    if hash:  # then the link followed, in the open page
        view.page.goto(path.as_uri() + hash)
    view.page.wait_for_function("window.map_mapper && window.map_mapper._loaded")
    return view


def marker(page, key):
    return page.evaluate_handle(f"window.place_marker_{key}.getElement()").as_element()


def number_on(marker) -> str:
    """The number drawn on a marker (its label, beside it, is the marker's child too)."""
    return marker.evaluate("m => m.firstChild.textContent")


def popup_open(page, key):
    return page.evaluate(f"window.place_marker_{key}.isPopupOpen()")


def zoom(page):
    return page.evaluate("map_mapper.getZoom()")


def test_a_numbered_marker_shows_excerpts_and_its_link_highlights_the_paragraph(browser, story):
    view = open_page(browser, story)
    page = view.page
    aleppo = marker(page, ALEPPO_KEY)
    assert number_on(aleppo) == "1" and aleppo.query_selector(".place-label").inner_text() == "Aleppo"
    aleppo.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".popup-title").inner_text().split() == ["1", "Aleppo"]
    assert popup.locator("mark").all_inner_texts() == ["Aleppo"] * 3
    page.wait_for_function(f"location.hash === '#place={ALEPPO_KEY}'")

    link = popup.locator("a[data-paragraph='p3']")
    assert "Analysts in Aleppo were unsure" in link.inner_text()
    page.wait_for_function("!document.querySelector('.leaflet-pan-anim')")  # a click while the map pans misses
    link.click()
    page.wait_for_function("location.hash === '#p3'")
    paragraph = page.locator("#p3")
    assert paragraph.evaluate("p => p.classList.contains('is-current')")
    assert page.locator("p.is-current").count() == 1
    paragraph.evaluate("p => p.getAnimations().forEach(a => a.finish())")  # the flash fades to the highlight
    assert paragraph.evaluate("p => getComputedStyle(p).backgroundColor") == "rgb(255, 241, 194)"
    assert paragraph.is_visible() and popup_open(page, ALEPPO_KEY)
    assert view.errors == []


def test_a_place_the_headline_alone_names_is_on_the_map_and_its_popup_leads_back_to_the_headline(
        browser, mapper, tmp_path):
    path = tmp_path / "storm.txt"
    path.write_text("Typhoon lashes northern Luzon\n\nThousands fled their homes in Cagayan on Thursday.\n")
    write_outputs(next(mapper.map(read_articles(path))), tmp_path / "out")
    page = open_page(browser, tmp_path / "out" / "map.html").page
    mention = page.locator("h1#headline a.mention")
    assert mention.inner_text() == "Luzon"
    mention.click()
    link = page.locator(".leaflet-popup-content a[data-paragraph='headline']")
    link.wait_for()
    assert link.locator(".popup-para").inner_text() == "Headline"
    link.click()
    assert page.locator("#headline").evaluate("h => h.classList.contains('is-current')")
    assert page.locator(".is-current").count() == 1


def test_a_mention_flies_to_its_marker_zooms_in_and_opens_it(browser, story):
    view = open_page(browser, story)
    page = view.page
    start = zoom(page)
    assert start < 10  # the view fitted to the whole story
    page.locator(f"a.mention[data-place='{IDLIB_KEY}']").click()
    page.wait_for_function(f"window.place_marker_{IDLIB_KEY}.isPopupOpen()")
    assert zoom(page) >= 10  # a town, seen from far out: closer in
    center = page.evaluate("map_mapper.getCenter()")
    assert abs(center["lat"] - 35.93062) < 0.2 and abs(center["lng"] - 36.63393) < 0.2
    assert page.evaluate("location.hash") == f"#place={IDLIB_KEY}"
    assert page.locator(f"a.mention.is-active[data-place='{IDLIB_KEY}']").count() == 1
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "Uncertain placement" in popup and "Could also be: Aleppo, Syria (32%); Lima, Peru (10%)" in popup
    assert page.evaluate("document.querySelector('.mapper-article').scrollTop") == 0  # no jump

    page.locator(".leaflet-popup-close-button").click()
    page.wait_for_function("location.hash === ''")
    assert view.errors == []


def test_marker_numbers_match_the_badges_beside_their_mentions(browser, story):
    view = open_page(browser, story)
    page = view.page
    for key, number in ((ALEPPO_KEY, "1"), (DAMASCUS_KEY, "2"), (IDLIB_KEY, "3")):
        assert number_on(marker(page, key)) == number
        badges = page.eval_on_selector_all(
            f".mapper-article p .mention[data-place='{key}']",
            "els => els.map(el => getComputedStyle(el, '::after').content)",
        )
        assert badges and set(badges) == {f'"{number}"'}
    assert "low" in marker(page, IDLIB_KEY).get_attribute("class").split()
    label = marker(page, IDLIB_KEY).get_attribute("aria-label")
    assert label == "Place 3: Idlib, Syria, 1 mention, uncertain placement"
    idlib = page.locator(f"a.mention[data-place='{IDLIB_KEY}']")
    assert "uncertain placement (35%); could also be Aleppo, Syria, Lima, Peru" in idlib.get_attribute("title")
    assert view.errors == []


def test_a_marker_opens_from_the_keyboard(browser, story):
    view = open_page(browser, story)
    page = view.page
    damascus = marker(page, DAMASCUS_KEY)
    assert damascus.get_attribute("role") == "button" and damascus.get_attribute("tabindex") == "0"
    damascus.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"window.place_marker_{DAMASCUS_KEY}.isPopupOpen()")
    assert view.errors == []


def test_a_link_to_a_paragraph_restores_it_and_its_places(browser, story):
    view = open_page(browser, story, "#p2")  # Aleppo and Idlib
    page = view.page
    assert page.locator("#p2").evaluate("p => p.classList.contains('is-current')")
    assert page.locator("#p2").is_visible()
    marked = page.eval_on_selector_all(".place-marker.in-paragraph", "els => els.map(el => el.firstChild.textContent)")
    assert sorted(marked) == ["1", "3"]
    bounds = "map_mapper.getBounds()"
    for key in (ALEPPO_KEY, IDLIB_KEY):
        assert page.evaluate(f"{bounds}.contains(place_marker_{key}.getLatLng())")
    assert not page.evaluate(f"{bounds}.contains(place_marker_{DAMASCUS_KEY}.getLatLng())")  # not in p2
    assert view.errors == []


def test_a_link_to_a_place_opens_it(browser, story):
    view = open_page(browser, story, f"#place={DAMASCUS_KEY}")
    page = view.page
    page.wait_for_function(f"window.place_marker_{DAMASCUS_KEY}.isPopupOpen()")
    assert "Damascus" in page.locator(".leaflet-popup-content").inner_text()
    assert page.locator(f".mention.is-active[data-place='{DAMASCUS_KEY}']").count() == 2
    assert page.evaluate("location.hash") == f"#place={DAMASCUS_KEY}"
    assert view.errors == []


def test_a_reader_can_find_why_a_mention_is_not_placed(browser, story):
    view = open_page(browser, story)
    page = view.page
    unplaced = page.locator(".mapper-article p .mention.unresolved")
    assert unplaced.inner_text() == "Kafr Nabl"
    assert unplaced.get_attribute("title") == "Not placed on the map: not found in the place-name database"
    page.locator(".not-placed summary").click()
    assert page.locator(".not-placed li").inner_text() == "¶ 3 Kafr Nabl: not found in the place-name database"
    page.locator(".not-placed a[data-paragraph='p3']").click()
    page.wait_for_function("location.hash === '#p3'")
    assert page.locator("#p3").evaluate("p => p.classList.contains('is-current')")
    assert view.errors == []


def test_on_a_phone_the_map_is_tall_enough_and_a_popup_fits_in_it(browser, story):
    view = open_page(browser, story, viewport=PHONE)
    page = view.page
    map_box = page.locator("#map_mapper").bounding_box()
    assert map_box["y"] == 0 and map_box["height"] >= 0.45 * PHONE["height"]
    mention = page.locator(f".mapper-article p a.mention[data-place='{DAMASCUS_KEY}']").last
    mention.scroll_into_view_if_needed()
    assert mention.bounding_box()["y"] > map_box["height"]  # the article scrolls below the sticky map
    scrolled = page.evaluate("window.scrollY")
    mention.click()
    page.wait_for_function(f"window.place_marker_{DAMASCUS_KEY}.isPopupOpen()")
    assert page.evaluate("window.scrollY") == scrolled  # the reader keeps their place in the text
    page.wait_for_function("!document.querySelector('.leaflet-pan-anim')")  # the popup's own pan, begun as it opened
    map_box = page.locator("#map_mapper").bounding_box()
    popup = page.locator(".leaflet-popup").bounding_box()
    zoom_buttons = page.locator(".leaflet-control-zoom").bounding_box()
    damascus = marker(page, DAMASCUS_KEY).bounding_box()
    assert map_box["x"] <= popup["x"] and popup["x"] + popup["width"] <= map_box["x"] + map_box["width"]
    assert map_box["y"] <= popup["y"] and popup["y"] + popup["height"] <= map_box["y"] + map_box["height"]
    assert popup["y"] >= zoom_buttons["y"] + zoom_buttons["height"]  # not under the zoom buttons
    assert damascus["y"] + damascus["height"] <= map_box["y"] + map_box["height"]  # the marker stays in view
    assert not page.locator(".map-legend").is_visible()  # it would cover the popup
    assert view.errors == []
