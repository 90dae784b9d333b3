"""The plain records that flow one way through the pipeline.

ingest -> Article (with Paragraphs)
recognize -> Mention (a span of one paragraph)
resolve -> Resolution (a Mention, the Place it names, how sure we are, the runners-up)
render -> files built from a MapResult
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from urllib.parse import urlsplit


HEADLINE = "headline"  # the id of an article's headline where it is read as part of the story


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article: Article.text[start:end], with an id ("p1", "p2", ...) that
    links a mention to its paragraph in the reading view; id HEADLINE for a headline read with
    the story (mapper.ingest.paragraphs.article_with_headline)."""

    id: str  # "p1", "p2", ... stable within its article, or HEADLINE
    start: int  # offsets into Article.text, end exclusive
    end: int
    text: str

    @property
    def is_headline(self) -> bool:
        """The article's headline, read with the story."""
        return self.id == HEADLINE


@dataclass(frozen=True)
class Article:
    """One news story as read: its text, split into paragraphs with their offsets; url (when
    known) tells its publisher, source the file it was read from."""

    id: str
    title: str
    text: str  # the body, after its headline where that is read; every Paragraph is text[start:end]
    paragraphs: tuple[Paragraph, ...]
    url: str | None = None
    source: str | None = None  # where it was read from

    @property
    def publisher(self) -> str:
        """The site that published it, from its URL ("thetowntalk.com"); "" when unknown."""
        host = urlsplit(self.url).hostname if self.url else None
        return (host or "").removeprefix("www.")

    @property
    def headline(self) -> Paragraph | None:
        """The headline, where it is read with the story (its title, then, is in its text)."""
        return next((p for p in self.paragraphs if p.is_headline), None)

    @cached_property  # a popup asks for each of its mentions
    def paragraph_numbers(self) -> dict[str, int]:
        """The body's paragraphs numbered 1, 2, ... by id, as a reader counts them (no headline)."""
        body = (p for p in self.paragraphs if not p.is_headline)
        return {p.id: n for n, p in enumerate(body, 1)}

    def paragraph(self, paragraph_id: str) -> Paragraph:
        """The paragraph of this id; KeyError if the article has none."""
        for p in self.paragraphs:
            if p.id == paragraph_id:
                return p
        raise KeyError(paragraph_id)


@dataclass(frozen=True)
class Mention:
    """A place name found in the text; offsets are into Article.text."""

    text: str
    start: int
    end: int
    label: str  # GPE, LOC, FAC; NORP for a people ("Palestinians"): context, a toponym only with peoples=True
    paragraph_id: str
    refers_to: str = ""  # the name it stands for: an abbreviation's ("the DRC"), a people's country

    @property
    def name(self) -> str:
        """The name to look up: the text, or what the text abbreviates."""
        return self.refers_to or self.text

    @property
    def is_people(self) -> bool:
        """A people's name: it points the resolver to a country, and is no place on the map unless
        the Mapper is asked for peoples (then a mention of the country)."""
        return self.label == "NORP"


CITY_MIN_POPULATION = 100_000  # a town this big is a city: what its name means alone, and found alone
METROPOLIS_MIN_POPULATION = 1_000_000  # a city this big is what its name means, its region's name too
VILLAGE_MAX_POPULATION = 10_000


@dataclass(frozen=True)
class Place:
    """A point on Earth from a gazetteer or geocoder."""

    key: str  # stable, unique, safe in HTML ids and JS names: "gn170063"
    name: str
    lat: float
    lon: float
    geonameid: int | None = None
    feature_class: str = ""  # GeoNames class: A, P, L, H, T, S, V
    feature_code: str = ""  # GeoNames code: PPLC, PCLI, ADM1, ...
    country_code: str = ""
    admin1: str = ""  # admin-1 name (or code when no name is known)
    population: int = 0
    source: str = ""  # which gazetteer or geocoder answered
    admin2: str = ""  # admin-2 name (county, district), when the gazetteer knows it

    @property
    def is_country(self) -> bool:
        """A country or dependency (GeoNames PCL*)."""
        return self.feature_code.startswith("PCL")

    @property
    def is_region(self) -> bool:
        """A first-level division of a country: a state, province or region (GeoNames ADM1)."""
        return self.feature_code == "ADM1"

    @property
    def is_town(self) -> bool:
        """A populated place, from a hamlet to a capital (GeoNames class P)."""
        return self.feature_class == "P"

    @property
    def population_scale(self) -> float:
        """log10(population + 1) / 8, capped at 1: a village near 0.4, a city of a million 0.75."""
        return min(math.log10(self.population + 1) / 8, 1.0)

    @property
    def is_village(self) -> bool:
        """A town of fewer than VILLAGE_MAX_POPULATION people."""
        return self.is_town and self.population < VILLAGE_MAX_POPULATION

    @property
    def is_city(self) -> bool:
        """A town of CITY_MIN_POPULATION or more."""
        return self.is_town and self.population >= CITY_MIN_POPULATION


