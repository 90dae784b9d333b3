"""The static map: a locator map of an article's places, drawn offline from Natural Earth outlines
in Noto Sans, as map.png (Pillow) or map.svg, from one layout through one drawing interface."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from mapper.data import topojson
from mapper.errors import MapperError
from mapper.model import MapResult, PlaceGroup
from mapper.render import fonts
from mapper.render.canvas import SHARE_BEFORE, Box, Canvas, Text
from mapper.render.locator import free_corner, locator_view, view_box
from mapper.render.markers import _AREA_CODES, LOW_CONFIDENCE, _focus
from mapper.render.mercator import View, fit
from mapper.render.naming import display_name
from mapper.render.numbering import place_numbers
from mapper.render.outlines import Atlas, atlas, clipped, clipped_line, thinned
from mapper.render.pillow_canvas import PillowCanvas
from mapper.render.svg_canvas import SvgCanvas


@dataclass(frozen=True)
class Palette:
    """Every colour of the static map."""

    accent: str = "#b3261e"  # each "#rrggbb"; as --accent, --ink, --muted in page.css
    ink: str = "#1f1f1f"
    muted: str = "#5f6368"
    pale_accent: str = "#fdfcfb"  # an uncertain marker: near white, as on the HTML map
    halo: str = "#ffffff"  # around markers and names
    shadow: str = "#000000"  # under markers, translucent
    sea: str = "#d5e4ee"
    land: str = "#f3f1ec"
    border: str = "#ffffff"
    country_ink: str = "#a19c92"
    strip: str = "#ffffff"  # behind the title
    rule: str = "#dadce0"  # under the title strip, around the inset
    credit: str = "#f4f6f8"  # behind the credit line


PALETTE = Palette()
MAX_ZOOM = 8.0  # a few counties across; Natural Earth's 1:10 million coasts still look smooth
SINGLE_ZOOM = {"area": 4.0, "local": 5.5}  # one country; one town, site or region
DETAIL_ZOOM = 4.5  # closer than this, 1:50 million coasts look coarse: use 1:10 million
ATTRIBUTION = "Natural Earth \u00b7 mapper"
# Sizes: each side in pixels, scale the pixel density (print), at most MAX_PIXELS pixels in all.
MIN_SIZE, MAX_SIDE, MAX_SCALE, MAX_PIXELS = (320, 180), 4000, 4, 25_000_000
# Type and margins in pixels of a 1200 x 675 image; other sizes scale them (see _unit).
TITLE, NOTE, LABEL, NUMBER_WEIGHT, COUNTRY, CREDIT, MARGIN = 30, 16, 17, 700, 12.5, 12, 20
TITLE_WEIGHT, LABEL_WEIGHT = 700, 500
REACHES = (1.0, 1.8, 2.6, 3.6, 5.0)  # how far off its marker a name may go, in its usual distances
_SIZE = re.compile(r"\s*(\d{1,5})\s*[x\u00d7X]\s*(\d{1,5})\s*")


class ImageSizeError(MapperError):
    """A static map size (or scale) out of range or not WIDTHxHEIGHT."""


@dataclass(frozen=True)
class Marker:
    group: PlaceGroup
    number: int
    at: tuple[float, float]  # where it is drawn: pushed off its neighbours
    true: tuple[float, float]  # where the place is
    radius: float


@dataclass(frozen=True)
class Label:
    text: Text  # colourless: draw() paints it
    box: Box  # what it covers, halo included
    leader: tuple[tuple[float, float], tuple[float, float]] | None = None  # a line to its marker


@dataclass(frozen=True)
class Inset:
    view: View  # the wider world, in a corner of the map
    mark: Box  # the main view's area on it


@dataclass(frozen=True)
class Layout:
    """Where everything goes, in pixels of a width x height picture."""

    width: int
    height: int
    unit: float  # what one pixel of a 1200 x 675 picture is here
    view: View  # the map, below the title strip
    markers: tuple[Marker, ...]  # every place inside the view, most mentioned first
    labels: tuple[Label, ...]  # the names that fit, marker 1's always
    country_labels: tuple[Label, ...]
    inset: Inset | None
    heading: tuple[Text, ...]  # the title's lines (bold), then the note's
    credit: Label
    alt: str  # the picture in words


def render_png(result: MapResult, *, width: int = 1200, height: int = 675, scale: int = 1) -> bytes:
    """The map of result's places as a PNG of width x height, times scale the pixels (for print):
    title strip, basemap, numbered markers, names, locator inset."""
    check_size(width, height, scale)
    plan = layout(result, width=width, height=height)
    canvas = PillowCanvas(width, height, scale=scale)
    draw(plan, canvas)
    return canvas.png()


def render_svg(result: MapResult, *, width: int = 1200, height: int = 675) -> str:
    """The same picture as render_png's, as SVG: shapes as paths, names as text in Noto Sans."""
    check_size(width, height, 1)
    plan = layout(result, width=width, height=height)
    canvas = SvgCanvas(width, height, title=" ".join(result.article.title.split()), description=plan.alt)
    draw(plan, canvas)
    return canvas.svg()


