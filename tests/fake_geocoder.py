"""A local geocoding server for tests: Nominatim, Photon, Pelias and GeoNames, from fixtures.

`with FakeGeocoder({"nominatim": {"Aleppo": [raw, ...]}, "photon": {...}}) as server:` serves on
127.0.0.1 (a free port, in a thread) what each service answers for a name, in that service's own
JSON, at the path geopy asks (/search, /api, /v1/search, /searchJSON); a name with no fixture gets
the service's "no result". It records every request (time, path, name, User-Agent); set `status`
to answer every request with an error, `failures` to answer the next few with errors, or `hang`
to answer nothing until closed.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# path -> (service, the query parameter holding the name, the JSON of a list of raw records)
ROUTES = {
    "/search": ("nominatim", "q", lambda records: records),
    "/api": ("photon", "q", lambda records: {"type": "FeatureCollection", "features": records}),
    "/v1/search": ("pelias", "text", lambda records: {"type": "FeatureCollection", "features": records}),
    "/searchJSON": ("geonames", "q", lambda records: {"totalResultsCount": len(records), "geonames": records}),
}


@dataclass(frozen=True)
class Request:
    at: float  # time.monotonic() when it arrived
    path: str
    name: str
    user_agent: str
    params: dict[str, list[str]]


class FakeGeocoder:
    def __init__(self, fixtures: dict[str, dict[str, list[dict[str, Any]]]]):
        self.fixtures = fixtures
        self.requests: list[Request] = []
        self.status = 200  # answer every request with this HTTP status
        self.failures: list[tuple[int, dict[str, str]]] = []  # the next requests' (status, headers)
        self.hang = False  # accept requests and never answer
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def names(self, path: str | None = None) -> list[str]:
        return [r.name for r in self.requests if path is None or r.path == path]

    def __enter__(self) -> FakeGeocoder:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        params = parse_qs(parts.query)
        route = ROUTES.get(parts.path)
        name = params.get(route[1], [""])[0] if route else ""
        self.requests.append(Request(time.monotonic(), parts.path, name, handler.headers.get("User-Agent", ""), params))
        if self.hang:
            self._release.wait(30)
            return
        status, headers = self.failures.pop(0) if self.failures else (self.status, {})
        if route is None:
            status = 404
        body = b'{"error": "fake failure"}'
        if status == 200:
            service, _, envelope = route
            body = json.dumps(envelope(self.fixtures.get(service, {}).get(name, []))).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(body)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._answer(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler
