"""The reading view's edit mode, as a user runs the round trip: map a story, fix its pins in
Chromium, download the overrides file, map the story again with it (the CLI)."""

import csv
import json

import pytest

from mapper.ingest import read_articles
from mapper.render import write_outputs
from tests.accessibility import axe_violations
from tests.cli_runner import run_mapper
from tests.test_browser import WEB, Page
from tests.test_render import make_result, page_data

ALL = ("minor", "moderate", "serious", "critical")
STORY = (
    "Storm closes roads in southern Ohio\n\n"
    "Heavy rain flooded roads around Athens, Ohio on Tuesday, and the U.S. Army Corps of Engineers closed a dam north of Nelsonville.\n\n"
    "In Marietta, the river spilled onto Front Street. Forecasters in Charleston said more rain was coming.\n\n"
    "Volunteers from Lancaster brought sandbags to Nelsonville.\n"
)


@pytest.fixture
def story(tmp_path, mapper):
    """story.txt and its first map, out/story/map.html, as `mapper map story.txt -o out` writes them."""
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    write_outputs(next(mapper.map(read_articles(path))), tmp_path / "out" / "story")
    return path


def map_again(tmp_path, mapper, *overrides):
    """`mapper map story.txt -o next --overrides FILE ...`; the folder of its map."""
    env = {"MAPPER_CACHE_DIR": str(tmp_path / "cache"), "MAPPER_GAZETTEER": str(mapper.gazetteer.store.path)}
    args = [arg for path in overrides for arg in ("--overrides", str(path))]
    done = run_mapper("map", "story.txt", "-o", "next", *args, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / "next" / "story"


def open_map(browser, path, **context):
    view = Page(browser, path)
    if context:
        view.page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 800}, **context)
        page.on("pageerror", lambda e: view.errors.append(str(e)))
        page.route(WEB, Page._answer)
        page.goto(path.as_uri())
        view.page = page
    view.page.wait_for_function("window.map_mapper && window.map_mapper._loaded")
    return view


def key_of(page, name):
    """The key of the place the article's `name` is pinned to on the page."""
    places = json.loads(page.locator("#mapper-edit").text_content())["places"]
    [key] = [k for k, p in places.items() if name in [n["name"] for n in p["names"]]]
    return key


def marker(page, key):
    return page.evaluate_handle(f"window.place_marker_{key}.getElement()").as_element()


def latlng(page, key):
    at = page.evaluate(f"window.place_marker_{key}.getLatLng()")
    return at["lat"], at["lng"]


def open_popup(page, key):
    """The place's popup open, once the map has panned it into view: a click while it pans lands
    where its tools were."""
    page.evaluate(f"void window.place_marker_{key}.openPopup()")
    page.wait_for_function("!document.querySelector('.leaflet-pan-anim')")


def close_popup(page):
    """No popup on the map, not even one fading out (Leaflet removes it 200 ms after closing it),
    which a click or a drag where it was would still hit."""
    page.evaluate("void map_mapper.closePopup()")
    page.wait_for_function("!document.querySelector('.leaflet-popup')")


def drag(page, key):
    """Drag the place's marker 80 px right and 50 px down, as a mouse does."""
    close_popup(page)
    page.evaluate(f"void map_mapper.setView(window.place_marker_{key}.getLatLng(), 8, {{animate: false}})")
    box = marker(page, key).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 25, steps=5)
    page.mouse.move(x + 80, y + 50, steps=5)
    page.mouse.up()


def settled(page):
    """The page once the open popup has faded in (axe-core reads a fading text's contrast as low)."""
    page.wait_for_function("getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    return page


def download(page, folder):
    with page.expect_download() as info:
        page.locator(".edit-download").click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def rows(path):
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))


