"""Place names by spaCy NER, streamed through nlp.pipe with many articles' paragraphs per batch;
each article, once all its paragraphs are read, goes through the article-level rules
(mapper.recognize.article_rules)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Span

from mapper.model import Article, Mention
from mapper.recognize.affiliations import party_affiliations, without_a_party_prefix
from mapper.recognize.article_rules import (
    abbreviations, not_people, not_speakers, propagate, surnames_of, towns_before_local_nouns, towns_the_article_places,
)
from mapper.recognize.demonyms import country_of
from mapper.recognize.edges import trim
from mapper.recognize.gazetteer_names import NESTED, OPENERS
from mapper.recognize.words import PLACE_LABELS
from mapper.recognize.pieces import pieces
from mapper.recognize.soft_wraps import soft_wraps_joined
from mapper.recognize.region_lists import regions_in_lists, short_county_names

# As written before a name, so "MS" (Mississippi) is none.
PERSONAL_TITLES = frozenset("Dr Mr Mrs Ms Prof Gen Sen Rep Gov Lt Col Capt Sgt Rev".split())
# "Smith & Co.", which the small model calls a place and "CO" would make Colorado
COMPANY_ABBREVIATIONS = frozenset("Co Corp Inc Ltd Bros LLC".split())
# "Lot No. 12", "Gate #4": a numbered lot, unit or gate, not the place its word names (Lot, France)
_NUMBERED = re.compile(r"\s*(?:No\.?|#)\s*\d")

# A people's word is NORP, but the small model calls some a person or organization ("Sri Lankan").
PEOPLE_LABELS = ("NORP", "PERSON", "ORG")


@dataclass
class _Progress:
    """An article whose paragraphs (or pieces of them: pieces.py) are still going through nlp.pipe."""

    article: Article
    remaining: int
    places: list[Mention] = field(default_factory=list)
    people_and_organizations: list[Mention] = field(default_factory=list)
    peoples: list[Mention] = field(default_factory=list)


class Recognizer:
    """Finds GPE, LOC and FAC mentions in articles, many paragraphs per nlp.pipe batch, and
    the peoples they name (NORP, "Palestinians"), which the resolver reads only as context."""

    def __init__(self, nlp: Language, batch_size: int = 256):
        self.nlp = nlp
        self.batch_size = batch_size

    def mentions(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Mention]]]:
        """(article, its mentions in text order), articles in the order given, streamed."""
        progress: dict[int, _Progress] = {}

        def paragraphs() -> Iterator[tuple[str, tuple[int, int, int, list[int] | None]]]:
            for i, article in enumerate(articles):
                cut = [(n, offset, piece) for n, p in enumerate(article.paragraphs) for offset, piece in pieces(p.text)]
                progress[i] = _Progress(article, len(cut))
                for n, offset, piece in cut:
                    joined, where = soft_wraps_joined(piece)
                    yield joined, (i, n, offset, where)

        emitted = 0
        for doc, (i, n, offset, where) in self.nlp.pipe(paragraphs(), as_tuples=True, batch_size=self.batch_size):
            state = progress[i]
            p = state.article.paragraphs[n]
            piece = _Piece(state.article.text, p.start + offset, where, p.id)
            places = [_without_article(e) for e in doc.ents if e.label_ in PLACE_LABELS]
            for span in places + list(doc.spans.get(NESTED, [])):
                if mention := piece.mention(span):
                    state.places.append(mention)
            for span in doc.spans.get(OPENERS, []):
                if mention := piece.mention(span):
                    state.people_and_organizations.append(mention)
            for e in doc.ents:
                if not (mention := piece.mention(e)):
                    continue
                if e.label_ in PEOPLE_LABELS and (country := country_of(mention.text)):
                    state.peoples.append(replace(mention, label="NORP", refers_to=country))
                elif e.label_ in PEOPLE_LABELS:  # a NORP no people's word: a name NER mislabelled
                    state.people_and_organizations.append(mention)
            state.remaining -= 1
            while emitted in progress and progress[emitted].remaining <= 0:
                yield self._finish(progress.pop(emitted))
                emitted += 1
        for i in sorted(progress):  # articles without paragraphs after the last paragraph
            yield self._finish(progress[i])

    def _finish(self, state: _Progress) -> tuple[Article, list[Mention]]:
        text = state.article.text
        found = [without_a_party_prefix(state.article, m) for m in state.places
                 if _written_as_a_name(m.text) and not _NUMBERED.match(text, m.end)]
        pipes = self.nlp.pipe_names
        names = self.nlp.get_pipe("mapper_gazetteer_names") if "mapper_gazetteer_names" in pipes else None
        if names is not None:
            found = not_people(state.article, found, state.people_and_organizations, names.is_country_name)
            found = found + towns_the_article_places(state.article, found, state.peoples,
                                                     state.people_and_organizations, names.store)
            found = found + towns_before_local_nouns(state.article, found, state.people_and_organizations,
                                                     names.store)
            found = not_speakers(state.article, found, names.is_major_place_name)
            found = found + party_affiliations(state.article, found, names.is_any_place_name,
                                                names.is_region_name)
        places = propagate(state.article, abbreviations(state.article, found))
        if names is not None:  # after propagate: "Jackson" of "Jackson and Clay counties" is no county elsewhere
            places = regions_in_lists(state.article, places, names.is_region_name)
            places = short_county_names(state.article, places, surnames_of(state.people_and_organizations))
        return state.article, sorted(places + state.peoples, key=lambda m: m.start)


@dataclass(frozen=True)
class _Piece:
    """A piece of a paragraph as NER read it: at offset `at` of the article's text, its soft line
    breaks joined (soft_wraps.py; where: each character's place in the piece, or None)."""

    article_text: str
    at: int
    where: list[int] | None
    paragraph_id: str

    def mention(self, span: Span) -> Mention | None:
        """The span as a mention, written as the article writes it (a line break and all),
        without the invisible characters at its edges (edges.py); None when nothing else is in it."""
        start, end = (span.start_char, span.end_char) if self.where is None else (
            self.where[span.start_char], self.where[span.end_char])
        text, start = trim(self.article_text[self.at + start:self.at + end], self.at + start)
        return Mention(text, start, start + len(text), span.label_, self.paragraph_id) if text else None


def _written_as_a_name(text: str) -> bool:
    """Not a lower-case word ("swan", "metro": the model's misfires, which some town's alternate
    names in GeoNames then place), a person's title ("Dr." before "Ivins") nor a company's ("Co.")."""
    bare = text.rstrip(".")
    return not text.islower() and bare not in PERSONAL_TITLES and bare not in COMPANY_ABBREVIATIONS  # "al-Safira" is


def _without_article(ent: Span) -> Span:
    """ "the United States" names the United States: the article is not part of the name.

    A capital "The" inside a sentence is ("The Hague", "The Gambia"); at a sentence start we
    cannot tell without a parser, and the common case is the plain article.
    """
    if len(ent) < 2 or ent[0].lower_ != "the":
        return ent
    first = ent[0]
    sentence_start = first.i == 0 or first.nbor(-1).text in {".", "!", "?", '"', "“", ":"}
    if first.text == "the" or sentence_start:
        return Span(ent.doc, ent.start + 1, ent.end, label=ent.label_)
    return ent
