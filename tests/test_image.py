"""The static map: a PNG locator map drawn offline from Natural Earth outlines."""

from __future__ import annotations

import io
import math
import struct
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from mapper.model import Place
from mapper.render.assets import MissingAsset, asset
from mapper.render import fonts
from mapper.render.image import MAX_ZOOM, PALETTE, ImageSizeError, layout, render_png, render_svg
from tests.test_render import ALEPPO, DAMASCUS, HOSTILE, IDLIB, LIMA, make_result

SUVA = Place("gn2198148", "Suva", -18.14161, 178.44149, 2198148, "P", "PPLC", "FJ", "Central")
APIA = Place("gn4035413", "Apia", -13.83333, -171.76666, 4035413, "P", "PPLC", "WS", "Tuamasaga")
SYRIA = Place("gn163843", "Syria", 35.0, 38.0, 163843, "A", "PCLI", "SY")
BEIJING = Place("gn1816670", "北京", 39.9075, 116.39723, 1816670, "P", "PPLC", "CN", "Beijing")
HALAB = Place("gn170063x", "Ḥalab حلب", 36.20124, 37.16117, None, "P", "PPLA", "SY")


@pytest.fixture(autouse=True)
def world_atlas() -> None:
    try:
        asset("world-atlas", "countries-50m.json")
    except MissingAsset as e:
        pytest.skip(f"the world-atlas npm package is not installed: {e}")


def story(*places: Place, title: str = "A story", confidence: float = 0.9):
    """A result naming each place once, in this order."""
    text = " ".join(f"News from {p.name}." for p in places) or "No places here."
    return make_result((text,), tuple((0, p.name, p, confidence) for p in places), title=title)


def pixels(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.mode == "RGB"
    return image


def disk_colour(image: Image.Image, xy: tuple[float, float], r: int = 8) -> tuple[int, int, int]:
    """The commonest colour within r pixels of xy (a marker's fill, not its number)."""
    x0, y0 = round(xy[0]), round(xy[1])
    colours = Counter(image.getpixel((x, y)) for x in range(x0 - r, x0 + r + 1)
                      for y in range(y0 - r, y0 + r + 1) if (x - x0) ** 2 + (y - y0) ** 2 <= r * r)
    return colours.most_common(1)[0][0]


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def chunk_types(png: bytes) -> list[bytes]:
    types, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        types.append(png[pos + 4:pos + 8])
        pos += 12 + length
    return types


def test_a_png_of_the_requested_size():
    png = render_png(make_result())
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert pixels(png).size == (1200, 675)
    assert pixels(render_png(make_result(), width=600, height=600)).size == (600, 600)
    assert pixels(render_png(make_result(), width=320, height=180)).size == (320, 180)
    with pytest.raises(ValueError, match="at least"):
        render_png(make_result(), width=100, height=100)


def test_byte_identical_for_the_same_input_with_no_metadata():
    first, second = render_png(make_result()), render_png(make_result())
    assert first == second
    assert set(chunk_types(first)) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}  # no time, no text


def test_markers_sit_on_their_places_in_the_accent_and_pale_when_uncertain():
    result = make_result()
    image, view = pixels(render_png(result)), layout(result).view
    assert disk_colour(image, view.pixel(ALEPPO.lat, ALEPPO.lon)) == rgb(PALETTE.accent)
    assert disk_colour(image, view.pixel(DAMASCUS.lat, DAMASCUS.lon)) == rgb(PALETTE.accent)
    assert disk_colour(image, view.pixel(IDLIB.lat, IDLIB.lon)) == rgb(PALETTE.pale_accent)  # confidence 0.35
    corner = (view.left + 10, view.top + 10)  # the map itself is land and sea, not the accent
    assert disk_colour(image, corner) != rgb(PALETTE.accent)


@pytest.mark.parametrize("places", [
    (ALEPPO, DAMASCUS, IDLIB),
    (ALEPPO, LIMA),  # across the Atlantic
    (SUVA, APIA),  # either side of 180°
    (APIA, SUVA, LIMA),
])
def test_the_view_holds_every_focus_place(places):
    result = story(*places)
    view, image = layout(result).view, pixels(render_png(result))
    for place in places:
        xy = view.pixel(place.lat, place.lon)
        assert view.shows(*xy), place.name
        assert disk_colour(image, xy, r=6) == rgb(PALETTE.accent), place.name


