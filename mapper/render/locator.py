"""The static map's locator inset, as Datawrapper draws one: a small map of the wider world around
a local or regional view, with the view's box on it, in a corner where it covers nothing."""

from __future__ import annotations

import math
from collections.abc import Iterable

from mapper.render.canvas import Box
from mapper.render.mercator import View

REGIONAL = 30.0  # degrees of longitude across the view's longer side: a narrower view gets an inset
WIDER = 3.0  # the inset spans at least this many times the view...
CONTINENT = 60.0  # ...and at least this many degrees: the country or continent around it


def locator_view(view: View, frame: Box) -> View | None:
    """The inset's view of the world around view, filling frame; None when view is already
    continental or wider."""
    span = max(view.width, view.height) / view.scale * 360
    if span > REGIONAL:
        return None
    width, height = frame[2] - frame[0], frame[3] - frame[1]
    scale = max(width / (max(span * WIDER, CONTINENT) / 360), height)  # never taller than the world
    half = height / 2 / scale
    return View(view.cx, min(max(view.cy, half), 1 - half), scale, round(width), round(height),
                round(frame[0]), round(frame[1]))


def view_box(view: View, inset: View) -> Box:
    """view's area in the inset's pixels."""
    half_w, half_h = view.width / 2 / view.scale, view.height / 2 / view.scale
    x0, y0 = inset.at(view.cx - half_w, view.cy - half_h)
    x1, y1 = inset.at(view.cx + half_w, view.cy + half_h)
    return x0, y0, x1, y1


def free_corner(area: Box, size: tuple[float, float], margin: float, taken: Iterable[Box]) -> Box | None:
    """The box of size in a corner of area (margin inside it) that is clear by margin of every
    taken box, the one farthest from them; None when every corner covers something."""
    taken = list(taken)
    w, h = size
    corners = [(area[0] + margin, area[1] + margin), (area[2] - margin - w, area[1] + margin),
               (area[0] + margin, area[3] - margin - h), (area[2] - margin - w, area[3] - margin - h)]
    best, clearance = None, margin
    for x, y in corners:
        box = (x, y, x + w, y + h)
        nearest = min((_distance(box, other) for other in taken), default=math.inf)
        if nearest >= clearance and (best is None or nearest > clearance):
            best, clearance = box, nearest
    return best


def _distance(a: Box, b: Box) -> float:
    dx = max(b[0] - a[2], a[0] - b[2], 0.0)
    dy = max(b[1] - a[3], a[1] - b[3], 0.0)
    return math.hypot(dx, dy)
