"""Resolve: each mention to the place on Earth it names, with the article as context."""

from mapper.resolve.context import Resolver
from mapper.gazetteer.geocoder import Gazetteer, place_from_location

__all__ = ["Gazetteer", "Resolver", "place_from_location"]
