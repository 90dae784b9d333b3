"""The static map: map.png and map.svg, one locator map drawn offline from Natural Earth outlines
in Noto Sans."""

from __future__ import annotations

import io
import math
import struct
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from mapper.model import Place
from mapper.errors import MissingAsset, OptionError
from mapper.render.assets import asset
from mapper.render.locator import free_corner
from mapper.render import fonts
from mapper.render.image import MAX_ZOOM, PALETTE, layout, render_png, render_svg
from mapper.render.sizes import check_size, parse_size
from tests.cli_runner import run_mapper
from tests.test_render import ALEPPO, DAMASCUS, HOSTILE, IDLIB, LIMA, make_result

SUVA = Place("gn2198148", "Suva", -18.14161, 178.44149, 2198148, "P", "PPLC", "FJ", "Central")
APIA = Place("gn4035413", "Apia", -13.83333, -171.76666, 4035413, "P", "PPLC", "WS", "Tuamasaga")
SYRIA = Place("gn163843", "Syria", 35.0, 38.0, 163843, "A", "PCLI", "SY")
BEIJING = Place("gn1816670", "北京", 39.9075, 116.39723, 1816670, "P", "PPLC", "CN", "Beijing")
HALAB = Place("gn170063x", "Ḥalab حلب", 36.20124, 37.16117, None, "P", "PPLA", "SY")


@pytest.fixture(autouse=True)
def npm_assets() -> None:
    try:
        asset("world-atlas", "countries-50m.json")
        fonts.woff2("latin", 400)
    except MissingAsset as e:
        pytest.skip(f"the world-atlas or @fontsource/noto-sans npm package is not installed: {e}")


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
    assert pixels(render_png(make_result(), scale=2)).size == (2400, 1350)  # the same picture, for print
    with pytest.raises(OptionError, match="320 to 4000 pixels wide"):
        render_png(make_result(), width=100, height=100)
    with pytest.raises(OptionError, match="scale is 1 to 4"):
        render_png(make_result(), scale=5)


@pytest.mark.parametrize("text, size", [("1080x1080", (1080, 1080)), ("1920X1080", (1920, 1080)),
                                        (" 1080 × 1350 ", (1080, 1350))])
def test_sizes_are_width_x_height(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text, message", [
    ("big", "WIDTHxHEIGHT"), ("1200", "WIDTHxHEIGHT"), ("-1x5", "WIDTHxHEIGHT"), ("1.5x2", "WIDTHxHEIGHT"),
    ("0x0", "not 0x0"), ("100000x675", "WIDTHxHEIGHT"), ("5000x675", "not 5000x675"),
])
def test_nonsense_sizes_are_refused_in_one_line(text, message):
    with pytest.raises(OptionError, match=message) as refused:
        parse_size(text)
    assert "\n" not in str(refused.value)


def test_print_sizes_are_bounded_in_pixels():
    check_size(1200, 675, 4)
    with pytest.raises(OptionError, match="million"):
        check_size(4000, 4000, 2)


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
    plan = layout(story(*crowd, *[DAMASCUS] * 4))  # the capital, named four times, is in view too
    assert len(plan.markers) == 8
    for i, a in enumerate(plan.markers):
        for b in plan.markers[i + 1:]:
            assert math.dist(a.at, b.at) >= a.radius + b.radius  # no marker covers another's number
    assert 0 < len(plan.labels) < 8  # some names do not fit, and are left out
    boxes = [label.box for label in plan.labels] + [plan.credit.box]
    for i, box in enumerate(boxes):
        assert not any(overlap(box, other) for other in boxes[i + 1:])
        assert not any(covers(box, m) for m in plan.markers)


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def covers(box, marker) -> bool:
    """Whether box reaches into the marker's disc."""
    (x, y), nearest = marker.at, (min(max(marker.at[0], box[0]), box[2]), min(max(marker.at[1], box[1]), box[3]))
    return math.dist((x, y), nearest) < marker.radius


