"""The basemap: Natural Earth's world, under the tiles of a named provider.

templates/basemap.js draws the world at 1:110m (world_js) in panes below Leaflet's tile pane and,
as the reader zooms in near the page's places, cells at 1:50m and 1:10m with the lines and names
of states and provinces (cells.py). Online the tiles cover it all; offline (tiles failing, or a
self-contained page with no tile layer) it is the map.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import folium

from mapper.render import topojson
from mapper.render.topojson import centroid, mainland_centroid, polygons, read
from mapper.model import MapResult
from mapper.render import cells
from mapper.render.assets import asset
from mapper.render.framing import Frame, frame

TILES = "OpenStreetMap"  # a provider name folium resolves (xyzservices)
# Countries, land and states and provinces all come from Natural Earth (public domain): one credit.
ATTRIBUTION = "Natural Earth"
_SCALE = 100  # world coordinates in hundredths of a degree (about 1 km): finer than the 1:110m shapes
_LABEL_PX_PER_CHAR = 12  # an upper-case letter of the 11px label (basemap.css), with room around the name
_LABEL_ZOOMS = (2, 8)  # the first zoom a country's name may appear at; by 8 every country has room
_INLINE_BUDGET = 300_000  # bytes of cells a self-contained page may inline for its first view
_MAP_PX = (600, 450)  # a map's size for guessing the zoom a view opens at: the smaller maps mapper makes


@dataclass(frozen=True)
class Reach:
    """Where a page's reader may look closely: the places on its map (lat, lon), and the box its
    map opens on (south, west, north, east), which is all a self-contained page draws in detail."""

    places: tuple[tuple[float, float], ...] = ()
    view: tuple[float, float, float, float] | None = None


def reach_of(results: Sequence[MapResult], view: Frame | None = None) -> Reach:
    """The places of the results, and the box the map of a single one opens on: its frame (view,
    or framing.frame's)."""
    places = tuple(sorted({(g.place.lat, g.place.lon) for r in results for g in r.places()}))
    box = (view or frame(results[0])).box if len(results) == 1 else None
    if box is None:
        return Reach(places)
    return Reach(places, (box.south, box.west, box.north, box.east))


def config(*, tiles: bool, path: str | None, keys: dict[str, list[str]]) -> dict:
    """What basemap.js needs besides the world: the tile layer, the outlines' credit and the cells
    it may draw, per level: written under path (loaded as the reader zooms in), or, without a
    path, inlined in the page."""
    levels = [
        {"name": level.name, "size": level.size, "scale": level.scale, "minZoom": level.min_zoom,
         "keys": keys.get(level.name, [])}
        for level in cells.LEVELS
    ]
    basemap = {"attribution": ATTRIBUTION, "admin1Zoom": cells.ADMIN1_ZOOM, "cells": {"path": path, "levels": levels}}
    if not tiles:
        return {**basemap, "tiles": None}
    layer = folium.TileLayer(TILES)
    return {
        **basemap,
        "tiles": {"url": layer.tiles, "attribution": layer.options["attribution"], "maxZoom": layer.options["max_zoom"]},
    }


def detail_keys(reach: Reach) -> dict[str, list[str]]:
    """The cells a linked page writes: each level's within its reach of the page's places."""
    return {level.name: cells.keys_near(level, reach.places) for level in cells.LEVELS}


def inline_keys(reach: Reach) -> dict[str, list[str]]:
    """The cells a self-contained page inlines: those its first view needs, nearest its centre
    first, within _INLINE_BUDGET bytes."""
    if reach.view is None:
        return {}
    south, west, north, east = reach.view
    zoom = _fit_zoom(reach.view)
    wanted = []
    for level in cells.LEVELS:
        if zoom < level.min_zoom:
            continue
        for key in cells.keys_near(level, _corners(reach.view, level)):
            box = level.box(key)
            if _overlaps(box, reach.view):
                off_centre = math.hypot((box[1] + box[3] - south - north) / 2, (box[0] + box[2] - west - east) / 2)
                wanted.append((off_centre, level, key))
    keys: dict[str, list[str]] = {}
    spent = 0
    for _, level, key in sorted(wanted, key=lambda w: (w[0], w[1].min_zoom, w[2])):
        size = len(cells.cell_js(level, key).encode("utf-8"))
        if spent + size > _INLINE_BUDGET:
            break
        spent += size
        keys.setdefault(level.name, []).append(key)
    return keys


def cell_files(keys: dict[str, list[str]]) -> Iterable[tuple[str, str]]:
    """(path under the cells' folder, script) of each cell."""
    for level in cells.LEVELS:
        for key in keys.get(level.name, []):
            yield f"{level.name}/{key}.js", cells.cell_js(level, key)


def world_js() -> str:
    """The world at 1:110m as a script that sets window.mapperWorld (file:// pages cannot fetch JSON):
    land and lake rings, border lines and countries' names with the zoom each fits from."""
    land_topology, land_arcs = read(str(asset("world-atlas", "land-110m.json")))
    topology, arcs = read(str(asset("world-atlas", "countries-110m.json")))
    geometries = [g for g in topology["objects"]["countries"]["geometries"] if g.get("arcs")]
    land = [
        steps for geometry in land_topology["objects"]["land"]["geometries"]
        for polygon in polygons(geometry, land_arcs) for ring in polygon
        if (steps := cells.steps(cells.around_pole(cells.continuous(ring)), _SCALE, 3))
    ]
    lakes = [
        steps for points, _ in cells.world_pieces("lakes-110m") if (steps := cells.steps(points, _SCALE, 3))
    ]
    borders = [
        steps for arc in topojson.shared_arcs(geometries, arcs)
        if (steps := cells.steps(cells.continuous(arc), _SCALE, 2))
    ]
    world = {"scale": _SCALE, "land": land, "lakes": lakes, "borders": borders, "countries": [_country(g, arcs) for g in geometries]}
    return f"window.mapperWorld = {json.dumps(world, separators=(',', ':'))};\n"


def _country(geometry: dict, arcs: list[topojson.Ring]) -> dict:
    """Name, label point and the first zoom its name fits across its widest polygon."""
    name = geometry["properties"]["name"]
    lat, lon = mainland_centroid(geometry, arcs) or centroid(geometry, arcs)
    width = max(
        max(x for x, _ in ring) - min(x for x, _ in ring)
        for ring in (cells.continuous(polygon[0]) for polygon in polygons(geometry, arcs))
    )
    return {
        "name": name,
        "label": [round(lat, 2), round(lon, 2)],
        "minZoom": cells.label_zoom(name, width, _LABEL_PX_PER_CHAR, _LABEL_ZOOMS),
    }


def _fit_zoom(view: tuple[float, float, float, float]) -> int:
    """The zoom Leaflet fits the view into a _MAP_PX map at (Web Mercator)."""
    south, west, north, east = view
    width, height = _MAP_PX

    def y(lat: float) -> float:
        lat = max(-85.0, min(85.0, lat))
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)  # in world widths

    span_x = max((east - west) / 360, 1e-6)
    span_y = max(y(north) - y(south), 1e-6)
    return max(0, min(18, math.floor(math.log2(min(width / (256 * span_x), height / (256 * span_y))))))


def _corners(view: tuple[float, float, float, float], level: cells.Level) -> list[tuple[float, float]]:
    """Points a level's reach around which covers the view: a grid at the reach's spacing."""
    south, west, north, east = view
    dlat, dlon = level.reach
    lats = [south + i * dlat for i in range(int((north - south) / dlat) + 2)]
    lons = [west + i * dlon for i in range(int((east - west) / dlon) + 2)]
    return [(min(lat, north), min(lon, east)) for lat in lats for lon in lons]


def _overlaps(box: cells.Box, view: tuple[float, float, float, float]) -> bool:
    south, west, north, east = view
    return box[0] <= east and west <= box[2] and box[1] <= north and south <= box[3]