def parse_size(text: str) -> tuple[int, int]:
    """"1080x1080" -> (1080, 1080), checked as check_size does."""
    match = _SIZE.fullmatch(text)
    if not match:
        raise ImageSizeError(f"an image size is WIDTHxHEIGHT in pixels, such as 1200x675, not {text!r}")
    size = (int(match[1]), int(match[2]))
    check_size(*size, 1)
    return size


def check_size(width: int, height: int, scale: int) -> None:
    if not (MIN_SIZE[0] <= width <= MAX_SIDE and MIN_SIZE[1] <= height <= MAX_SIDE):
        raise ImageSizeError(f"a static map is {MIN_SIZE[0]} to {MAX_SIDE} pixels wide and {MIN_SIZE[1]} to "
                             f"{MAX_SIDE} high, not {width}x{height}")
    if not 1 <= scale <= MAX_SCALE:
        raise ImageSizeError(f"a static map's scale is 1 to {MAX_SCALE}, not {scale}")
    if width * height * scale * scale > MAX_PIXELS:
        raise ImageSizeError(f"{width}x{height} at scale {scale} is {width * scale}x{height * scale} pixels: "
                             f"at most {MAX_PIXELS // 1_000_000} million")


def layout(result: MapResult, *, width: int = 1200, height: int = 675) -> Layout:
    """The title strip; the view below it; the markers of the places in it, spread where they
    crowd; marker 1's name, the inset where it covers nothing, the other names and the countries'
    where they fit."""
    check_size(width, height, 1)
    u = _unit(width, height)
    numbers, groups = place_numbers(result), result.places()
    names = {g.place.key: display_name(g) for g in groups}
    heading = _heading(result, names, numbers, None, width, height, u)
    view = _view(result, (0, heading[-1].at[1] + 14 * u, width, height), u)
    markers = _markers(view, groups, numbers, u)
    shown = {m.group.place.key for m in markers}
    heading = _heading(result, names, numbers, shown, width, height, u)  # with the places off the map
    top = heading[-1].at[1] + 14 * u
    if top != view.top:  # the note took another line
        view = _view(result, (0, top, width, height), u)
        markers = _markers(view, groups, numbers, u)
    credit = _credit(view, markers, u)
    taken = [*_marker_boxes(markers, u), credit.box]
    ranked = sorted(markers, key=lambda m: (m.number != 1, -len(m.group.resolutions), m.number))
    labels = _place_labels(view, ranked[:1], markers, names, taken, u, always=True)
    inset = _inset(view, [*taken, *(label.box for label in labels)], u)
    if inset:
        taken.append(_frame(inset))
    labels += _place_labels(view, ranked[1:], markers, names, [*taken, *(label.box for label in labels)], u)
    countries = _country_labels(view, atlas(_detail(view)), markers,
                                [*taken, *(label.box for label in labels)], u)
    alt = _alt(result, names, numbers, shown)
    return Layout(width, height, u, view, tuple(markers), tuple(labels), countries, inset, heading, credit, alt)


def _view(result: MapResult, area: Box, u: float) -> View:
    """The part of the world the map shows in area: fitted, as the HTML map, to the places the
    story is about (towns and sites, not the countries around them). The one place that chooses it."""
    focus = _focus(result.places())
    kind = "area" if focus and focus[0].place.feature_code in _AREA_CODES else "local"
    left, top, right, bottom = (round(v) for v in area)
    return fit([(g.place.lat, g.place.lon) for g in focus], right - left, bottom - top,
               pad=(round(90 * u), round(45 * u)), max_zoom=MAX_ZOOM, single_zoom=SINGLE_ZOOM[kind],
               left=left, top=top)


