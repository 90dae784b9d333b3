"""Photon (komoot's OpenStreetMap geocoder): the public server or a self-hosted one.

The public server asks for fair use, so mapper keeps to one request a second there.
"""

from __future__ import annotations

from geopy.geocoders import Photon
from geopy.location import Location

from mapper.model import Place
from mapper.resolve.services import osm
from mapper.resolve.services.base import MAX_RESULTS, Service, first_part, safe_key


def place(location: Location) -> Place:
    props = location.raw.get("properties") or {}
    feature_class, feature_code = osm.feature(
        props.get("osm_key", ""), props.get("osm_value", ""), props.get("type", "")
    )
    return Place(
        key=safe_key("photon", f"{props.get('osm_type', '')}{props.get('osm_id', '')}"),
        name=props.get("name") or first_part(location.address),
        lat=location.latitude,
        lon=location.longitude,
        feature_class=feature_class,
        feature_code=feature_code,
        country_code=str(props.get("countrycode", "")).upper(),
        admin1=props.get("state", ""),
        admin2=props.get("county", ""),
        source="photon",
    )


SERVICE = Service(
    name="photon",
    geocoder=Photon,
    place=place,
    public_url="https://photon.komoot.io",
    public_min_delay=1.0,
    params={"limit": MAX_RESULTS, "language": "en"},
)
