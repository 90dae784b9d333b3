"""Any other geocoding service geopy knows ("arcgis", "bing", "opencage", ...), by its name.

Their answers share no format, so a place is what every geopy Location has: an address and a
point. It has no feature class or country; its key hashes the address and point, so it is
stable from run to run.
"""

from __future__ import annotations

import hashlib
from functools import partial

from geopy.exc import GeocoderNotFound
from geopy.geocoders import get_geocoder_for_service
from geopy.location import Location

from mapper.model import Place
from mapper.errors import ServiceConfigError
from mapper.resolve.services.base import Service, first_part, safe_key


def place(service: str, location: Location) -> Place:
    ident = f"{location.address}|{location.latitude:.6f}|{location.longitude:.6f}"
    return Place(
        key=safe_key(service, hashlib.sha1(ident.encode("utf-8")).hexdigest()[:12]),
        name=first_part(location.address),
        lat=location.latitude,
        lon=location.longitude,
        source=service,
    )


def generic_service(name: str, known: list[str]) -> Service:
    try:
        geocoder = get_geocoder_for_service(name)
    except GeocoderNotFound:
        raise ServiceConfigError(
            name, f'unknown geocoding service "{name}": use {", ".join(known)} or any service geopy knows '
            "(arcgis, bing, opencage, ...)"
        ) from None
    return Service(name=name.lower(), geocoder=geocoder, place=partial(place, name.lower()))