def _detail(view: View) -> str:
    return "10m" if view.zoom > DETAIL_ZOOM else "50m"


def _unit(width: int, height: int) -> float:
    """What one pixel of the default 1200 x 675 picture becomes at this size: type and margins
    grow with the picture's area, so that they read alike at any size."""
    return max(0.75, math.sqrt(width * height / (1200 * 675)))


def _markers(view: View, groups: Iterable[PlaceGroup], numbers: dict[str, int], u: float) -> list[Marker]:
    """A marker for each place in the view, the places on its edges' drawn whole inside it."""
    markers = []
    for g in groups:
        xy = view.pixel(g.place.lat, g.place.lon)
        if view.shows(*xy):
            radius = min(17.0, 10 + 1.6 * math.sqrt(len(g.resolutions))) * u
            markers.append(Marker(g, numbers[g.place.key], _within(xy, _inner(view, radius + 3 * u)), xy, radius))
    return _spread(markers, _inner(view, 3 * u), u)


def _within(at: tuple[float, float], box: Box) -> tuple[float, float]:
    return min(max(at[0], box[0]), box[2]), min(max(at[1], box[1]), box[3])


def _spread(markers: list[Marker], bounds: Box, u: float) -> list[Marker]:
    """Markers pushed apart until none covers another's number (rounds of pairwise repulsion),
    each kept inside bounds."""
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
        for xy, m in zip(at, markers):
            r = m.radius
            xy[:] = _within((xy[0], xy[1]), (bounds[0] + r, bounds[1] + r, bounds[2] - r, bounds[3] - r))
        if not moved:
            break
    return [Marker(m.group, m.number, (x, y), m.true, m.radius) for m, (x, y) in zip(markers, at)]


def _heading(result: MapResult, names: dict[str, str], numbers: dict[str, int], shown: set[str] | None,
             width: int, height: int, u: float) -> tuple[Text, ...]:
    """The title in bold and how to read the numbers, with the places off the map (shown is None:
    not known yet, room for none): each on two lines where they need them and the picture is tall
    enough, else on one."""
    room, groups = width - 2 * MARGIN * u, result.places()
    lines = 2 if height >= 400 * u else 1  # the strip takes no more than about a quarter
    title = fonts.wrapped(fonts.printable(result.article.title[:400]), TITLE_WEIGHT, TITLE * u, room, lines)
    note = f"{len(groups)} place{'s' if len(groups) != 1 else ''}, numbered in order of first mention"
    off_map = [f"{numbers[g.place.key]} {names[g.place.key]}" for g in groups if shown is not None
               and g.place.key not in shown]
    if off_map:
        note += "; off the map: " + ", ".join(off_map)
    notes = fonts.wrapped(fonts.printable(note if groups else "No places found"), 400, NOTE * u, room, lines)
    texts, y = [], 14 * u
    for line, size, weight in [*((t, TITLE * u, TITLE_WEIGHT) for t in title), *((n, NOTE * u, 400) for n in notes)]:
        y += size * 1.25 + (4 * u if weight == 400 and texts and texts[-1].weight != 400 else 0)
        texts.append(Text(line, (MARGIN * u, y - 0.28 * size), size, weight))  # baselines 1.25 sizes apart
    return tuple(texts)


def _credit(view: View, markers: list[Marker], u: float) -> Label:
    """The sources, in the map's bottom right corner, or its bottom left where a marker is in the way."""
    size, pad = CREDIT * u, 5 * u
    above, below = fonts.extent(size)
    w, h = fonts.width(ATTRIBUTION, 400, size) + 2 * pad, above + below + 2 * pad
    left, right, bottom = view.left, view.left + view.width, view.top + view.height
    boxes = [(right - w, bottom - h, right, bottom), (left, bottom - h, left + w, bottom)]
    box = next((b for b in boxes if _free(b, _marker_boxes(markers, u))), boxes[0])
    return Label(Text(ATTRIBUTION, ((box[0] + box[2]) / 2, bottom - pad - below), size, align="middle"), box)


def _place_labels(view: View, markers: list[Marker], everyone: list[Marker], names: dict[str, str],
                  taken: list[Box], u: float, always: bool = False) -> list[Label]:
    """Each marker's name beside it (right, left, above, below or on a diagonal) where it covers
    nothing taken nor placed so far and no other marker is nearer to it; nowhere if it fits
    nowhere. A name that must show (always) is set further off with a leader line if it must,
    and, failing that, where it covers least."""
    labels: list[Label] = []
    for m in markers:
        name = fonts.shortened(fonts.printable(names[m.group.place.key]), LABEL_WEIGHT, LABEL * u, 240 * u)
        if not name:
            continue
        own = _circle_box(m.at, m.radius + 2 * u)  # the spots clear its circle already
        others = [box for box in (*taken, *(label.box for label in labels)) if box != own]
        neighbours = [n for n in everyone if n is not m]
        free = [s for reach in (REACHES if always else REACHES[:1])
                for s in _label_spots(view, m, name, reach, u) if _free(s.box, others)]
        chosen = next((s for s in free if _attached(s, m, neighbours)), free[0] if free and always else None)
        if chosen is None and always:
            chosen = min(_label_spots(view, m, name, 1.0, u), key=lambda s: _overlap(s.box, others), default=None)
        if chosen:
            labels.append(chosen)
    return labels


def _label_spots(view: View, m: Marker, name: str, reach: float, u: float) -> list[Label]:
    """The places for m's name inside the view, best first, reach times the usual distance off
    (with a leader line from the marker when that is more than once)."""
    size, halo = LABEL * u, 2 * u
    above, below = fonts.extent(size)
    w = fonts.width(name, LABEL_WEIGHT, size)
    x, y = m.at
    side = (m.radius + 3 * u + halo) * reach  # the halo clears the marker's own white ring
    diagonal, middle = side * 0.72, y + (above - below) / 2
    spots = [((x + side, middle), "start"), ((x - side, middle), "end"),
             ((x, y - side - below), "middle"), ((x, y + side + above), "middle"),
             ((x + diagonal, y - diagonal - below), "start"), ((x + diagonal, y + diagonal + above), "start"),
             ((x - diagonal, y - diagonal - below), "end"), ((x - diagonal, y + diagonal + above), "end")]
    labels = []
    for at, align in spots:
        left = at[0] - SHARE_BEFORE[align] * w
        box = (left - halo, at[1] - above - halo, left + w + halo, at[1] + below + halo)
        if _inside(box, _inner(view, 4 * u)):
            leader = _leader(m, box, u) if reach > 1 else None
            labels.append(Label(Text(name, at, size, LABEL_WEIGHT, align, halo_width=halo), box, leader))
    return labels


