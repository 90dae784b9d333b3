"""How place names are compared: an exact form and a looser key for transliterated names.

`normalize` folds case, diacritics, punctuation and a leading "the": "Deir ez-Zor" -> "deir ez zor".
`loose_key` also drops Arabic article prefixes and an inner "the", and folds common
transliteration variants, so "Deir Ezzor", "al-Safira" and "As Safirah" meet "Deir ez-Zor" and
"As Safīrah", and "Democratic Republic of Congo" meets "Democratic Republic of the Congo".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from unidecode import unidecode

_NON_WORD = re.compile(r"[^\w]+")
_APOSTROPHES = re.compile(r"[’'`‘ʼʻ]")
# Arabic definite article in its usual romanizations, standing as its own token ("al-", "as ").
# Words that make a name a landform's: "the Red River", "the Baltic Sea", "Western Cape".
LANDFORM_WORDS = frozenset("""
    river rivers sea ocean lake lakes bay gulf creek valley mountains mountain range hill hills
    highlands peninsula cape coast island islands strait channel delta canyon desert plateau basin canal
""".split())
ARABIC_ARTICLES = frozenset("al el il ul ad ar as ash at az an ed er es esh et ez en adh dh".split())
# The article assimilated to a following sun letter and written joined: "Ezzor", "Assafira".
_JOINED_ARTICLE = re.compile(r"^[ae]([tdrzsnl])(?=\1\w{2})")
_ABBREVIATIONS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
_DOUBLE = re.compile(r"(\w)\1+")
_TA_MARBUTA = re.compile(r"(?<=[ae])h$")  # Safirah ~ Safira
# Generic words that make a name a natural feature or a region: "Cumberland River", "Lake Erie",
# "Gaza Strip". The word ends the name, or starts it in the forms "Lake X", "Mount X", "Gulf of X".
FEATURE_WORDS = frozenset("""
    river rivers creek brook stream canal lake lakes reservoir lagoon pond sea ocean bay gulf
    strait straits channel sound harbor harbour coast shore beach island islands isle isles
    archipelago atoll peninsula cape point mountain mountains mount mt hill hills ridge range
    peak pass volcano valley canyon gorge desert plain plains plateau heights highlands lowlands basin
    delta glacier falls forest wilderness marsh swamp shelf strip region province territory
""".split())
FEATURE_FIRST_WORDS = frozenset("lake lakes mount mt river isle gulf bay sea cape port fort strait straits".split())
# What the text calls a first- or second-level region after (or before) its name: "Henan province",
# "the state of Kaduna"
REGION_WORDS = frozenset(
    "state province region governorate county district prefecture department oblast voivodeship".split())
# Lower-case words inside a place's name: "Port of Spain", "Kingston upon Thames", "Frankfurt am
# Main", "Neustadt an der Weinstraße", "Boulogne-sur-Mer", "Rio Grande do Norte"
COUNTY_WORDS = ("County", "Parish", "Borough")  # what ends a US county's whole name
NAME_PARTICLES = frozenset("of upon on an der am im ob de del della di da do dos das du la le les los las sur en".split())
# A named site: "Denver International Airport", "Hoover Dam", "Duke University".
SITE_WORDS = frozenset("""
    airport airfield airbase dam university college academy hospital stadium arena station
    bridge tunnel prison penitentiary museum cathedral basilica mosque temple monastery zoo
    refinery mine reactor
""".split())


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in text)


def goes_by(own_name: str, name: str) -> bool:
    """A place goes by a name its own name holds as words: Estado de México by "Mexico"; not the
    Federal Dependencies by "Venezuela", which GeoNames also lists for them."""
    return f" {normalize(name)} " in f" {normalize(own_name)} "


def normalize(name: str) -> str:
    text = _APOSTROPHES.sub("", name)
    if not text.isascii():  # ASCII has no decomposition, no combining mark and nothing to transliterate
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        if _is_latin(text):
            text = unidecode(text)
    text = _NON_WORD.sub(" ", text.casefold()).replace("_", " ").strip()
    if text.startswith("the ") and len(text) > 4:
        text = text[4:]
    return " ".join(text.split())


def loose_key(name: str) -> str:
    return loose_key_of_normalized(normalize(name))


def loose_key_of_normalized(normalized: str) -> str:
    """loose_key of a name normalize has already made (so an import normalizes each name once)."""
    tokens = normalized.split()
    kept = [t for t in tokens if t not in ARABIC_ARTICLES and t != "the"] or tokens
    folded = []
    for token in kept:
        token = _JOINED_ARTICLE.sub("", token)
        token = _ABBREVIATIONS.get(token, token)
        folded.append(_TA_MARBUTA.sub("", token))
    # Doubled letters folded in one pass over the tokens: a space, not a word character, keeps a
    # run from reaching across two of them.
    return _DOUBLE.sub(r"\1", " ".join(folded)).replace(" ", "")


def names_a_natural_feature(name: str) -> bool:
    """ "Cumberland River", "Lake Erie", "the Gulf of Aden": a name built on a generic word for
    a natural feature or region, as opposed to a street's, a building's or a person's name."""
    words = normalize(name).split()
    return len(words) > 1 and (words[-1] in FEATURE_WORDS or words[0] in FEATURE_FIRST_WORDS)


def names_a_site(name: str) -> bool:
    """ "Denver International Airport", "Hoover Dam": a site's name, built on its generic word."""
    words = normalize(name).split()
    return len(words) > 1 and words[-1] in SITE_WORDS


def word_runs(words: Sequence[str], from_start: bool = True) -> Iterator[str]:
    """The runs of words that start the sequence (or end it), longest first: "Pa. Smith", "Pa."."""
    for n in range(len(words), 0, -1):
        yield " ".join(words[:n] if from_start else words[-n:])


def contains_words(words: list[str], part: list[str]) -> bool:
    return any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))
