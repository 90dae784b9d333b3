"""TopoJSON shapes decoded: the base map's outlines and borders, and the centroids the data
recipes put in mapper's point tables."""

from __future__ import annotations

import json
from pathlib import Path

Ring = list[tuple[float, float]]


def read(path: str) -> tuple[dict, list[Ring]]:
    """A TopoJSON file's topology and its decoded arcs."""
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    return topology, decode_arcs(topology)


def decode_arcs(topology: dict) -> list[Ring]:
    """The topology's quantized, delta-encoded arcs as (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    points: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs: list[Ring]) -> list[list[Ring]]:
    """A Polygon's or MultiPolygon's (lon, lat) rings: for each polygon, its outline then its holes."""
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [[_ring(arcs, ring) for ring in polygon] for polygon in parts]


def lines(geometry: dict, arcs: list[Ring]) -> list[Ring]:
    """A LineString's or MultiLineString's (lon, lat) lines."""
    parts = geometry["arcs"] if geometry["type"] == "MultiLineString" else [geometry["arcs"]]
    return [_ring(arcs, line) for line in parts]


def unwrapped(ring: Ring, reference: float) -> Ring:
    """Longitudes moved by whole turns to lie within 180 degrees of reference.

    Shapes across the antimeridian (the Aleutians) would otherwise average +179 and -179 to 0.
    """
    return [(x - 360 * round((x - reference) / 360), y) for x, y in ring]


def area_and_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area and centroid of a polygon ring (shoelace formula, in degrees)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def _outer_rings(geometry: dict, arcs: list[Ring]) -> list[Ring]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = [_ring(arcs, polygon[0]) for polygon in polygons]
    reference = rings[0][0][0]
    return [unwrapped(ring, reference) for ring in rings]


def lat_lon(x: float, y: float) -> tuple[float, float]:
    return y, (x + 180) % 360 - 180


def centroid(geometry: dict, arcs: list[Ring]) -> tuple[float, float]:
    """Area-weighted centroid of a shape's outer rings: (lat, lon)."""
    parts = [area_and_centroid(ring) for ring in _outer_rings(geometry, arcs)]
    weights = [abs(area) for area, _, _ in parts]
    if sum(weights) == 0:  # slivers too small for the quantized grid: their plain mean
        weights = [1.0] * len(parts)
    total = sum(weights)
    x = sum(w * px for w, (_, px, _) in zip(weights, parts)) / total
    y = sum(w * py for w, (_, _, py) in zip(weights, parts)) / total
    return lat_lon(x, y)


def in_ring(x: float, y: float, ring: Ring) -> bool:
    """Even-odd rule point-in-polygon test."""
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def mainland_centroid(geometry: dict, arcs: list[Ring]) -> tuple[float, float] | None:
    """Centroid of the shape's main landmass: (lat, lon), or None when it has none.

    The main landmass is the largest polygon when it holds most of the shape's area, so a
    country's point is not dragged by overseas islands and territories (the United States
    towards Alaska, France into the Atlantic). An archipelago has none, and neither has a
    crescent whose centroid falls outside it.
    """
    parts = [(area_and_centroid(ring), ring) for ring in _outer_rings(geometry, arcs)]
    (area, x, y), ring = max(parts, key=lambda part: abs(part[0][0]))
    total = sum(abs(part[0][0]) for part in parts)
    if area == 0 or abs(area) <= total / 2 or not in_ring(x, y, ring):
        return None
    return lat_lon(x, y)


def shared_arcs(geometries: list[dict], arcs: list[Ring]) -> list[Ring]:
    """The arcs that two or more of the geometries use: between countries, their borders (the
    other arcs are coast)."""
    users: dict[int, set[int]] = {}
    for n, geometry in enumerate(geometries):
        parts = geometry.get("arcs") or []
        for polygon in parts if geometry["type"] == "MultiPolygon" else [parts]:
            for i in (i for ring in polygon for i in ring):
                users.setdefault(i if i >= 0 else ~i, set()).add(n)
    return [arcs[i] for i, who in sorted(users.items()) if len(who) > 1]
