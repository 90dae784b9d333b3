"""Render stage: a MapResult becomes a reading-view HTML map, GeoJSON and a CSV of mentions."""

from __future__ import annotations

import json
from pathlib import Path

from mapper.files import write_atomic
from mapper.model import MapResult
from mapper.render.exports import mentions_csv, places_geojson
from mapper.render.page import render_map_html

__all__ = ["mentions_csv", "places_geojson", "render_map_html", "write_outputs"]


def write_outputs(result: MapResult, folder: Path) -> list[Path]:
    """Write map.html, places.geojson and mentions.csv into folder; return their paths."""
    folder = Path(folder)
    geojson = json.dumps(places_geojson(result), ensure_ascii=False, indent=2) + "\n"
    return [
        write_atomic(folder / "map.html", render_map_html(result)),
        write_atomic(folder / "places.geojson", geojson),
        write_atomic(folder / "mentions.csv", mentions_csv(result)),
    ]
