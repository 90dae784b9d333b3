"""Noto Sans for the static map, from the @fontsource/noto-sans npm package (installed by `make`).

The package splits the font by script into subsets (latin, latin-ext, greek, cyrillic...), each
with the unicode-range a browser picks it by. Text is drawn run by run, each run in the subset
that has its characters, as a browser draws the same text from the same files; a character no
subset has (Arabic, CJK...) is transliterated ("北京" -> "Bei Jing").
"""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont, features
from unidecode import unidecode

from mapper.render.assets import asset

PACKAGE = "@fontsource/noto-sans"
FAMILY = "Noto Sans"
# Subsets a script needs shaping for (Devanagari's conjuncts and vowel signs) are only used where
# Pillow has libraqm to shape them; without it that text is transliterated.
_SHAPED = frozenset({"devanagari"})
_SHAPING = features.check_feature("raqm")
_LAYOUT = ImageFont.Layout.RAQM if _SHAPING else ImageFont.Layout.BASIC


@dataclass(frozen=True)
class Run:
    text: str
    subset: str


def woff2(subset: str, weight: int) -> Path:
    return asset(PACKAGE, f"files/noto-sans-{subset}-{weight}-normal.woff2")


def font(subset: str, weight: int, size: float) -> ImageFont.FreeTypeFont:
    return _font(woff2(subset, weight), round(size * 64) / 64)  # FreeType's own size steps


@functools.lru_cache(maxsize=256)
def _font(path: Path, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=_LAYOUT)


@functools.lru_cache(maxsize=1)
def unicode_ranges() -> dict[str, str]:
    """Subset -> its CSS unicode-range, for the subsets Pillow can draw."""
    ranges = json.loads(asset(PACKAGE, "unicode.json").read_text())
    return {name: spec for name, spec in ranges.items() if _SHAPING or name not in _SHAPED}


def preference(subset: str) -> tuple[bool, str]:
    """latin before latin-ext, cyrillic before cyrillic-ext: the base subset draws what they share."""
    return (subset.endswith("-ext"), subset)


@functools.lru_cache(maxsize=1)
def _ranges() -> tuple[tuple[int, int, str], ...]:
    """(first, last, subset) of every code point range, the preferred subsets' first."""
    ranges = []
    for subset, spec in sorted(unicode_ranges().items(), key=lambda item: preference(item[0])):
        for part in spec.split(","):
            first, _, last = part.strip().removeprefix("U+").partition("-")
            ranges.append((int(first, 16), int(last or first, 16), subset))
    return tuple(ranges)


@functools.lru_cache(maxsize=4096)
def subsets_of(ch: str) -> tuple[str, ...]:
    """The subsets that draw ch, preferred first; () for none."""
    code = ord(ch)
    return tuple(subset for first, last, subset in _ranges() if first <= code <= last)


def printable(text: str) -> str:
    """text on one line in characters a subset has: composed (NFC), without controls, bidi
    overrides or private use, the rest transliterated ("حلب" -> "Hlb") or, failing that, dropped."""
    out = []
    for ch in unicodedata.normalize("NFC", " ".join(text.split())):
        if unicodedata.category(ch)[0] != "C":
            out.append(ch if subsets_of(ch) else "".join(c for c in unidecode(ch) if subsets_of(c)))
    return "".join(run.text for run in runs(" ".join("".join(out).split())))


def runs(text: str) -> tuple[Run, ...]:
    """text cut where the subset drawing it changes: each character in the first subset that has
    it, as a browser picks among the package's faces; a combining mark stays with its letter, or
    is left off where the letter's subset lacks it, and so is any character no subset has."""
    out: list[Run] = []
    for ch in text:
        options = subsets_of(ch)
        if unicodedata.combining(ch):
            if out and out[-1].subset in options:
                out[-1] = Run(out[-1].text + ch, out[-1].subset)
        elif out and options[:1] == (out[-1].subset,):
            out[-1] = Run(out[-1].text + ch, out[-1].subset)
        elif options:
            out.append(Run(ch, options[0]))
    return tuple(out)


def width(text: str, weight: int, size: float) -> float:
    """How far text advances, drawn run by run at size pixels."""
    return sum(font(run.subset, weight, size).getlength(run.text) for run in runs(text))


def extent(size: float) -> tuple[float, float]:
    """(above, below) the baseline of any label's letters at size, accents and descenders included:
    one height for every label, so that boxes line up."""
    left, top, right, bottom = font("latin", 400, size).getbbox("ÅÉgjpq", anchor="ls")
    return -top, bottom


def middle(text: str, weight: int, size: float) -> float:
    """How far below the middle of text's letters their baseline is: where to set text centred on a point."""
    _, top, _, bottom = font("latin", weight, size).getbbox(text, anchor="ls")
    return -(top + bottom) / 2


def shortened(text: str, weight: int, size: float, room: float) -> str:
    """text cut, at a word where one is near, with an ellipsis, so that it fits in room pixels."""
    if width(text, weight, size) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if width(text[:mid] + "\u2026", weight, size) <= room else (lo, mid - 1)
    cut = text[:lo]
    words = cut.rsplit(" ", 1)[0]
    return (words if len(words) > 0.6 * len(cut) else cut).rstrip(" ,;:-") + "\u2026"


def wrapped(text: str, weight: int, size: float, room: float, lines: int) -> tuple[str, ...]:
    """text in at most `lines` lines of room pixels, broken between words; the last one shortened."""
    words, out = text.split(), []
    while words and len(out) < lines - 1:
        n = 1
        while n < len(words) and width(" ".join(words[:n + 1]), weight, size) <= room:
            n += 1
        if width(" ".join(words[:n]), weight, size) > room:
            break  # one word longer than the line: the last line shortens it
        out.append(" ".join(words[:n]))
        words = words[n:]
    if words:
        out.append(shortened(" ".join(words), weight, size, room))
    return tuple(out)
