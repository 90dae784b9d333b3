"""Two spellings of one name, as transliterations differ: "Zaporizhzhia" and GeoNames'
"Zaporizhzhya", "Kharkov" and "Kharkiv"; not two names ("Calcutta" and "Kolkata")."""

from __future__ import annotations

from difflib import SequenceMatcher

SPELLING_MIN_RATIO = 0.8  # difflib's similarity of two spellings of one name


def spelled_like(text: str, name: str) -> bool:
    """Another spelling of the name. For towns only: a country's name spelled like its people's
    ("Somali") is the people's word."""
    a, b = text.casefold(), name.casefold()
    return (a[:3] == b[:3] and abs(len(a) - len(b)) <= 1  # not "Londoner" of "London"
            and SequenceMatcher(None, a, b).ratio() >= SPELLING_MIN_RATIO)
