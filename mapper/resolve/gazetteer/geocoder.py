"""The embedded gazetteer as a geopy geocoder: no key, no server, no network."""

from __future__ import annotations

import math
from pathlib import Path

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from mapper.model import Place
from mapper.resolve.gazetteer.build import ensure
from mapper.resolve.gazetteer.store import NameMatch, open_store


# News names countries, continents and regions far more often than the villages that share their names.
FEATURE_PRIOR = {"PCLI": 0.15, "CONT": 0.15, "ADM1": 0.05, "PPLC": 0.05}


def prior(match: NameMatch) -> float:
    """How likely a name means this place before reading the article, in [0, 1]."""
    population = min(math.log10(match.place.population + 1) / 8, 1.0)
    naming = (0.6 if match.main_name else 0.4) if match.exact else 0.25
    bonus = FEATURE_PRIOR.get(match.place.feature_code, 0.0)
    return min(0.55 * population + 0.3 * naming + bonus, 1.0)


class Gazetteer(Geocoder):
    """geopy geocoder over the SQLite gazetteer (built on first use under the user cache dir).

    `geocode(name, exactly_one=False)` returns every place of that name, best prior first; each
    Location's `raw` holds geonameid, feature class/code, country code, admin-1 and population.
    """

    def __init__(self, path: str | Path | None = None):
        super().__init__()
        self.store = open_store(ensure(Path(path) if path else None))

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout=DEFAULT_SENTINEL,  # nothing here waits on a network; kept for geopy's signature
        country_codes: str | list[str] | None = None,
        limit: int | None = None,
    ):
        matches = sorted(self.store.lookup(query), key=prior, reverse=True)
        if country_codes:
            wanted = {country_codes} if isinstance(country_codes, str) else set(country_codes)
            wanted = {c.upper() for c in wanted}
            matches = [m for m in matches if m.place.country_code in wanted]
        locations = [_location(m) for m in matches[:limit]]
        if not locations:
            return None
        return locations[0] if exactly_one else locations


def _location(match: NameMatch) -> Location:
    p = match.place
    address = ", ".join(part for part in (p.name, p.admin1 if p.admin1 != p.name else "", p.country_code) if part)
    raw = {
        "key": p.key, "geonameid": p.geonameid, "name": p.name,
        "feature_class": p.feature_class, "feature_code": p.feature_code,
        "country_code": p.country_code, "admin1": p.admin1, "population": p.population,
        "source": p.source, "exact": match.exact, "main_name": match.main_name, "prior": prior(match),
    }
    return Location(address, (p.lat, p.lon), raw)


def place_from_location(location: Location) -> Place:
    raw = location.raw
    return Place(
        key=raw["key"], name=raw["name"], lat=location.latitude, lon=location.longitude,
        geonameid=raw["geonameid"], feature_class=raw["feature_class"],
        feature_code=raw["feature_code"], country_code=raw["country_code"], admin1=raw["admin1"],
        population=raw["population"], source=raw["source"],
    )
