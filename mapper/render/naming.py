"""The name a map shows for a place: the article's own spelling of it where that is a name of the
place in another form ("Cologne" for GeoNames' "Köln", "Seville" for "Sevilla"), else the gazetteer's.

English news writes English exonyms; the embedded gazetteer's main names are often local ones. The
resolver chose the place for the article's spelling, so that spelling is one of the place's names.
"""

from __future__ import annotations

import re
from collections import Counter

from mapper.model import Mention, PlaceGroup
from mapper.gazetteer.names import normalize

_ABBREVIATION = re.compile(r"(?:[A-Z]\.?){2,5}|.*\.")  # "U.S.", "DRC", "UAE", "St."


def display_name(group: PlaceGroup) -> str:
    place = group.place
    if place.source == "override":
        return place.name  # the user's own label
    official = normalize(place.name)
    spellings = Counter(
        " ".join(r.mention.text.split())
        for r in sorted(group.resolutions, key=lambda r: r.mention.start)
        if _is_another_form(r.mention, official)
    )
    return spellings.most_common(1)[0][0] if spellings else place.name


def _is_another_form(mention: Mention, official: str) -> bool:
    """A capitalized name, not an abbreviation, a people, a shouting headline, nor a part of the
    gazetteer's name ("Athens" for "Athens County" says less than the name itself)."""
    text = mention.text.strip()
    if mention.is_people or mention.refers_to or _ABBREVIATION.fullmatch(text) or text.isupper():
        return False
    if not text[:1].isupper():
        return False
    spelled = normalize(text)
    return bool(spelled) and spelled != official and spelled not in official