def places(folder):
    """The next map's places, by the text of their first mention."""
    collection = json.loads((folder / "places.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["mentions"][0]["text"]: f for f in collection["features"]}


def test_remove_move_and_drag_pins_then_the_next_run_maps_them(browser, mapper, story, tmp_path):
    view = open_map(browser, tmp_path / "out" / "story" / "map.html")
    page = view.page
    assert not page.locator(".edit-body").is_visible()  # off until asked for
    page.get_by_role("button", name="Edit pins").click()
    assert page.locator(".edit-body").is_visible()
    us, charleston, lancaster = key_of(page, "U.S."), key_of(page, "Charleston"), key_of(page, "Lancaster")

    # 1. "U.S." of "the U.S. Army Corps" is, for this user, not a place: its marker goes, its mention is no longer a link.
    open_popup(page, us)
    page.locator(".leaflet-popup .edit-remove").click()
    assert not page.evaluate(f"map_mapper.hasLayer(window.place_marker_{us})")
    assert page.locator(f"a.mention[data-place='{us}']").count() == 0
    assert page.locator(".mention.is-removed").all_inner_texts() == ["U.S."]

    # 2. Charleston moves to the first of its runners-up.
    open_popup(page, charleston)
    choice = page.locator(".leaflet-popup .edit-candidate").first
    label = choice.inner_text()
    candidate = json.loads(page.locator("#mapper-edit").text_content())["places"][charleston]["candidates"][0]
    assert candidate["label"] == label
    choice.click()
    assert latlng(page, charleston) == (candidate["lat"], candidate["lon"])
    assert page.locator(".leaflet-popup .edit-status").inner_text().startswith(f"Your edit: moved to {label}")
    assert page.locator(f"a.mention.is-edited[data-place='{charleston}']").count() == 1

    # 3. Lancaster is dragged; Undo takes that back, and only that; then it is dragged again.
    mapped_at = latlng(page, lancaster)
    drag(page, lancaster)
    assert latlng(page, lancaster) != mapped_at
    page.keyboard.press("Escape")  # the dragged pin's popup opened, saying what was done; the panel is back
    assert page.locator(".edit-changes summary").inner_text() == "3 changes"
    page.locator(".edit-undo").click()
    assert latlng(page, lancaster) == mapped_at and latlng(page, charleston) == (candidate["lat"], candidate["lon"])
    assert page.locator(".edit-changes summary").inner_text() == "2 changes"
    drag(page, lancaster)
    dragged = latlng(page, lancaster)
    close_popup(page)

    saved = download(page, tmp_path)
    assert saved.name == "story-overrides.csv"
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read it as UTF-8
    by_name = {row["name"]: row for row in rows(saved)}
    assert set(by_name) == {"U.S.", "Charleston", "Lancaster"}
    assert all(row["article"] == "story" for row in by_name.values())
    assert by_name["U.S."]["not_a_place"] == "yes"
    assert by_name["Charleston"]["geonameid"] == candidate["fields"]["geonameid"]
    assert by_name["Lancaster"]["label"] == "Lancaster" and not by_name["Lancaster"]["geonameid"]
    assert "story-overrides.csv" in page.locator(".edit-note code").inner_text()
    assert view.errors == []

    folder = map_again(tmp_path, mapper, saved)
    mapped = places(folder)
    assert "U.S." not in mapped and "United States" not in [f["properties"]["name"] for f in mapped.values()]
    assert mapped["Charleston"]["id"] == f"gn{candidate['fields']['geonameid']}"
    assert mapped["Lancaster"]["geometry"]["coordinates"] == [dragged[1], dragged[0]]
    assert mapped["Lancaster"]["properties"]["pinned"] is True
    assert "U.S." not in (folder / "mentions.csv").read_text(encoding="utf-8")

    view = open_map(browser, folder / "map.html")
    page = view.page
    assert page.locator(".article-summary").inner_text().endswith("1 removed by your overrides")
    assert "the U.S. Army Corps of Engineers closed" in page.locator("#p1").inner_text()
    assert page.locator("#p1 .mention", has_text="U.S.").count() == 0  # plain text: no link, not "not placed"
    assert latlng(page, key_of(page, "Lancaster")) == dragged
    assert page.locator(".place-marker").count() == len(mapped)
    assert view.errors == []


def test_the_next_file_keeps_the_articles_entries_and_can_apply_to_every_article(
        browser, mapper, story, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("name,lat,lon,label,article,not_a_place\n"
                     "U.S.,,,,story,yes\n"
                     "Lancaster,39.5,-82.3,Lancaster fairgrounds,story,\n"
                     "Marietta,,,,other-story,yes\n", encoding="utf-8")
    folder = map_again(tmp_path, mapper, first)
    view = open_map(browser, folder / "map.html")
    page = view.page
    page.get_by_role("button", name="Edit pins").click()
    assert "keeps 2 entries" in page.locator(".edit-panel").inner_text()  # this article's, not other-story's

    open_popup(page, key_of(page, "Lancaster"))
    page.locator(".leaflet-popup .edit-remove").click()
    page.locator(".edit-scope select").select_option("all")
    saved = rows(download(page, tmp_path))
    # Lancaster for every article, and no entry for this one left to beat that here
    assert [(r["name"], r["article"], r["not_a_place"]) for r in saved] == [("U.S.", "story", "yes"),
                                                                          ("Lancaster", "", "yes")]
    assert view.errors == []


def test_every_edit_is_reachable_from_the_keyboard(browser, mapper, story, tmp_path):
    view = open_map(browser, tmp_path / "out" / "story" / "map.html")
    page = view.page
    nelsonville = key_of(page, "Nelsonville")
    open_popup(page, nelsonville)
    before = set(axe_violations(settled(page), ALL))  # whatever the page has without the edit mode
    close_popup(page)
    toggle = page.get_by_role("button", name="Edit pins")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"

    marker(page, nelsonville).focus()
    page.keyboard.press("Enter")  # opens the popup; focus moves to its tools
    page.wait_for_function(f"window.place_marker_{nelsonville}.isPopupOpen()")
    assert page.evaluate("document.activeElement.closest('.edit-tools') !== null")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Not a place"
    page.keyboard.press("Enter")
    assert page.locator(f"a.mention[data-place='{nelsonville}']").count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Undo"  # focus lands on the way back
    page.keyboard.press("Enter")
    assert page.locator(f"a.mention[data-place='{nelsonville}']").count() == 2

    # a point of one's own, typed instead of dragged
    marker(page, nelsonville).focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"window.place_marker_{nelsonville}.isPopupOpen()")
    while page.evaluate("document.activeElement.textContent") != "Enter coordinates":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert set(axe_violations(settled(page), ALL)) <= before  # the panel and the tools add no violation
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("39.5")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("-82.25")
    page.keyboard.press("Enter")
    assert latlng(page, nelsonville) == (39.5, -82.25)
    assert page.locator(".leaflet-popup .edit-status").inner_text().startswith("Your edit: moved to 39.50000, -82.25000")

    page.keyboard.press("Escape")  # closes the popup, back to the marker
    assert not page.evaluate(f"window.place_marker_{nelsonville}.isPopupOpen()")
    assert page.evaluate(f"document.activeElement === window.place_marker_{nelsonville}.getElement()")
    assert view.errors == []


@pytest.mark.parametrize(("motion", "animated"), [("reduce", False), ("no-preference", True)])
def test_a_moved_pin_is_panned_to_without_animation_when_motion_is_reduced(
        browser, mapper, story, tmp_path, motion, animated):
    view = open_map(browser, tmp_path / "out" / "story" / "map.html", reduced_motion=motion)
    page = view.page
    page.evaluate("""(() => {
        const setView = map_mapper.setView;
        window.views = [];
        map_mapper.setView = function (center, zoom, options) {
            window.views.push(options || {});
            return setView.apply(this, arguments);
        };
    })()""")
    page.get_by_role("button", name="Edit pins").click()
    athens = key_of(page, "Athens")
    open_popup(page, athens)
    far = json.loads(page.locator("#mapper-edit").text_content())["places"][athens]["candidates"][-1]
    page.locator(".leaflet-popup .edit-candidate").last.click()  # out of view: the map goes there
    assert page.evaluate("window.views.map(v => v.animate)") == [animated]
    page.wait_for_function(f"map_mapper.getBounds().contains([{far['lat']}, {far['lon']}])")
    assert view.errors == []


def test_only_the_reading_view_has_the_edit_mode(tmp_path):
    write_outputs(make_result(), tmp_path)
    reading = (tmp_path / "map.html").read_text(encoding="utf-8")
    embed = (tmp_path / "embed.html").read_text(encoding="utf-8")
    assert "mapper-edit" in reading and ".edit-panel" in reading
    assert "mapper-edit" not in embed and "edit-panel" not in embed and "Edit pins" not in embed
    data = page_data(reading, "mapper-edit")
    assert data["article"] == "a1" and data["file"] == "a1-overrides.csv"
    assert data["fields"] == ["name", "geonameid", "lat", "lon", "label", "article", "not_a_place"]
