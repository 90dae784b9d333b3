"""Every page's Content-Security-Policy: only the scripts, styles and images the page itself needs.

The policy is read off the finished page, so it always matches what the page holds: its inline
scripts and <style> elements by their sha256 hashes (text from an article sits only in JSON data
blocks and escaped markup, never in one of those), files beside the page ('self') when it links
any, and the tile server's origin when its basemap loads tiles. Everything else (plugins, frames,
forms, fetches, a <base>) is refused, so a string that slipped past escaping still could not run.
Leaflet positions its markers with inline style attributes, hence style-src-attr 'unsafe-inline':
an attribute's style runs no script.

The policy is a <meta http-equiv> right after <meta charset>, before any script or style, so a
page opened from file:// or uploaded anywhere carries it; frame-ancestors cannot be set by a meta
(the embed is meant to be framed anyway).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from urllib.parse import urlsplit

CHARSET = '<meta charset="utf-8">'
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_STYLE = re.compile(r"<style[^>]*>(?P<body>.*?)</style>", re.DOTALL | re.IGNORECASE)
_LINKED_SCRIPT = re.compile(r"<script[^>]*\ssrc=", re.IGNORECASE)
_LINKED_STYLE = re.compile(r'<link rel="stylesheet"', re.IGNORECASE)
_DATA_BLOCK = re.compile(r'\stype="application/json"', re.IGNORECASE)
_BASEMAP = re.compile(r'<script type="application/json" id="mapper-basemap">(.*?)</script>', re.DOTALL)


def with_policy(page: str) -> str:
    """The page with its policy's <meta> inserted after its <meta charset>, which must come first
    in its <head> (browsers look for the charset in the first 1024 bytes)."""
    head = page.find(CHARSET)
    if head < 0 or head > 1024 - len(CHARSET):
        raise ValueError('a page must start its <head> with <meta charset="utf-8">')
    at = head + len(CHARSET)
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{escape(policy(page), quote=False)}">'
    return page[:at] + meta + page[at:]


def policy(page: str) -> str:
    """The policy the page needs, as a header value."""
    scripts = [_hash(m["body"]) for m in _SCRIPT.finditer(page)
               if not _DATA_BLOCK.search(m["attrs"]) and "src=" not in m["attrs"]]
    styles = [_hash(m["body"]) for m in _STYLE.finditer(page)]
    linked_scripts = ["'self'"] if _LINKED_SCRIPT.search(page) else []
    linked_styles = ["'self'"] if _LINKED_STYLE.search(page) else []
    images = ["'self'", "data:", *_tile_origins(page)]
    directives = {
        "default-src": ["'none'"],
        "script-src": [*linked_scripts, *scripts] or ["'none'"],
        "style-src": [*linked_styles, *styles] or ["'none'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": images,
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(dict.fromkeys(sources))}" for name, sources in directives.items())


def _hash(text: str) -> str:
    # the browser hashes the element's text after the parser turned CR LF and CR into LF
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _tile_origins(page: str) -> list[str]:
    """The origin of the tiles the page's basemap config (offline.page_assets) loads, if any."""
    config = _BASEMAP.search(page)
    tiles = json.loads(config[1]).get("tiles") if config else None
    if not tiles:
        return []
    parts = urlsplit(tiles["url"])
    return [f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"]  # {s}: the provider's subdomains