def _leader(m: Marker, box: Box, u: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """From the marker's ring to the nearest point of the label's letters."""
    end = _within(m.at, (box[0] + 2 * u, box[1] + 2 * u, box[2] - 2 * u, box[3] - 2 * u))
    d = math.dist(m.at, end) or 1.0
    r = m.radius + 1.5 * u
    return (m.at[0] + (end[0] - m.at[0]) * r / d, m.at[1] + (end[1] - m.at[1]) * r / d), end


def _attached(label: Label, m: Marker, neighbours: list[Marker]) -> bool:
    """Whether label reads as m's: no other marker is nearer to it, or its leader line passes by
    every other marker."""
    if label.leader:
        (x0, y0), (x1, y1) = label.leader
        steps = [(x0 + (x1 - x0) * t / 8, y0 + (y1 - y0) * t / 8) for t in range(9)]
        return all(math.dist(p, n.at) > n.radius + 2 for p in steps for n in neighbours)
    own = _distance_to(label.box, m.at)
    return all(_distance_to(label.box, n.at) > own for n in neighbours)


def _distance_to(box: Box, at: tuple[float, float]) -> float:
    return math.dist(at, _within(at, box))


def _inset(view: View, taken: list[Box], u: float) -> Inset | None:
    """The locator inset, in the corner where it covers nothing taken, made smaller if it must."""
    for share in (0.2, 0.16, 0.13):
        w = share * min(view.width, 1.7 * view.height)
        frame = free_corner(_inner(view, 0), (w, w * 0.72), 12 * u, taken)
        wider = locator_view(view, frame) if frame else None
        if wider:
            return Inset(wider, view_box(view, wider))
    return None


def _frame(inset: Inset) -> Box:
    v = inset.view
    return (v.left, v.top, v.left + v.width, v.top + v.height)


def _country_labels(view: View, world: Atlas, markers: list[Marker], taken: list[Box], u: float) -> tuple[Label, ...]:
    """Country names in spaced capitals, inside the country's visible part, where there is room.

    A country that is itself one of the places keeps only its marker's label.
    """
    size, tracking = COUNTRY * u, 1.8 * u
    above, below = fonts.extent(size)
    h = above + below
    area = _inner(view, 6 * u)
    marked = [m.true for m in markers if m.group.place.feature_code in _AREA_CODES]
    labels, labelled = [], set()  # one label a country, however many pieces of it show
    taken = list(taken)
    for piece, name, ring in _visible_pieces(view, world, area):
        text = fonts.printable(name.upper())
        if name in labelled or piece < (60 * u) ** 2 or not text:
            continue
        if any(topojson._inside(x, y, ring) for x, y in marked):
            continue
        w = fonts.width(text, 400, size) + tracking * (len(text) - 1)
        _, cx, cy = topojson._area_and_centroid(ring)
        for x, y in ((cx, cy), (cx, cy - 2 * h), (cx, cy + 2 * h), (cx - w / 2, cy), (cx + w / 2, cy)):
            box = (x - w / 2 - 2 * u, y - h / 2 - 2 * u, x + w / 2 + 2 * u, y + h / 2 + 2 * u)
            corners = ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3]))
            if all(topojson._inside(px, py, ring) for px, py in corners) and _free(box, taken):
                baseline = y + (above - below) / 2
                labels.append(Label(Text(text, (x, baseline), size, align="middle", tracking=tracking), box))
                taken.append(box)
                labelled.add(name)
                break
    return tuple(labels)


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
            ring = thinned(clipped([view.at(x + shift, y) for x, y in shape.points], area), 0.5)
            if len(ring) > 2:
                pieces.append((abs(topojson._area_and_centroid(ring)[0]), country.name, ring))
    return sorted(pieces, key=lambda piece: (-piece[0], piece[1]))


def _alt(result: MapResult, names: dict[str, str], numbers: dict[str, int], shown: set[str]) -> str:
    """The picture in words, for the SVG's description (and any alt text)."""
    groups = sorted(result.places(), key=lambda g: numbers[g.place.key])
    listed = ", ".join(f"{numbers[g.place.key]} {names[g.place.key]}" for g in groups if g.place.key in shown)
    off_map = ", ".join(names[g.place.key] for g in groups if g.place.key not in shown)
    alt = f"Map of the places in \u201c{' '.join(result.article.title.split())}\u201d"
    alt += f", numbered in order of first mention: {listed}." if listed else ": none found."
    return alt + (f" Off the map: {off_map}." if off_map else "")


def draw(plan: Layout, canvas: Canvas, palette: Palette = PALETTE) -> None:
    """plan, painted in palette's colours."""
    u, view = plan.unit, plan.view
    canvas.rect((0, 0, plan.width, plan.height), fill=palette.sea)
    _draw_land(canvas, view, atlas(_detail(view)), 1.1 * u, palette)
    if plan.inset:
        _draw_inset(canvas, plan.inset, u, palette)
    for label in plan.labels:
        if label.leader:
            canvas.polyline(label.leader, palette.ink, 0.8 * u)
    _draw_markers(canvas, plan.markers, u, palette)
    canvas.rect((0, 0, plan.width, view.top), fill=palette.strip)
    canvas.polyline([(0, view.top - 0.5 * u), (plan.width, view.top - 0.5 * u)], palette.rule, u)
    canvas.rect(plan.credit.box, fill=palette.credit)
    for label in plan.country_labels:
        canvas.text(replace(label.text, fill=palette.country_ink))
    for label in plan.labels:
        canvas.text(replace(label.text, fill=palette.ink, halo=palette.halo))
    for line in plan.heading:
        canvas.text(replace(line, fill=palette.ink if line.weight == TITLE_WEIGHT else palette.muted))
    canvas.text(replace(plan.credit.text, fill=palette.muted))


