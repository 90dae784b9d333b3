"""The GeoNames web service (api.geonames.org), which needs a free account name.

Its places are the gazetteer's own: a place keeps the key "gn<geonameid>" it has there, so the
same place found both ways is one place on the map.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geopy.geocoders import GeoNames
from geopy.location import Location

from mapper.model import Place
from mapper.errors import ServiceConfigError
from mapper.resolve.services.base import Service


def check(*, url: str | None, user_agent: str | None, min_delay: float, options: Mapping[str, Any]) -> None:
    if not options.get("username"):
        raise ServiceConfigError(
            "geonames", "geonames needs the name of a GeoNames account with web services enabled "
            "(free at https://www.geonames.org/login): give it as the option username=NAME"
        )


def place(location: Location) -> Place:
    raw = location.raw
    return Place(
        key=f"gn{int(raw['geonameId'])}",
        name=raw.get("name") or raw.get("toponymName", ""),
        lat=location.latitude,
        lon=location.longitude,
        geonameid=int(raw["geonameId"]),
        feature_class=raw.get("fcl") or "",
        feature_code=raw.get("fcode") or "",
        country_code=raw.get("countryCode") or "",
        admin1=raw.get("adminName1") or "",
        admin2=raw.get("adminName2") or "",
        population=int(raw.get("population") or 0),
        source="geonames",
    )


SERVICE = Service(
    name="geonames",
    geocoder=GeoNames,
    place=place,
    public_url="http://api.geonames.org",  # GeoNames' free service speaks plain HTTP (geopy's default)
    public_min_delay=1.0,
    check=check,
)
