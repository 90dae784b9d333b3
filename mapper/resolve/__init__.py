"""Resolve: each mention to the place on Earth it names, with the article as context."""

from mapper.resolve.batching import resolve_together
from mapper.resolve.resolver import Resolver

__all__ = ["Resolver", "resolve_together"]
