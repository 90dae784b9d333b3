"""The rules that choose a name's place among its ranked candidates: the ranker's belief, but a
town before the region named after it, a world city before a small namesake that won by its state
alone, a sea named with its generic word before its namesakes, and the place the text itself puts
in a region before all others."""

from __future__ import annotations

from dataclasses import dataclass

from mapper.gazetteer.names import LANDFORM_WORDS, names_a_natural_feature, normalize
from mapper.geodesy import SAME_PLACE_KM, haversine_km
from mapper.model import CITY_MIN_POPULATION, Candidate, Match, Place
from mapper.resolve import coherence, features
from mapper.resolve.confidence import features as confidence_features
from mapper.resolve.features import Name

NAMED_CONTAINER = features.FEATURES.index("named_container")
FOREIGN = features.FEATURES.index("foreign")
ADMIN1_CONTEXT = features.FEATURES.index("admin1_context")
NEARBY = features.FEATURES.index("nearby")
PUBLISHER = features.FEATURES.index("publisher_region")
COUNTRY_CONTEXT = features.FEATURES.index("country_context")
TOGETHER_KM = 100.0  # another place of the story this near a town speaks for it
WORLD_CITY_RATIO = 10  # a city abroad this many times a small town's size is what the name means alone
CITY_OVER_REGION = 2  # a city this many times a region's population is what its name means (a lower bound: its towns')
# A city named like the region it lies in is what the name means alone when it holds this share of
# the region's people (of its listed towns, which count some cities' quarters again: New York 28%,
# Porto 12%; Quebec 5%, Oaxaca 9%, Okinawa 9%)
CITY_SHARE_OF_ITS_REGION = 0.1
# Rivers and lakes: many share a name with a smaller one elsewhere, which the embedded gazetteer lacks.
LOCAL_NAMESAKE_FEATURES = frozenset({"STM", "LK", "RSV", "LGN"})
FEATURE_FAR_KM = 2_500.0  # farther from all the story's places than a long river's middle from its ends


@dataclass(frozen=True)
class Choice:
    """A name's winning candidate, all its candidates best first, and what the calibrator reads."""

    name: Name
    best: int
    order: list[int]
    share: float  # the ranker's, for the candidates near the winner
    confidence_features: list[float]
    nearest_km: float | None = None  # from the winner to the nearest of the other names' winners


def choices(names: list[Name]) -> list[Choice]:
    """The winner of every name the article places (peoples' too: a country they point to), each
    described for the calibrator by itself and by where it lies among the other names' winners."""
    placed = [n for n in names if n.candidates and not _only_foreign_villages(n) and not _a_landform_word_alone(n)]
    picks = [choose(n) for n in placed]
    nearest = coherence.nearest_km([n.candidates[best].place for n, (best, _) in zip(placed, picks)])
    far = {i for i, (n, (best, _), km) in enumerate(zip(placed, picks, nearest))
           if _a_far_namesake_feature(n.candidates[best].place, km)}
    if far:
        placed = [n for i, n in enumerate(placed) if i not in far]
        picks = [pick for i, pick in enumerate(picks) if i not in far]
        nearest = coherence.nearest_km([n.candidates[best].place for n, (best, _) in zip(placed, picks)])
    shares = [share(n, best) for n, (best, _) in zip(placed, picks)]
    return [
        Choice(n, best, order, best_share, confidence_features(n, best, best_share, km), km)
        for n, (best, order), best_share, km in zip(placed, picks, shares, nearest)
    ]


def choose(n: Name) -> tuple[int, list[int]]:
    """The winning candidate's index, and all indexes best first: as the ranker believes them,
    but a region before its namesake town where the text calls the name a region
    (_region_the_text_calls_a_region), a town before the region named after it unless it does
    (_town_over_region), a city before a smaller region or a capital before its country's region
    (_city_over_small_region, _capital_over_region), a local town before a foreign country
    (_local_town_over_foreign_country), a sea or gulf named with its generic word before its
    namesakes (_feature_over_namesake), and a place where the text says it is before all others
    (_placed_by_the_text)."""
    order = sorted(range(len(n.candidates)), key=lambda i: (-n.belief[i], n.candidates[i].place.key))
    order.insert(0, order.pop(order.index(_region_the_text_calls_a_region(n, order[0]))))
    order.insert(0, order.pop(order.index(_town_over_region(n, order[0]))))
    order.insert(0, order.pop(order.index(_city_over_small_region(n, order[0]))))
    order.insert(0, order.pop(order.index(_capital_over_region(n, order[0]))))
    order.insert(0, order.pop(order.index(_local_town_over_foreign_country(n, order[0]))))
    order.insert(0, order.pop(order.index(_feature_over_namesake(n, order[0]))))
    placed = _placed_by_the_text(n)
    if placed and order[0] not in placed:
        order.insert(0, order.pop(order.index(min(placed, key=order.index))))
    return order[0], order