class Match(StrEnum):
    """How a candidate's name matched the text's."""

    NAME = "name"  # the place's own name
    ALTERNATE = "alternate"  # one of its other names
    LOOSE = "loose"  # a name like it but for articles and abbreviations ("Al-Raqqa", "St. Louis")
    PINNED = "pinned"  # the place the user's overrides chose
    WITHIN = "within"  # known only as being in the county the text names


@dataclass(frozen=True)
class Candidate:
    """A place a name may mean, with the lookup's score for it and how the name matched it."""

    place: Place
    score: float  # in [0, 1]; comparable between candidates of one mention
    match: Match = Match.NAME


@dataclass(frozen=True)
class Pin:
    """A user's word on a name (mapper.resolve.overrides): the place it means, or None: it is no place."""

    name: str
    place: Place | None
    article: str = ""  # "" for every article


@dataclass(frozen=True)
class Resolution:
    """A mention and the place it names (None: recognized, not placed), with the confidence that
    the pin is right, the other places it may have meant, and whether the user pinned it."""

    mention: Mention
    place: Place | None  # None: recognized, but not placed
    confidence: float = 0.0  # in [0, 1]
    runners_up: tuple[Candidate, ...] = ()
    pinned: bool = False  # placed by the user's overrides, not chosen by the resolver


@dataclass(frozen=True)
class PlaceGroup:
    """One place of an article with every mention that names it."""

    place: Place
    resolutions: tuple[Resolution, ...]

    @property
    def confidence(self) -> float:
        """The highest confidence among its mentions."""
        return max(r.confidence for r in self.resolutions)

    @property
    def pinned(self) -> bool:
        """Whether the user's overrides placed any of its mentions."""
        return any(r.pinned for r in self.resolutions)


@dataclass(frozen=True)
class MapResult:
    """What mapper found in one article: a resolution per mention, in text order, and the names
    the user's overrides removed; what every output (map, embed, image, exports) is drawn from."""

    article: Article
    resolutions: tuple[Resolution, ...] = field(default_factory=tuple)
    removed: tuple[Mention, ...] = ()  # names the user's overrides say are no place: on no map, in no export
    overrides: tuple[Pin, ...] = ()  # the user's overrides for this article alone (the edit mode keeps them)

    @property
    def unresolved(self) -> tuple[Resolution, ...]:
        """The mentions recognized but not placed, in text order."""
        return tuple(r for r in self.resolutions if r.place is None)

    def confident(self, min_confidence: float) -> MapResult:
        """This result with every resolution below min_confidence not placed (place=None).

        The mention stays, with its confidence and runners-up, so it still shows as "not placed".
        """
        return replace(self, resolutions=tuple(
            replace(r, place=None) if r.confidence < min_confidence else r
            for r in self.resolutions
        ))

    def places(self) -> tuple[PlaceGroup, ...]:
        """Resolved places, most mentioned first, ties in order of first mention."""
        groups: dict[str, list[Resolution]] = {}
        for r in self.resolutions:
            if r.place is not None:
                groups.setdefault(r.place.key, []).append(r)
        ordered = sorted(groups.values(), key=lambda rs: (-len(rs), rs[0].mention.start))
        return tuple(PlaceGroup(rs[0].place, tuple(rs)) for rs in ordered)  # type: ignore[arg-type]
