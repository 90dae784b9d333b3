"""Where mapper keeps what outlives a run: the gazetteer and the geocoder cache.

MAPPER_CACHE_DIR overrides the platform's user cache dir (tests, shared installs);
MAPPER_GAZETTEER points at a gazetteer file other than the default one.
"""

from __future__ import annotations

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