def share(n: Name, best: int) -> float:
    """The ranker's probability for the candidates within SAME_PLACE_KM of the winner: a city and
    the province named after it are one answer on a map, two namesakes in different states are not.

    (Choosing the winner by that grouped probability instead of the best single candidate was
    measured and rejected: cross-validated acc@161 on LGL fell from 0.836 to 0.830.)
    """
    return min(mass_near(n, n.candidates[best].place), 1.0)


def mass_near(n: Name, place: Place) -> float:
    """The ranker's probability for the candidates within SAME_PLACE_KM of place."""
    return sum(
        b for c, b in zip(n.candidates, n.belief)
        if haversine_km(place.lat, place.lon, c.place.lat, c.place.lon) <= SAME_PLACE_KM
    )


def world_cities_over_small_namesakes(names: list[Name]) -> set[int]:
    """Names whose likeliest candidate is a small town that shares its name with a city abroad
    WORLD_CITY_RATIO times bigger and that won by its state alone, or by its country where the
    story is not all in that country (two of its places at least, and none abroad): the article's
    other names point to its state or country, but no container or definition, no other place of
    the story within TOGETHER_KM, no state or county of its named by its own name and no publisher
    of its region point to the town. "Flights from Amsterdam to New York": Amsterdam, New York
    (18,000 people), which "New York" seems to support, is Amsterdam, Netherlands; "Rotterdam"
    beside Los Angeles and Shanghai is the Dutch port, and "from Oxford to Ottawa" is from England,
    not from Oxford, Nova Scotia; "Paris" beside "Texas" stays Texan, "Rome" beside "Utica" stays
    in New York, and a Michigan story's "Delhi" stays a doubtful namesake, not India's capital.
    Their belief is set on the city abroad, and their ids returned."""
    tops = [(n, max(range(len(n.candidates)), key=n.belief.__getitem__)) for n in names]
    named = set()  # (country, admin-1, county or "") that a name names as such: "Texas", "Lamar County"
    for n in names:
        big_town = any(c.place.is_city
                       for c in n.candidates)
        for c in n.candidates:
            if c.match == Match.NAME and (c.place.feature_code == "ADM2" or (c.place.is_region and not big_town)):
                named.add((c.place.country_code, c.place.admin1, c.place.name if c.place.feature_code == "ADM2" else ""))
    settled = set()
    for n, best in tops:
        town, row = n.candidates[best].place, n.features[best]
        countries = [o.candidates[i].place.country_code for o, i in tops if o is not n and o.candidates[i].place.country_code]
        domestic = countries.count(town.country_code) >= 2 and set(countries) == {town.country_code}
        if (not town.is_town or town.is_city or n.cues.defined
                or (row[ADMIN1_CONTEXT] < features.FOREIGN_SHARE and domestic)
                or row[NAMED_CONTAINER] or row[PUBLISHER]
                or {(town.country_code, town.admin1, ""), (town.country_code, town.admin1, town.admin2)} & named
                or any(o is not n and features.is_point(p := o.candidates[i].place)
                       and haversine_km(town.lat, town.lon, p.lat, p.lon) <= TOGETHER_KM for o, i in tops)):
            continue
        abroad = [
            i for i, c in enumerate(n.candidates)
            if c.place.is_town and c.place.country_code != town.country_code
            and c.place.population >= max(CITY_MIN_POPULATION, WORLD_CITY_RATIO * town.population)
        ]
        if abroad:
            city = max(abroad, key=lambda i: n.candidates[i].place.population)
            n.belief = [float(i == city) for i in range(len(n.candidates))]
            n.by_default = True
            settled.add(id(n))
    return settled


def _only_foreign_villages(n: Name) -> bool:
    """Every candidate is a village in a country the rest of the article never points to, nor
    to its neighbours: "Grand" (Côte d'Ivoire), "Titan" (Afghanistan), "Piccadilly" (a village in
    Western Australia, in a story set in London). The name is as good as unknown to the gazetteer."""
    return n.candidates[0].match != Match.PINNED and all(
        row[FOREIGN] and c.place.is_village for c, row in zip(n.candidates, n.features))


def _a_landform_word_alone(n: Name) -> bool:
    """A landform's generic word alone, which names some region ("Gulf", Papua New Guinea's
    province; "Delta", Nigeria's state; "Lakes", South Sudan's) but in news means a sea, a
    river's delta or a coast the reader is assumed to know: "tensions in the Gulf". A place only
    where the text calls it a region ("Delta State"), names its country ("Gulf, Papua New Guinea")
    or the story's other places point to its country."""
    return normalize(n.text) in LANDFORM_WORDS and not n.cues.region and not any(
        row[NAMED_CONTAINER] or row[COUNTRY_CONTEXT] for row in n.features)


