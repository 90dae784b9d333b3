"""What the words around a name's mentions say about the place it is: the country or region
written after it ("Paris, Texas", "Mosul (Iraq)"), before it as its owner ("Georgia's Athens") or
in its definition ("Berlin is a town in Hartford County, Connecticut"), the kind of place the text
calls it ("the city of X", "X province"), whether it stands in a list of regions, and the senses a
text gives one name ("Dublin, Ireland" and "Dublin, Ohio"). The ranker reads them as features
(mapper.resolve.features), the choice rules directly (mapper.resolve.choice).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from mapper.geodesy import SAME_PLACE_KM, haversine_km
from mapper.gazetteer.names import COUNTY_WORDS, NAME_PARTICLES, REGION_WORDS, goes_by, normalize, word_runs
from mapper.model import METROPOLIS_MIN_POPULATION, Candidate, Match, Mention, Place

_CAPITALIZED = r"[A-Z][\w.'’-]*"  # a word of a name: "Pa.", "Wilkes-Barre", "O'Fallon"
_CONTAINER_RUN = rf"{_CAPITALIZED}(?:\s+{_CAPITALIZED}){{0,3}}"
_CONTAINER = re.compile(rf"\s*(?:,|\()\s*({_CONTAINER_RUN})")
_PLACE_BEFORE = re.compile(rf"({_CONTAINER_RUN}),\s*$")
# A country's or region's possessive before the name, maybe with words that describe it: "Spain's
# Valencia", "Kenya's coastal city of Mombasa"; not "France's envoy to X"
_NOT_DESCRIBING = r"(?:to|with|from|and|or|in|on|at|by|for|into|toward|towards)\b"
_OWNER_BEFORE = re.compile(rf"({_CONTAINER_RUN})(?:'s|’s)\s+(?:(?!{_NOT_DESCRIBING})[a-z-]+\s+){{0,4}}$")
_IN_A_CITY_KM = 30.0  # a place this near a city is in it: a borough, a suburb
_LISTED_NAME = rf"(?P<name>{_CAPITALIZED}(?:\s+{_CAPITALIZED}){{0,2}})"
_LISTED_BEFORE = re.compile(_LISTED_NAME + r"(?P<joint>,\s*|,?\s+(?:and|or)\s+)$")
_LISTED_AFTER = re.compile(r"(?P<joint>,\s*|,?\s+(?:and|or)\s+)" + _LISTED_NAME + r"(?![\w'’-])")
# "X is a town in ...", "X, a city of ...": a definition, whose words up to the sentence's end (or
# an aside: "named after X, Peru") say where it is: "a village in the administrative district of
# Gmina Y, within Z County, Masovian Voivodeship, in east-central Poland".
_DEFINED = re.compile(
    r"(?:\s+(?:is|was)\s+|\s*,\s*)(?:a|an|the)\s+(?:[a-z\d-]+\s+){0,4}?"
    r"(?:city|town|village|suburb|hamlet|township|municipality|borough|community|commune|capital|port|seat"
    r"|settlement|kibbutz|neighbou?rhood)"
    r"\b[a-z\s,-]{0,40}?\s(?:in|of|within)\s"
)
# ...and where it stops saying so: at a place it is only near ("in Lebanon, 85 km north of Beirut";
# but "in the north of England" is in England), or where the sentence goes on to something else
_DEFINITION_ENDS = re.compile(
    r"[.?!](?:\s|$)|\n|\b(?:named|after|like|unlike|formerly|not|near|outside|from|off|across|bordering)\b"
    r"|,\s+(?:on|at|when|while|during)\b"  # the sentence goes on: "a kibbutz in southern Israel, on Saturday"
    r"|(?<!the )\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of\b"
)
_PARTICLE = "|".join(sorted(NAME_PARTICLES | {"and", "the"}))
# "Rio Grande do Norte", "Trinidad and Tobago"
_RUN = re.compile(rf"{_CAPITALIZED}(?:\s+(?:(?:{_PARTICLE})\s+){{0,2}}{_CAPITALIZED}){{0,4}}")
_AND = re.compile(r"\s+and\s+(?:the\s+)?")
# The two ends of a journey, neither inside the other: "flew from Florida to Uruguay"
_FROM_BEFORE = re.compile(r"\bfrom\s+$")
_TO_BEFORE = re.compile(r"\b(?:to|into)\s+$")
_TO_AFTER = re.compile(rf"\s+(?:to|into)\s+(?:the\s+)?({_CONTAINER_RUN})")
_FROM_AFTER = re.compile(rf"\s+from\s+(?:the\s+)?({_CONTAINER_RUN})")
_TOWN_WORDS = "city|town|village|suburb|hamlet|township|municipality"
_REGION_WORDS = "|".join(sorted(REGION_WORDS))
_TOWN_BEFORE = re.compile(rf"\b(?:{_TOWN_WORDS}) of\s+$", re.IGNORECASE)
# "the province of X"; and "the governor of X", who governs a region, not a town
_REGION_BEFORE = re.compile(rf"\b(?:{_REGION_WORDS}|governor) of\s+$", re.IGNORECASE)
_TOWN_AFTER = re.compile(rf"\s+(?:{_TOWN_WORDS})\b")  # lower case: "Kansas City" is a name
_REGION_AFTER = re.compile(rf"\s+(?:{_REGION_WORDS})\b")
# "the Georgia governor", "Georgia Gov. Brian Kemp": a region's; not a central bank's ("the Bank of
# Mexico governor")
_GOVERNOR_AFTER = re.compile(r"\s+(?:[Gg]overnor|Gov\.)(?:'s|’s)?\s")
_BANK_OF_BEFORE = re.compile(r"\bBank\s+of\s+(?:the\s+)?$")
# Names that share one plural kind word: "the Donetsk and Luhansk regions", "Idlib, Hama and Aleppo
# provinces"; each of them is a region
_REGIONS = rf"(?i:(?:{_REGION_WORDS})s|counties)"  # "Homs and Aleppo Governorates": no one name is plural
_A_NAME = rf"{_CAPITALIZED}(?:\s+{_CAPITALIZED}){{0,2}}"
_REGIONS_AFTER = re.compile(rf"(?:\s*,\s*{_A_NAME})*,?\s+(?:and|or)\s+{_A_NAME}\s+{_REGIONS}\b|\s+{_REGIONS}\b")


@dataclass
class Containers:
    """The countries and first-level regions the text says a name is in."""

    country_places: dict[str, Place] = field(default_factory=dict)  # by country code
    regions: set[tuple[str, str]] = field(default_factory=set)
    # Regions no town of the gazetteer lists as its own (population 0: "North Yorkshire", one of
    # the English counties countrystatecity lists and GeoNames' towns do not name), by their point.
    areas: list[Place] = field(default_factory=list)
    region_places: list[Place] = field(default_factory=list)
    # A place's name follows the container, which may then be the first of a list of places:
    # "volunteers from Waco, Palestine and Tyler" (Palestine, Texas)
    listed: bool = False

    @property
    def countries(self) -> set[str]:
        return set(self.country_places)

    def __bool__(self) -> bool:
        return bool(self.country_places or self.regions or self.areas)

    def add(self, place: Place, whole_run: bool, areas: bool = True) -> None:
        """whole_run: the container is the whole run of capitalized words, not a shorter name
        inside it (the "Plymouth" of "Plymouth County"), which only a region's members can confirm;
        areas: whether a region no town names may hold what lies near its point."""
        if place.is_country:
            self.country_places[place.country_code] = place
            return
        if place.admin1:  # an area no town names holds only what lies near its point (below)
            self.regions.add((place.country_code, place.admin1))
        self.region_places.append(place)
        if whole_run and areas and not place.population:
            self.areas.append(place)

    def contains(self, place: Place) -> bool:
        return place.country_code in self.country_places or self.region_contains(place)

    def region_contains(self, place: Place) -> bool:
        return (place.country_code, place.admin1) in self.regions or self.area_contains(place)

    def area_km(self, place: Place) -> float | None:
        """How far the place lies from the nearest area of its country, if one is SAME_PLACE_KM near."""
        km = min((haversine_km(place.lat, place.lon, area.lat, area.lon) for area in self.areas
                  if area.country_code == place.country_code), default=None)
        return km if km is not None and km <= SAME_PLACE_KM else None

    def area_contains(self, place: Place) -> bool:
        return self.area_km(place) is not None


@dataclass
class Cues:
    """What the words around a name's mentions say about the place it is."""

    named: Containers = field(default_factory=Containers)  # right after it: "X (Iraq)", "X, Ohio"
    town: bool = False  # "the city of X"
    region: bool = False  # "X province"
    called_a_region: set[int] = field(default_factory=set)  # the starts of the mentions it calls a region
    among_regions: bool = False  # in a list of regions: "Utah, X and Wisconsin", "X and Oregon"
    holds_a_place: bool = False  # the region of the place before it: "Lac-Mégantic, X"
    governed: bool = False  # "the X governor": a region's, not a country's; between a city and its region, no word
    # What a definition says it is in ("X is a town in Allen County, Ohio"): over the above, which
    # may be another sense's ("X was named after X, Peru").
    defined_in: Containers = field(default_factory=Containers)
    # the county the definition names ("X is a town in Hartford County"), or a region as small that
    # no town lists ("X is a town in Somerset, England")
    county: Place | None = None
    # Where the text says it is not: the other end of a journey ("flew from X to Uruguay", "to X
    # from Syria")
    not_in: Containers = field(default_factory=Containers)

    @property
    def defined(self) -> bool:
        return bool(self.defined_in)

    @property
    def defined_region(self) -> Place | None:
        """The one first-level region the definition names, in the country it names if it names
        one: "Deh Now is a village in the Central District of Rudbar County, Gilan Province, Iran"
        is in Gilan."""
        countries = self.defined_in.countries
        regions = {place.key: place for place in self.defined_in.region_places
                   if not countries or place.country_code in countries}  # not Israel's "Central District"
        return next(iter(regions.values())) if len(regions) == 1 else None

    @property
    def country(self) -> Place | None:
        """The one country the text puts the name in, in a definition or after it, where it names
        no region: "Darwin is a settlement in the Falkland Islands", "Darwin, Falkland Islands"."""
        containers = self._containers()
        if len(containers.country_places) != 1 or containers.regions or containers.listed:
            return None
        return next(iter(containers.country_places.values()))

    def contains(self, place: Place) -> bool:
        """The text names this place's country or region as where the name is."""
        return self._containers().contains(place)

    def region_contains(self, place: Place) -> bool:
        """The text names this place's first-level region as where the name is: more than its country."""
        return self._containers().region_contains(place)

    def area_km(self, place: Place) -> float | None:
        """How far the place lies from the point of a region the text names it in that the
        gazetteer's towns do not list ("Richmond is a town in North Yorkshire, England"), if near."""
        return self._containers().area_km(place)

    def _containers(self) -> Containers:
        return self.defined_in if self.defined else self.named


