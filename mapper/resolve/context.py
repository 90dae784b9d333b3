"""Choose the place each name means, reading the whole article as context.

Every distinct name gets its candidates, each described by features (mapper.resolve.features)
and ranked by a model fitted on gold corpora (mapper.resolve.ranker). A few rounds over the
article let the names inform each other: a candidate gains from the countries and regions the
article's *other* names point to and from lying near their places. So "Homs" next to "Syria" and
"Aleppo" is the Syrian city, not Al Khums in Libya, and "Paris" in a story set in Lamar County,
Texas is the Texan town.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from mapper.geodesy import haversine_km
from mapper.model import CITY_MIN_POPULATION, Article, Candidate, MapResult, Mention, Place, Resolution
from mapper.resolve import coherence, courses, features
from mapper.resolve.confidence import Calibrator
from mapper.resolve.confidence import features as confidence_features
from mapper.resolve.features import Name
from mapper.resolve.lexicon import CONFIDENT, LocalLexicon
from mapper.gazetteer.names import names_a_natural_feature, names_a_site, normalize
from mapper.resolve.overrides import Overrides
from mapper.resolve.ranker import Ranker

CandidateLookup = Callable[[str], list[Candidate]]

ROUNDS = 3
RUNNERS_UP = 3
PINNED = "pinned"  # Candidate.match of a place the user's overrides chose
WITHIN = "within"  # Candidate.match of a place known only as being in the county the text names
APPROXIMATE_CONFIDENCE = 0.5  # at most, for a pin at the county's point: the town's own is unknown
# At most, for a world city chosen over a small namesake by default: under what a publisher's
# lexicon learns from, since nothing in the article said so.
DEFAULT_SENSE_CONFIDENCE = CONFIDENT - 0.05
SAME_PLACE_KM = 161.0  # the field's yardstick for a right answer (100 miles)
VILLAGE_MAX_POPULATION = 10_000
NAMED_CONTAINER = features.FEATURES.index("named_container")
FOREIGN = features.FEATURES.index("foreign")
ADMIN1_CONTEXT = features.FEATURES.index("admin1_context")
NEARBY = features.FEATURES.index("nearby")
PUBLISHER = features.FEATURES.index("publisher_region")
TOGETHER_KM = 100.0  # another place of the story this near a town speaks for it
WORLD_CITY_RATIO = 10  # a city abroad this many times a small town's size is what the name means alone
COUNTRY_CONTEXT = features.FEATURES.index("country_context")
CITY_OVER_REGION = 5  # a city this many times a region's population is what its name means
COUNTY_WORDS = ("County", "Parish")
COUNTY_KM = 50.0  # a town this near a county's point is in it, or nearly: "Lancaster" in Lancaster County
# Rivers and lakes: many share a name with a smaller one elsewhere, which the embedded gazetteer lacks.
LOCAL_NAMESAKE_FEATURES = frozenset({"STM", "LK", "RSV", "LGN"})
FEATURE_FAR_KM = 2_500.0  # farther from all the story's places than a long river's middle from its ends


class Resolver:
    """Resolves an article's mentions together: each name's candidates from the lookup, ranked by
    the learned ranker with the article as context, the user's overrides first, the winner's
    confidence calibrated."""

    def __init__(
        self,
        lookup: CandidateLookup,
        ranker: Ranker | None = None,
        overrides: Overrides | None = None,
        lexicon: LocalLexicon | None = None,
        calibrator: Calibrator | None = None,
        peoples: bool = False,
    ):
        """peoples: a people's word ("Russian", "Nigerians") is also a toponym of its country, as
        some gold corpora count it; by default it is only context for the other names."""
        self.lookup = lookup
        self.ranker = ranker or Ranker.load()
        self.calibrator = calibrator or Calibrator.load()
        self.overrides = overrides or Overrides()
        self.lexicon = lexicon
        self.peoples = peoples

    def _lookup_in(self, article: Article) -> CandidateLookup:
        """The candidates of a name in this article: the user's pin, none for a name the user says
        is no place (it is no context for the others either), else the lookup's answer."""
        def lookup(name: str) -> list[Candidate]:
            if self.overrides.is_no_place(article.id, name):
                return []
            pinned = self.overrides.place_for(article.id, name)
            return [Candidate(pinned, 1.0, PINNED)] if pinned else self.lookup(name)
        return lookup

    def rank(self, article: Article, mentions: Iterable[Mention]) -> list[Name]:
        """The article's distinct names, each with its candidates, features and final belief."""
        lookup = self._lookup_in(article)
        by_name: dict[tuple[bool, str], list[Mention]] = {}
        for m in mentions:
            by_name.setdefault((m.is_people, normalize(m.name)), []).append(m)
        article_names = {key[1] for key in by_name}
        all_names = [
            Name(group[0].name, group, [], sense=sense)
            for same in by_name.values()
            for sense, group in features.senses(article.text, same, lookup, article_names)
        ]
        for n in all_names:
            after_the = any(_after_the(article.text, m) for m in n.mentions)
            n.candidates = _candidates(n.mentions[0], lookup, after_the)
            n.cues = features.cues(article.text, n.mentions, lookup, article_names)
            if (somewhere := _somewhere_in_its_county(n)) is not None:
                n.candidates.append(somewhere)
        names = [n for n in all_names if n.candidates]
        publisher_regions = self.lexicon.shares(article.publisher, article.id) if self.lexicon else {}
        features.initial(names, publisher_regions)
        self._believe(names)
        for _ in range(ROUNDS):
            features.update_context(names)
            self._believe(names)
        settled = _world_cities_over_small_namesakes(names)
        if settled:  # the others read them anew: "New York" beside Amsterdam, Netherlands is the city
            features.update_context(names)
            self._believe([n for n in names if id(n) not in settled])
        return all_names

    def _believe(self, names: list[Name]) -> None:
        for n in names:
            n.belief = self.ranker.beliefs(n.features)

    def resolve(self, article: Article, mentions: Iterable[Mention]) -> MapResult:
        """The article's places; the names the user's overrides say are no place are dropped first."""
        ordered: list[Mention] = []
        removed: list[Mention] = []
        for m in mentions:
            if not self.overrides.drops(article.id, m):
                ordered.append(m)
            elif self.peoples or not m.is_people:  # else a people was only ever context
                removed.append(m)
        names = self.rank(article, ordered)
        chosen = {_key(c.name): _resolution_parts(c, self.calibrator) for c in choices(names)}
        _counties_by_their_short_names(names, chosen)
        _rivers_where_the_story_is(chosen)
        name_of = {id(m): _key(n) for n in names for m in n.mentions}
        resolutions = []
        for m in ordered:
            parts = chosen.get(name_of[id(m)])
            if m.is_people:
                if self.peoples and parts is not None:
                    resolutions.append(Resolution(m, *parts))
                continue
            if parts is None:
                if _probably_not_a_place(m):
                    continue
                resolutions.append(Resolution(m, None))
            else:
                resolutions.append(Resolution(m, *parts))
        return MapResult(article, tuple(resolutions), tuple(removed), self.overrides.for_article(article.id))