def test_places_across_the_antimeridian_are_side_by_side():
    view = layout(story(SUVA, APIA)).view
    (x0, _), (x1, _) = view.pixel(SUVA.lat, SUVA.lon), view.pixel(APIA.lat, APIA.lon)
    assert 0 < x1 - x0 < view.width  # Apia east of Suva, the Pacific between them, not the world
    assert view.zoom > 4


def test_countries_do_not_widen_the_view_around_towns():
    usa = Place("gn6252001", "United States", 39.76, -98.5, 6252001, "A", "PCLI", "US")
    view = layout(story(ALEPPO, DAMASCUS, usa)).view
    assert view == layout(story(ALEPPO, DAMASCUS)).view
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
    for svg in (render_svg(result), render_svg(story(HALAB, title="\x00\x1b[31m <b>&amp;\ud800\uffff"))):
        ET.fromstring(svg)  # still well-formed


def test_text_keeps_to_glyphs_the_font_has():
    assert fonts.printable("Ḥalab") == "Ḥalab"
    assert fonts.printable("Zürich\nKraków") == "Zürich Kraków"
    assert fonts.printable("Ko\u0308ln") == "Köln"  # composed: one letter, one glyph
    assert fonts.printable("北京 حلب") == "Bei Jing Hlb"  # no subset has them: transliterated
    assert fonts.printable("\u202e\x00⚠️\ue000") == ""


@pytest.mark.parametrize("name, subsets", [
    ("Köln", ["latin"]),
    ("Łódź", ["latin-ext", "latin", "latin-ext"]),
    ("Αθήνα", ["greek"]),
    ("Київ", ["cyrillic"]),
    ("Đà Nẵng", ["vietnamese", "latin", "vietnamese", "latin"]),
])
def test_every_letter_is_drawn_from_a_subset_that_has_it(name, subsets):
    assert fonts.printable(name) == name
    runs = fonts.runs(name)
    assert "".join(run.text for run in runs) == name
    assert [run.subset for run in runs] == subsets
    for run in runs:
        font = fonts.font(run.subset, 400, 40)
        missing = glyph(font, "\ue000")  # private use: the font's box for a missing glyph
        for ch in run.text.replace(" ", ""):
            assert glyph(font, ch) != missing, (ch, run.subset)


def glyph(font, ch: str) -> bytes:
    image = Image.new("L", (60, 60))
    ImageDraw.Draw(image).text((10, 50), ch, font=font, fill=255, anchor="ls")
    return image.tobytes()


def test_labels_keep_their_letters_in_the_png_and_the_svg():
    places = [Place(f"gn{n}", name, lat, lon, n, "P", "PPLA", cc) for n, (name, lat, lon, cc) in enumerate([
        ("Köln", 50.94, 6.96, "DE"), ("Łódź", 51.77, 19.46, "PL"), ("Αθήνα", 37.98, 23.73, "GR"),
        ("Київ", 50.45, 30.52, "UA")], 1)]
    result = story(*places, title="Köln, Łódź, Αθήνα, Київ")
    plan = layout(result)
    assert {label.text.text for label in plan.labels} == {p.name for p in places}
    assert plan.heading[0].text == "Köln, Łódź, Αθήνα, Київ"
    texts = [t.text for t in ET.fromstring(render_svg(result)).iter(SVG + "text")]
    assert {p.name for p in places} <= set(texts) and "Köln, Łódź, Αθήνα, Київ" in texts


def test_labels_and_the_note_give_the_articles_spelling():
    koeln = Place("gn2886242", "Köln", 50.93, 6.95, 2886242, "P", "PPLA2", "DE")
    bonn = Place("gn2946447", "Bonn", 50.73, 7.1, 2946447, "P", "PPLA3", "DE")
    usa = Place("gn6252001", "United States", 39.76, -98.5, 6252001, "A", "PCLI", "US")
    text = "Barges stopped at Cologne and Bonn. Cologne's port is empty. America imports less."
    result = make_result((text,), ((0, "Cologne", koeln, 0.9), (0, "Bonn", bonn, 0.9),
                                   (0, "Cologne", koeln, 0.9), (0, "America", usa, 0.9)), title="Low water")
    plan = layout(result)
    assert "Cologne" in {label.text.text for label in plan.labels}
    assert "Köln" not in {label.text.text for label in plan.labels}
    assert "off the map: 3 America" in " ".join(line.text for line in plan.heading)
    assert "Cologne" in plan.alt and "Köln" not in plan.alt