def _draw_land(canvas: Canvas, view: View, world: Atlas, border: float, palette: Palette) -> None:
    """Light land on a pale sea, borders border wide; the coasts need no line."""
    box = _inner(view, 0)
    x0, x1 = view.cx - view.width / 2 / view.scale, view.cx + view.width / 2 / view.scale
    y0, y1 = view.cy - view.height / 2 / view.scale, view.cy + view.height / 2 / view.scale
    for shift in view.shifts():
        def shows(b: Box) -> bool:
            return b[0] + shift <= x1 and b[2] + shift >= x0 and b[1] <= y1 and b[3] >= y0

        def pixels(points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
            return [view.at(x + shift, y) for x, y in points]

        for shape in (s for country in world.countries for s in country.polygons if shows(s.box)):
            ring = thinned(clipped(pixels(shape.points), box), 0.25)
            if len(ring) > 2:
                canvas.polygon(ring, palette.land)
        for shape in (s for s in world.borders if shows(s.box)):
            for piece in clipped_line(pixels(shape.points), box):
                canvas.polyline(thinned(piece, 0.25), palette.border, border)


def _draw_inset(canvas: Canvas, inset: Inset, u: float, palette: Palette) -> None:
    """The wider world in a white frame, the map's view on it in the accent."""
    frame = _frame(inset)
    canvas.rect(frame, fill=palette.sea, stroke=palette.halo, width=3 * u)
    canvas.rect((frame[0] - 2 * u, frame[1] - 2 * u, frame[2] + 2 * u, frame[3] + 2 * u),
                stroke=palette.rule, width=u)
    _draw_land(canvas, inset.view, atlas("110m"), 0.6 * u, palette)
    x0, y0, x1, y1 = inset.mark
    least = 6 * u  # a view too small to see on the inset is a small square around its centre
    cx, cy, half_w, half_h = (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, least) / 2, max(y1 - y0, least) / 2
    mark = (max(cx - half_w, frame[0]), max(cy - half_h, frame[1]), min(cx + half_w, frame[2]), min(cy + half_h, frame[3]))
    canvas.rect(mark, fill=palette.accent + "1a", stroke=palette.accent, width=1.6 * u)


def _draw_markers(canvas: Canvas, markers: tuple[Marker, ...], u: float, palette: Palette) -> None:
    for m in markers:  # a marker pushed off its place points back to it, under every marker
        if math.dist(m.at, m.true) > 2 * u:
            canvas.polyline([m.true, m.at], palette.ink, u)
            canvas.circle(m.true, 2.2 * u, palette.ink)
    for m in markers:  # as on the HTML map: the most mentioned (biggest) first, smaller ones above
        x, y = m.at
        for spread, alpha in ((3.5, "12"), (2.5, "1e")):  # a soft shadow, a little below
            canvas.circle((x, y + u), m.radius + spread * u, palette.shadow + alpha)
        canvas.circle(m.at, m.radius + 1.5 * u, palette.halo)
        low = m.group.confidence < LOW_CONFIDENCE
        canvas.circle(m.at, m.radius, palette.pale_accent if low else palette.accent)
        if low:
            for start in range(0, 360, 30):  # a dashed ring
                canvas.arc(m.at, m.radius - 0.8 * u, start, start + 18, palette.accent, 1.6 * u)
        size = (2 * u + 0.9 * m.radius) * (0.8 if m.number > 99 else 1)
        canvas.text(Text(str(m.number), (x, y + fonts.middle("0123456789", NUMBER_WEIGHT, size)), size,
                         NUMBER_WEIGHT, "middle", palette.accent if low else palette.halo))


def _marker_boxes(markers: Iterable[Marker], u: float) -> list[Box]:
    boxes = []
    for m in markers:
        boxes.append(_circle_box(m.at, m.radius + 2 * u))
        if m.true != m.at:
            boxes.append(_circle_box(m.true, 3 * u))
    return boxes


def _inner(view: View, margin: float) -> Box:
    return (view.left + margin, view.top + margin,
            view.left + view.width - margin, view.top + view.height - margin)


def _circle_box(at: tuple[float, float], r: float) -> Box:
    return (at[0] - r, at[1] - r, at[0] + r, at[1] + r)


def _free(box: Box, taken: Iterable[Box]) -> bool:
    return not any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken)


def _overlap(box: Box, taken: Iterable[Box]) -> float:
    return sum(max(0.0, min(box[2], t[2]) - max(box[0], t[0])) * max(0.0, min(box[3], t[3]) - max(box[1], t[1]))
               for t in taken)


def _inside(a: Box, b: Box) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]
