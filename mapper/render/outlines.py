"""Natural Earth country outlines (the world-atlas npm package) in Web Mercator world units."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

from mapper.render import topojson
from mapper.render.assets import asset
from mapper.render.mercator import world_xy

Point = tuple[float, float]  # (x, y): world units in outlines, pixels once drawn


@dataclass(frozen=True)
class Shape:
    points: tuple[Point, ...]
    box: tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Country:
    name: str
    polygons: tuple[Shape, ...]  # the land: outer rings


@dataclass(frozen=True)
class Atlas:
    countries: tuple[Country, ...]
    borders: tuple[Shape, ...]  # arcs two countries share; the rest is coastline


def atlas(detail: str) -> Atlas:
    """The countries at detail "110m", "50m" or "10m" (Natural Earth's scales, 1:110 million...)."""
    return _read(asset("world-atlas", f"countries-{detail}.json"))


@functools.lru_cache(maxsize=2)
def _read(path: Path) -> Atlas:
    topology, lon_lat_arcs = topojson.read(str(path))
    arcs = [[world_xy(lat, lon) for lon, lat in arc] for arc in lon_lat_arcs]  # each point once
    owners: dict[int, set[int]] = {}  # arc -> the countries whose outline uses it
    countries = []
    for n, geometry in enumerate(topology["objects"]["countries"]["geometries"]):
        polygons = geometry.get("arcs") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        land = []
        for polygon in polygons:
            rings = [_unwrapped(topojson._ring(arcs, ring)) for ring in polygon]
            # holes are enclaves, drawn by their own country; but a ring around a pole
            # (Antarctica's coast) is land wherever it comes in the polygon
            land += [_polygon(ring) for k, ring in enumerate(rings) if k == 0 or _circles_pole(ring)]
            for i in (i for ring in polygon for i in ring):
                owners.setdefault(i if i >= 0 else ~i, set()).add(n)
        if land:
            countries.append(Country(geometry.get("properties", {}).get("name", ""), tuple(land)))
    shared = (i for i, users in sorted(owners.items()) if len(users) > 1)
    borders = tuple(_shape(_unwrapped(arcs[i])) for i in shared)
    return Atlas(tuple(countries), borders)


def _unwrapped(line: list[Point]) -> list[Point]:
    """Points moved by whole worlds so that no step jumps across the antimeridian.

    Natural Earth cuts Fiji and Chukotka at 180°: their rings would otherwise be drawn
    with a stroke right across the world.
    """
    if max(x for x, _ in line) - min(x for x, _ in line) <= 0.5:
        return line  # nearly all of them: no step can jump
    out = line[:1]
    for x, y in line[1:]:
        out.append((x - round(x - out[-1][0]), y))
    return out


def _circles_pole(ring: list[Point]) -> bool:
    return len(ring) > 2 and abs(ring[-1][0] - ring[0][0]) > 0.5


def _polygon(ring: list[Point]) -> Shape:
    """A ring as a fillable polygon: a ring around a pole is closed along the map's edge."""
    if _circles_pole(ring):
        edge = 1.0 if sum(y for _, y in ring) > len(ring) / 2 else 0.0
        ring = [*ring, (ring[-1][0], edge), (ring[0][0], edge)]
    return _shape(ring)


def _shape(points: list[Point]) -> Shape:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return Shape(tuple(points), (min(xs), min(ys), max(xs), max(ys)))


def clipped(points: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """The part of a polygon inside box (x0, y0, x1, y1): Sutherland-Hodgman, one edge at a time."""
    for axis, limit, keep in ((0, box[0], 1), (0, box[2], -1), (1, box[1], 1), (1, box[3], -1)):
        if not points:
            break
        out = []
        for a, b in zip(points, points[1:] + points[:1]):
            a_in, b_in = (a[axis] - limit) * keep >= 0, (b[axis] - limit) * keep >= 0
            if a_in:
                out.append(a)
            if a_in != b_in:
                t = (limit - a[axis]) / (b[axis] - a[axis])
                out.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
        points = out
    return points


def clipped_line(points: list[Point], box: tuple[float, float, float, float]) -> list[list[Point]]:
    """The pieces of a line inside box (x0, y0, x1, y1): each segment cut by Liang-Barsky."""
    pieces: list[list[Point]] = []
    for a, b in zip(points, points[1:]):
        segment = _clipped_segment(a, b, box)
        if segment is None:
            continue
        if pieces and pieces[-1][-1] == segment[0]:
            pieces[-1].append(segment[1])
        else:
            pieces.append(list(segment))
    return pieces


def _clipped_segment(a: Point, b: Point, box: tuple[float, float, float, float]) -> tuple[Point, Point] | None:
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - box[0]), (dx, box[2] - a[0]), (-dy, a[1] - box[1]), (dy, box[3] - a[1])):
        if p == 0:
            if q < 0:
                return None  # parallel to this edge, and outside it
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    if t0 > t1:
        return None
    return (a[0] + t0 * dx, a[1] + t0 * dy), (a[0] + t1 * dx, a[1] + t1 * dy)


def thinned(points: list[Point], tolerance: float) -> list[Point]:
    """points without those within tolerance of the line their neighbours kept draw (Douglas-Peucker):
    detail finer than a drawn pixel only weighs the SVG and slows the clipping."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        far, farthest = tolerance, None
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x0) - dx * (y - y0)) / length if length else math.hypot(x - x0, y - y0)
            if d > far:
                far, farthest = d, i
        if farthest is not None:
            keep[farthest] = True
            spans += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep) if kept]