def cues(text: str, mentions: Sequence[Mention], lookup: Callable[[str], list[Candidate]],
         article_names: Collection[str] = ()) -> Cues:
    """article_names: the article's names, normalized. Only those and a container's whole run of
    capitalized words are looked up, so that a geocoding service is asked about nothing else."""
    found = Cues()
    for m in mentions:
        defined = _DEFINED.match(text, m.end)
        found.town |= bool(defined) or _called_a_town(text, m)  # "X is a city in ...": a town
        if _called_a_region(text, m):
            found.called_a_region.add(m.start)
        found.governed |= _governed(text, m)
        found.holds_a_place |= _holds_the_place_before(text, m, lookup, article_names)
        found.region |= bool(found.called_a_region) or found.holds_a_place
        if defined:
            end = _DEFINITION_ENDS.search(text, defined.end())
            runs = [part for r in _RUN.finditer(text, defined.end(), end.start() if end else len(text))
                    for part in _and_parts(r.group(), lookup)]
            for run in runs:  # "Port of Spain" is a container of its own; "the Republic of Ireland" is Ireland
                if " of " in run and _add_container(found.defined_in, run.split(), lookup, article_names):
                    continue
                for part in run.split(" of "):
                    _add_container(found.defined_in, part.split(), lookup, article_names)
            found.county = (found.county or _county_named(runs, found.defined_in.regions, lookup)
                            or next(iter(found.defined_in.areas), None))
        listed = _among_regions(text, m, lookup, article_names)
        found.among_regions |= listed
        # "Washington, Oregon and Idaho", "China, Japan and Korea": the comma is the
        # list's, not a container's.
        container = None if defined or (listed and _a_regions_name(m.name, lookup)) else _CONTAINER.match(text, m.end)
        if container and _LISTED_AFTER.match(text, container.end()) and _a_countrys_name(m.name, lookup):
            container = None
        if container:
            # "Leeds, York, Bath" lists towns: York's district, which no town names, holds no Leeds
            listed_after = bool(_LISTED_AFTER.match(text, container.end()))
            _add_container(found.named, container.group(1).split(), lookup, article_names, areas=not listed_after)
            found.named.listed |= listed_after
        if owner := _OWNER_BEFORE.search(text, max(0, m.start - 60), m.start):
            _add_container(found.named, owner.group(1).split(), lookup, article_names)
        if other_end := _other_end(text, m):
            _add_container(found.not_in, other_end.split(), lookup, article_names)
    return found


