"""The rules that choose a name's place among its ranked candidates: the ranker's belief, but a
town or region of the name as news means it (mapper.resolve.town_or_region), a world city before a
small namesake that won by its state alone, a sea named with its generic word before its
namesakes, and the place the text itself puts in a region before all others."""

from __future__ import annotations

from dataclasses import dataclass

from mapper.gazetteer.names import LANDFORM_WORDS, names_a_natural_feature, normalize
from mapper.geodesy import SAME_PLACE_KM, haversine_km
from mapper.model import CITY_MIN_POPULATION, METROPOLIS_MIN_POPULATION, Match, Place
from mapper.resolve import coherence, features, town_or_region
from mapper.resolve.confidence import features as confidence_features
from mapper.resolve.features import Name

NAMED_CONTAINER = features.FEATURES.index("named_container")
FOREIGN = features.FEATURES.index("foreign")
ADMIN1_CONTEXT = features.FEATURES.index("admin1_context")
PUBLISHER = features.FEATURES.index("publisher_region")
COUNTRY_CONTEXT = features.FEATURES.index("country_context")
TOGETHER_KM = 100.0  # another place of the story this near a town speaks for it
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
    but a region or a town of the name as news means it (mapper.resolve.town_or_region: a region
    before its namesake town, or before the country of its name, where the text calls the name a
    region (or names its governor, for a country's namesake), a town before the region named after
    it unless it does, a world city abroad before such a town, a city before a smaller region, a
    capital before its country's region), a local town before a foreign country
    (_local_town_over_foreign_country), a sea or gulf named with its generic word before its
    namesakes (_feature_over_namesake), a place away from the other end of a journey before one
    there (_not_at_the_other_end), and a place where the text says it is before all others
    (_placed_by_the_text)."""
    order = sorted(range(len(n.candidates)), key=lambda i: (-n.belief[i], n.candidates[i].place.key))
    order.insert(0, order.pop(order.index(town_or_region.region_the_text_calls_a_region(n, order[0]))))
    order.insert(0, order.pop(order.index(town_or_region.town_over_region(n, order[0]))))
    order.insert(0, order.pop(order.index(town_or_region.world_city_over_a_regions_town(n, order[0]))))
    order.insert(0, order.pop(order.index(town_or_region.city_over_small_region(n, order[0]))))
    order.insert(0, order.pop(order.index(town_or_region.capital_over_region(n, order[0]))))
    order.insert(0, order.pop(order.index(_local_town_over_foreign_country(n, order[0]))))
    order.insert(0, order.pop(order.index(_feature_over_namesake(n, order[0]))))
    order.insert(0, order.pop(order.index(_not_at_the_other_end(n, order[0]))))
    placed = _placed_by_the_text(n)
    if placed and order[0] not in placed:
        order.insert(0, order.pop(order.index(min(placed, key=order.index))))
    return order[0], order


def share(n: Name, best: int) -> float:
    """The ranker's probability for the candidates within SAME_PLACE_KM of the winner: a city and
    the province named after it are one answer on a map, two namesakes in different states are not.

    A city has the probability of the first-level region that holds it too, where the region's
    point lies farther: "New York" alone is New York City (mapper.resolve.town_or_region), not a
    doubt between the city and the state's point 300 km upstate.

    (Choosing the winner by that grouped probability instead of the best single candidate was
    measured and rejected: cross-validated acc@161 on LGL fell from 0.836 to 0.830.)
    """
    place = n.candidates[best].place
    mass = mass_near(n, place)
    if (natural := _natural_by_its_form(n)) and best in natural:
        # "the Red Sea" is the sea by its name's form (_feature_over_namesake), whatever the ranker
        # believed of Egypt's and Sudan's Red Sea regions: its share is among the seas and lakes
        return min(mass / max(sum(n.belief[i] for i in natural), 1e-9), 1.0)
    if place.is_city:
        mass += sum(
            b for c, b in zip(n.candidates, n.belief)
            if c.place.is_region and (c.place.country_code, c.place.admin1) == (place.country_code, place.admin1)
            and haversine_km(place.lat, place.lon, c.place.lat, c.place.lon) > SAME_PLACE_KM)
    return min(mass, 1.0)


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
    the story within TOGETHER_KM (but one whose name has a town as big in the city's country:
    _as_big_a_town_in), no state or county of its named by its own name and no publisher of its
    region point to the town. "Flights from Amsterdam to New York": Amsterdam, New York (18,000
    people), which "New York" seems to support, is Amsterdam, Netherlands; "Rotterdam" beside Los
    Angeles and Shanghai is the Dutch port; "from Oxford to Ottawa" is from England, not from
    Oxford, Nova Scotia, and "from Oxford to Durham" not from Oxford, North Carolina, which
    Durham's city beside it seems to support; "Paris" beside "Texas" stays Texan, "Rome" beside
    "Utica" stays in New York, and a Michigan story's "Delhi" stays a doubtful namesake, not
    India's capital.
    A village so won is a region of millions of its name where there is one
    (_big_regions_over_a_village). Their belief is set on the city or region, and their ids
    returned."""
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
                or {(town.country_code, town.admin1, ""), (town.country_code, town.admin1, town.admin2)} & named):
            continue
        bigger = [
            i for i, c in enumerate(n.candidates)
            if c.place.is_town and c.place.country_code != town.country_code
            and c.place.population >= max(CITY_MIN_POPULATION, town_or_region.WORLD_CITY_RATIO * town.population)
        ] or _big_regions_over_a_village(n, town)
        abroad = {n.candidates[i].place.country_code for i in bigger}
        if bigger and not any(o is not n and features.is_point(p := o.candidates[i].place)
                              and haversine_km(town.lat, town.lon, p.lat, p.lon) <= TOGETHER_KM
                              and not _as_big_a_town_in(o, p, abroad) for o, i in tops):
            chosen = max(bigger, key=lambda i: n.candidates[i].place.population)
            n.belief = [float(i == chosen) for i in range(len(n.candidates))]
            n.by_default = True
            settled.add(id(n))
    return settled


def _as_big_a_town_in(n: Name, place: Place, countries: set[str]) -> bool:
    """The name has a town in one of these countries that place is not WORLD_CITY_RATIO times
    bigger than: "from Oxford to Durham" has a Durham of 260,000 beside Oxford, North Carolina,
    and one of 50,000 in England, so it speaks for neither Oxford; a metropolis whose namesakes
    abroad are villages still speaks for the town beside it."""
    least = place.population / town_or_region.WORLD_CITY_RATIO
    return any(c.place.is_town and c.place.country_code in countries and c.place.population >= least
               for c in n.candidates)


def _big_regions_over_a_village(n: Name, town: Place) -> list[int]:
    """The first-level regions of METROPOLIS_MIN_POPULATION, by their own name and not foreign to
    the story, that a village of the name stands for only by its state and country: "snow hit
    Buffalo, New York, and parts of Ontario" is the province of 14 million, not Ontario, New York
    (2,000 people), 130 km from Buffalo."""
    if not town.is_village:
        return []
    return [i for i, c in enumerate(n.candidates)
            if c.place.is_region and c.match == Match.NAME and not n.features[i][FOREIGN]
            and c.place.population >= METROPOLIS_MIN_POPULATION]


def _only_foreign_villages(n: Name) -> bool:
    """Every candidate is a village in a country the rest of the article never points to, nor
    to its neighbours: "Grand" (Côte d'Ivoire), "Titan" (Afghanistan), "Soho" (were it only a village in
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
    natural = _natural_by_its_form(n)
    return best if not natural or best in natural else max(natural, key=lambda i: n.belief[i])


def _natural_by_its_form(n: Name) -> list[int]:
    """The sea, gulf or lake candidates of a name built on its generic word, where the text does
    not call it a town or region."""
    if n.cues.region or n.cues.town or not names_a_natural_feature(n.text):
        return []
    return [i for i, c in enumerate(n.candidates) if c.match == Match.NAME and c.place.feature_class in ("H", "T")]


def _not_at_the_other_end(n: Name, best: int) -> int:
    """The best candidate, or the likeliest outside the country or region at the other end of a
    journey the text makes from or to the name, when the best lies in it: "The man flew from
    Florida to Uruguay" left the US state, not Florida, Uruguay, which the country's mention had
    made likeliest."""
    if not n.cues.not_in.contains(n.candidates[best].place):
        return best
    outside = [i for i, c in enumerate(n.candidates) if not n.cues.not_in.contains(c.place)]
    return max(outside, key=lambda i: n.belief[i], default=best)


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
    placed = [i for i, row in enumerate(n.features)  # a city the text defines is no region it names
              if row[NAMED_CONTAINER] and (n.candidates[i].place.is_town or not n.cues.town)]
    in_region = [i for i in placed if n.cues.region_contains(n.candidates[i].place)]
    in_area = {i: km for i in in_region if (km := n.cues.area_km(n.candidates[i].place)) is not None}
    if in_area:  # "in North Yorkshire, England": the namesake nearest North Yorkshire's point, of England's
        return [min(in_area, key=in_area.__getitem__)]
    return in_region or placed  # "in the Quindío Department, Colombia": the department's, of Colombia's
