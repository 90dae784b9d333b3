"""The static map: a PNG locator map of an article's places, drawn offline with Pillow."""

from __future__ import annotations

import functools
import io
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont
from unidecode import unidecode

from mapper.data import topojson
from mapper.model import MapResult, PlaceGroup
from mapper.render.extents import is_area
from mapper.render.framing import Frame, frame
from mapper.render.markers import LOW_CONFIDENCE
from mapper.render.mercator import View, fit
from mapper.render.numbering import place_numbers
from mapper.render.outlines import Atlas, atlas, clipped

ACCENT, INK, MUTED = "#b3261e", "#1f1f1f", "#5f6368"  # as --accent, --ink, --muted in page.css
PALE_ACCENT, WHITE = "#fdfcfb", "#ffffff"  # an uncertain marker: near white, as on the HTML map
SEA, LAND, COUNTRY_INK = "#d5e4ee", "#f3f1ec", "#a19c92"
SUPERSAMPLE = 3  # shapes are drawn this much larger, then shrunk: antialiasing
MAX_ZOOM = 6.0  # about 1:9 million, where Natural Earth's 1:10 million outlines still hold up
SINGLE_ZOOM = 4.0  # a box of no size: a country's point
DETAIL_ZOOM = 4.5  # closer than this, 1:50 million coasts look coarse: use 1:10 million
ATTRIBUTION = "Natural Earth \u00b7 mapper"
MIN_SIZE = (320, 180)  # room for the title strip and a map with its padding

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Marker:
    group: PlaceGroup
    number: int
    at: tuple[float, float]  # where it is drawn: pushed off its neighbours
    true: tuple[float, float]  # where the place is
    radius: float


@dataclass(frozen=True)
class Label:
    text: str
    at: tuple[float, float]
    anchor: str  # Pillow's text anchor: "lm" is left-middle
    box: Box


@dataclass(frozen=True)
class Layout:
    """Where everything but the basemap goes, in pixels of the image."""

    view: View
    markers: tuple[Marker, ...]  # every place inside the view, most mentioned first
    labels: tuple[Label, ...]  # the names that fit
    attribution: Box


def render_png(result: MapResult, *, width: int = 1200, height: int = 675, view: Frame | None = None) -> bytes:
    """The map of result's places as a PNG: title strip, basemap, numbered markers, labels; opened on
    view, the story's frame (framing.frame) that the HTML maps open on too."""
    u = _unit(width, height)
    plan = layout(result, width=width, height=height, story_view=view)
    world = atlas("10m" if plan.view.zoom > DETAIL_ZOOM else "50m")

    big = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE), SEA)
    draw = ImageDraw.Draw(big, "RGBA")  # RGBA: translucent fills blend
    _draw_basemap(draw, plan.view.scaled(SUPERSAMPLE), world, u * SUPERSAMPLE)
    _draw_markers(draw, plan.markers, u, SUPERSAMPLE)
    _draw_title(draw, result, plan.markers, width, plan.view.top, u, SUPERSAMPLE)
    image = big.resize((width, height), Image.Resampling.LANCZOS)

    # text is drawn at its own size, where FreeType hints it crisp
    draw = ImageDraw.Draw(image)
    x0, y0, x1, y1 = plan.attribution
    draw.rectangle(plan.attribution, fill="#f4f6f8")
    draw.text(((x0 + x1) / 2, (y0 + y1) / 2), ATTRIBUTION, font=_font(11 * u), anchor="mm", fill=MUTED)
    for label in plan.labels:
        draw.text(label.at, label.text, font=_font(14 * u), anchor=label.anchor, fill=INK,
                  stroke_width=_halo(u), stroke_fill=WHITE)
    taken = [*_marker_boxes(plan.markers, u), plan.attribution, *(label.box for label in plan.labels)]
    _draw_country_labels(draw, plan.view, world, plan.markers, taken, u)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)  # no metadata: the same map, the same bytes
    return out.getvalue()