def test_every_number_shows_and_names_never_collide():
    # seven places within a few kilometres, and the capital: the markers must push apart
    crowd = [Place(f"gn{n}", f"Village number {n}", 36.2 + n / 100, 37.16 + n / 80, n, "P", "PPL", "SY")
             for n in range(1, 8)]
    plan = layout(story(*crowd, DAMASCUS))
    assert len(plan.markers) == 8
    for i, a in enumerate(plan.markers):
        for b in plan.markers[i + 1:]:
            assert math.dist(a.at, b.at) >= a.radius + b.radius  # no marker covers another's number
    assert 0 < len(plan.labels) < 8  # some names do not fit, and are left out
    boxes = [label.box for label in plan.labels] + [plan.attribution]
    circles = [(x - m.radius, y - m.radius, x + m.radius, y + m.radius) for m in plan.markers for x, y in [m.at]]
    for i, box in enumerate(boxes):
        assert not any(overlap(box, other) for other in boxes[i + 1:] + circles)


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_places_across_the_antimeridian_are_side_by_side():
    view = layout(story(SUVA, APIA)).view
    (x0, _), (x1, _) = view.pixel(SUVA.lat, SUVA.lon), view.pixel(APIA.lat, APIA.lon)
    assert 0 < x1 - x0 < view.width  # Apia east of Suva, the Pacific between them, not the world
    assert view.zoom > 4


def test_countries_do_not_widen_the_view_around_towns():
    usa = Place("gn6252001", "United States", 39.76, -98.5, 6252001, "A", "PCLI", "US")
    view = layout(story(ALEPPO, DAMASCUS, usa)).view
    assert view.zoom == MAX_ZOOM
    assert not view.shows(*view.pixel(39.76, -98.5))


def test_one_place_gets_a_regional_view_not_a_street_map():
    town, country = layout(story(ALEPPO)).view, layout(story(SYRIA)).view
    assert 4 <= country.zoom < town.zoom <= MAX_ZOOM
    assert town.shows(*town.pixel(ALEPPO.lat, ALEPPO.lon))


def test_an_article_with_no_places_is_a_world_map():
    result = story(title="Markets rally as inflation cools")
    image, view = pixels(render_png(result)), layout(result).view
    assert view.scale >= view.width  # the world fills the width, no repeats
    assert rgb(PALETTE.accent) not in {colour for _, colour in image.getcolors(1 << 24)}
    title_strip = image.crop((0, 0, image.width, view.top))
    assert min(sum(colour) for _, colour in title_strip.getcolors(1 << 24)) < 150  # dark title text


def test_outlines_cut_at_180_degrees_draw_no_band_across_the_world():
    result = story()
    image, view = pixels(render_png(result)), layout(result).view
    sea = rgb(PALETTE.sea)
    assert image.getpixel(view.pixel(-16.5, -140)) == sea  # Fiji's latitude, mid-Pacific
    assert image.getpixel(view.pixel(67, -5)) == sea  # Chukotka's latitude, the Norwegian Sea


def test_hostile_titles_and_non_latin_names_render():
    title = (HOSTILE + "\n\t\u202e\u200b 北京 «مظاهرات» ⚠️ ") * 300
    result = story(BEIJING, HALAB, title=title)
    image = pixels(render_png(result))
    assert image.size == (1200, 675)
    assert render_png(story(title="\x00\x1b[31m")) != b""


def test_text_keeps_to_glyphs_the_font_has():
    assert _printable("Ḥalab") == "Halab"
    assert _printable("Zürich\nKraków") == "Zurich Krakow"
    assert _printable("北京") == "Bei Jing"
    assert _printable("\u202e\x00⚠️") == ""


def test_a_missing_world_atlas_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MAPPER_ASSETS", str(tmp_path))
    with pytest.raises(MissingAsset, match="world-atlas"):
        render_png(make_result())
