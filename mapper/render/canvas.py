"""What the static map is drawn with: a few shapes and text, in pixels of the picture.

One layout is drawn through this interface by two backends: Pillow for map.png
(mapper/render/pillow_canvas.py) and SVG for map.svg (mapper/render/svg_canvas.py). Both draw every
text above every shape, whatever the order of the calls, so the two pictures stack alike.

Colours are "#rrggbb", or "#rrggbbaa" for a translucent fill.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

Point = tuple[float, float]
Align = Literal["start", "middle", "end"]
SHARE_BEFORE: dict[str, float] = {"start": 0.0, "middle": 0.5, "end": 1.0}  # of a text's width, left of its point
Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Text:
    """One line of Noto Sans, printable (mapper.render.fonts.printable), set on its baseline."""

    text: str
    at: Point  # where the baseline starts, is centred or ends, as align says
    size: float
    weight: int = 400
    align: Align = "start"
    fill: str = "#000000"
    halo: str | None = None  # a ring of this colour around the letters, halo_width wide
    halo_width: float = 0.0
    tracking: float = 0.0  # extra space after every character, for spaced capitals


class Canvas(Protocol):
    def polygon(self, points: Sequence[Point], fill: str) -> None: ...

    def polyline(self, points: Sequence[Point], stroke: str, width: float) -> None:
        """A line through points, with round joins."""

    def circle(self, at: Point, r: float, fill: str) -> None: ...

    def arc(self, at: Point, r: float, start: float, end: float, stroke: str, width: float) -> None:
        """Part of a circle's outline, centred on it: degrees clockwise from three o'clock."""

    def rect(self, box: Box, fill: str | None = None, stroke: str | None = None, width: float = 0) -> None:
        """A rectangle, its outline centred on box's edges."""

    def text(self, text: Text) -> None: ...


def rgba(colour: str) -> tuple[int, int, int, int]:
    digits = colour.removeprefix("#")
    return (*(int(digits[i:i + 2], 16) for i in (0, 2, 4)), int(digits[6:8] or "ff", 16))  # type: ignore[return-value]
