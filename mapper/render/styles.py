"""A marker style for each article of a combined map: Okabe and Ito's colours as circles, then
the same colours as squares, diamonds and triangles, so that 28 articles each have their own.

Colour-blind readers tell the seven colours apart (that is what Okabe and Ito chose them for); the
shapes tell apart two articles of one colour. Past 28, the articles share one grey circle rather
than repeat a style, which would say two articles are one: the list names them, and pointing at a
title picks out its places (templates/combined.js).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Okabe and Ito's colour-blind-safe set without its yellow, too pale on the map.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SHAPES = ("circle", "square", "diamond", "triangle")
DISTINCT = len(PALETTE) * len(SHAPES)
OTHER = "#8C8C8C"
_INKS = ("#FFFFFF", "#000000")  # a number on a marker's colour is written in the one that reads better


@dataclass(frozen=True)
class Style:
    colour: str  # "#RRGGBB"
    shape: str  # one of SHAPES
    ink: str  # the colour of a number written on `colour`


def article_style(index: int) -> Style:
    """The style of the index-th article (from 0) of a combined map."""
    if index >= DISTINCT:
        return Style(OTHER, SHAPES[0], ink(OTHER))
    colour = PALETTE[index % len(PALETTE)]
    return Style(colour, SHAPES[index // len(PALETTE)], ink(colour))


def _polygon(sides: int, turn: float) -> tuple[tuple[float, float], ...]:
    """A regular polygon's corners around (0, 0), y down, with a circle of radius 1's area: a
    square marker is no heavier on the map than a round one of the same radius."""
    radius = math.sqrt(2 * math.pi / (sides * math.sin(2 * math.pi / sides)))
    angles = (turn + 2 * math.pi * k / sides for k in range(sides))
    return tuple((round(radius * math.sin(a), 4), round(-radius * math.cos(a), 4)) for a in angles)


# The corners of each shape but the circle: the browser scales them by a marker's radius.
OUTLINES = {"square": _polygon(4, math.pi / 4), "diamond": _polygon(4, 0), "triangle": _polygon(3, 0)}


def key_svg(style: Style) -> str:
    """The style's shape as a small SVG, for the list that is the map's legend; its colours are CSS's."""
    corners = OUTLINES.get(style.shape)
    if corners is None:
        return '<svg class="combined-key" viewBox="-1.7 -1.7 3.4 3.4" aria-hidden="true"><circle r="1"/></svg>'
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    # centred on its box, not on its centroid: a triangle would sit high beside the title
    left, top = (min(xs) + max(xs)) / 2 - 1.7, (min(ys) + max(ys)) / 2 - 1.7
    points = " ".join(f"{x:g},{y:g}" for x, y in corners)
    return (f'<svg class="combined-key" viewBox="{left:g} {top:g} 3.4 3.4" aria-hidden="true">'
            f'<polygon points="{points}"/></svg>')


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two "#RRGGBB" or "#RGB" colours, from 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink(colour: str) -> str:
    return max(_INKS, key=lambda candidate: contrast(colour, candidate))


def _luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    digits = "".join(2 * c for c in digits) if len(digits) == 3 else digits
    channels = (int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
