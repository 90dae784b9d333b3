"""Country, region and county names inside an organization's name ("the Ohio Department of
Health", "the U.S. Food and Drug Administration"), which the spaCy component
(mapper.recognize.gazetteer_names) keeps in doc.spans[NESTED]: news readers and annotators count
them as mentions of the place."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from mapper.recognize.name_kinds import GENERIC_WORDS, NameKinds
from mapper.recognize.words import name_at


def nested_places(kinds: NameKinds, doc: Doc, ent: Span) -> list[Span]:
    found = []
    i = ent.start
    while i < ent.end:
        span = name_at(doc, i, kinds.is_region_name, stop=ent.end)
        if span is not None and (span.start, span.end) != (ent.start, ent.end) and _stands_alone(kinds, span, ent):
            found.append(span)
            i = span.end
        else:
            i += 1
    return found


def _stands_alone(kinds: NameKinds, span: Span, ent: Span) -> bool:
    """A region's name inside an organization's that starts it or follows a generic word, and
    does not begin a longer place name: not "London" in "the New London Police Department",
    nor "Kansas" in "the Kansas City Council"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > ent.start else None
    if before is not None and before.text[:1].isupper() and before.lower_ not in GENERIC_WORDS | {"the"}:
        return False
    longer = name_at(doc, span.start, kinds.is_any_place_name, stop=ent.end)
    return longer is None or longer.end <= span.end
