"""A spaCy component that lets the gazetteer correct the small NER model.

- A span NER labels NORP ("the Aleppo attack") whose text is a place's own name becomes GPE.
- A name after "in", "near", "outside" or "around" ("a factory in al-Safira") that NER labels
  PERSON or ORG, or a capitalized name after a locative preposition that NER missed, becomes GPE
  when the gazetteer knows it as a town or region.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from mapper.resolve.gazetteer.store import GazetteerStore, open_store
from mapper.resolve.names import ARABIC_ARTICLES

LOCATIVE = frozenset({"in", "near", "outside", "at", "from", "to", "into", "around", "across"})
# Strict enough to overrule NER's PERSON/ORG: "a letter from Johnson" is not Johnson City.
PLACE_ONLY_LOCATIVE = frozenset({"in", "near", "outside", "around"})
MAX_TOKENS = 5


@Language.factory("mapper_gazetteer_names", default_config={"gazetteer": "", "min_population": 1000})
def make_component(nlp: Language, name: str, gazetteer: str, min_population: int):
    return GazetteerNames(open_store(Path(gazetteer)), min_population)


class GazetteerNames:
    def __init__(self, store: GazetteerStore, min_population: int):
        self.store = store
        self.min_population = min_population

    def _is_place_name(self, text: str, own_name_only: bool) -> bool:
        return any(
            m.exact
            and (m.main_name or not own_name_only)
            and (m.place.feature_class == "A" or m.place.population >= self.min_population)
            for m in self.store.lookup(text)
        )

    def _relabel(self, doc: Doc, ent: Span) -> bool:
        if not ent[-1].text[:1].isupper():  # "al-Safira" counts as capitalized
            return False
        if ent.label_ == "NORP":
            return self._is_place_name(ent.text, own_name_only=True)
        if ent.label_ in ("PERSON", "ORG") and ent.start > 0:
            return doc[ent.start - 1].lower_ in PLACE_ONLY_LOCATIVE and self._is_place_name(
                ent.text, own_name_only=False
            )
        return False

    def __call__(self, doc: Doc) -> Doc:
        ents = [Span(doc, e.start, e.end, label="GPE") if self._relabel(doc, e) else e for e in doc.ents]
        taken = {i for e in ents for i in range(e.start, e.end)}
        for token in doc[:-1]:
            if token.lower_ in LOCATIVE and token.i + 1 not in taken:
                span = self._name_after(doc, token.i + 1)
                if span is not None and not taken.intersection(range(span.start, span.end)):
                    ents.append(span)
                    taken.update(range(span.start, span.end))
        doc.ents = filter_spans(ents)
        return doc

    def _name_after(self, doc: Doc, start: int) -> Span | None:
        """The longest capitalized run at start that the gazetteer knows, e.g. "al-Safira"."""
        end = start
        while end < len(doc) and end - start < MAX_TOKENS:
            t = doc[end]
            if t.text[:1].isupper() or (t.lower_ in ARABIC_ARTICLES and end + 1 < len(doc) and doc[end + 1].text == "-"):
                end += 1
            elif t.text == "-" and end > start:
                end += 1
            else:
                break
        for stop in range(end, start, -1):
            span = doc[start:stop]
            if span[-1].text[:1].isupper() and self._is_place_name(span.text, own_name_only=False):
                return Span(doc, start, stop, label="GPE")
        return None
