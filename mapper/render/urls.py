"""Links a page may carry and where its files will be published."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL: never javascript:, data: and the like, which would run in a page."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def published(name: str, base_url: str | None) -> str:
    """The URL of a file of the folder: absolute under base_url (the folder's URL), else relative."""
    if base_url is None:
        return name
    return urljoin(base_url if base_url.endswith("/") else base_url + "/", name)
