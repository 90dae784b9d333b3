"""The geocoding services mapper knows by name."""

from __future__ import annotations

from mapper.resolve.services import geonames_api, nominatim, pelias, photon
from mapper.resolve.services.base import Service
from mapper.resolve.services.generic import generic_service

SERVICES: dict[str, Service] = {
    s.name: s for s in (nominatim.SERVICE, photon.SERVICE, pelias.SERVICE, geonames_api.SERVICE)
}


def service_named(name: str) -> Service:
    """One of SERVICES, or any other geopy service with the generic converter."""
    return SERVICES.get(name.lower()) or generic_service(name, list(SERVICES))