NameKey = tuple[bool, str, str]  # a people's word or not, the name normalized, its sense


def _world_cities_over_small_namesakes(names: list[Name]) -> set[int]:
    """Names whose likeliest candidate is a small town that shares its name with a city abroad
    WORLD_CITY_RATIO times bigger and that won by its state alone: the article's other names point
    to its state, but no container or definition, no other place of the story within TOGETHER_KM,
    no state or county of its named by its own name and no publisher of its region point to the
    town. "Flights from Amsterdam to New York": Amsterdam, New York (18,000 people), which "New
    York" seems to support, is Amsterdam, Netherlands; "Paris" beside "Texas" stays Texan, "Rome"
    beside "Utica" stays in New York, and a Michigan story's "Delhi" stays a doubtful namesake, not
    India's capital. Their belief is set on the city abroad, and their ids returned."""
    tops = [(n, max(range(len(n.candidates)), key=n.belief.__getitem__)) for n in names]
    named = set()  # (country, admin-1, county or "") that a name names as such: "Texas", "Lamar County"
    for n in names:
        big_town = any(c.place.is_city
                       for c in n.candidates)
        for c in n.candidates:
            if c.match == "name" and (c.place.feature_code == "ADM2" or (c.place.is_region and not big_town)):
                named.add((c.place.country_code, c.place.admin1, c.place.name if c.place.feature_code == "ADM2" else ""))
    settled = set()
    for n, best in tops:
        town, row = n.candidates[best].place, n.features[best]
        if (not town.is_town or town.is_city or n.cues.defined
                or row[ADMIN1_CONTEXT] < features.FOREIGN_SHARE or row[NAMED_CONTAINER] or row[PUBLISHER]
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


def _key(n: Name) -> NameKey:
    return n.mentions[0].is_people, normalize(n.text), n.sense


def _rivers_where_the_story_is(chosen: dict[NameKey, tuple]) -> None:
    """A river's pin moved along its course to where the story's other places meet it ("the
    Danube" in a Budapest story, "the Mekong in Cambodia"): mapper.resolve.courses."""
    places = [parts[0] for parts in chosen.values()  # not a sea, nor a continent's or world region's point
              if parts[0].feature_class != "H" and parts[0].feature_code not in ("CONT", "RGN")]
    for key, (place, *rest) in chosen.items():
        if place.feature_code == "STM":
            chosen[key] = (courses.met_by_the_story(place, places), *rest)


def _somewhere_in_its_county(n: Name) -> Candidate | None:
    """A place the text defines as being in a county ("Kensington is a village in Hartford County,
    Connecticut") that no candidate of its name lies in or near, since the gazetteer lacks it: a
    pin at the county's point, named as the text names it, within reach of the truth (counties are
    small) and drawn uncertain, rather than a famous namesake thousands of km away."""
    county = n.cues.county
    if county is None or n.mentions[0].is_people or any(
            haversine_km(c.place.lat, c.place.lon, county.lat, county.lon) <= COUNTY_KM for c in n.candidates):
        return None
    safe = "".join(ch for ch in n.text if ch.isascii() and ch.isalnum())
    place = Place(
        key=f"{county.key}_{safe}", name=n.text, lat=county.lat, lon=county.lon, feature_class="P",
        feature_code="PPL", country_code=county.country_code, admin1=county.admin1, admin2=county.name,
        source="text",
    )
    return Candidate(place, 0.0, WITHIN)


def _counties_by_their_short_names(names: list[Name], chosen: dict[NameKey, tuple]) -> None:
    """ "DeKalb" in an article that says "DeKalb County" is the county, where no town DeKalb lies in
    it: the city of DeKalb is in Illinois, the county an Atlanta paper writes about in Georgia."""
    for n in names:
        key = _key(n)
        if key not in chosen or n.mentions[0].is_people:
            continue
        for kind in COUNTY_WORDS:
            county = chosen.get((False, normalize(f"{n.text} {kind}"), ""))
            if county is not None and county[0].feature_code == "ADM2" and not any(
                c.place.is_town
                and haversine_km(c.place.lat, c.place.lon, county[0].lat, county[0].lon) <= COUNTY_KM
                for c in n.candidates
            ):
                chosen[key] = county


def resolve_together(resolver: Resolver, recognized: Sequence[tuple[Article, list[Mention]]]) -> Iterator[MapResult]:
    """Resolve a batch of articles so each learns from the others of its publisher, in order.

    A first pass places every article with the lexicon as it stands and teaches it the answers;
    the articles whose publisher's lexicon now speaks are placed again in its light. If the
    first pass fails (a geocoding service gives up), the articles it had placed are still
    yielded, as they stand, before the error: nothing done is lost.
    """
    first: list[MapResult] = []
    try:
        for article, mentions in recognized:
            first.append(resolver.resolve(article, mentions))
    except Exception:
        yield from first
        raise
    lexicon = resolver.lexicon
    if lexicon is None:
        yield from first
        return
    for result in first:
        lexicon.learn(result)
    for (article, mentions), result in zip(recognized, first):
        yield resolver.resolve(article, mentions) if lexicon.shares(article.publisher, article.id) else result
    lexicon.settle()


def _candidates(mention: Mention, lookup: CandidateLookup, after_the: bool) -> list[Candidate]:
    """The name's candidates; a river by its bare name only where the text writes "the" before it
    ("the Po", "the Don": English names rivers so; "Amazon", "Don" alone are a firm and a man)."""
    found = lookup(mention.name)
    if mention.is_people:  # "Georgians" are from the country, never the US state
        return [c for c in found if c.place.is_country]
    if not after_the and not names_a_natural_feature(mention.name):
        found = [c for c in found if c.place.feature_code != "STM" or c.match == "name"]
    if _only_villages_by_other_names(found):
        return []
    return found


def _after_the(text: str, mention: Mention) -> bool:
    return text[max(0, mention.start - 4):mention.start].lower() == "the "


def _only_villages_by_other_names(candidates: list[Candidate]) -> bool:
    """ "Passover" is among the alternate names GeoNames lists for Mountain City, Tennessee
    (pop. 1,061). Villages' alternate names are many, local and often odd: a name that is no
    place's own and names only villages is treated as unknown."""
    return bool(candidates) and all(c.match in ("alternate", "loose") and _is_village(c.place) for c in candidates)


def _only_foreign_villages(n: Name) -> bool:
    """Every candidate is a village in a country the rest of the article never points to, nor
    to its neighbours: "Grand" (Côte d'Ivoire), "Titan" (Afghanistan), "Piccadilly" (a village in
    Western Australia, in a story set in London). The name is as good as unknown to the gazetteer."""
    return n.candidates[0].match != PINNED and all(
        row[FOREIGN] and _is_village(c.place) for c, row in zip(n.candidates, n.features))


def _a_far_namesake_feature(place: Place, km: float | None) -> bool:
    """A river or lake of the embedded gazetteer thousands of km from all the article's other
    places: a local "Red River" in a Louisiana story, which the gazetteer knows only as Vietnam's.
    It is left unplaced, as a name the gazetteer lacks would be."""
    return place.feature_code in LOCAL_NAMESAKE_FEATURES and km is not None and km > FEATURE_FAR_KM


def _is_village(place: Place) -> bool:
    return place.is_town and place.population < VILLAGE_MAX_POPULATION


def _probably_not_a_place(mention: Mention) -> bool:
    """A name no gazetteer knows, where the gazetteer's coverage is good: a misfire of NER.

    An unknown single word is most often a person or an organization the small model
    mislabelled ("Saakashvili"). An unknown street, highway or building ("Main Street",
    "Interstate 64", "City Hall") is a real place but no gazetteer's, and a map cannot place it.
    What stays, marked as not placed, is a natural feature or region named with its generic word
    ("Cumberland River", "Lake Lanier", "Gaza Strip") or a named site ("Denver International
    Airport", "Hoover Dam"), whatever NER called it: a real place the gazetteer lacks, which
    --fallback may find.
    """
    text = mention.text.strip()
    return " " not in text or not text[:1].isupper() or not (names_a_natural_feature(text) or names_a_site(text))


def _town_over_region(n: Name, best: int) -> int:
    """The best candidate, or the town inside it named the same when the best is an admin region.

    "Aleppo" in the news is the city far more often than the governorate named after it, and on
    a map the town's pin is inside the region anyway; unless the text says "Aleppo province".
    """
    region = n.candidates[best].place
    if not region.feature_code.startswith("ADM") or n.cues.region:
        return best
    towns = [
        i for i, c in enumerate(n.candidates)
        if c.place.is_town and features.namesake_key(c.place) == features.namesake_key(region)
    ]
    towns = towns or _city_named_for_region(n, best)
    return max(towns, key=lambda i: n.belief[i], default=best)


def _city_named_for_region(n: Name, best: int) -> list[int]:
    """The city inside region n.candidates[best] that also goes by the name, when news means
    the city: "New York" (New York City), "Kherson" (Kherson Oblast's seat). Not when the text
    lists it among regions ("New York, New Jersey and Connecticut"), nor when the article's other
    places lie in the region but away from the city (a story from Buffalo means the state)."""
    region = n.candidates[best].place
    if region.feature_code != "ADM1" or n.cues.among_regions:
        return []
    cities = [
        i for i, c in enumerate(n.candidates)
        if c.place.is_city
        and (c.place.country_code, c.place.admin1) == (region.country_code, region.admin1)
    ]
    in_region = n.features[best][ADMIN1_CONTEXT]
    return [i for i in cities if n.features[i][NEARBY] >= in_region / 2]


def _city_over_small_region(n: Name, best: int) -> int:
    """The best candidate, or a city of the name far bigger than the first-level region that is
    best, when the article points no more to the region's country than to the city's:
    "Manchester" is England's city of 570,000, not Jamaica's parish of 62,000, unless the text
    says "parish" or the story is in Jamaica."""
    region = n.candidates[best].place
    if region.feature_code != "ADM1" or not region.population or n.cues.region or n.cues.among_regions:
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


def _feature_over_namesake(n: Name, best: int) -> int:
    """The best candidate, or the sea, gulf or lake of the name when the name is built on its
    generic word and the text does not call it a town or region: "the Red Sea" is the sea, not
    Egypt's Red Sea governorate, unless the text says "Red Sea governorate"."""
    if n.cues.region or n.cues.town or not names_a_natural_feature(n.text):
        return best
    natural = [i for i, c in enumerate(n.candidates) if c.match == "name" and c.place.feature_class in ("H", "T")]
    return best if not natural or best in natural else max(natural, key=lambda i: n.belief[i])


def _mass_near(n: Name, place: Place) -> float:
    """The ranker's probability for the candidates within SAME_PLACE_KM of place."""
    return sum(
        b for c, b in zip(n.candidates, n.belief)
        if haversine_km(place.lat, place.lon, c.place.lat, c.place.lon) <= SAME_PLACE_KM
    )


def _placed_by_the_text(n: Name) -> list[int]:
    """The candidates inside the region or country the text names right after the name ("London,
    England", "Dublin, Ohio", "Wood County, W. Va.", "Berlin is a town in Hartford County,
    Connecticut"): the text's own word beats any prior, the publisher's included. Not in a list of
    regions, where the comma is the list's ("Washington, Pennsylvania and California"), nor for a
    country's own name, which a list of countries follows ("Georgia, Iraq, Iran")."""
    within = [i for i, c in enumerate(n.candidates) if c.match == WITHIN]
    if within:
        return within
    if not n.cues.defined and (n.cues.among_regions or any(
            c.match == "name" and c.place.is_country for c in n.candidates)):
        return []
    placed = [i for i, row in enumerate(n.features) if row[NAMED_CONTAINER]]
    in_region = [i for i in placed if n.cues.region_contains(n.candidates[i].place)]
    return in_region or placed  # "in the Quindío Department, Colombia": the department's, of Colombia's


@dataclass(frozen=True)
class Choice:
    """A name's winning candidate, all its candidates best first, and what the calibrator reads."""

    name: Name
    best: int
    order: list[int]
    share: float  # the ranker's, for the candidates near the winner
    confidence_features: list[float]


def choices(names: list[Name]) -> list[Choice]:
    """The winner of every name the article places (peoples' too: a country they point to), each
    described for the calibrator by itself and by where it lies among the other names' winners."""
    placed = [n for n in names if n.candidates and not _only_foreign_villages(n)]
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
        Choice(n, best, order, best_share, confidence_features(n, best, best_share, km))
        for n, (best, order), best_share, km in zip(placed, picks, shares, nearest)
    ]