def _other_end(text: str, m: Mention) -> str | None:
    """The other end of a journey the mention is one end of: "from X to Y", "to X from Y"."""
    before = text[max(0, m.start - 6):m.start]
    if _FROM_BEFORE.search(before) and (end := _TO_AFTER.match(text, m.end)):
        return end.group(1)
    if _TO_BEFORE.search(before) and (end := _FROM_AFTER.match(text, m.end)):
        return end.group(1)
    return None


def _called_a_town(text: str, m: Mention) -> bool:
    return bool(_TOWN_BEFORE.search(text[max(0, m.start - 25):m.start]) or _TOWN_AFTER.match(text, m.end))


def _called_a_region(text: str, m: Mention) -> bool:
    return bool(_REGION_BEFORE.search(text[max(0, m.start - 25):m.start]) or _REGION_AFTER.match(text, m.end)
                or _REGIONS_AFTER.match(text, m.end))


def _governed(text: str, m: Mention) -> bool:
    return bool(_GOVERNOR_AFTER.match(text, m.end)) and not _BANK_OF_BEFORE.search(text[max(0, m.start - 25):m.start])


def _holds_the_place_before(text: str, m: Mention, lookup: Callable[[str], list[Candidate]],
                            article_names: Collection[str]) -> bool:
    """The name is the region of the place named just before it and a comma: "Lac-Mégantic,
    Quebec" is the province, not Quebec City; but "Brooklyn, New York" is in the city named like
    its state, and "Kharkiv, Odesa and Kherson" lists cities."""
    before = _PLACE_BEFORE.search(text, max(0, m.start - 40), m.start)
    if before is None or normalize(before.group(1)) not in article_names:
        return False
    own = lookup(m.name)
    regions = {(c.place.country_code, c.place.admin1) for c in own if c.match == Match.NAME and c.place.is_region}
    held = [c.place for c in lookup(before.group(1))
            if c.place.is_town and (c.place.country_code, c.place.admin1) in regions]
    towns = [c.place for c in own if c.place.is_town]
    return bool(held) and not any(haversine_km(p.lat, p.lon, t.lat, t.lon) <= _IN_A_CITY_KM for p in held for t in towns)


