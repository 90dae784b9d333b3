"""What each name resolves to (an Answer): the chosen place, the probability that its pin is right
(mapper.resolve.confidence), the runners-up a reader may pick instead, and the article-level
amendments made once every name has its answer: a county meant by its short name, a river's pin
moved to where the story meets its course, and the mentions that mean another place than their
name's answer (a town the text calls a region, a capital it does not, a dateline's town)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from mapper.gazetteer.names import names_a_natural_feature, normalize
from mapper.geodesy import SAME_PLACE_KM, haversine_km
from mapper.model import METROPOLIS_MIN_POPULATION, Candidate, Match, Mention, Place, Resolution
from mapper.recognize.words import DATELINE_ENDS
from mapper.reliability import UNCERTAIN
from mapper.resolve import courses, town_or_region
from mapper.resolve.choice import Choice, mass_near
from mapper.resolve.confidence import Calibrator
from mapper.resolve.features import Name
from mapper.resolve.lexicon import CONFIDENT

RUNNERS_UP = 3
# At most, for a pin at the county's or region's point the text puts a town in (the town's own is
# unknown): drawn uncertain
APPROXIMATE_CONFIDENCE = UNCERTAIN - 0.1
# At most, for a world city chosen over a small namesake by default: under what a publisher's
# lexicon learns from, since nothing in the article said so.
DEFAULT_SENSE_CONFIDENCE = CONFIDENT - 0.05
VILLAGE_FOR_A_LOCATION_CONFIDENCE = UNCERTAIN - 0.15
# At least, for a lake or a small sea the text names whole ("Lake Kivu", "the Dead Sea"), so small
# that its point lies well within 161 km of all of it however long it is: the calibrator learned
# features' confidence mostly from oceans and long seas, whose point is far from much of them
SMALL_WATER_CONFIDENCE = CONFIDENT
SMALL_WATER_KM = SAME_PLACE_KM / 3  # the radius of a disc as large as it: 9,000 km² at most
SMALL_WATER_CODES = frozenset({"LK", "RSV", "LGN", "SEA", "BAY", "GULF"})
COUNTY_WORDS = ("County", "Parish")
COUNTY_KM = 50.0  # a town this near a county's point is in it, or nearly: "Lancaster" in Lancaster County

NameKey = tuple[bool, str, str]  # a people's word or not, the name normalized, its sense


@dataclass(frozen=True)
class Answer:
    """What a name resolves to: its place, the probability that the pin is right, the runners-up,
    and whether the user's overrides pinned it."""

    place: Place
    confidence: float
    runners_up: tuple[Candidate, ...] = ()
    pinned: bool = False

    def resolution(self, mention: Mention) -> Resolution:
        return Resolution(mention, self.place, self.confidence, self.runners_up, self.pinned)


def name_key(n: Name) -> NameKey:
    return n.mentions[0].is_people, normalize(n.text), n.sense


def answer(choice: Choice, calibrator: Calibrator) -> Answer:
    """The chosen candidate's Answer.

    The probability is the calibrator's (mapper.resolve.confidence), from the ranker's share, what
    the name looks like and where its place lies among the article's others. The runners-up are
    the other answers, each at least SAME_PLACE_KM from the winner and from each other, with the
    ranker's share rescaled to match.
    """
    n, best_index, order = choice.name, choice.best, choice.order
    if n.candidates[0].match == Match.PINNED:
        return Answer(n.candidates[0].place, 1.0, pinned=True)
    best = n.candidates[best_index].place
    best_share = choice.share
    confidence = calibrator.probability(choice.confidence_features)
    if n.candidates[best_index].match == Match.WITHIN:
        confidence = min(confidence, APPROXIMATE_CONFIDENCE)
    elif n.by_default:  # right most of the time, but no evidence a publisher's lexicon should learn
        confidence = min(confidence, DEFAULT_SENSE_CONFIDENCE)
    if (best.is_village and all(m.label == "LOC" for m in n.mentions)
            and (choice.nearest_km is None or choice.nearest_km > SAME_PLACE_KM)):
        # NER's location (a region, a landform) that only a village's name matches, away from the
        # story's other places: "Siberia", which the gazetteer lacks and a hamlet in Chiapas has
        confidence = min(confidence, VILLAGE_FOR_A_LOCATION_CONFIDENCE)
    if _small_water_by_its_whole_name(n, best_index):
        confidence = max(confidence, SMALL_WATER_CONFIDENCE)
    scale = _runner_up_scale(confidence, best_share)
    runners_up: list[Candidate] = []
    for i in order[1:]:
        place = n.candidates[i].place
        if len(runners_up) == RUNNERS_UP:
            break
        if all(
            haversine_km(place.lat, place.lon, other.lat, other.lon) > SAME_PLACE_KM
            for other in [best, *(c.place for c in runners_up)]
        ):
            score = round(min(mass_near(n, place) * scale, 1.0), 3)
            runners_up.append(Candidate(place, score, n.candidates[i].match))
    runners_up.sort(key=lambda c: -c.score)  # a cluster of namesakes can outweigh a single better one
    return Answer(best, round(confidence, 3), tuple(runners_up))


def _small_water_by_its_whole_name(n: Name, best: int) -> bool:
    """The winner is a lake or small sea (SMALL_WATER_KM; its weight is its area) that the text
    names with its generic word, and no other water of the name is a candidate."""
    place = n.candidates[best].place
    return (place.feature_code in SMALL_WATER_CODES and place.population > 0
            and math.sqrt(place.population / math.pi) <= SMALL_WATER_KM and names_a_natural_feature(n.text)
            and not any(c.place.feature_class == "H" and c.place.key != place.key for c in n.candidates))


