"""Town or region: which of a name's namesakes news means when one is a first-level region and
another a town or city of its name. A town before the region named after it, unless the text calls
the name a region or the town holds a small share of the region's people; a world city abroad
before such a town; a city before a smaller region; a national capital before its country's region
of the same name (mapper.resolve.choice applies them in turn)."""

from __future__ import annotations

from mapper.gazetteer.names import goes_by, normalize
from mapper.geodesy import SAME_PLACE_KM, haversine_km
from mapper.model import CITY_MIN_POPULATION, METROPOLIS_MIN_POPULATION, Candidate, Match, Place
from mapper.resolve import features
from mapper.resolve.features import Name

ADMIN1_CONTEXT = features.FEATURES.index("admin1_context")
NEARBY = features.FEATURES.index("nearby")
COUNTRY_CONTEXT = features.FEATURES.index("country_context")
WORLD_CITY_RATIO = 10  # a city abroad this many times a town's size is what the name means alone
CITY_OVER_REGION = 1  # a city bigger than a region (a lower bound: its towns' people) is what its name means
# A city named like the region it lies in is what the name means alone when it holds this share of
# the region's people (of its listed towns, which count some cities' quarters again: New York 28%,
# Porto 12%; Quebec 5%, Oaxaca 9%, Okinawa 9%)
CITY_SHARE_OF_ITS_REGION = 0.1


def town_over_region(n: Name, best: int) -> int:
    """The best candidate, or the town inside it named the same when the best is an admin region.

    "Aleppo" in the news is the city far more often than the governorate named after it, and on
    a map the town's pin is inside the region anyway; unless the text says "Aleppo province" or
    lists it among regions ("Ontario and Quebec"), or the town holds a small share of the region's
    people ("Quebec" alone is the province, "Oaxaca" the state: _a_big_share). Where the text says
    town ("the town of Jenin", "Toledo is a city in Spain"), any town of the name near the
    region's point is that town, by whichever name it matched, though the text calls the name a
    region too ("the province of Toledo": mapper.resolve.answers.regions_called_so).
    """
    region = n.candidates[best].place
    if not region.feature_code.startswith("ADM") or (n.cues.region and not n.cues.town) or n.cues.among_regions:
        return best
    towns = [i for i, c in enumerate(n.candidates)
             if c.place.is_town and ((named_for(c, region) and (_a_big_share(c.place, region) or n.cues.town))
                                     or (n.cues.town and _inside(c.place, region)))]
    towns = towns or _city_named_for_region(n, best)
    return max(towns, key=lambda i: n.belief[i], default=best)


def world_city_over_a_regions_town(n: Name, best: int) -> int:
    """The best candidate, or a city of the name abroad WORLD_CITY_RATIO times bigger, by its own
    name, when the best is a town that won as the namesake of the first-level region that holds
    it (which the ranker rates above cities, most of all a region no town of the gazetteer lists:
    the two gazetteers divide some countries differently) and the article points no more to the
    town's country than to the city's: "Hamilton" is Ontario's city of 570,000, not Bermuda's
    capital and its parish; "Guadalajara" Mexico's, not Spain's town and its province; "Trujillo"
    Peru's city of a million, not Venezuela's state capital; "Valencia" stays Spain's, 790,000
    against Venezuela's 1.6 million."""
    town = n.candidates[best].place
    if not town.is_town or n.cues.region or n.cues.contains(town):
        return best
    if not any(c.place.is_region and named_for(n.candidates[best], c.place) for c in n.candidates):
        return best
    cities = [
        i for i, c in enumerate(n.candidates)
        if c.place.is_city and c.place.country_code != town.country_code and c.match == Match.NAME
        and c.place.population >= WORLD_CITY_RATIO * town.population
        and n.features[i][COUNTRY_CONTEXT] >= n.features[best][COUNTRY_CONTEXT]
    ]
    return max(cities, key=lambda i: n.candidates[i].place.population, default=best)