def _a_regions_name(text: str, lookup: Callable[[str], list[Candidate]]) -> bool:
    return any(c.match == Match.NAME and c.place.is_region for c in lookup(text))


def _a_countrys_name(text: str, lookup: Callable[[str], list[Candidate]]) -> bool:
    return any(c.match == Match.NAME and c.place.is_country for c in lookup(text))


def senses(text: str, mentions: Sequence[Mention], lookup: Callable[[str], list[Candidate]],
           article_names: Collection[str]) -> list[tuple[str, list[Mention]]]:
    """The name's mentions by the place the text puts them in, in text order: one group, sense "",
    unless two mentions are put in different countries or regions ("Dublin, Ireland" and "Dublin,
    Ohio"); then one group per container, and each mention without one joins the group of the last
    container before it (the first group, before any)."""
    after = [(m, _CONTAINER.match(text, m.end)) for m in mentions]
    if len({" ".join(c.group(1).split()) for _, c in after if c}) < 2:  # the common case: no lookup
        return [("", list(mentions))]
    signed: list[tuple[str, Mention]] = []
    for m, container in after:
        if container:
            if _add_container(Containers(), container.group(1).split(), lookup, article_names):
                signed.append((" ".join(container.group(1).split()), m))
    if len({sense for sense, _ in signed}) < 2:
        return [("", list(mentions))]
    groups: dict[str, list[Mention]] = {}
    sense_of = {id(m): sense for sense, m in signed}
    current = signed[0][0]
    for m in sorted(mentions, key=lambda m: m.start):
        current = sense_of.get(id(m), current)
        groups.setdefault(current, []).append(m)
    return list(groups.items())