def choose(n: Name) -> tuple[int, list[int]]:
    """The winning candidate's index, and all indexes best first: as the ranker believes them,
    but a town before the region named after it (_town_over_region), a sea or gulf named with its
    generic word before its namesakes (_feature_over_namesake), and a place where the text
    says it is before all others (_placed_by_the_text)."""
    order = sorted(range(len(n.candidates)), key=lambda i: (-n.belief[i], n.candidates[i].place.key))
    order.insert(0, order.pop(order.index(_town_over_region(n, order[0]))))
    order.insert(0, order.pop(order.index(_city_over_small_region(n, order[0]))))
    order.insert(0, order.pop(order.index(_capital_over_region(n, order[0]))))
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
    return min(_mass_near(n, n.candidates[best].place), 1.0)


def _runner_up_scale(confidence: float, best_share: float) -> float:
    """What turns a runner-up's ranker share into a probability, so that no runner-up outscores
    the winner and all of them together stay within what the winner leaves."""
    if confidence <= best_share:
        return confidence / best_share if best_share else 0.0
    return (1.0 - confidence) / (1.0 - best_share)


def _resolution_parts(choice: Choice, calibrator: Calibrator) -> tuple[Place, float, tuple[Candidate, ...], bool]:
    """The best candidate, the probability that its pin is right, the runners-up, and whether the
    user pinned it.

    The probability is the calibrator's (mapper.resolve.confidence), from the ranker's share, what
    the name looks like and where its place lies among the article's others. The runners-up are
    the other answers, each at least SAME_PLACE_KM from the winner and from each other, with the
    ranker's share rescaled to match.
    """
    n, best_index, order = choice.name, choice.best, choice.order
    if n.candidates[0].match == PINNED:
        return n.candidates[0].place, 1.0, (), True
    best = n.candidates[best_index].place
    best_share = choice.share
    confidence = calibrator.probability(choice.confidence_features)
    if n.candidates[best_index].match == WITHIN:
        confidence = min(confidence, APPROXIMATE_CONFIDENCE)
    elif n.by_default:  # right most of the time, but no evidence a publisher's lexicon should learn
        confidence = min(confidence, DEFAULT_SENSE_CONFIDENCE)
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
            score = round(min(_mass_near(n, place) * scale, 1.0), 3)
            runners_up.append(Candidate(place, score, n.candidates[i].match))
    runners_up.sort(key=lambda c: -c.score)  # a cluster of namesakes can outweigh a single better one
    return best, round(confidence, 3), tuple(runners_up), False
