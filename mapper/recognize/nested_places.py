"""Country, region and county names inside an organization's name ("the Ohio Department of
Health", "the U.S. Food and Drug Administration"), which the spaCy component
(mapper.recognize.gazetteer_names) keeps in doc.spans[NESTED]: news readers and annotators count
them as mentions of the place. Not the first name of a person the small model calls an
organization ("Sofia Coppola", "Paris Hilton"), nor a newspaper's city or country ("The New York
Times", "the Times of India")."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from mapper.recognize.name_kinds import GENERIC_WORDS, NameKinds
from mapper.recognize.words import name_at

# A word after a region's name that makes an organization's name, not a person's: "Sofia University".
ORGANIZATION_WORDS = frozenset("""
    department university college school state police power energy bank airlines airways railways
    railway times post herald tribune news press journal gazette club united city county council
    government ministry army navy guard court museum zoo company group institute fund foundation house
    senate assembly
""".split())


# The last word of a newspaper's name: "The New York Times" reports from anywhere, and its city
# is no place of the story. Not "examiner", a county's officer as often ("the Wayne County Medical
# Examiner").
PUBLICATION_WORDS = frozenset("""
    times post herald tribune journal gazette chronicle globe inquirer courier observer telegraph
    register ledger daily
""".split())
# Those that name nothing but a newspaper wherever they stand: "the Times of India", "China Daily".
NEWSPAPER_WORDS = frozenset("times herald tribune gazette chronicle inquirer telegraph daily".split())


def nested_places(kinds: NameKinds, doc: Doc, ent: Span) -> list[Span]:
    if ent[-1].lower_ in PUBLICATION_WORDS or any(t.lower_ in NEWSPAPER_WORDS and t.is_title for t in ent):
        return []
    found = []
    i = ent.start
    while i < ent.end:
        span = name_at(doc, i, kinds.is_region_name, stop=ent.end)
        if (span is not None and (span.start, span.end) != (ent.start, ent.end) and _stands_alone(kinds, span, ent)
                and not _a_persons_first_name(kinds, span, ent)):
            found.append(span)
            i = span.end
        else:
            i += 1
    return found


def _stands_alone(kinds: NameKinds, span: Span, ent: Span) -> bool:
    """A region's name inside an organization's that starts it or follows a generic word, and
    does not begin a longer place name: not "Albany" in "the New Albany Police Department",
    nor "Kansas" in "the Kansas City Council"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > ent.start else None
    if before is not None and before.text[:1].isupper() and before.lower_ not in GENERIC_WORDS | {"the"}:
        return False
    longer = name_at(doc, span.start, kinds.is_any_place_name, stop=ent.end)
    return longer is None or longer.end <= span.end


def _a_persons_first_name(kinds: NameKinds, span: Span, ent: Span) -> bool:
    """ "Sofia Coppola", "Paris Hilton", "Victoria Beckham": a region's name, then one more
    capitalized word that makes no organization (ORGANIZATION_WORDS), is a person's name the small
    model calls an organization. Not a country's or a US state's by any of its names ("U.S.
    Census", "S.C. House", "Georgia Power"), which few first names are and many organizations
    start with."""
    if len(ent) != 2 or (span.start, span.end) != (ent.start, ent.start + 1):
        return False
    if not ent[1].is_title or ent[1].lower_ in ORGANIZATION_WORDS:
        return False
    return not any(m.exact and (m.place.is_country or (m.place.feature_code == "ADM1" and m.place.country_code == "US"))
                   for m in kinds.store.lookup(span.text))
