"""Online and self-hosted geocoding services through geopy, with one persistent cache.

`ServiceLookup("nominatim", user_agent="...")` is a `name -> [Candidate]` callable for
`Mapper(geocoder=...)` (every name) or `Mapper(fallback=...)` (the names the gazetteer lacks).
One module per service says which geopy class speaks to it, how politely, with which query
parameters, and how its answers become Places: nominatim, photon, pelias, geonames_api; any other
geopy service name works with a generic converter. Every answer goes to one SQLite cache
(GeocoderCache), shared by every run and process.
"""

from mapper.resolve.services.base import Service
from mapper.resolve.services.cache import GeocoderCache
from mapper.resolve.services.lookup import ServiceLookup
from mapper.resolve.services.registry import SERVICES, service_named

__all__ = ["SERVICES", "GeocoderCache", "Service", "ServiceLookup", "service_named"]
