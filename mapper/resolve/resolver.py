"""Choose the place each name means, reading the whole article as context.

Every distinct name gets its candidates, each described by features (mapper.resolve.features)
and ranked by a model fitted on gold corpora (mapper.resolve.ranker). A few rounds over the
article let the names inform each other: a candidate gains from the countries and regions the
article's *other* names point to and from lying near their places. So "Homs" next to "Syria" and
"Aleppo" is the Syrian city, not Al Khums in Libya, and "Paris" in a story set in Lamar County,
Texas is the Texan town. The rules that then choose each name's winner are in
mapper.resolve.choice; the answers, with their confidence and runners-up, in mapper.resolve.answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from mapper.gazetteer.names import names_a_natural_feature, names_a_site, normalize
from mapper.gazetteer.countries import neighbours, radius_km
from mapper.geodesy import SAME_PLACE_KM, haversine_km
from mapper.model import Article, Candidate, MapResult, Match, Mention, Place, Resolution
from mapper.resolve import cues, features
from mapper.resolve.answers import (
    COUNTY_KM, answer, cities_where_not_called_a_region, counties_by_their_short_names, name_key, regions_called_so,
    rivers_where_the_story_is, towns_datelines_name)
from mapper.resolve.choice import choices, world_cities_over_small_namesakes
from mapper.resolve.confidence import Calibrator
from mapper.resolve.features import Name
from mapper.resolve.lexicon import LocalLexicon
from mapper.resolve.overrides import Overrides
from mapper.resolve.ranker import Ranker

CandidateLookup = Callable[[str], list[Candidate]]

ROUNDS = 3


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
            return [Candidate(pinned, 1.0, Match.PINNED)] if pinned else self.lookup(name)
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
            for sense, group in cues.senses(article.text, same, lookup, article_names)
        ]
        for n in all_names:
            after_the = any(_after_the(article.text, m) for m in n.mentions)
            n.candidates = _candidates(n.mentions[0], lookup, after_the)
            if after_the and all(m.label == "LOC" and not _names_a_kind_after(article.text, m) for m in n.mentions):
                n.candidates = _a_landform_after_the(n.mentions[0].name, n.candidates, lookup)
            if all(_a_facility_after_the(article.text, m) for m in n.mentions):
                n.candidates = _no_towns_after_the(n.candidates, cities_too=True)
            n.cues = cues.cues(article.text, n.mentions, lookup, article_names)
            if (somewhere := _somewhere_it_is_defined(n)) is not None:
                n.candidates.append(somewhere)
            elif (country := _a_country_none_lies_in(n)) is not None:
                small = radius_km(country.country_code) <= SAME_PLACE_KM  # a pin at its point is within reach
                n.only_elsewhere = bool(n.candidates) and not small
                n.candidates = [_within(n, country)] if small else []
        names = [n for n in all_names if n.candidates]
        publisher_regions = self.lexicon.shares(article.publisher, article.id) if self.lexicon else {}
        features.initial(names, publisher_regions)
        self._believe(names)
        for _ in range(ROUNDS):
            features.update_context(names)
            self._believe(names)
        settled = world_cities_over_small_namesakes(names)
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
        chosen = {name_key(c.name): answer(c, self.calibrator) for c in choices(names)}
        counties_by_their_short_names(names, chosen)
        rivers_where_the_story_is(chosen)
        regions = (regions_called_so(names, chosen) | cities_where_not_called_a_region(names, chosen)
                   | towns_datelines_name(names, chosen, article.text))
        name_of = {id(m): name_key(n) for n in names for m in n.mentions}
        elsewhere = {id(m) for n in names if n.only_elsewhere for m in n.mentions}
        resolutions = []
        for m in ordered:
            found = regions.get((name_of[id(m)], m.start)) or chosen.get(name_of[id(m)])
            if m.is_people:
                if self.peoples and found is not None:
                    resolutions.append(found.resolution(m))
                continue
            if found is None:
                if _probably_not_a_place(m) and id(m) not in elsewhere:
                    continue
                resolutions.append(Resolution(m, None))
            else:
                resolutions.append(found.resolution(m))
        return MapResult(article, tuple(resolutions), tuple(removed), self.overrides.for_article(article.id))


def _candidates(mention: Mention, lookup: CandidateLookup, after_the: bool) -> list[Candidate]:
    """The name's candidates; a river by its bare name only where the text writes "the" before it
    ("the Po", "the Don": English names rivers so; "Amazon", "Don" alone are a firm and a man); a
    town by a name built on a natural feature's word only by its own name ("Valley Stream") or by
    another that shares a word with it ("Mt. Vernon", "Long Island" of Long Island City), not by
    one that does not (GeoNames calls Santa Maria, California, "Central Valley")."""
    found = lookup(mention.name)
    if mention.is_people:  # "Georgians" are from the country, never the US state
        return [c for c in found if c.place.is_country]
    if not after_the and not names_a_natural_feature(mention.name):
        found = [c for c in found if c.place.feature_code != "STM" or c.match == Match.NAME]
    if names_a_natural_feature(mention.name):  # "the Central Valley" is no other name of Santa Maria's
        words = set(normalize(mention.name).split())
        found = [c for c in found if not c.place.is_town or c.match == Match.NAME
                 or words & set(normalize(c.place.name).split())]
    if _only_villages_by_other_names(found):
        return []
    return found


def _a_landform_after_the(name: str, found: list[Candidate], lookup: CandidateLookup) -> list[Candidate]:
    """A name NER calls a location (not a town, state or country) after "the": "the Andes", "the
    Alps", "the Po". English puts no "the" before a town's name but in a few towns' own ("The
    Hague", "The Woodlands") and a few cities' (100,000 people or more), so no smaller town is a
    candidate: a mountain range the gazetteer lacks stays unplaced rather than landing on Andes,
    Colombia. A river whose bare name a town holds ("Po": Pô, Burkina Faso) is found by its whole
    name."""
    kept = _no_towns_after_the(found, cities_too=False)
    if any(c.place.feature_code == "STM" for c in kept) or names_a_natural_feature(name):
        return kept
    return kept + [c for c in lookup(f"{name} River") if c.place.feature_code == "STM"]


def _no_towns_after_the(found: list[Candidate], cities_too: bool) -> list[Candidate]:
    """The candidates but the towns, which English names without "the" but in their own name ("The
    Hague"); a city (of 100,000 people or more) kept unless cities_too."""
    return [c for c in found if not c.place.is_town or (c.place.is_city and not cities_too)
            or c.place.name.lower().startswith("the ")]


def _names_a_kind_after(text: str, mention: Mention) -> bool:
    """ "the Kitgum and Pader districts", "the Ostra area": the name qualifies a town or region."""
    return bool(_KIND_AFTER.match(text, mention.end))


_KIND_AFTER = re.compile(
    r"(?:\s+(?:and|or)\s+[A-Z][\w'-]*)?\s+(?:area|region|district|county|province|municipality|"
    r"city|town|village|state|prefecture|department)s?\b")


def _after_the(text: str, mention: Mention) -> bool:
    return text[max(0, mention.start - 4):mention.start].lower() == "the "


def _a_facility_after_the(text: str, mention: Mention) -> bool:
    """ "at the White House": a building NER calls a facility, named whole after "the", which no
    small town of its name is (White House, Tennessee). Not a town's name that a longer facility's
    name starts with ("the Greenville Fire Department")."""
    return mention.label == "FAC" and _after_the(text, mention) and not _NAME_GOES_ON.match(text, mention.end)


_NAME_GOES_ON = re.compile(r"-?\s*[A-Z]")


def _only_villages_by_other_names(candidates: list[Candidate]) -> bool:
    """ "Passover" is among the alternate names GeoNames lists for Mountain City, Tennessee
    (pop. 1,061). Villages' alternate names are many, local and often odd: a name that is no
    place's own and names only villages is treated as unknown."""
    return bool(candidates) and all(
        c.match in (Match.ALTERNATE, Match.LOOSE) and c.place.is_village for c in candidates)


def _somewhere_it_is_defined(n: Name) -> Candidate | None:
    """A place the text defines as being in a county ("Kensington is a village in Hartford County,
    Connecticut", "Wellington is a town in Somerset, England": a region no town of the gazetteer
    lists, as small) that no candidate of its name lies in or near, or, naming no county, in a
    first-level region that no candidate lies in ("Deh Now is a village in Rudbar County, Gilan
    Province, Iran"), since the gazetteer lacks it: a pin at the county's or region's point,
    named as the text names it, within reach of the truth and drawn uncertain, rather than a
    namesake in another county, region or country. (Not for a region a container names, "X,
    Kansas": measured, that pinned many names in lists and wrong senses at a region's point.)"""
    if n.mentions[0].is_people:
        return None
    county, region = n.cues.county, n.cues.defined_region
    if county is not None:
        if any(haversine_km(c.place.lat, c.place.lon, county.lat, county.lon) <= COUNTY_KM for c in n.candidates):
            return None
        where = county
    elif region is not None and not any(n.cues.region_contains(c.place) for c in n.candidates):
        where = region
    else:
        return None
    return _within(n, where)


def _a_country_none_lies_in(n: Name) -> Place | None:
    """The one country the text puts a town's name in (n.cues.country) when none of its
    candidates may lie in it: "Darwin, Falkland Islands", whose settlement of that name the
    gazetteer lacks, is no Australian city. Only for a name whose candidates are all towns, so
    not for a country's, region's or feature's own name ("Kosovo, Serbia", "the Sahel,
    Mali"), and, for a name the gazetteer lacks, only where a definition says it is a town ("Kfar
    Aza, a kibbutz in southern Israel"). A candidate may lie in the country as the text draws it
    when it is in a neighbour ("Sevastopol, Russia") or within the country's reach of its point
    ("Kowloon, China": Hong Kong, which GeoNames borders on nothing)."""
    country = n.cues.country
    if (country is None or n.mentions[0].is_people or not (n.candidates or n.cues.defined)
            or not all(c.place.is_town for c in n.candidates)):
        return None
    borders, code = neighbours(), country.country_code
    reach = radius_km(code) + SAME_PLACE_KM
    for c in n.candidates:
        p = c.place
        if (p.country_code == code or code in borders.get(p.country_code, ())
                or haversine_km(p.lat, p.lon, country.lat, country.lon) <= reach):
            return None
    return country


def _within(n: Name, where: Place) -> Candidate:
    """A pin for the name at the point of the county, region or country the text puts it in."""
    safe = "".join(ch for ch in n.text if ch.isascii() and ch.isalnum())
    if where.is_region:
        admin1, admin2 = where.name, ""
    else:  # a county, or a country
        admin1, admin2 = where.admin1, where.name if where.feature_code == "ADM2" else ""
    place = Place(
        key=f"{where.key}_{safe}", name=n.text, lat=where.lat, lon=where.lon, feature_class="P",
        feature_code="PPL", country_code=where.country_code, admin1=admin1, admin2=admin2, source="text",
    )
    return Candidate(place, 0.0, Match.WITHIN)


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