def region_the_text_calls_a_region(n: Name, best: int) -> int:
    """The best candidate, or the first-level region that holds it (or is named after it:
    named_for) when the best is a town and the text calls the name a region, not a town:
    "fighting in the Donetsk region" is Donetsk Oblast, not its capital; "the province of
    Córdoba" is Spain's province, which countrystatecity lists and GeoNames' towns do not. Where
    the best is a country, the likeliest first-level region of the name, as where the text names
    its governor: "the state of Georgia", "Georgia Gov. Brian Kemp" are the US state, "Mexico state
    police" the State of Mexico."""
    place = n.candidates[best].place
    if n.cues.town:
        return best
    if place.is_country and (n.cues.region or n.cues.governed):
        regions = [i for i, c in enumerate(n.candidates)  # not "the northern region of Venezuela"
                   if c.place.is_region and (c.match == Match.NAME or goes_by(c.place.name, n.text))]
        return max(regions, key=lambda i: n.belief[i], default=best)
    return region_of_the_town(n, best) if place.is_town and n.cues.region else best


def region_of_the_town(n: Name, town: int) -> int:
    """The likeliest first-level region among the name's candidates that holds the town at index
    town or is named after it (named_for); the town itself where none does."""
    place = n.candidates[town].place
    regions = [i for i, c in enumerate(n.candidates)
               if c.place.is_region and ((c.place.country_code, c.place.admin1) == (place.country_code, place.admin1)
                                         or named_for(n.candidates[town], c.place))]
    return max(regions, key=lambda i: n.belief[i], default=town)


def named_for(town: Candidate, region: Place) -> bool:
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
    province (the city is "Quebec City"), "Veracruz" the state; nor when the city is the name and
    "City" and no metropolis (METROPOLIS_MIN_POPULATION): "New York" is New York City, "Oklahoma"
    the state, not Oklahoma City ("Cluj" is Cluj-Napoca)."""
    region = n.candidates[best].place
    if region.feature_code != "ADM1" or n.cues.among_regions:
        return []
    cities = [
        i for i, c in enumerate(n.candidates)
        if c.place.is_city
        and (c.place.country_code, c.place.admin1) == (region.country_code, region.admin1)
        and _a_big_share(c.place, region)
        and (normalize(c.place.name) != f"{normalize(n.text)} city"
             or c.place.population >= METROPOLIS_MIN_POPULATION)
    ]
    in_region = n.features[best][ADMIN1_CONTEXT]
    return [i for i in cities if n.features[i][NEARBY] >= in_region / 2]


def city_over_small_region(n: Name, best: int) -> int:
    """The best candidate, or a city of the name, by its own name, bigger than the first-level
    region that is best (whose population is only its listed towns', or none), when the article
    points no more to the region's country than to the city's: "Gaza" is the city of 410,000, not
    Mozambique's province (385,000 in its listed towns); "Córdoba" Argentina's city of 2.1 million,
    not Colombia's department; "Manchester" is England's city of 570,000, not Jamaica's
    parish of 62,000, unless the text says "parish" or the story is in Jamaica; "Savannah" is
    Georgia's city of 150,000, not Ghana's Savannah Region; "Phoenix" not Kiribati's islands."""
    region = n.candidates[best].place
    if region.feature_code != "ADM1" or n.cues.region or n.cues.among_regions:
        return best
    cities = [
        i for i, c in enumerate(n.candidates)
        if c.place.is_town and c.match == Match.NAME  # not Los Angeles for "La." (Louisiana)
        and c.place.population >= max(CITY_MIN_POPULATION, CITY_OVER_REGION * region.population)
        and n.features[i][COUNTRY_CONTEXT] >= n.features[best][COUNTRY_CONTEXT]
    ]
    return max(cities, key=lambda i: n.belief[i], default=best)


def capital_over_region(n: Name, best: int) -> int:
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
