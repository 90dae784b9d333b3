"""The offline gazetteer: GeoNames' places (embedded from registry packages, or imported from the
user's own dumps) in one SQLite file, asked as a geopy geocoder; and the name matching that
recognition and resolution share (names.py)."""

from mapper.gazetteer.geocoder import Gazetteer, place_from_location

__all__ = ["Gazetteer", "place_from_location"]
