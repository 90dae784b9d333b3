"""The static map: a locator map of an article's places, drawn offline from Natural Earth outlines
in Noto Sans, as map.png (Pillow) or map.svg, from one layout through one drawing interface."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

from mapper.model import MapResult, PlaceGroup
from mapper.render import fonts
from mapper.render.canvas import Box, Canvas, Text
from mapper.render.labels import (
    Label, Marker, country_labels, free, inner, marker_boxes, place_labels, within,
)
from mapper.render.locator import free_corner, locator_view, view_box
from mapper.render.framing import Frame, frame
from mapper.render.markers import LOW_CONFIDENCE, label_order
from mapper.render.mercator import View, fit
from mapper.render.naming import display_name
from mapper.render.numbering import place_numbers
from mapper.render.outlines import Atlas, atlas, clipped, clipped_line, thinned
from mapper.render.pillow_canvas import PillowCanvas
from mapper.render.sizes import check_size
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
SINGLE_ZOOM = 4.0  # a box of no size: a country's point
DETAIL_ZOOM = 4.5  # closer than this, 1:50 million coasts look coarse: use 1:10 million
ATTRIBUTION = "Natural Earth \u00b7 mapper"
# Type and margins in pixels of a 1200 x 675 image; other sizes scale them (see _unit).
TITLE, TITLE_WEIGHT, NOTE, NUMBER_WEIGHT, CREDIT, MARGIN = 30, 700, 16, 700, 12, 20


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


def render_png(result: MapResult, *, width: int = 1200, height: int = 675, scale: int = 1,
               view: Frame | None = None) -> bytes:
    """The map of result's places as a PNG of width x height, times scale the pixels (for print):
    title strip, basemap, numbered markers, names, locator inset; opened on view, the story's frame
    (framing.frame) that the HTML maps open on too."""
    check_size(width, height, scale)
    return png_of(layout(result, width=width, height=height, story_view=view), scale)


def render_svg(result: MapResult, *, width: int = 1200, height: int = 675, view: Frame | None = None) -> str:
    """The same picture as render_png's, as SVG: shapes as paths, names as text in Noto Sans."""
    return svg_of(layout(result, width=width, height=height, story_view=view), result.article.title)


def png_of(plan: Layout, scale: int = 1) -> bytes:
    """The PNG of a layout (so that a PNG and an SVG of one map are laid out once)."""
    check_size(plan.width, plan.height, scale)
    canvas = PillowCanvas(plan.width, plan.height, scale=scale)
    draw(plan, canvas)
    return canvas.png()


def svg_of(plan: Layout, title: str) -> str:
    """The SVG of a layout, titled."""
    canvas = SvgCanvas(plan.width, plan.height, title=" ".join(title.split()), description=plan.alt)
    draw(plan, canvas)
    return canvas.svg()


def layout(result: MapResult, *, width: int = 1200, height: int = 675, story_view: Frame | None = None) -> Layout:
    """The title strip; the view below it; the markers of the places in it, spread where they
    crowd; marker 1's name, the inset where it covers nothing, the other names and the countries'
    where they fit."""
    check_size(width, height, 1)
    u = _unit(width, height)
    story_view = story_view or frame(result)
    numbers, groups = place_numbers(result), result.places()
    names = {g.place.key: display_name(g) for g in groups}
    heading = _heading(result, names, numbers, None, width, height, u)
    view = _view(story_view, (0, heading[-1].at[1] + 14 * u, width, height), u)
    markers = _markers(view, groups, numbers, u)
    shown = {m.group.place.key for m in markers}
    heading = _heading(result, names, numbers, shown, width, height, u)  # with the places off the map
    top = heading[-1].at[1] + 14 * u
    if top != view.top:  # the note took another line
        view = _view(story_view, (0, top, width, height), u)
        markers = _markers(view, groups, numbers, u)
    credit = _credit(view, markers, u)
    taken = [*marker_boxes(markers, u), credit.box]
    order = {key: rank for rank, key in enumerate(label_order(result, story_view))}
    ranked = sorted(markers, key=lambda m: order[m.group.place.key])
    labels = place_labels(view, ranked[:1], markers, names, taken, u, always=True)
    inset = _inset(view, [*taken, *(label.box for label in labels)], u)
    if inset:
        taken.append(_frame(inset))
    labels += place_labels(view, ranked[1:], markers, names, [*taken, *(label.box for label in labels)], u)
    countries = country_labels(view, atlas(_detail(view)), markers, [*taken, *(label.box for label in labels)], u)
    alt = _alt(result, names, numbers, shown)
    return Layout(width, height, u, view, tuple(markers), tuple(labels), countries, inset, heading, credit, alt)


def _view(story_view: Frame, area: Box, u: float) -> View:
    """The part of the world the map shows in area: the story's frame, as the HTML maps open on."""
    box = story_view.box
    corners = [(box.south, box.west), (box.north, box.east)] if box else []
    left, top, right, bottom = (round(v) for v in area)
    return fit(corners, right - left, bottom - top, pad=(round(90 * u), round(45 * u)), max_zoom=MAX_ZOOM,
               single_zoom=SINGLE_ZOOM, left=left, top=top)


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
            markers.append(Marker(g, numbers[g.place.key], within(xy, inner(view, radius + 3 * u)), xy, radius))
    return _spread(markers, inner(view, 3 * u), u)


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
            xy[:] = within((xy[0], xy[1]), (bounds[0] + r, bounds[1] + r, bounds[2] - r, bounds[3] - r))
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
    box = next((b for b in boxes if free(b, marker_boxes(markers, u))), boxes[0])
    return Label(Text(ATTRIBUTION, ((box[0] + box[2]) / 2, bottom - pad - below), size, align="middle"), box)


def _inset(view: View, taken: list[Box], u: float) -> Inset | None:
    """The locator inset, in the corner where it covers nothing taken, made smaller if it must."""
    for share in (0.2, 0.16, 0.13):
        w = share * min(view.width, 1.7 * view.height)
        frame = free_corner(inner(view, 0), (w, w * 0.72), 12 * u, taken)
        wider = locator_view(view, frame) if frame else None
        if wider:
            return Inset(wider, view_box(view, wider))
    return None


def _frame(inset: Inset) -> Box:
    v = inset.view
    return (v.left, v.top, v.left + v.width, v.top + v.height)


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
    box = inner(view, 0)
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
    mark = (max(cx - half_w, frame[0]), max(cy - half_h, frame[1]),
            min(cx + half_w, frame[2]), min(cy + half_h, frame[3]))
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