def _among_regions(text: str, m: Mention, lookup: Callable[[str], list[Candidate]],
                   article_names: Collection[str]) -> bool:
    """A first-level region's own name joins it by "and" or "or", or stands on both sides of it
    with commas: a list of regions, not "Springfield, Illinois". Not a national capital's name,
    nor a metropolis's, which news writes alone for the city: "east of Lisbon, and Porto" and
    "in Sao Paulo and Rio de Janeiro" list cities; "New York, New Jersey and Connecticut" states."""
    def names_a_region(run: str) -> bool:
        run = run.rstrip(".")
        if normalize(run) not in article_names:
            return False
        found = lookup(run)
        return (any(c.match == Match.NAME and c.place.is_region for c in found)
                and not any(c.match == Match.NAME and c.place.is_town and (
                    c.place.feature_code == "PPLC" or c.place.population >= METROPOLIS_MIN_POPULATION) for c in found))
    before = _LISTED_BEFORE.search(text, max(0, m.start - 40), m.start)
    after = _LISTED_AFTER.match(text, m.end)
    words_before = before.group("name").split() if before else []
    words_after = after.group("name").split() if after else []  # may run on: "Wisconsin. Illnesses"
    region_before = any(map(names_a_region, word_runs(words_before, from_start=False)))
    region_after = any(map(names_a_region, word_runs(words_after)))
    joined_before = before is not None and before.group("joint").strip(" ,") in ("and", "or")
    joined_after = after is not None and after.group("joint").strip(" ,") in ("and", "or")
    if region_after and not joined_after:  # "X, New Jersey and Connecticut": a list X opens
        further = _LISTED_AFTER.match(text, after.end())
        joined_after = further is not None and any(map(names_a_region, word_runs(further.group("name").split())))
    return (region_before and region_after) or (region_before and joined_before) or (region_after and joined_after)


def _and_parts(run: str, lookup: Callable[[str], list[Candidate]]) -> list[str]:
    """The run, if no "and" joins it or it is one country's or region's name ("Trinidad and
    Tobago"); else the names "and" joins ("Ohio and Kentucky")."""
    if not _AND.search(run) or _countries_or_regions_named(" ".join(run.split()), lookup):
        return [run]
    return _AND.split(run)


def _county_named(runs: list[str], regions: set[tuple[str, str]],
                  lookup: Callable[[str], list[Candidate]]) -> Place | None:
    """The one county a definition's runs name, in the region it names if it names one: "Washington
    County, Ohio" among the thirty Washington Counties."""
    for run in runs:
        run = " ".join(run.split())
        if not run.endswith(COUNTY_WORDS):
            continue
        counties = [c.place for c in lookup(run) if c.match == Match.NAME and c.place.feature_code == "ADM2"
                    and (not regions or (c.place.country_code, c.place.admin1) in regions)]
        if len(counties) == 1:
            return counties[0]
    return None


def _add_container(containers: Containers, words: list[str], lookup: Callable[[str], list[Candidate]],
                   article_names: Collection[str], areas: bool = True) -> bool:
    """Adds the country or region the longest run of these words names: "Erie, Pa. Thompson
    said" is in Pennsylvania, if "Pa." is one of the article's names. Whether it found one."""
    for i, run in enumerate(word_runs(words)):
        if i and normalize(run) not in article_names:
            continue
        found = _countries_or_regions_named(run, lookup)
        for place in found:
            containers.add(place, whole_run=i == 0, areas=areas)
        if found:
            return True
    return False


# What a first-level region's name may end with in a definition; not "County" nor "District",
# which end second-level names: "Plymouth County" is no region called Plymouth
_FIRST_LEVEL_KINDS = REGION_WORDS - {"county", "district"}


def _countries_or_regions_named(run: str, lookup: Callable[[str], list[Candidate]]) -> list[Place]:
    """The countries and regions of this name, or, where none has it, the regions of its name but
    the last word, when that word is a region's kind: "Gilan Province", "Cesar Department"."""
    found = [c for c in lookup(run) if c.place.is_country or c.place.is_region]
    if any(c.place.is_country and c.match == Match.NAME for c in found):  # "Venezuela" is the country,
        # not also the Federal Dependencies, which GeoNames lists by that name too; "Mexico" the
        # country and the State of Mexico, whose own name holds it
        found = [c for c in found if c.place.is_country or c.match == Match.NAME or goes_by(c.place.name, run)]
    found = [c.place for c in found]
    words = run.split()
    if not found and len(words) > 1 and words[-1].lower() in _FIRST_LEVEL_KINDS:
        found = [c.place for c in lookup(" ".join(words[:-1])) if c.place.is_region]
    return found
