"""The offline gazetteer (embedded, or imported from GeoNames) as a geopy geocoder: no key, no network."""

from __future__ import annotations

import math
import re
from pathlib import Path

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from mapper.model import Place
from mapper.gazetteer.build import ensure
from mapper.gazetteer.sources import NATURAL_EARTH
from mapper.gazetteer.store import MAX_CANDIDATES, NameMatch, open_store

# News names countries, continents and regions far more often than the villages that share their names.
FEATURE_PRIOR = {"PCLI": 0.15, "CONT": 0.15, "ADM1": 0.05, "PPLC": 0.05}
# ...and seldom means the farm, school, road or wood (GeoNames' S, R, V) that shares a town's name.
CLASS_PRIOR = {"S": -0.1, "R": -0.1, "V": -0.1}
# Where the source gives no population (rivers, mountains, deserts, most regions), how many names
# the world has for a place says how well known it is: a river with a hundred counts like a
# city of about 60,000, a creek with none like nothing.
_FAME_PER_DECADE_OF_NAMES = 0.3
_MAX_FAME = 0.6
# "the Euphrates River": GeoNames often names a river or a range without the generic word.
_GENERIC_WORD = re.compile(r"(.+?)\s+(river|mountains)", re.IGNORECASE)
_GENERIC_CLASS = {"river": "H", "mountains": "T"}


def _size(match: NameMatch) -> float:
    if match.place.population:
        return match.place.population_scale
    return min(_FAME_PER_DECADE_OF_NAMES * math.log10(match.alternate_count + 1), _MAX_FAME)


def prior(match: NameMatch) -> float:
    """How likely a name means this place before reading the article, in [0, 1]."""
    naming = (0.6 if match.main_name else 0.4) if match.exact else 0.25
    place = match.place
    bonus = FEATURE_PRIOR.get(place.feature_code, 0.0) + CLASS_PRIOR.get(place.feature_class, 0.0)
    return max(0.0, min(0.55 * _size(match) + 0.3 * naming + bonus, 1.0))


class Gazetteer(Geocoder):
    """geopy geocoder over the SQLite gazetteer (built on first use under the user cache dir).

    `geocode(name, exactly_one=False)` returns the places of that name, best prior first (at most
    `limit`, by default MAX_CANDIDATES); each Location's `raw` holds geonameid, feature class and
    code, country code, admin-1 and admin-2 names and population.
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
        """The places of this name as geopy Locations, best prior first: the best one, or with
        exactly_one=False a list of at most `limit`, only in country_codes when given."""
        matches = sorted(_one_per_feature(self._matches(query)), key=lambda m: (-prior(m), m.place.key))
        if country_codes:
            wanted = {country_codes} if isinstance(country_codes, str) else set(country_codes)
            wanted = {c.upper() for c in wanted}
            matches = [m for m in matches if m.place.country_code in wanted]
        cap = limit or MAX_CANDIDATES
        # a country or first-level region is always offered: "San Juan" is also Puerto Rico's
        kept = matches[:cap] + [m for m in matches[cap:] if m.place.is_country or m.place.is_region]
        locations = [_location(m) for m in kept]
        if not locations:
            return None
        return locations[0] if exactly_one else locations


    def _matches(self, query: str) -> tuple[NameMatch, ...]:
        """The store's matches, and for "X River" or "X Mountains" GeoNames' river or range "X"."""
        found = self.store.lookup(query)
        generic = _GENERIC_WORD.fullmatch(query.strip())
        if not generic:
            return found
        feature_class = _GENERIC_CLASS[generic.group(2).lower()]
        keys = {m.place.key for m in found}
        return found + tuple(m for m in self.store.lookup(generic.group(1))
                             if m.place.feature_class == feature_class and m.place.key not in keys)


def _one_per_feature(matches: tuple[NameMatch, ...]) -> list[NameMatch]:
    """A sea, lake or river that both Natural Earth and an imported GeoNames list (the same kind,
    by an exact name) is GeoNames': one river is one candidate, and GeoNames' carries an id."""
    listed = {m.place.feature_code for m in matches if m.exact and m.place.feature_class == "H" and m.place.geonameid}
    return [m for m in matches if not (m.place.source == NATURAL_EARTH and m.place.feature_code in listed)]


def _location(match: NameMatch) -> Location:
    p = match.place
    address = ", ".join(part for part in (p.name, p.admin1 if p.admin1 != p.name else "", p.country_code) if part)
    raw = {
        "key": p.key, "geonameid": p.geonameid, "name": p.name,
        "feature_class": p.feature_class, "feature_code": p.feature_code,
        "country_code": p.country_code, "admin1": p.admin1, "admin2": p.admin2, "population": p.population,
        "source": p.source, "exact": match.exact, "main_name": match.main_name, "prior": prior(match),
    }
    return Location(address, (p.lat, p.lon), raw)


def place_from_location(location: Location) -> Place:
    """The Place a Location of this gazetteer stands for."""
    raw = location.raw
    return Place(
        key=raw["key"], name=raw["name"], lat=location.latitude, lon=location.longitude,
        geonameid=raw["geonameid"], feature_class=raw["feature_class"],
        feature_code=raw["feature_code"], country_code=raw["country_code"], admin1=raw["admin1"],
        admin2=raw["admin2"], population=raw["population"], source=raw["source"],
    )
