"""The static map's canvas for map.svg: shapes as paths, text as <text> in Noto Sans.

The Noto Sans subsets the text uses are embedded (@font-face, woff2 data URIs, with the package's
unicode-range), so a browser draws the same letters as map.png; an editor that ignores them (a
print layout program) uses Noto Sans if installed, then the fallbacks of FAMILY.
"""

from __future__ import annotations

import base64
import functools
import math
import unicodedata
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from mapper.render import fonts
from mapper.render.canvas import SHARE_BEFORE, Box, Point, Text, rgba

FAMILY = f"'{fonts.FAMILY}', 'Helvetica Neue', Arial, sans-serif"


def _n(value: float) -> str:
    """A coordinate to a hundredth of a pixel, without trailing zeros: short, and the same bytes
    for the same picture."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _paint(colour: str, kind: str) -> str:
    """fill="#rrggbb" (and fill-opacity where translucent): #rrggbbaa is not SVG 1.1."""
    r, g, b, a = rgba(colour)
    opacity = f' {kind}-opacity="{_n(a / 255)}"' if a < 255 else ""
    return f'{kind}="#{r:02x}{g:02x}{b:02x}"{opacity}'


class SvgCanvas:
    def __init__(self, width: int, height: int, *, title: str = "", description: str = "") -> None:
        self.width, self.height = width, height
        self.title, self.description = title, description
        self._shapes: list[str] = []
        self._texts: list[str] = []
        self._used: set[tuple[str, int]] = set()  # (subset, weight) of every run of text

    def polygon(self, points: Sequence[Point], fill: str) -> None:
        if len(points) > 2:
            self._shapes.append(f'<path d="{_path(points)}Z" {_paint(fill, "fill")}/>')

    def polyline(self, points: Sequence[Point], stroke: str, width: float) -> None:
        if len(points) > 1:
            self._shapes.append(f'<path d="{_path(points)}" fill="none" {_paint(stroke, "stroke")} '
                                f'stroke-width="{_n(width)}" stroke-linejoin="round" stroke-linecap="round"/>')

    def circle(self, at: Point, r: float, fill: str) -> None:
        self._shapes.append(f'<circle cx="{_n(at[0])}" cy="{_n(at[1])}" r="{_n(r)}" {_paint(fill, "fill")}/>')

    def arc(self, at: Point, r: float, start: float, end: float, stroke: str, width: float) -> None:
        (x0, y0), (x1, y1) = (_on_circle(at, r, a) for a in (start, end))
        large = int((end - start) % 360 > 180)
        self._shapes.append(f'<path d="M{_n(x0)} {_n(y0)}A{_n(r)} {_n(r)} 0 {large} 1 {_n(x1)} {_n(y1)}" '
                            f'fill="none" {_paint(stroke, "stroke")} stroke-width="{_n(width)}"/>')

    def rect(self, box: Box, fill: str | None = None, stroke: str | None = None, width: float = 0) -> None:
        paint = [_paint(fill, "fill") if fill else 'fill="none"']
        if stroke and width:
            paint.append(f'{_paint(stroke, "stroke")} stroke-width="{_n(width)}"')
        self._shapes.append(f'<rect x="{_n(box[0])}" y="{_n(box[1])}" width="{_n(box[2] - box[0])}" '
                            f'height="{_n(box[3] - box[1])}" {" ".join(paint)}/>')

    def text(self, text: Text) -> None:
        runs = fonts.runs(text.text)
        if not runs:
            return
        self._used.update((run.subset, text.weight) for run in runs)
        x, y = text.at
        if text.tracking:  # each character placed as Pillow places it: letter-spacing is not SVG 1.1
            advances = [fonts.width(ch, text.weight, text.size) + text.tracking for ch in text.text]
            x -= SHARE_BEFORE[text.align] * (sum(advances) - text.tracking)
            xs = [x + sum(advances[:i]) for i in range(len(advances))]
            position = f'x="{" ".join(map(_n, xs))}" y="{_n(y)}"'
        else:
            position = f'x="{_n(x)}" y="{_n(y)}" text-anchor="{text.align}"'
        font = f'font-size="{_n(text.size)}" font-weight="{text.weight}"'
        content = _xml(text.text)
        if text.halo and text.halo_width:  # a copy beneath, not paint-order: print programs ignore that
            self._texts.append(f'<text {position} {font} {_paint(text.halo, "fill")} {_paint(text.halo, "stroke")} '
                               f'stroke-width="{_n(2 * text.halo_width)}" stroke-linejoin="round" '
                               f'aria-hidden="true">{content}</text>')
        self._texts.append(f'<text {position} {font} {_paint(text.fill, "fill")}>{content}</text>')

    def svg(self) -> str:
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
                f'viewBox="0 0 {self.width} {self.height}" role="img" aria-labelledby="map-title map-desc" '
                f'font-family={quoteattr(FAMILY)}>')
        return "\n".join([
            '<?xml version="1.0" encoding="UTF-8"?>', head,
            f'<title id="map-title">{_xml(self.title)}</title>',
            f'<desc id="map-desc">{_xml(self.description)}</desc>',
            f"<style>{_font_faces(tuple(sorted(self._used)))}</style>",
            "<g>", *self._shapes, "</g>",
            "<g>", *self._texts, "</g>",
            "</svg>",
        ]) + "\n"


def _xml(text: str) -> str:
    """text escaped, without the characters XML forbids (controls, lone surrogates, U+FFFE...)."""
    return escape("".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs", "Cn")))


def _path(points: Sequence[Point]) -> str:
    """Absolute moves to a tenth of a pixel: finer than any screen or print shows."""
    return "M" + "L".join(f"{_n(round(x, 1))} {_n(round(y, 1))}" for x, y in points)


def _on_circle(at: Point, r: float, degrees: float) -> Point:
    return (at[0] + r * math.cos(math.radians(degrees)), at[1] + r * math.sin(math.radians(degrees)))


@functools.lru_cache(maxsize=16)
def _font_faces(used: tuple[tuple[str, int], ...]) -> str:
    """@font-face rules for the subsets used, least preferred first: where two subsets' ranges
    overlap, a browser takes the face declared last, as fonts.runs takes the preferred one."""
    rules = []
    for subset, weight in sorted(used, key=lambda used: (used[1], fonts.preference(used[0])), reverse=True):
        data = base64.b64encode(fonts.woff2(subset, weight).read_bytes()).decode("ascii")
        rules.append(f"@font-face{{font-family:'{fonts.FAMILY}';font-style:normal;font-weight:{weight};"
                     f"src:url(data:font/woff2;base64,{data}) format('woff2');"
                     f"unicode-range:{fonts.unicode_ranges()[subset]}}}")
    return "".join(rules)