def _runner_up_scale(confidence: float, best_share: float) -> float:
    """What turns a runner-up's ranker share into a probability, so that no runner-up outscores
    the winner and all of them together stay within what the winner leaves."""
    if confidence <= best_share:
        return confidence / best_share if best_share else 0.0
    return (1.0 - confidence) / (1.0 - best_share)


def counties_by_their_short_names(names: list[Name], chosen: dict[NameKey, Answer]) -> None:
    """ "DeKalb" in an article that says "DeKalb County" is the county, where no town DeKalb lies in
    it: the city of DeKalb is in Illinois, the county an Atlanta paper writes about in Georgia."""
    for n in names:
        key = name_key(n)
        if key not in chosen or n.mentions[0].is_people:
            continue
        for kind in COUNTY_WORDS:
            county = chosen.get((False, normalize(f"{n.text} {kind}"), ""))
            if county is not None and county.place.feature_code == "ADM2" and not any(
                c.place.is_town
                and haversine_km(c.place.lat, c.place.lon, county.place.lat, county.place.lon) <= COUNTY_KM
                for c in n.candidates
            ):
                chosen[key] = county


def regions_called_so(names: list[Name], chosen: dict[NameKey, Answer]) -> dict[tuple[NameKey, int], Answer]:
    """The region a mention means where the text calls it a region and the name's answer is a
    town the text also calls a town: "Toledo is a city in Spain, the capital of the province of
    Toledo", "the city of Donetsk ... the Donetsk region". Keyed by the name's key and the
    mention's start; the region is the one that holds the town or is named for it, as where the
    text calls the name a region only (mapper.resolve.town_or_region.region_of_the_town)."""
    found: dict[tuple[NameKey, int], Answer] = {}
    for n in names:
        key = name_key(n)
        town = chosen.get(key)
        if town is None or town.pinned or not town.place.is_town or not n.cues.called_a_region:
            continue
        own = next((i for i, c in enumerate(n.candidates) if c.place == town.place), None)
        region = own if own is None else town_or_region.region_of_the_town(n, own)
        if region != own:
            found.update(((key, start), Answer(n.candidates[region].place, town.confidence))
                         for start in n.cues.called_a_region)
    return found


def towns_datelines_name(names: list[Name], chosen: dict[NameKey, Answer],
                         text: str) -> dict[tuple[NameKey, int], Answer]:
    """The town a dateline names where the name's answer is a first-level region: a story filed
    from "WASHINGTON —" is filed from the capital, though its senators "from Washington and
    Oregon" are the state's; "NEW YORK —", New York City. The biggest town of the name in the
    region's country, by its own name or another; keyed as regions_called_so."""
    found: dict[tuple[NameKey, int], Answer] = {}
    for n in names:
        key = name_key(n)
        region = chosen.get(key)
        if region is None or region.pinned or not region.place.is_region:
            continue
        datelines = [m.start for m in n.mentions if _a_dateline(text, m)]
        towns = [c.place for c in n.candidates if c.place.is_town and c.match in (Match.NAME, Match.ALTERNATE)
                 and c.place.country_code == region.place.country_code]
        if datelines and towns:
            town = max(towns, key=lambda p: p.population)
            found.update(((key, start), Answer(town, region.confidence)) for start in datelines)
    return found


def cities_where_not_called_a_region(names: list[Name],
                                     chosen: dict[NameKey, Answer]) -> dict[tuple[NameKey, int], Answer]:
    """The city a mention means where the text calls other mentions of its name a region and the
    name's answer is that region: "the minister said in Buenos Aires", in a story that also names
    "Buenos Aires province", is the capital. A national capital or a metropolis the region is
    named for or named like; not where the name is listed among regions, governed or the region of a place
    before it. Keyed as regions_called_so."""
    found: dict[tuple[NameKey, int], Answer] = {}
    for n in names:
        key, said = name_key(n), n.cues
        region = chosen.get(key)
        if (region is None or region.pinned or not region.place.is_region or not said.called_a_region
                or said.among_regions or said.governed or said.holds_a_place):
            continue
        cities = [c.place for c in n.candidates if c.place.is_town and _named_alike(c, region.place)
                  and (c.place.feature_code == "PPLC" or c.place.population >= METROPOLIS_MIN_POPULATION)]
        if cities:
            city = Answer(max(cities, key=lambda p: p.population), region.confidence)
            found.update(((key, m.start), city) for m in n.mentions if m.start not in said.called_a_region)
    return found


def _named_alike(town: Candidate, region: Place) -> bool:
    """The region is named for the town, or shares its name in its country (Buenos Aires, the
    capital, is no part of Buenos Aires Province)."""
    return town_or_region.named_for(town, region) or (
        town.place.country_code == region.country_code and normalize(town.place.name) == normalize(region.name))


def _a_dateline(text: str, m: Mention) -> bool:
    """ "WASHINGTON —", "BOSTON (AP) -": a name in capitals opening its line, before a dash, a
    comma, a colon or a bracket."""
    line_start = text.rfind("\n", 0, m.start) + 1
    return (m.text.isupper() and not text[line_start:m.start].strip()
            and text[m.end:].lstrip().startswith(tuple(DATELINE_ENDS)))


def rivers_where_the_story_is(chosen: dict[NameKey, Answer]) -> None:
    """A river's pin moved along its course to where the story's other places meet it ("the
    Danube" in a Budapest story, "the Mekong in Cambodia"): mapper.resolve.courses."""
    places = [a.place for a in chosen.values()  # not a sea, nor a continent's or world region's point
              if a.place.feature_class != "H" and a.place.feature_code not in ("CONT", "RGN")]
    for key, found in chosen.items():
        place = found.place
        if place.feature_code == "STM":
            chosen[key] = replace(found, place=courses.met_by_the_story(place, places))
