"""The regions of a list that a plural generic word closes: "Barrow, Jackson and Madison
counties", "Mashonaland West, Manicaland and Midlands provinces".

Each name in such a list is a region of that kind. The small model sees persons and
organizations in them ("Jackson", "Madison"), or nothing; and "Barrow" alone is a town in Alaska
to a gazetteer that knows Barrow County by its full name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mapper.model import Article, Mention

_NAME = r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}"
_KINDS = {
    "counties": "County", "parishes": "Parish", "boroughs": "Borough", "provinces": "Province",
    "states": "State", "regions": "Region", "districts": "District", "prefectures": "Prefecture",
    "governorates": "Governorate", "departments": "Department", "oblasts": "Oblast",
}
# US counties are known by their full names only: "Madison" alone is a town, never the county.
_ONLY_BY_FULL_NAME = frozenset({"counties", "parishes", "boroughs"})
_LIST = re.compile(
    rf"(?P<items>{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s+(?:and|or|&)\s+{_NAME})\s+(?P<kind>{'|'.join(_KINDS)})\b"
)
_ITEM = re.compile(_NAME)


def regions_in_lists(article: Article, found: list[Mention], is_region_name: Callable[[str], bool]) -> list[Mention]:
    """The mentions, with each region of such a list as a mention of it in place of any mention
    that overlaps it: "Madison" in "Madison counties" refers to "Madison County"."""
    listed = []
    for p in article.paragraphs:
        for match in _LIST.finditer(p.text):
            kind = match.group("kind")
            for item in _ITEM.finditer(match.group("items")):
                region = _region(item.group(), kind, is_region_name)
                if region is not None:
                    name, refers_to = region
                    end = p.start + match.start("items") + item.end()
                    listed.append(Mention(name, end - len(name), end, "GPE", p.id, refers_to))
    if not listed:
        return found
    kept = [m for m in found if not any(n.start < m.end and m.start < n.end for n in listed)]
    return sorted(kept + listed, key=lambda m: m.start)


def _region(item: str, kind: str, is_region_name: Callable[[str], bool]) -> tuple[str, str] | None:
    """The region the item's last words name, longest first ("In Barrow" is Barrow), and the
    full name it refers to, if it is known only by that ("Barrow County")."""
    words = item.split()
    for i in range(len(words)):
        name = " ".join(words[i:])
        full = f"{name} {_KINDS[kind]}"
        if is_region_name(full):
            return name, full
        if kind not in _ONLY_BY_FULL_NAME and is_region_name(name):
            return name, ""
    return None
