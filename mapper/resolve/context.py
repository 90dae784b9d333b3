"""Choose the place each name means, reading the whole article as context.

Every distinct name gets its candidates with a prior (population, how well the name matches).
Then, a few rounds over the article: a candidate gains from the countries and admin-1 regions
that the article's *other* names point to, weighted by how often those names occur and how sure
we are of them. So "Homs" next to "Syria" and "Aleppo" is the Syrian city, not Al Khums in Libya,
and "Jerusalem" in a story about Israel is not a US town.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from mapper.model import Article, Candidate, MapResult, Mention, Place, Resolution
from mapper.resolve.names import normalize

CandidateLookup = Callable[[str], list[Candidate]]

COUNTRY_WEIGHT = 0.8  # how far the article's countries move a candidate, against a prior in [0, 1]
ADMIN1_WEIGHT = 0.3
SEAT_PENALTY = 0.15  # "Aleppo" means the city more often than the governorate named after it
TEMPERATURE = 0.1
ROUNDS = 3
RUNNERS_UP = 3


@dataclass
class _Name:
    text: str
    mentions: list[Mention]
    candidates: list[Candidate]
    scores: list[float] = field(default_factory=list)
    belief: list[float] = field(default_factory=list)

    @property
    def weight(self) -> float:
        return 1.0 + math.log(len(self.mentions))


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp((s - top) / TEMPERATURE) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _seat_penalties(candidates: list[Candidate]) -> list[float]:
    towns = {(c.place.country_code, normalize(c.place.name)) for c in candidates if c.place.feature_class == "P"}
    return [
        SEAT_PENALTY
        if c.place.feature_code.startswith("ADM") and (c.place.country_code, normalize(c.place.name)) in towns
        else 0.0
        for c in candidates
    ]


class Resolver:
    def __init__(self, lookup: CandidateLookup):
        self.lookup = lookup

    def resolve(self, article: Article, mentions: Iterable[Mention]) -> MapResult:
        by_name: dict[str, _Name] = {}
        ordered = list(mentions)
        for m in ordered:
            key = normalize(m.text)
            if key not in by_name:
                by_name[key] = _Name(m.text, [], self.lookup(m.text))
            by_name[key].mentions.append(m)
        names = [n for n in by_name.values() if n.candidates]
        self._rank(names)
        chosen = {normalize(n.text): _resolution_parts(n) for n in names}
        resolutions = []
        for m in ordered:
            parts = chosen.get(normalize(m.text))
            if parts is None:
                if _probably_not_a_place(m):
                    continue
                resolutions.append(Resolution(m, None))
            else:
                place, confidence, runners_up = parts
                resolutions.append(Resolution(m, place, confidence, runners_up))
        return MapResult(article, tuple(resolutions))

    def _rank(self, names: list[_Name]) -> None:
        for n in names:
            penalties = _seat_penalties(n.candidates)
            n.scores = [c.score - p for c, p in zip(n.candidates, penalties)]
            n.belief = _softmax(n.scores)
        priors = {id(n): list(n.scores) for n in names}
        for _ in range(ROUNDS):
            countries, regions = _evidence(names)
            total = sum(n.weight for n in names)
            for n in names:
                own_countries, own_regions = _evidence([n])
                others = total - n.weight
                n.scores = [
                    prior
                    + COUNTRY_WEIGHT * _share(countries, own_countries, c.place.country_code, others)
                    + ADMIN1_WEIGHT * _share(regions, own_regions, _region(c.place), others)
                    for c, prior in zip(n.candidates, priors[id(n)])
                ]
                n.belief = _softmax(n.scores)


def _probably_not_a_place(mention: Mention) -> bool:
    """A name no gazetteer knows, where the gazetteer's coverage is good: a misfire of NER.

    Towns, regions and countries (GPE) are what the gazetteer holds best, so an unknown GPE is
    most often a person or an organization the small model mislabelled ("Saakashvili"); so is an
    unknown single word. An unknown multi-word LOC or FAC ("Gaza Strip", "Cumberland River") is
    more likely a real place the gazetteer lacks: it stays, marked as not placed.
    """
    return mention.label == "GPE" or " " not in mention.text.strip()


def _region(place: Place) -> tuple[str, str] | None:
    return (place.country_code, place.admin1) if place.country_code and place.admin1 else None


def _evidence(names: list[_Name]) -> tuple[Counter, Counter]:
    """Weighted belief mass each country and admin-1 region gets from these names."""
    countries: Counter = Counter()
    regions: Counter = Counter()
    for n in names:
        seen_countries: dict[str, float] = defaultdict(float)
        seen_regions: dict[tuple[str, str], float] = defaultdict(float)
        for c, b in zip(n.candidates, n.belief):
            if c.place.country_code:
                seen_countries[c.place.country_code] += b
            region = _region(c.place)
            if region:
                seen_regions[region] += b
        for key, b in seen_countries.items():
            countries[key] += n.weight * b
        for key, b in seen_regions.items():
            regions[key] += n.weight * b
    return countries, regions


def _share(total: Counter, own: Counter, key, others_weight: float) -> float:
    if others_weight <= 0 or not key:
        return 0.0
    return max(total[key] - own[key], 0.0) / others_weight


def _resolution_parts(n: _Name) -> tuple[Place, float, tuple[Candidate, ...]]:
    order = sorted(range(len(n.candidates)), key=lambda i: (-n.scores[i], n.candidates[i].place.key))
    best = order[0]
    plausibility = min(max(n.scores[best] / 0.9, 0.0), 1.0)
    confidence = round(n.belief[best] * plausibility, 3)
    runners_up = tuple(
        Candidate(n.candidates[i].place, round(n.belief[i], 3)) for i in order[1 : 1 + RUNNERS_UP]
    )
    return n.candidates[best].place, confidence, runners_up
