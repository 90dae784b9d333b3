"""The small interface every geocoding service module fills in, and what they share."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.model import Place

MAX_RESULTS = 10  # candidates kept per name: enough namesakes for the resolver to choose from


def rank_prior(location: Location, rank: int) -> float:
    """The prior of a service that gives no score: its own order, 1, 1/2, 1/3, ..."""
    return 1.0 / (rank + 1)


def accept_any(*, url: str | None, user_agent: str | None, min_delay: float, options: Mapping[str, Any]) -> None:
    """The check of a service with no usage policy to enforce."""


@dataclass(frozen=True)
class Service:
    """What mapper needs to know about one geocoding service."""

    name: str
    geocoder: type[Geocoder]  # the geopy class that speaks to it
    place: Callable[[Location], Place]  # one answer (its .raw in the service's own JSON) as a Place
    public_url: str | None = None  # the provider's server; None: geopy's default, or the user's URL
    public_min_delay: float = 0.0  # seconds between requests to the public server, by its policy
    params: Mapping[str, Any] = field(default_factory=dict)  # geocode() keywords sent with every name
    prior: Callable[[Location, int], float] = rank_prior  # the prior of the answer at this rank
    check: Callable[..., None] = accept_any  # raises ServiceConfigError for what the service forbids

    def is_public(self, url: str | None) -> bool:
        """Whether url is this service's public server, whose usage policy applies."""
        return bool(url and self.public_url and urlsplit(url).hostname == urlsplit(self.public_url).hostname)


def safe_key(prefix: str, ident: object) -> str:
    """A Place key from a service's own id, safe as an HTML id and a JS name: [A-Za-z0-9_]."""
    return re.sub(r"[^A-Za-z0-9]", "_", f"{prefix}_{ident}")


def population(value: object) -> int:
    """A population given as a number or as OSM's free text ("1,602,264", "2098210;2019")."""
    found = re.match(r"\s*(\d[\d,\s]*)", str(value or ""))
    return int(re.sub(r"\D", "", found.group(1))) if found else 0


def first_part(address: str) -> str:
    """The name in a display address: "Paris, Lamar County, Texas" -> "Paris"."""
    return address.split(",")[0].strip() or address
