"""Where mapper keeps what outlives a run: the gazetteer, the geocoder cache, the manifests of
archive runs written to remote storage.

MAPPER_CACHE_DIR overrides the platform's user cache dir (tests, shared installs);
MAPPER_GAZETTEER points at a gazetteer file other than the default one.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs


def cache_dir() -> Path:
    return Path(os.environ.get("MAPPER_CACHE_DIR") or platformdirs.user_cache_dir("mapper"))


def gazetteer_path() -> Path:
    """The active gazetteer: MAPPER_GAZETTEER if set, else gazetteer.sqlite in the cache dir."""
    chosen = os.environ.get("MAPPER_GAZETTEER")
    return Path(chosen) if chosen else cache_dir() / "gazetteer.sqlite"


def geocoder_cache_path() -> Path:
    """One cache of geocoding services' answers, shared by every run and process."""
    return cache_dir() / "geocoder-cache.sqlite"


def remote_manifest_path(url: str) -> Path:
    """The manifest of a run whose output is not a local path (s3://, gcs://...): SQLite needs a
    local file, so it lives in the cache dir, one per output URL."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return cache_dir() / "archives" / digest / "manifest.sqlite"
