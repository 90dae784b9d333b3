"""Nominatim (OpenStreetMap's geocoder): the public server or a self-hosted one.

The public server's usage policy (https://operations.osmfoundation.org/policies/nominatim/): at
most one request a second, and a user agent that names the application. Both are enforced here;
a self-hosted server needs neither.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geopy.geocoders import Nominatim
from geopy.location import Location

from mapper.model import Place
from mapper.resolve.services import osm
from mapper.errors import ServiceConfigError
from mapper.resolve.services.base import (
    MAX_RESULTS, Service, first_part, population, rank_prior, safe_key,
)

PUBLIC_URL = "https://nominatim.openstreetmap.org"
PUBLIC_MIN_DELAY = 1.0


def check(*, url: str | None, user_agent: str | None, min_delay: float, options: Mapping[str, Any]) -> None:
    if not SERVICE.is_public(url):
        return
    if not user_agent:
        raise ServiceConfigError(
            "nominatim",
            "the public Nominatim server requires a user agent naming your application, by its usage policy: "
            'give one (--user-agent "newsroom-maps/1.0 you@example.org") or a self-hosted server (--geocoder-url)'
        )
    if min_delay < PUBLIC_MIN_DELAY:
        raise ServiceConfigError(
            "nominatim",
            f"the public Nominatim server allows at most one request a second: a minimum delay of {min_delay:g} s "
            "is too short (self-hosted servers have no such limit)"
        )


def place(location: Location) -> Place:
    raw = location.raw
    address = raw.get("address") or {}
    extratags = raw.get("extratags") or {}
    feature_class, feature_code = osm.feature(
        raw.get("class", ""), raw.get("type", ""), raw.get("addresstype", ""), raw.get("place_rank"),
        extratags.get("capital", ""),
    )
    if raw.get("osm_type") and raw.get("osm_id"):
        ident = f"{raw['osm_type'][0].upper()}{raw['osm_id']}"  # R5479489: stable across servers
    else:
        ident = f"P{raw['place_id']}"
    return Place(
        key=safe_key("nominatim", ident),
        name=raw.get("name") or first_part(location.address),
        lat=location.latitude,
        lon=location.longitude,
        feature_class=feature_class,
        feature_code=feature_code,
        country_code=str(address.get("country_code", "")).upper(),
        admin1=address.get("state") or address.get("province") or address.get("region") or "",
        admin2=address.get("county") or address.get("state_district") or "",
        population=population(extratags.get("population")),
        source="nominatim",
    )


def prior(location: Location, rank: int) -> float:
    """Nominatim's own importance (Wikipedia links and OSM rank), in [0, 1]."""
    importance = location.raw.get("importance")
    return min(max(float(importance), 0.0), 1.0) if importance is not None else rank_prior(location, rank)


SERVICE = Service(
    name="nominatim",
    geocoder=Nominatim,
    place=place,
    public_url=PUBLIC_URL,
    public_min_delay=PUBLIC_MIN_DELAY,
    params={"limit": MAX_RESULTS, "addressdetails": True, "extratags": True, "language": "en"},
    prior=prior,
    check=check,
)