def layout(result: MapResult, *, width: int = 1200, height: int = 675, story_view: Frame | None = None) -> Layout:
    """The view below the title strip, fitted to the story's frame as the HTML map is; the markers
    of the places in it; the labels that fit."""
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        raise ValueError(f"a static map needs at least {MIN_SIZE[0]} x {MIN_SIZE[1]} pixels")
    u = _unit(width, height)
    top = round(66 * u)
    box = (story_view or frame(result)).box
    corners = [(box.south, box.west), (box.north, box.east)] if box else []
    view = fit(corners, width, height - top, pad=(round(90 * u), round(45 * u)), max_zoom=MAX_ZOOM,
               single_zoom=SINGLE_ZOOM, top=top)
    numbers = place_numbers(result)
    markers = _spread([
        Marker(g, numbers[g.place.key], xy, xy, min(16.0, 9 + 1.5 * math.sqrt(len(g.resolutions))) * u)
        for g in result.places() if view.shows(*(xy := view.pixel(g.place.lat, g.place.lon)))
    ], u)
    x0, y0, x1, y1 = _font(11 * u).getbbox(ATTRIBUTION, anchor="mm")
    right, bottom, pad = view.left + view.width, view.top + view.height, 5 * u
    attribution = (right - (x1 - x0) - 2 * pad, bottom - (y1 - y0) - 2 * pad, right, bottom)
    labels = _place_labels(view, markers, [*_marker_boxes(markers, u), attribution], u)
    return Layout(view, tuple(markers), labels, attribution)


def _unit(width: int, height: int) -> float:
    """What one pixel of the default 1200 x 675 image becomes at this size (text stays legible)."""
    return max(0.75, math.sqrt(width * height / (1200 * 675)))


def _spread(markers: list[Marker], u: float) -> list[Marker]:
    """Markers pushed apart until none covers another's number (rounds of pairwise repulsion)."""
    at = [list(m.at) for m in markers]
    for _ in range(60):
        moved = False
        for i, j in ((i, j) for i in range(len(at)) for j in range(i + 1, len(at))):
            dx, dy = at[j][0] - at[i][0], at[j][1] - at[i][1]
            d, gap = math.hypot(dx, dy), markers[i].radius + markers[j].radius + u
            if d >= gap:
                continue
            ux, uy = (dx / d, dy / d) if d > 1e-6 else (math.cos(j), math.sin(j))
            push = (gap - d) / 2 + 0.01
            at[i][0], at[i][1] = at[i][0] - ux * push, at[i][1] - uy * push
            at[j][0], at[j][1] = at[j][0] + ux * push, at[j][1] + uy * push
            moved = True
        if not moved:
            break
    return [Marker(m.group, m.number, (x, y), m.true, m.radius) for m, (x, y) in zip(markers, at)]


def _place_labels(view: View, markers: list[Marker], taken: list[Box], u: float) -> tuple[Label, ...]:
    """Each place's name beside its marker, most mentioned first: right, left, above or below,
    wherever it collides with nothing placed so far; nowhere if it fits nowhere."""
    font, halo = _font(14 * u), _halo(u)
    bounds = _inset(view, 4 * u)
    labels: list[Label] = []
    for m in markers:
        name = _shortened(_printable(m.group.place.name), font, 220 * u)
        x, y = m.at
        gap = m.radius + 3 * u + halo  # the halo clears the marker's own white ring
        for at, anchor in (((x + gap, y), "lm"), ((x - gap, y), "rm"),
                           ((x, y - gap), "md"), ((x, y + gap), "ma")):
            x0, y0, x1, y1 = font.getbbox(name, anchor=anchor, stroke_width=halo)
            box = (at[0] + x0, at[1] + y0, at[0] + x1, at[1] + y1)
            if name and _inside(box, bounds) and _free(box, [*taken, *(b.box for b in labels)]):
                labels.append(Label(name, at, anchor, box))
                break
    return tuple(labels)


def _draw_basemap(draw: ImageDraw.ImageDraw, view: View, world: Atlas, u: float) -> None:
    """Light land on a pale sea, white borders; the coasts need no line."""
    x0, x1 = view.cx - view.width / 2 / view.scale, view.cx + view.width / 2 / view.scale
    y0, y1 = view.cy - view.height / 2 / view.scale, view.cy + view.height / 2 / view.scale
    for shift in view.shifts():
        def shows(box: Box) -> bool:
            return box[0] + shift <= x1 and box[2] + shift >= x0 and box[1] <= y1 and box[3] >= y0
        for shape in (s for country in world.countries for s in country.polygons if shows(s.box)):
            draw.polygon([view.at(x + shift, y) for x, y in shape.points], fill=LAND)
        for shape in (s for s in world.borders if shows(s.box)):
            draw.line([view.at(x + shift, y) for x, y in shape.points], fill=WHITE,
                      width=max(1, round(1.1 * u)), joint="curve")


