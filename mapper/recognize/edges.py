"""What a mention never starts or ends with: spaces, controls and invisible format characters.

spaCy's tokenizer splits on spaces only, so a zero-width joiner, a direction mark or a byte-order
mark against a name ("\u200dAleppo\u200d", "\u202eDamascus\u202c"), as pasted text often has,
stays inside the entity span; the mention would then show and look up an invisible character.
"""

from __future__ import annotations

import unicodedata

# Space and line separators, controls (NUL, CR) and format characters (BOM, ZWJ/ZWNJ, LRM/RLM,
# direction embeddings, overrides and isolates, the soft hyphen).
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def is_edge_noise(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in _INVISIBLE


def trim(text: str, start: int) -> tuple[str, int]:
    """text (found at offset start) without noise at either end, and the offset of what is left;
    ("", start) when nothing is."""
    first, last = 0, len(text)
    while first < last and is_edge_noise(text[first]):
        first += 1
    while last > first and is_edge_noise(text[last - 1]):
        last -= 1
    return text[first:last], start + first
