"""What the ranker knows about each candidate place of a name, in its article.

Two kinds of evidence: the candidate alone (how big it is, what kind of place, how its name
matched) and the article around it (the countries and admin-1 regions the other names point to,
how close the candidate lies to the other names' places, and an explicit container such as
"Paris, Texas"). Context features read the other names' current beliefs, so the resolver
recomputes them for a few rounds as those beliefs sharpen.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from mapper.geodesy import haversine_km_array
from mapper.gazetteer.countries import neighbours
from mapper.gazetteer.names import REGION_WORDS, contains_words, normalize
from mapper.model import Candidate, Match, Mention, Place
from mapper.resolve.cues import Cues

FEATURES = (
    "population",  # log10(population + 1) / 8, capped at 1; towns and countries
    "region_population",  # the same for admin regions, whose population sums their towns'
    "no_population",  # the source gives none (counties, some regions)
    "alternate_name",  # matched one of the place's alternate names
    "country",
    "continent",
    "admin1",
    "capital",
    "seat_namesake",  # an admin region named like a town inside it that is also a candidate
    "country_context",  # share of the other names' weight pointing into this country
    "admin1_context",  # same, for this admin-1 region
    "foreign",  # the other names hardly point to its country or its neighbours (Mozambique's Gaza beside Israel)
    "named_container",  # "Name, Region" or "Name (Country)" names this place's region or country
    "called_a_town",  # a town, and the text says so: "the city of Name", "Name town"
    "called_a_region",  # an admin region, and the text says so: "Name province", "the state of Name"
    "nearby",  # closeness to the other names' likely places
    "publisher_region",  # share of the publisher's other news set in this admin-1 region (lexicon.py)
    "closest",  # exp(-km / NEARBY_KM) to the nearest place any other name could be, believed or not
)

NEARBY_KM = 150.0
FOREIGN_SHARE = 0.05  # below this share for a country and its neighbours, the article is elsewhere
_TOP_POINTS = 3


@dataclass
class Name:
    """One distinct name of an article: its mentions, candidates and current belief over them.
    Mostly one per name (one sense per article); one per sense where the text puts the name in two
    places: "born in Dublin, Ireland, and died in Dublin, Ohio" (sense: the container's words)."""

    text: str
    mentions: list[Mention]
    candidates: list[Candidate]
    cues: Cues = field(default_factory=Cues)
    features: list[list[float]] = field(default_factory=list)
    belief: list[float] = field(default_factory=list)
    sense: str = ""
    by_default: bool = False  # its place is what the name means when nothing points elsewhere
    # The gazetteer knows the name only outside the large country the text puts it in: not placed,
    # but shown as a place ("Cambridge, Brazil")
    only_elsewhere: bool = False

    @property
    def weight(self) -> float:
        return 1.0 + math.log(len(self.mentions))


def namesake_key(place: Place) -> tuple[str, str, str]:
    """Equal for a town and the first-level region named like it that contains it (Aleppo,
    Aleppo; Kherson, Kherson Oblast)."""
    words = normalize(place.name).split()
    if place.is_region and len(words) > 1 and words[-1] in REGION_WORDS:
        words = words[:-1]
    return place.country_code, place.admin1, " ".join(words)


def _static(name: Name) -> list[list[float]]:
    towns = {namesake_key(c.place) for c in name.candidates if c.place.is_town}
    said = name.cues
    rows = []
    for c in name.candidates:
        p, code = c.place, c.place.feature_code
        population = p.population_scale
        region = code.startswith("ADM")
        rows.append([
            0.0 if region else population,
            population if region else 0.0,
            float(p.population == 0),
            float(c.match == Match.ALTERNATE),
            float(code.startswith("PCL")),
            float(code == "CONT"),
            float(code == "ADM1"),
            float(code == "PPLC"),
            float(region and namesake_key(p) in towns),
            0.0,
            0.0,
            0.0,
            float(said.contains(p)),
            float(said.town and p.is_town),
            float(said.region and region),
            0.0,
            0.0,
            0.0,
        ])
    return rows


_CONTEXT = [FEATURES.index(f) for f in ("country_context", "admin1_context", "foreign", "nearby")]
_PUBLISHER = FEATURES.index("publisher_region")
_CLOSEST = FEATURES.index("closest")
# The other names' candidates a place is measured against: the biggest of each, and none much
# smaller than its biggest, which keeps a name of a hundred namesakes from lying near everything
# and a state's name from being its namesake villages ("California, Maryland").
_CLOSEST_CANDIDATES = 10
_CLOSEST_MIN_SHARE = 0.01


def initial(names: list[Name], publisher_regions: Mapping[tuple[str, str], float]) -> None:
    """Features that need no beliefs; the context ones start at zero."""
    for n in names:
        n.features = _static(n)
        for c, row in zip(n.candidates, n.features):
            row[_PUBLISHER] = publisher_regions.get(region(c.place), 0.0)
    _closest(names)


def _plausible_points(name: Name) -> list[Candidate]:
    biggest = max(c.place.population for c in name.candidates)
    points = [c for c in name.candidates
              if is_point(c.place) and c.place.population >= _CLOSEST_MIN_SHARE * biggest]
    return sorted(points, key=lambda c: -c.place.population)[:_CLOSEST_CANDIDATES]


def _closest(names: list[Name]) -> None:
    """How near each point-like candidate lies to any point-like candidate of another name, as
    beliefs do not yet say which: "Dover" and "Calais", each with namesakes across the United
    States, are the two ports 40 km apart across the Channel. Not to the very same place under an
    unrelated name, which two names of one text seldom are: "Mecca and Medina" is no town of Ohio
    that GeoNames also lists as Mecca; but "Petersburg" and "St. Petersburg" may be one city."""
    points = [(i, c.place) for i, n in enumerate(names) for c in _plausible_points(n)]
    if len({owner for owner, _ in points}) < 2:
        return
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row, (_, place) in enumerate(points):
        rows_of[place.key].append(row)
    table = np.array([(place.lat, place.lon, owner) for owner, place in points], dtype=float)
    owners = table[:, 2].astype(int)
    for i, n in enumerate(names):
        at = [k for k, c in enumerate(n.candidates) if is_point(c.place)]
        theirs = owners != i
        if not at or not theirs.any():
            continue
        column = np.cumsum(theirs) - 1  # a row's column among the other names' rows
        lat = np.array([n.candidates[k].place.lat for k in at])[:, None]
        lon = np.array([n.candidates[k].place.lon for k in at])[:, None]
        km = haversine_km_array(lat, lon, table[theirs, 0], table[theirs, 1])
        for row, k in enumerate(at):
            for other in rows_of.get(n.candidates[k].place.key, ()):
                if owners[other] != i and not _one_names_the_other(n.text, names[owners[other]].text):
                    km[row, column[other]] = np.inf
        for k, d in zip(at, km.min(axis=1)):
            n.features[k][_CLOSEST] = float(np.exp(-d / NEARBY_KM))


def _one_names_the_other(a: str, b: str) -> bool:
    words_a, words_b = normalize(a).split(), normalize(b).split()
    return contains_words(words_a, words_b) or contains_words(words_b, words_a)


def update_context(names: list[Name]) -> None:
    """Recompute the context features of every name from the other names' current beliefs."""
    countries, regions = _evidence(names)
    borders = neighbours()
    points = _LikelyPoints(names)
    total = sum(n.weight for n in names)
    located = [_in_a_country(n) for n in names]
    total_located = sum(located)
    for i, n in enumerate(names):
        own_countries, own_regions = _evidence([n])
        others = total - n.weight
        others_located = total_located - located[i]
        nearby = points.nearby([c.place for c in n.candidates], i, others)
        for c, row, close in zip(n.candidates, n.features, nearby):
            row[_CONTEXT[0]] = _share(countries, own_countries, c.place.country_code, others)
            row[_CONTEXT[1]] = _share(regions, own_regions, region(c.place), others)
            here = sum(_share(countries, own_countries, code, others_located)
                       for code in (c.place.country_code, *borders.get(c.place.country_code, ())))
            row[_CONTEXT[2]] = float(others_located > 0 and here < FOREIGN_SHARE and not _in_no_country(c.place))
            row[_CONTEXT[3]] = close


def _in_no_country(place: Place) -> bool:
    """An ocean, a sea or a lake of the embedded gazetteer belongs to no country, so no country of
    the article makes it foreign."""
    return place.feature_class == "H" and not place.country_code


def _in_a_country(name: Name) -> float:
    """The name's weight believed on places in a country. A name believed to be a sea or a lake
    says nothing about the article's country, so it makes no other name foreign: "Lake Erie" beside
    "Toledo" leaves Toledo, Ohio, as at home as Toledo alone."""
    return name.weight * sum(b for c, b in zip(name.candidates, name.belief) if c.place.country_code)


def region(place: Place) -> tuple[str, str] | None:
    return (place.country_code, place.admin1) if place.country_code and place.admin1 else None


def _evidence(names: list[Name]) -> tuple[Counter, Counter]:
    """How strongly these names point to each country and admin-1 region: for each name, its
    weight times its likeliest candidate's belief there. Not the sum over its candidates there, by
    which a name's many small American namesakes outvote its one big English place: "Oxford and
    Cambridge" would point to Massachusetts, which has both, before England (5-fold cross-validated
    acc@161 LGL 0.929 -> 0.930, GeoVirus 0.861 -> 0.860: the same)."""
    countries: Counter = Counter()
    regions: Counter = Counter()
    for n in names:
        seen_countries: dict[str, float] = defaultdict(float)
        seen_regions: dict[tuple[str, str], float] = defaultdict(float)
        for c, b in zip(n.candidates, n.belief):
            if c.place.country_code:
                seen_countries[c.place.country_code] = max(seen_countries[c.place.country_code], b)
            if admin1 := region(c.place):
                seen_regions[admin1] = max(seen_regions[admin1], b)
        for key, b in seen_countries.items():
            countries[key] += n.weight * b
        for key, b in seen_regions.items():
            regions[key] += n.weight * b
    return countries, regions


def _share(total: Counter, own: Counter, key, others_weight: float) -> float:
    if others_weight <= 0 or not key:
        return 0.0
    return max(total[key] - own[key], 0.0) / others_weight


def is_point(place: Place) -> bool:
    """Towns and counties have meaningful points; a country's or region's centroid says little."""
    return place.is_town or place.feature_code == "ADM2"


class _LikelyPoints:
    """Every name's most believed point-like candidates (lat, lon, weight * belief), held as
    arrays: how close a candidate lies to the other names' places is then one vector sum,
    which keeps an article of thousands of names from taking minutes."""

    def __init__(self, names: Sequence[Name]):
        rows = []
        for i, name in enumerate(names):
            ranked = sorted(zip(name.belief, name.candidates), key=lambda bc: -bc[0])[:_TOP_POINTS]
            rows += [(c.place.lat, c.place.lon, name.weight * b, i) for b, c in ranked if is_point(c.place)]
        table = np.array(rows, dtype=float).reshape(-1, 4)
        self.lat, self.lon = table[:, 0], table[:, 1]
        self.weight, self.owner = table[:, 2], table[:, 3].astype(int)

    def nearby(self, places: Sequence[Place], owner: int, others: float) -> list[float]:
        """For each place: the other names' points, weighted by exp(-km / NEARBY_KM), per unit of
        the other names' weight; 0 for a country or region, whose centroid says little."""
        found = [0.0] * len(places)
        at = [k for k, p in enumerate(places) if is_point(p)]
        if others <= 0 or not at or not len(self.weight):
            return found
        weight = np.where(self.owner == owner, 0.0, self.weight)
        lat = np.array([places[k].lat for k in at])[:, None]
        lon = np.array([places[k].lon for k in at])[:, None]
        km = haversine_km_array(lat, lon, self.lat, self.lon)
        for k, total in zip(at, (weight * np.exp(-km / NEARBY_KM)).sum(axis=1)):
            found[k] = float(total) / others
        return found

