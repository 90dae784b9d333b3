"""Where the static map's names go: each place's beside its marker where it covers nothing (a
leader line for marker 1's in a crowd), and the countries' inside them, in spaced capitals."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from mapper.render import topojson
from mapper.model import PlaceGroup
from mapper.render import fonts
from mapper.render.canvas import SHARE_BEFORE, Box, Text
from mapper.render.extents import is_area
from mapper.render.mercator import View
from mapper.render.outlines import Atlas, clipped, thinned

# Type in pixels of a 1200 x 675 image (times the layout's unit)
LABEL, LABEL_WEIGHT, COUNTRY = 17, 500, 12.5
REACHES = (1.0, 1.8, 2.6, 3.6, 5.0)  # how far off its marker a name may go, in its usual distances


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


def place_labels(view: View, markers: list[Marker], everyone: list[Marker], names: dict[str, str],
                 taken: list[Box], u: float, always: bool = False) -> list[Label]:
    """Each marker's name beside it (right, left, above, below or on a diagonal) where it covers
    nothing taken nor placed so far and no other marker is nearer to it; nowhere if it fits
    nowhere. A name that must show (always) is set further off with a leader line if it must
    (one that passes by the other markers if it can), and, failing that, where it covers least."""
    labels: list[Label] = []
    for m in markers:
        name = fonts.shortened(fonts.printable(names[m.group.place.key]), LABEL_WEIGHT, LABEL * u, 240 * u)
        if not name:
            continue
        own = circle_box(m.at, m.radius + 2 * u)  # the spots clear its circle already
        others = [box for box in (*taken, *(label.box for label in labels)) if box != own]
        neighbours = [n for n in everyone if n is not m]
        spots = [s for reach in (REACHES if always else REACHES[:1])
                 for s in _label_spots(view, m, name, reach, u) if free(s.box, others)]
        chosen = next((s for s in spots if _attached(s, m, neighbours)), spots[0] if spots and always else None)
        if chosen is None and always:
            chosen = min(_label_spots(view, m, name, 1.0, u), key=lambda s: overlap(s.box, others), default=None)
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
        if _inside(box, inner(view, 4 * u)):
            leader = _leader(m, box, u) if reach > 1 else None
            labels.append(Label(Text(name, at, size, LABEL_WEIGHT, align, halo_width=halo), box, leader))
    return labels


def _leader(m: Marker, box: Box, u: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """From the marker's ring to the nearest point of the label's letters."""
    end = within(m.at, (box[0] + 2 * u, box[1] + 2 * u, box[2] - 2 * u, box[3] - 2 * u))
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
    return math.dist(at, within(at, box))


def country_labels(view: View, world: Atlas, markers: list[Marker], taken: list[Box], u: float) -> tuple[Label, ...]:
    """Country names in spaced capitals, inside the country's visible part, where there is room.

    A country that is itself one of the places keeps only its marker's label.
    """
    size, tracking = COUNTRY * u, 1.8 * u
    above, below = fonts.extent(size)
    h = above + below
    area = inner(view, 6 * u)
    marked = [m.true for m in markers if is_area(m.group.place)]
    labels, labelled = [], set()  # one label a country, however many pieces of it show
    taken = list(taken)
    for piece, name, ring in _visible_pieces(view, world, area):
        text = fonts.printable(name.upper())
        if name in labelled or piece < (60 * u) ** 2 or not text:
            continue
        if any(topojson.in_ring(x, y, ring) for x, y in marked):
            continue
        w = fonts.width(text, 400, size) + tracking * (len(text) - 1)
        _, cx, cy = topojson.area_and_centroid(ring)
        for x, y in ((cx, cy), (cx, cy - 2 * h), (cx, cy + 2 * h), (cx - w / 2, cy), (cx + w / 2, cy)):
            box = (x - w / 2 - 2 * u, y - h / 2 - 2 * u, x + w / 2 + 2 * u, y + h / 2 + 2 * u)
            corners = ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3]))
            if all(topojson.in_ring(px, py, ring) for px, py in corners) and free(box, taken):
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
            if free((x0, y0, x1, y1), [area]):
                continue
            ring = thinned(clipped([view.at(x + shift, y) for x, y in shape.points], area), 0.5)
            if len(ring) > 2:
                pieces.append((abs(topojson.area_and_centroid(ring)[0]), country.name, ring))
    return sorted(pieces, key=lambda piece: (-piece[0], piece[1]))


def marker_boxes(markers: Iterable[Marker], u: float) -> list[Box]:
    boxes = []
    for m in markers:
        boxes.append(circle_box(m.at, m.radius + 2 * u))
        if m.true != m.at:
            boxes.append(circle_box(m.true, 3 * u))
    return boxes


def inner(view: View, margin: float) -> Box:
    return (view.left + margin, view.top + margin,
            view.left + view.width - margin, view.top + view.height - margin)


def circle_box(at: tuple[float, float], r: float) -> Box:
    return (at[0] - r, at[1] - r, at[0] + r, at[1] + r)


def free(box: Box, taken: Iterable[Box]) -> bool:
    return not any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken)


def overlap(box: Box, taken: Iterable[Box]) -> float:
    return sum(max(0.0, min(box[2], t[2]) - max(box[0], t[0])) * max(0.0, min(box[3], t[3]) - max(box[1], t[1]))
               for t in taken)


def _inside(a: Box, b: Box) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]


def within(at: tuple[float, float], box: Box) -> tuple[float, float]:
    return min(max(at[0], box[0]), box[2]), min(max(at[1], box[1]), box[3])