@pytest.mark.parametrize("first", [0, 3, 6])
def test_marker_1_is_always_named_even_in_a_crowd(first):
    # a village mentioned once, first, amid a crowd of places mentioned more often
    crowd = [Place(f"gn{n}", f"Township of Number {n}", 36.2 + (n % 3) / 60, 37.16 + (n // 3) / 50, n, "P", "PPL",
                   "SY") for n in range(9)]
    order = [crowd[first], *[p for p in crowd if p is not crowd[first]] * 3]
    plan = layout(story(*order))
    one = next(m for m in plan.markers if m.number == 1)
    assert one.group.place is crowd[first]
    assert f"Township of Number {first}" in {label.text.text for label in plan.labels}
    label = next(label for label in plan.labels if label.text.text == f"Township of Number {first}")
    assert not any(covers(label.box, m) for m in plan.markers)


def test_names_go_to_the_places_mentioned_first_and_most():
    crowd = [Place(f"gn{n}", f"Village of Number {n}", 36.2 + n / 300, 37.16 + n / 250, n, "P", "PPL", "SY")
             for n in range(8)]
    many = crowd[5]
    plan = layout(story(*crowd, many, many, many))
    named = {label.text.text for label in plan.labels}
    assert {"Village of Number 0", "Village of Number 5"} <= named
    assert len(named) < len(crowd)


SVG = "{http://www.w3.org/2000/svg}"


def test_the_svg_is_the_same_picture_as_the_png():
    result = make_result()
    svg, plan = render_svg(result), layout(result)
    root = ET.fromstring(svg)  # well-formed
    assert root.tag == SVG + "svg" and (root.get("width"), root.get("height")) == ("1200", "675")
    assert root.get("font-family").startswith("'Noto Sans'")
    assert root.find(SVG + "title").text == result.article.title
    texts = [t.text for t in root.iter(SVG + "text")]
    assert {label.text.text for label in plan.labels} <= set(texts)
    assert sorted(t for t in texts if t.isdigit()) == sorted(str(m.number) for m in plan.markers)
    fills = Counter(c.get("fill") for c in root.iter(SVG + "circle"))
    assert fills[PALETTE.accent] + fills[PALETTE.pale_accent] == len(plan.markers)
    assert "@font-face" in root.find(SVG + "style").text and "font/woff2" in svg
    assert svg == render_svg(result)  # the same bytes for the same map
    assert all(d.startswith("M") for d in (p.get("d") for p in root.iter(SVG + "path")))


def test_the_svg_matches_the_png_at_another_size():
    result = make_result()
    root = ET.fromstring(render_svg(result, width=1080, height=1350))
    assert root.get("viewBox") == "0 0 1080 1350"
    plan = layout(result, width=1080, height=1350)
    numbers = {t.text: (float(t.get("x")), float(t.get("y"))) for t in root.iter(SVG + "text") if t.text.isdigit()}
    for m in plan.markers:
        assert math.dist(numbers[str(m.number)], m.at) < m.radius  # the number sits on its marker


LOCAL = [Place(f"gn9{n}", name, lat, lon, 90 + n, "P", "PPL", "US") for n, (name, lat, lon) in enumerate([
    ("Athens", 39.33, -82.10), ("Pomeroy", 39.03, -82.03), ("Nelsonville", 39.46, -82.23),
    ("Marietta", 39.42, -81.45), ("Logan", 39.54, -82.41)])]


def test_a_local_story_gets_a_locator_inset_that_covers_nothing():
    result = story(*LOCAL)
    plan = layout(result)
    assert plan.inset is not None
    v = plan.inset.view
    frame = (v.left, v.top, v.left + v.width, v.top + v.height)
    assert v.scale < plan.view.scale / 8  # a much wider area
    mark = plan.inset.mark  # the view's box, inside the inset
    assert frame[0] <= mark[0] < mark[2] <= frame[2] and frame[1] <= mark[1] < mark[3] <= frame[3]
    assert len(plan.labels) == len(LOCAL)
    assert not any(covers(frame, m) for m in plan.markers)
    assert not any(overlap(frame, other) for other in [*(label.box for label in plan.labels), plan.credit.box])
    image = pixels(render_png(result))
    inside = {colour for _, colour in image.crop(frame).getcolors(1 << 24)}
    assert rgb(PALETTE.sea) in inside and rgb(PALETTE.land) in inside  # a map, with land and sea


def test_the_inset_goes_to_the_corner_farthest_from_what_is_drawn():
    area, size, margin = (0, 100, 1200, 700), (200, 150), 10
    taken = [(20, 120, 60, 160), (1150, 120, 1190, 160), (20, 640, 60, 690)]  # three corners taken
    assert free_corner(area, size, margin, taken) == (990, 540, 1190, 690)
    assert free_corner(area, size, margin, [*taken, (1000, 600, 1040, 640)]) is None
    assert free_corner(area, size, margin, [(1100, 600, 1140, 640)]) == (10, 110, 210, 260)


@pytest.mark.parametrize("places", [(), (ALEPPO, LIMA), (LIMA, BEIJING, SUVA)])
def test_world_and_continental_views_have_no_inset(places):
    assert layout(story(*places)).inset is None


def test_the_layout_suits_every_social_and_print_size():
    result = story(*LOCAL)
    for width, height in [(1200, 675), (1080, 1080), (1080, 1350), (1920, 1080), (320, 180)]:
        plan = layout(result, width=width, height=height)
        assert len(plan.markers) == len(LOCAL), (width, height)
        bounds = (0, 0, width, height)
        for box in [label.box for label in plan.labels] + [plan.credit.box]:
            assert bounds[0] <= box[0] and box[2] <= bounds[2] and plan.view.top <= box[1] and box[3] <= bounds[3]
        for line in plan.heading:
            assert fonts.width(line.text, line.weight, line.size) <= width - line.at[0]
    small, big = layout(result, width=1200, height=675), layout(result, width=1920, height=1080)
    assert big.labels[0].text.size > small.labels[0].text.size  # type grows with the picture


def test_a_long_title_takes_two_lines_then_an_ellipsis():
    plan = layout(story(ALEPPO, title="Word " * 60), width=1080, height=1080)
    title = [line for line in plan.heading if line.weight == 700]
    assert len(title) == 2 and title[1].text.endswith("\u2026")


def test_the_command_line_writes_png_and_svg_at_the_size_asked(tmp_path: Path):
    story_file = tmp_path / "floods.txt"
    story_file.write_text("Floods in Ohio\n\nRivers rose in Athens, Marietta and Pomeroy on Tuesday.\n")
    done = run_mapper("map", story_file, "-o", tmp_path / "out", "--svg", "--png-size", "1080x1080")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "floods"
    assert Image.open(folder / "map.png").size == (1080, 1080)
    root = ET.parse(folder / "map.svg").getroot()
    assert (root.get("width"), root.get("height")) == ("1080", "1080")
    done = run_mapper("map", story_file, "-o", tmp_path / "print", "--png-scale", "2")
    assert done.returncode == 0, done.stderr
    assert Image.open(tmp_path / "print" / "floods" / "map.png").size == (2400, 1350)


@pytest.mark.parametrize("flags", [["--png-size", "huge"], ["--png-size", "4000x4000", "--png-scale", "2"]])
def test_the_command_line_refuses_bad_sizes_in_one_line(tmp_path: Path, flags):
    done = run_mapper("map", tmp_path / "none.txt", "-o", tmp_path, *flags)
    assert done.returncode != 0
    assert done.stderr.count("\n") == 1 and "--png" in done.stderr
    assert not list(tmp_path.iterdir())


def test_a_missing_world_atlas_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MAPPER_ASSETS", str(tmp_path))
    with pytest.raises(MissingAsset, match="run `make`"):
        render_png(make_result())