def _draw_markers(draw: ImageDraw.ImageDraw, markers: tuple[Marker, ...], u: float, k: int) -> None:
    for m in markers:  # a marker pushed off its place points back to it, under every marker
        (x, y), (tx, ty) = (m.at[0] * k, m.at[1] * k), (m.true[0] * k, m.true[1] * k)
        if math.hypot(x - tx, y - ty) > 2 * u * k:
            draw.line([(tx, ty), (x, y)], fill=INK, width=round(u * k))
            draw.ellipse(_circle_box((tx, ty), 2.2 * u * k), fill=INK)
    for m in markers:  # as on the HTML map: the most mentioned (biggest) first, smaller ones above
        at, r = (m.at[0] * k, m.at[1] * k), m.radius * k
        for spread, alpha in ((3.5, 18), (2.5, 30)):  # a soft shadow, a little below
            draw.ellipse(_circle_box((at[0], at[1] + u * k), r + spread * u * k), fill=(0, 0, 0, alpha))
        draw.ellipse(_circle_box(at, r + 1.5 * u * k), fill=WHITE)
        low = m.group.confidence < LOW_CONFIDENCE
        draw.ellipse(_circle_box(at, r), fill=PALE_ACCENT if low else ACCENT)
        if low:
            for start in range(0, 360, 30):  # a dashed ring
                draw.arc(_circle_box(at, r), start, start + 18, fill=ACCENT, width=round(1.6 * u * k))
        size = round(2 * (2 * u + 0.9 * m.radius) * (0.8 if m.number > 99 else 1)) / 2
        draw.text(at, str(m.number), font=_font(size * k), anchor="mm", fill=ACCENT if low else WHITE,
                  stroke_width=round(0.4 * u * k), stroke_fill=ACCENT if low else WHITE)


def _draw_country_labels(draw: ImageDraw.ImageDraw, view: View, world: Atlas,
                         markers: tuple[Marker, ...], taken: list[Box], u: float) -> None:
    """Country names in spaced capitals, inside the country's visible part, where there is room.

    A country that is itself one of the places keeps only its marker's label.
    """
    font, spacing = _font(11 * u), 1.8 * u
    area = _inset(view, 6 * u)
    marked = [m.true for m in markers if is_area(m.group.place)]
    labelled: set[str] = set()  # one label a country, however many pieces of it show
    for size, name, ring in _visible_pieces(view, world, area):
        text = _printable(name.upper())
        if name in labelled or size < (60 * u) ** 2 or not text:
            continue
        if any(topojson._inside(x, y, ring) for x, y in marked):
            continue
        advances = [font.getlength(ch) + spacing for ch in text]
        w, h = sum(advances) - spacing, font.getmetrics()[0]
        _, cx, cy = topojson._area_and_centroid(ring)
        for x, y in ((cx, cy), (cx, cy - 2 * h), (cx, cy + 2 * h), (cx - w / 2, cy), (cx + w / 2, cy)):
            box = (x - w / 2 - 2 * u, y - h / 2 - 2 * u, x + w / 2 + 2 * u, y + h / 2 + 2 * u)
            corners = ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3]))
            if all(topojson._inside(px, py, ring) for px, py in corners) and _free(box, taken):
                left = x - w / 2
                for ch, advance in zip(text, advances):  # Pillow has no letter-spacing
                    draw.text((left, y), ch, font=font, anchor="lm", fill=COUNTRY_INK)
                    left += advance
                taken.append(box)
                labelled.add(name)
                break


def _visible_pieces(view: View, world: Atlas, area: Box) -> list[tuple[float, str, list]]:
    """(area in pixels, country name, outline in pixels) of each piece of land inside area,
    biggest first."""
    pieces = []
    for country in world.countries:
        for shift, shape in ((s, p) for s in view.shifts() for p in country.polygons):
            x0, y0 = view.at(shape.box[0] + shift, shape.box[1])
            x1, y1 = view.at(shape.box[2] + shift, shape.box[3])
            if _free((x0, y0, x1, y1), [area]):
                continue
            ring = clipped([view.at(x + shift, y) for x, y in shape.points], area)
            if len(ring) > 2:
                pieces.append((abs(topojson._area_and_centroid(ring)[0]), country.name, ring))
    return sorted(pieces, key=lambda piece: (-piece[0], piece[1]))


