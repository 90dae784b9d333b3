"""Regions a name stands for by the words around it: each name of a list that a plural generic
word closes ("Adams, Brown and Clark counties"), and a county's short name after the article
has named it in full ("Gwinnett County" ... "Gwinnett officials").

The small model sees persons and organizations in them ("Jackson", "Madison"), or nothing; and
"Barrow" alone is a town in Alaska to a gazetteer that knows Barrow County by its full name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.lang.en.stop_words import STOP_WORDS

from mapper.model import Article, Mention
from mapper.recognize.taken import Taken
from mapper.gazetteer.names import word_runs

_NAME = r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}"
_KINDS = {
    "counties": "County", "parishes": "Parish", "boroughs": "Borough", "provinces": "Province",
    "states": "State", "regions": "Region", "districts": "District", "prefectures": "Prefecture",
    "governorates": "Governorate", "departments": "Department", "oblasts": "Oblast",
}
# US counties are known by their full names only: "Madison" alone is a town, never the county.
_ONLY_BY_FULL_NAME = frozenset({"counties", "parishes", "boroughs"})
_KIND = re.compile(rf"\s+(?P<kind>{'|'.join(_KINDS)})\b")
# The list is read back from its generic word, within this many characters: a long paragraph of
# capitalized words is not scanned again from each of its words.
_MAX_LIST_CHARS = 400
# The word before a county's short name is read from this many characters, not the whole paragraph.
_WORD_BEFORE_CHARS = 64
_LIST = re.compile(rf"(?<![\w'’.-])(?P<items>{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s+(?:and|or|&)\s+{_NAME})$")
_ITEM = re.compile(_NAME)
_FULL_COUNTY = re.compile(r"^(?P<short>[A-Z].*?)\s+(?:County|Parish)$")


def regions_in_lists(article: Article, found: list[Mention], is_region_name: Callable[[str], bool]) -> list[Mention]:
    """The mentions, with each region of such a list as a mention of it in place of any mention
    that overlaps it: "Madison" in "Madison counties" refers to "Madison County"."""
    listed = []
    for p in article.paragraphs:
        for closing in _KIND.finditer(p.text):
            kind = closing.group("kind")
            match = _LIST.search(p.text, max(0, closing.start() - _MAX_LIST_CHARS), closing.start())
            if match is None:
                continue
            for item in _ITEM.finditer(match.group("items")):
                region = _region(item.group(), kind, is_region_name)
                if region is not None:
                    name, refers_to = region
                    end = p.start + match.start("items") + item.end()
                    listed.append(Mention(name, end - len(name), end, "GPE", p.id, refers_to))
    if not listed:
        return found
    taken = Taken(len(article.text), listed)
    kept = [m for m in found if not taken.overlaps(m.start, m.end)]
    return sorted(kept + listed, key=lambda m: m.start)


def _region(item: str, kind: str, is_region_name: Callable[[str], bool]) -> tuple[str, str] | None:
    """The region the item's last words name, longest first ("In Barrow" is Barrow), and the
    full name it refers to, if it is known only by that ("Barrow County")."""
    for name in word_runs(item.split(), from_start=False):
        full = f"{name} {_KINDS[kind]}"
        if is_region_name(full):
            return name, full
        if kind not in _ONLY_BY_FULL_NAME and is_region_name(name):
            return name, ""
    return None


def short_county_names(article: Article, found: list[Mention], surnames: set[str]) -> list[Mention]:
    """The mentions, with the short name of each county the article names in full as a mention of
    it where nothing was found: "Gwinnett" after "Gwinnett County". Not a surname of the article's
    people, nor a word of a longer name ("Judge Mike Hall", "Hall Street")."""
    full = {c.group("short"): m.text for m in found if not m.refers_to and (c := _FULL_COUNTY.match(m.text))}
    shorts = [short for short in full if short not in surnames]
    if not shorts:
        return found
    pattern = re.compile(r"(?<![\w'’.-])(" + "|".join(map(re.escape, sorted(shorts, key=len, reverse=True)))
                         + r")(?![\w'’-])(?!\s+[A-Z])")
    taken = Taken(len(article.text), found)
    added = []
    for p in article.paragraphs:
        for match in pattern.finditer(p.text):
            start, end = p.start + match.start(), p.start + match.end()
            before = p.text[max(0, match.start() - _WORD_BEFORE_CHARS):match.start()].split()
            in_a_name = bool(before) and before[-1][:1].isupper() and before[-1].lower() not in STOP_WORDS \
                and not before[-1].endswith((".", "!", "?", ":"))
            if not in_a_name and not taken.overlaps(start, end):
                added.append(Mention(match.group(), start, end, "GPE", p.id, full[match.group()]))
    return sorted(found + added, key=lambda m: m.start)
