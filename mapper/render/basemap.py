"""The basemap: Natural Earth country outlines and names, under the tiles of a named provider.

templates/basemap.js draws the outlines in panes below Leaflet's tile pane: online the tiles cover
them, offline (tiles failing, or a self-contained page with no tile layer) they are the map.
"""

from __future__ import annotations

import json
import math

import folium

from mapper.data.topojson import Ring, centroid, mainland_centroid, polygons, read
from mapper.render.assets import asset

TILES = "OpenStreetMap"  # a provider name folium resolves (xyzservices)
OUTLINES = "countries-110m.json"  # world-atlas; 1:50m is 5 times the size, for detail only close up
OUTLINES_ATTRIBUTION = "Natural Earth"
_SCALE = 100  # coordinates in hundredths of a degree (about 1 km): finer than the 1:110m shapes
_LABEL_PX_PER_CHAR = 12  # an upper-case letter of the 11px label (basemap.css), with room around the name
_LABEL_ZOOMS = (2, 8)  # the first zoom a label may appear at; by 8 every country has room


def config(*, tiles: bool) -> dict:
    """What basemap.js needs besides the outlines: the tile layer, or else the outlines' credit.

    Natural Earth is public domain; it is credited where it is the map, and left out under tiles
    so that the credit line stays one line on a phone.
    """
    if not tiles:
        return {"attribution": OUTLINES_ATTRIBUTION, "tiles": None}
    layer = folium.TileLayer(TILES)
    return {
        "attribution": None,
        "tiles": {
            "url": layer.tiles,
            "attribution": layer.options["attribution"],
            "maxZoom": layer.options["max_zoom"],
        },
    }


def world_js() -> str:
    """The outlines as a script that sets window.mapperWorld (file:// pages cannot fetch JSON)."""
    topology, arcs = read(str(asset("world-atlas", OUTLINES)))
    countries = [
        _country(geometry, arcs)
        for geometry in topology["objects"]["countries"]["geometries"]
        if geometry.get("arcs")
    ]
    world = {"scale": _SCALE, "countries": countries}
    return f"window.mapperWorld = {json.dumps(world, separators=(',', ':'))};\n"


def _country(geometry: dict, arcs: list[Ring]) -> dict:
    """Name, label point, first label zoom and shape: polygons of rings, each a flat list of
    lat, lon steps in 1/_SCALE degrees, the first from 0, 0."""
    name = geometry["properties"]["name"]
    lat, lon = mainland_centroid(geometry, arcs) or centroid(geometry, arcs)
    shape, width = [], 0.0
    for polygon in polygons(geometry, arcs):
        outline, *holes = map(_continuous, polygon)
        width = max(width, max(x for x, _ in outline) - min(x for x, _ in outline))
        if steps := _steps(outline):
            shape.append([steps, *filter(None, map(_steps, holes))])
    return {
        "name": name,
        "label": [round(lat, 2), round(lon, 2)],
        "minZoom": _label_zoom(name, width),
        "shape": shape,
    }


def _continuous(ring: Ring) -> Ring:
    """Longitudes moved by whole turns so that no step jumps across the antimeridian.

    world-atlas rings cross it (Russia, Fiji); Leaflet would draw each jump from 180 to -180 as
    a line around the world.
    """
    points: Ring = []
    for lon, lat in ring:
        if points:
            lon -= 360 * round((lon - points[-1][0]) / 360)
        points.append((lon, lat))
    return points


def _steps(ring: Ring) -> list[int]:
    """A ring as flat lat, lon differences in 1/_SCALE degrees; empty when too small to draw."""
    points: list[tuple[int, int]] = []
    for lon, lat in ring[:-1]:  # the closing point repeats the first: Leaflet closes rings itself
        point = (round(lat * _SCALE), round(lon * _SCALE))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) < 3:
        return []
    steps, previous = [], (0, 0)
    for point in points:
        steps += [point[0] - previous[0], point[1] - previous[1]]
        previous = point
    return steps


def _label_zoom(name: str, width: float) -> int:
    """The first zoom at which the name fits across the country's widest polygon (width in degrees)."""
    px_per_degree = 256 / 360  # at zoom 0; doubles with each zoom
    needed = len(name) * _LABEL_PX_PER_CHAR / (max(width, 0.01) * px_per_degree)
    low, high = _LABEL_ZOOMS
    return min(high, max(low, math.ceil(math.log2(needed))))
