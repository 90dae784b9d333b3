"""A line that is nothing but a list of names, two of them places already found or well known:
the others are places too where the gazetteer knows a place of their name ("London, Manchester, Haverhill": a
venue list, a tour's stops, a caption's places). Out of a sentence the small model reads the
list's first or last name as nothing, or as a person."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from mapper.model import VILLAGE_MAX_POPULATION
from mapper.recognize.name_kinds import NameKinds
from mapper.recognize.words import PLACE_LABELS

_JOINTS = frozenset({",", ";", "and", "or", "&"})
_MIN_ITEMS = 3
_MIN_FOUND = 2


def towns_listed_alone(doc: Doc, ents: list[Span], kinds: NameKinds) -> list[Span]:
    """The entities, with each name of such a list that no place found so far is as a GPE: where
    another entity is over it (the small model's person "Haverhill"), only a town's own name of
    VILLAGE_MAX_POPULATION or more, or a region's or country's: not a village named like a surname."""
    places = {(e.start, e.end) for e in ents if e.label_ in PLACE_LABELS}
    others = {i for e in ents if e.label_ not in PLACE_LABELS for i in range(e.start, e.end)}
    found: list[Span] = []
    for start, end in _lines(doc):
        items = _items(doc, start, end)
        # commas between its names, not one "and" inside a name: "Ashmore and Cartier Islands, Australia"
        commas = sum(doc[i].text == "," for i in range(start, end))
        if items is None or len(items) < _MIN_ITEMS or commas < _MIN_ITEMS - 1:
            continue
        missing = [item for item in items if (item.start, item.end) not in places]
        known = len(items) - len(missing) + sum(kinds.is_major_place_name(item.text) for item in missing)
        if known < _MIN_FOUND:
            continue
        found += [Span(doc, item.start, item.end, label="GPE") for item in missing
                  if _a_listed_place(item.text, kinds, under_another=not others.isdisjoint(range(item.start, item.end)))]
    if not found:
        return ents
    kept = [e for e in ents if not any(e.start < f.end and f.start < e.end for f in found)]
    return sorted(kept + found, key=lambda e: e.start)


def _a_listed_place(text: str, kinds: NameKinds, under_another: bool) -> bool:
    if not under_another:
        return kinds.is_named_like_a_place(text)
    return (kinds.is_a_towns_own_name(text, VILLAGE_MAX_POPULATION) or kinds.is_region_name(text)
            or kinds.is_country_name(text))


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges between line breaks, without a closing full stop."""
    lines, start = [], 0
    for token in list(doc) + [None]:
        if token is None or (token.is_space and "\n" in token.text):
            end = len(doc) if token is None else token.i
            if end > start and doc[end - 1].text == ".":
                end -= 1
            if end > start:
                lines.append((start, end))
            if token is not None:
                start = token.i + 1
    return lines


def _items(doc: Doc, start: int, end: int) -> list[Span] | None:
    """The line's names between joints, or None where a word in lower case says it is no list."""
    items, item_start = [], start
    for i in range(start, end + 1):
        if i < end and doc[i].lower_ not in _JOINTS:
            if not (doc[i].text[:1].isupper() or doc[i].is_space):
                return None
            continue
        if i > item_start:
            items.append(doc[item_start:i])
        item_start = i + 1
    return items