def _a_far_namesake_feature(place: Place, km: float | None) -> bool:
    """A river or lake of the embedded gazetteer thousands of km from all the article's other
    places: a local "Red River" in a Louisiana story, which the gazetteer knows only as Vietnam's.
    It is left unplaced, as a name the gazetteer lacks would be."""
    return place.feature_code in LOCAL_NAMESAKE_FEATURES and km is not None and km > FEATURE_FAR_KM


def _town_over_region(n: Name, best: int) -> int:
    """The best candidate, or the town inside it named the same when the best is an admin region.

    "Aleppo" in the news is the city far more often than the governorate named after it, and on
    a map the town's pin is inside the region anyway; unless the text says "Aleppo province" or
    lists it among regions ("Ontario and Quebec"), or the town holds a small share of the region's
    people ("Quebec" alone is the province, "Oaxaca" the state: _a_big_share). Where the text says town ("the town of Jenin"),
    any town of the name near the region's point is that town, by whichever name it matched.
    """
    region = n.candidates[best].place
    if not region.feature_code.startswith("ADM") or n.cues.region or n.cues.among_regions:
        return best
    towns = [i for i, c in enumerate(n.candidates)
             if c.place.is_town and ((_named_for(c, region) and (_a_big_share(c.place, region) or n.cues.town))
                                     or (n.cues.town and _inside(c.place, region)))]
    towns = towns or _city_named_for_region(n, best)
    return max(towns, key=lambda i: n.belief[i], default=best)


def _region_the_text_calls_a_region(n: Name, best: int) -> int:
    """The best candidate, or the first-level region that holds it and bears its name when the
    best is a town and the text calls the name a region, not a town: "fighting in the Donetsk
    region" is Donetsk Oblast, not its capital."""
    town = n.candidates[best].place
    if not town.is_town or not n.cues.region or n.cues.town:
        return best
    regions = [i for i, c in enumerate(n.candidates)
               if c.place.is_region and (c.place.country_code, c.place.admin1) == (town.country_code, town.admin1)]
    return max(regions, key=lambda i: n.belief[i], default=best)


def _named_for(town: Candidate, region: Place) -> bool:
    """The town is the one the region is named after and holds: same name, same first-level
    region; or, for a region no town of the gazetteer lists as its own (population 0: the two
    gazetteers divide the country differently, as for "Venice", a province countrystatecity lists,
    or "Rafah", a governorate in GeoNames' Gaza Strip), a town of the name (a city by any of its
    names: "Marrakech", which GeoNames spells Marrakesh) in the same country near the region's
    point. Not Oklahoma City for "Oklahoma": the state lists its towns."""
    place = town.place
    if features.namesake_key(place) == features.namesake_key(region):
        return True
    return not region.population and (town.match == Match.NAME or place.is_city) and _inside(place, region)


def _inside(place: Place, region: Place) -> bool:
    return (place.country_code == region.country_code
            and haversine_km(place.lat, place.lon, region.lat, region.lon) <= SAME_PLACE_KM)


def _a_big_share(town: Place, region: Place) -> bool:
    """The town holds CITY_SHARE_OF_ITS_REGION of the region's people, or the region lists no town."""
    return town.population >= CITY_SHARE_OF_ITS_REGION * region.population


def _city_named_for_region(n: Name, best: int) -> list[int]:
    """The city inside region n.candidates[best] that also goes by the name, when news means
    the city: "New York" (New York City), "Aleppo", "Puebla". Not when the text lists it among
    regions ("New York, New Jersey and Connecticut"), nor when the article's other places lie in
    the region but away from the city (a story from Buffalo means the state), nor when the city
    holds a small share of the region's people (CITY_SHARE_OF_ITS_REGION): "Quebec" is the
    province (the city is "Quebec City"), "Veracruz" the state."""
    region = n.candidates[best].place
    if region.feature_code != "ADM1" or n.cues.among_regions:
        return []
    cities = [
        i for i, c in enumerate(n.candidates)
        if c.place.is_city
        and (c.place.country_code, c.place.admin1) == (region.country_code, region.admin1)
        and _a_big_share(c.place, region)
    ]
    in_region = n.features[best][ADMIN1_CONTEXT]
    return [i for i in cities if n.features[i][NEARBY] >= in_region / 2]