def _draw_title(draw: ImageDraw.ImageDraw, result: MapResult, markers: tuple[Marker, ...],
                width: int, height: int, u: float, k: int) -> None:
    """The strip above the map: the article's title, and how to read the numbers."""
    draw.rectangle((0, 0, width * k, height * k), fill=WHITE)
    draw.line((0, (height - 1) * k, width * k, (height - 1) * k), fill="#dadce0", width=k)
    margin, room = 18 * u * k, (width - 36 * u) * k
    title_font, note_font = _font(23 * u * k), _font(13 * u * k)
    title = _shortened(_printable(result.article.title), title_font, room)
    draw.text((margin, 30 * u * k), title, font=title_font, anchor="ls", fill=INK,
              stroke_width=round(0.35 * u * k), stroke_fill=INK)  # drawn large, this is a touch of bold
    groups, numbers = result.places(), place_numbers(result)
    note = f"{len(groups)} place{'s' if len(groups) != 1 else ''}, numbered in order of first mention"
    shown = {m.group.place.key for m in markers}
    off_map = [f"{numbers[g.place.key]} {g.place.name}" for g in groups if g.place.key not in shown]
    if off_map:
        note += "; off the map: " + ", ".join(off_map)
    note = _shortened(_printable(note if groups else "No places found"), note_font, room)
    draw.text((margin, 52 * u * k), note, font=note_font, anchor="ls", fill=MUTED)


@functools.lru_cache(maxsize=64)
def _font(size: float) -> ImageFont.FreeTypeFont:
    """Pillow's own scalable font (Aileron), so no system font is needed; basic layout, so the
    image does not depend on whether libraqm is installed."""
    font = ImageFont.load_default(size=size)
    assert isinstance(font, ImageFont.FreeTypeFont), "Pillow >= 10.1 with FreeType"
    return font.font_variant(layout_engine=ImageFont.Layout.BASIC)


def _printable(text: str) -> str:
    """text on one line in characters the font has (Aileron has little beyond ASCII): the others
    transliterated ("Ḥalab" -> "Halab", "北京" -> "Bei Jing") or, failing that, dropped."""
    out = []
    for ch in " ".join(text.split()):
        if unicodedata.category(ch)[0] != "C":  # no controls, bidi overrides, private use
            out.append(ch if _has_glyph(ch) else "".join(c for c in unidecode(ch) if _has_glyph(c)))
    return " ".join("".join(out).split())


@functools.lru_cache(maxsize=4096)
def _has_glyph(ch: str) -> bool:
    return ch.isspace() or _glyph(ch) != _glyph("\U000f0000")  # private use: the font's blank box


@functools.lru_cache(maxsize=4096)
def _glyph(ch: str) -> bytes:
    image = Image.new("L", (40, 40))
    ImageDraw.Draw(image).text((10, 10), ch, font=_font(20), fill=255)
    return image.tobytes()


def _shortened(text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    """text cut, at a word where one is near, with an ellipsis, so it fits in width pixels."""
    if font.getlength(text) <= width:
        return text
    lo, hi = 0, min(len(text), int(width))  # no glyph is narrower than a pixel
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if font.getlength(text[:mid] + "\u2026") <= width else (lo, mid - 1)
    cut = text[:lo]
    words = cut.rsplit(" ", 1)[0]
    return (words if len(words) > 0.6 * len(cut) else cut).rstrip(" ,;:-") + "\u2026"


def _marker_boxes(markers: Iterable[Marker], u: float) -> list[Box]:
    return [_circle_box(m.at, m.radius + 2 * u) for m in markers]


def _halo(u: float) -> int:
    return round(2 * u)


def _inset(view: View, margin: float) -> Box:
    return (view.left + margin, view.top + margin,
            view.left + view.width - margin, view.top + view.height - margin)


def _circle_box(at: tuple[float, float], r: float) -> Box:
    return (at[0] - r, at[1] - r, at[0] + r, at[1] + r)


def _free(box: Box, taken: Iterable[Box]) -> bool:
    return not any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken)


def _inside(a: Box, b: Box) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]
