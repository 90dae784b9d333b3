"""The place in a politician's party label: "Rep. Charles Rangel, D-N.Y.", "(R-Elbow Lake)".

American news names a lawmaker's party and the state, county or town they represent in one
word after their name. NER seldom sees a place in "D-N.Y." or "R-Marshall", but readers and
annotators do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from mapper.model import Article, Mention
from mapper.recognize.taken import Taken

# ", D-" or "(R-" then up to three capitalized words: "W. Va.", "Iowa City", "N.D.".
_PARTY_LABEL = re.compile(r"(?:,\s*|\(\s*)[DRI]-(?P<name>[A-Z][\w.'’]*(?:[ \t]+[A-Z][\w.'’]*){0,2})")
_PARTY_PREFIX = re.compile(r"[DRI]-[A-Z]")
_LABEL_OPENS = re.compile(r"(?:,\s*|\(\s*)$")


def without_a_party_prefix(article: Article, mention: Mention) -> Mention:
    """A place span NER took with the party before it ("D-Iowa City" of "Rep. Tom Reyes, D-Iowa
    City"), as the place alone."""
    before = article.text[max(0, mention.start - 3):mention.start]
    if not (_PARTY_PREFIX.match(mention.text) and _LABEL_OPENS.search(before)):
        return mention
    return replace(mention, text=mention.text[2:], start=mention.start + 2)


def party_affiliations(article: Article, found: list[Mention], is_place_name: Callable[[str], bool],
                       is_region_name: Callable[[str], bool]) -> list[Mention]:
    """The places named in party labels, as new mentions, where no mention is yet."""
    taken = Taken(len(article.text), found)
    added = []
    for p in article.paragraphs:
        for label in _PARTY_LABEL.finditer(p.text):
            name = _longest_known(label.group("name"), is_place_name, is_region_name)
            start = p.start + label.start("name")
            if name is not None and not taken.overlaps(start, start + len(name)):
                added.append(Mention(name, start, start + len(name), "GPE", p.id))
                taken.add(start, start + len(name))
    return added


def _longest_known(words: str, is_place_name: Callable[[str], bool],
                   is_region_name: Callable[[str], bool]) -> str | None:
    """The longest run of leading words that names a place. A final full stop belongs to a
    state's abbreviation ("N.D.", "Pa.") and otherwise ends the sentence ("Iowa City.")."""
    for end in reversed([m.end() for m in re.finditer(r"\S+", words)]):
        text = words[:end]
        if text.endswith(".") and is_region_name(text):
            return text
        if is_place_name(text.rstrip(".")):
            return text.rstrip(".")
    return None
