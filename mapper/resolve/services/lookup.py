"""A geocoding service as the resolver's `name -> [Candidate]` lookup, cache first.

Requests go through the service's geopy class, each waiting its turn in the shared cache (the
minimum delay between requests, retries included, held across every process that shares the
cache: a run's workers together ask public Nominatim once a second); transient failures (timeouts, unreachable, 5xx, 429) are retried
with exponential backoff, honouring Retry-After; the service's refusals (bad key, quota, bad
query) are not. Every answer is cached the moment it arrives, so a failed run loses nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from geopy.adapters import AdapterHTTPError, BaseSyncAdapter, RequestsAdapter, URLLibAdapter
from geopy.exc import (
    ConfigurationError, GeocoderParseError, GeocoderRateLimited, GeocoderServiceError, GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.location import Location

from mapper.model import Candidate, Match
from mapper.gazetteer.names import normalize
from mapper.errors import ServiceConfigError, ServiceError
from mapper.resolve.services.base import MAX_RESULTS
from mapper.resolve.services.cache import GeocoderCache
from mapper.resolve.services.registry import service_named

MAX_RETRY_AFTER = 120.0  # a service asking to wait longer is over quota for now: stop, the cache keeps all


def _adapter(**kwargs: Any) -> BaseSyncAdapter:
    """geopy's own HTTP client, without the requests adapter's silent retries: ours back off."""
    if RequestsAdapter.is_available:
        return RequestsAdapter(max_retries=0, **kwargs)
    return URLLibAdapter(**kwargs)


class ServiceLookup:
    """`ServiceLookup("nominatim", user_agent="...")("Aleppo")` -> the service's candidates.

    url: a self-hosted server ("http://127.0.0.1:8080"), else the service's public one.
    options: more keyword arguments of the geopy class (GeoNames' username, Pelias' api_key).
    min_delay: seconds between requests (default: the public server's policy, 0 for your own).
    offline: answer from the cache only; a name not there has no candidates (see offline_misses).
    Counters: requests (HTTP requests made), cache_hits, offline_misses (distinct names).
    """

    def __init__(
        self,
        service: str,
        *,
        url: str | None = None,
        user_agent: str | None = None,
        options: Mapping[str, Any] | None = None,
        timeout: float = 10.0,
        min_delay: float | None = None,
        retries: int = 2,
        backoff: float = 1.0,
        offline: bool = False,
        cache: GeocoderCache | None = None,
    ):
        self.service = service_named(service)
        self.url = (url or self.service.public_url or "").rstrip("/") or None
        public = self.service.is_public(self.url)
        self.min_delay = (self.service.public_min_delay if public else 0.0) if min_delay is None else min_delay
        if not timeout or timeout <= 0:
            raise ServiceConfigError(self.service.name,
                                     f"the timeout of {self.service.name} must be a positive number of seconds")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.offline = offline
        self.cache = cache if cache is not None else GeocoderCache()
        self.geocoder = f"{self.service.name} {self.url or 'default'}"  # the cache's name for this server
        self.where = f"{self.service.name} at {self.url}" if self.url else self.service.name
        self.requests = 0
        self.cache_hits = 0
        self._missed: set[str] = set()
        self._geocode = None if offline else self._connect(user_agent, dict(options or {}))

    @property
    def offline_misses(self) -> int:
        """How many distinct names an offline lookup did not find in the cache."""
        return len(self._missed)

    def _connect(self, user_agent: str | None, options: dict[str, Any]) -> Callable[..., Any]:
        self.service.check(url=self.url, user_agent=user_agent, min_delay=self.min_delay, options=options)
        kwargs = {**options, "user_agent": user_agent, "timeout": self.timeout, "adapter_factory": _adapter}
        if self.url:
            parts = urlsplit(self.url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ServiceConfigError(self.service.name,
                                         f'{self.service.name}: "{self.url}" is not an http:// or https:// URL')
            kwargs.update(scheme=parts.scheme, domain=parts.netloc + parts.path)
        try:
            geocoder = self.service.geocoder(**kwargs)
        except (ConfigurationError, TypeError) as e:
            raise ServiceConfigError(self.service.name, f"{self.where}: {_one_line(str(e).split('. ')[0])}") from e
        return geocoder.geocode

    def __call__(self, name: str) -> list[Candidate]:
        params = self.service.params
        answer = self.cache.get(self.geocoder, name, params)
        if answer is not None:
            self.cache_hits += 1
        elif self.offline:
            self._missed.add(name)
            return []
        else:
            answer = self._fetch(name)
            self.cache.put(self.geocoder, name, params, answer)
        return self._candidates(name, answer)

    def _fetch(self, name: str) -> list[dict[str, Any]]:
        """The service's answer as cached: each Location's address, point and raw JSON."""
        assert self._geocode is not None
        attempt = 1
        while True:
            self.requests += 1
            # Not geopy's RateLimiter, which paces one process: the cache paces all that share it.
            self.cache.take_turn(self.geocoder, self.min_delay)
            try:
                found = self._geocode(name, exactly_one=False, **self.service.params)
            except GeocoderServiceError as e:
                if not _transient(e) or attempt > self.retries or _retry_after(e) > MAX_RETRY_AFTER:
                    raise self._failure(name, e, attempt) from e
                time.sleep(max(self.backoff * 2 ** (attempt - 1), _retry_after(e)))
                attempt += 1
            else:
                locations = [loc for loc in found or [] if loc is not None][:MAX_RESULTS]
                return [{"address": loc.address, "lat": loc.latitude, "lon": loc.longitude, "raw": loc.raw}
                        for loc in locations]

    def _candidates(self, name: str, answer: list[dict[str, Any]]) -> list[Candidate]:
        found: dict[str, Candidate] = {}
        for rank, item in enumerate(answer):
            location = Location(item["address"], (item["lat"], item["lon"]), item["raw"])
            place = self.service.place(location)
            match = Match.NAME if normalize(place.name) == normalize(name) else Match.ALTERNATE
            found.setdefault(place.key, Candidate(place, self.service.prior(location, rank), match))
        return list(found.values())

    def _failure(self, name: str, error: GeocoderServiceError, tries: int) -> ServiceError:
        cached = self.cache.count(self.geocoder)
        answers = "1 answer is" if cached == 1 else f"{cached} answers are"
        after = f" after {tries} tries" if tries > 1 else ""
        problem = (f"failed on {json.dumps(name, ensure_ascii=False)}: {self._reason(error)}{after}; "
                   f"{answers} cached, run again to go on")
        return ServiceError(self.where, problem, query=name, status=_status(error), tries=tries)

    def _reason(self, error: GeocoderServiceError) -> str:
        status = _status(error)
        if status is not None:
            wait = _retry_after(error)
            return f"HTTP {status}" + (f", asked to wait {wait:g} s" if wait else "")
        if isinstance(error, GeocoderTimedOut):
            return f"no answer within {self.timeout:g} s"
        if isinstance(error, GeocoderUnavailable):
            return "cannot connect"
        if isinstance(error, GeocoderParseError):
            return "an answer that is not JSON"
        return _one_line(str(error)) or type(error).__name__


def _status(error: Exception) -> int | None:
    cause = error.__cause__
    return cause.status_code if isinstance(cause, AdapterHTTPError) else None


def _retry_after(error: Exception) -> float:
    return float(getattr(error, "retry_after", None) or 0)


def _transient(error: GeocoderServiceError) -> bool:
    status = _status(error)
    if status is not None:
        return status >= 500 or status in (408, 429)
    # With no HTTP status: a network failure, or a service's own "try later" (GeoNames' overload).
    return type(error) is GeocoderServiceError or isinstance(
        error, (GeocoderTimedOut, GeocoderUnavailable, GeocoderRateLimited)
    )


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