def _city_over_small_region(n: Name, best: int) -> int:
    """The best candidate, or a city of the name bigger than the first-level region that is best
    (whose population is only its listed towns', or none), when the article points no more to the
    region's country than to the city's: "Manchester" is England's city of 570,000, not Jamaica's
    parish of 62,000, unless the text says "parish" or the story is in Jamaica; "Savannah" is
    Georgia's city of 150,000, not Ghana's Savannah Region; "Phoenix" not Kiribati's islands."""
    region = n.candidates[best].place
    if region.feature_code != "ADM1" or n.cues.region or n.cues.among_regions:
        return best
    cities = [
        i for i, c in enumerate(n.candidates)
        if c.place.is_town
        and c.place.population >= max(CITY_MIN_POPULATION, CITY_OVER_REGION * region.population)
        and n.features[i][COUNTRY_CONTEXT] >= n.features[best][COUNTRY_CONTEXT]
    ]
    return max(cities, key=lambda i: n.belief[i], default=best)


def _capital_over_region(n: Name, best: int) -> int:
    """The best candidate, or the national capital of the same name when the best is a region of
    the capital's country that the text does not call a region and the article's other names do
    not point into: news writes "Washington state", "Seattle, Washington" or "Utah, Washington and
    Wisconsin" for the state, and plain "Washington" for the capital (AP style)."""
    region = n.candidates[best].place
    if (region.feature_code != "ADM1" or n.cues.region or n.cues.among_regions
            or n.features[best][ADMIN1_CONTEXT] >= features.FOREIGN_SHARE):
        return best
    capitals = [
        i for i, c in enumerate(n.candidates)
        if c.place.feature_code == "PPLC" and c.place.country_code == region.country_code
        and normalize(c.place.name) == normalize(region.name)
    ]
    return capitals[0] if capitals else best


def _local_town_over_foreign_country(n: Name, best: int) -> int:
    """The best candidate, or the town of the name in the state the story is set in, when the best
    is a country the story never points to (nor to its neighbours) and that country's belief is
    less than the namesakes' of one other country together: a story of Warren County, Mason and
    Butler County means Lebanon, Ohio, whose belief a dozen American Lebanons share, not the
    country. Not where the story names no state of the town's ("King Abdullah of Jordan visited
    Washington")."""
    country = n.candidates[best].place
    if not country.is_country or not n.features[best][FOREIGN] or n.cues.contains(country):
        return best
    mass: dict[str, float] = {}
    for c, b in zip(n.candidates, n.belief):
        if c.place.is_town and c.place.country_code != country.country_code:
            mass[c.place.country_code] = mass.get(c.place.country_code, 0.0) + b
    if not mass or max(mass.values()) <= n.belief[best]:
        return best
    where = max(mass, key=mass.__getitem__)
    towns = [i for i, c in enumerate(n.candidates) if c.place.is_town and c.place.country_code == where]
    town = max(towns, key=lambda i: n.belief[i])
    return town if n.features[town][ADMIN1_CONTEXT] >= features.FOREIGN_SHARE else best


def _feature_over_namesake(n: Name, best: int) -> int:
    """The best candidate, or the sea, gulf or lake of the name when the name is built on its
    generic word and the text does not call it a town or region: "the Red Sea" is the sea, not
    Egypt's Red Sea governorate, unless the text says "Red Sea governorate"."""
    if n.cues.region or n.cues.town or not names_a_natural_feature(n.text):
        return best
    natural = [i for i, c in enumerate(n.candidates) if c.match == Match.NAME and c.place.feature_class in ("H", "T")]
    return best if not natural or best in natural else max(natural, key=lambda i: n.belief[i])


def _placed_by_the_text(n: Name) -> list[int]:
    """The candidates inside the region or country the text names right after the name ("London,
    England", "Dublin, Ohio", "Wood County, W. Va.", "Berlin is a town in Hartford County,
    Connecticut"): the text's own word beats any prior, the publisher's included. Not in a list of
    regions, where the comma is the list's ("Washington, Oregon and Idaho"), nor for a
    country's own name, which a list of countries follows ("Georgia, Iraq, Iran")."""
    within = [i for i, c in enumerate(n.candidates) if c.match == Match.WITHIN]
    if within:
        return within
    if not n.cues.defined and (n.cues.among_regions or any(
            c.match == Match.NAME and c.place.is_country for c in n.candidates)):
        return []
    placed = [i for i, row in enumerate(n.features) if row[NAMED_CONTAINER]]
    in_region = [i for i in placed if n.cues.region_contains(n.candidates[i].place)]
    in_area = {i: km for i in in_region if (km := n.cues.area_km(n.candidates[i].place)) is not None}
    if in_area:  # "in North Yorkshire, England": the namesake nearest North Yorkshire's point, of England's
        return [min(in_area, key=in_area.__getitem__)]
    return in_region or placed  # "in the Quindío Department, Colombia": the department's, of Colombia's
