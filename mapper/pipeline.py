"""ingest -> recognize -> resolve, as one object a notebook or the CLI can hold on to.

The spaCy pipeline and the gazetteer are opened once and reused for every article; articles go
through nlp.pipe in batches, so an archive costs one model load, not one per article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property, lru_cache
from pathlib import Path

from spacy.language import Language

from mapper.ingest import article_from_text
from mapper.model import Article, Candidate, MapResult, Match, Mention
from mapper.recognize import Recognizer, default_model, load_pipeline
from mapper.gazetteer.geocoder import Gazetteer, place_from_location
from mapper.resolve import Resolver, resolve_together
from mapper.resolve.resolver import CandidateLookup
from mapper.resolve.lexicon import LocalLexicon
from mapper.resolve.overrides import Overrides


# Names whose candidates a Mapper keeps at hand; past this many it starts afresh.
REMEMBERED_NAMES = 100_000
# Articles resolved together, so that each learns from its publisher's others; memory holds this many.
RESOLVE_TOGETHER = 500


class Mapper:
    """Geoparse articles: `Mapper().map(articles)` yields one MapResult per article."""

    def __init__(
        self,
        model: str | None = None,
        gazetteer: Gazetteer | str | Path | None = None,
        batch_size: int = 256,
        *,
        geocoder: CandidateLookup | None = None,
        fallback: CandidateLookup | None = None,
        overrides: Overrides | str | Path | Sequence[str | Path] | None = None,
        peoples: bool = False,
    ):
        """geocoder, when given, answers every name instead of the gazetteer; fallback answers
        only the names the gazetteer does not know. Both are `name -> [Candidate]` callables,
        such as mapper.resolve.services.ServiceLookup. The gazetteer still helps recognition.
        overrides: the user's pins (mapper.resolve.overrides), or the CSV/YAML file holding them, or
        several such files, a later one's pins beating an earlier one's.
        peoples: also give a people's word ("Russian", "Nigerians") as a toponym of its country,
        as some gold corpora count them; by default it only helps resolve the other names."""
        self.model = model
        self._gazetteer = gazetteer
        self.batch_size = batch_size
        self.geocoder = geocoder
        self.fallback = fallback
        self._overrides = overrides
        self.peoples = peoples
        self._remembered: dict[str, list[Candidate]] = {}

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer the names are looked up in (a geopy geocoder), opened on first use."""
        if isinstance(self._gazetteer, Gazetteer):
            return self._gazetteer
        return Gazetteer(self._gazetteer)

    @cached_property
    def overrides(self) -> Overrides:
        """The user's corrections (pins, places removed), loaded on first use."""
        if self._overrides is None or isinstance(self._overrides, Overrides):
            return self._overrides or Overrides()
        paths = [self._overrides] if isinstance(self._overrides, (str, Path)) else self._overrides
        return Overrides.load_all(paths, self.gazetteer.store.place)

    @cached_property
    def nlp(self) -> Language:
        """The spaCy pipeline that recognizes the names, loaded on first use and shared by the
        process's Mappers of the same model and gazetteer."""
        return _pipeline(self.model or default_model(), self.gazetteer.store.path)

    def candidates(self, name: str) -> list[Candidate]:
        """The places a name may be, remembered for the run: an archive names "Washington" in
        thousands of articles, and articles with a publisher are resolved twice. The lists are
        shared, so nothing downstream may change them."""
        found = self._remembered.get(name)
        if found is None:
            if len(self._remembered) >= REMEMBERED_NAMES:
                self._remembered.clear()
            found = self._remembered[name] = self._look_up(name)
        return found

    def _look_up(self, name: str) -> list[Candidate]:
        if self.geocoder is not None:
            return self.geocoder(name)
        locations = self.gazetteer.geocode(name, exactly_one=False) or []
        found = [Candidate(place_from_location(loc), loc.raw["prior"], _match(loc.raw)) for loc in locations]
        if not found and self.fallback is not None:
            return self.fallback(name)
        return found

    def map(self, articles: Iterable[Article]) -> Iterator[MapResult]:
        """One result per article, in their order. Articles with a publisher (a URL) are resolved
        RESOLVE_TOGETHER at a time, so each learns its publisher's local lexicon
        (mapper.resolve.lexicon), which grows over the whole run; any other article is
        resolved, and yielded, as soon as it is recognized."""
        recognizer = Recognizer(self.nlp, self.batch_size)
        resolver = Resolver(self.candidates, overrides=self.overrides, lexicon=LocalLexicon(),
                            peoples=self.peoples)
        batch: list[tuple[Article, list[Mention]]] = []
        for article, mentions in recognizer.mentions(articles):
            batch.append((article, mentions))
            if len(batch) == RESOLVE_TOGETHER or not article.publisher:
                yield from resolve_together(resolver, batch)
                batch = []
        yield from resolve_together(resolver, batch)

    def map_text(self, text: str, *, title: str = "", id: str = "article") -> MapResult:
        """One article's text in, its MapResult out; offsets are into text, and the title is
        shown, not read (a file's headline is read: mapper.ingest)."""
        return next(self.map([article_from_text(text, id=id, title=title)]))


@lru_cache(maxsize=2)  # a process seldom uses more; bounded, so that one trying several keeps few
def _pipeline(model: str, gazetteer: Path) -> Language:
    """One spaCy pipeline per model, gazetteer and process, like the gazetteer's store
    (gazetteer.store.open_store): the Mappers one process makes one after another (an archive's
    run and its combined page, a notebook's, a test suite's) load spaCy once."""
    nlp = load_pipeline(model)
    nlp.add_pipe("mapper_gazetteer_names", config={"gazetteer": str(gazetteer), "model": model})
    return nlp


def _match(raw: dict) -> Match:
    if not raw["exact"]:
        return Match.LOOSE
    return Match.NAME if raw["main_name"] else Match.ALTERNATE


def map_article(text: str, *, title: str = "", model: str | None = None) -> MapResult:
    """One article's text in, its places out; for many articles keep a Mapper and call map()."""
    return Mapper(model=model).map_text(text, title=title)
