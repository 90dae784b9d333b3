"""The static map's canvas for map.png, with Pillow."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from PIL import Image, ImageDraw

from mapper.render import fonts
from mapper.render.canvas import SHARE_BEFORE, Box, Point, Text, rgba

# Shapes are drawn this much larger, then shrunk (Pillow's shapes are not antialiased), on a canvas
# of at most this many pixels: a big print image is dense enough with less.
SUPERSAMPLE, SUPERSAMPLED_PIXELS = 3, 60_000_000


class PillowCanvas:
    """A width x height picture drawn at scale times its pixels. Text is drawn last, at its own
    size on the shrunk image, where FreeType hints it crisp."""

    def __init__(self, width: int, height: int, *, scale: int = 1, background: str = "#ffffff") -> None:
        self.size = (width * scale, height * scale)
        self.scale = scale
        fits = math.isqrt(SUPERSAMPLED_PIXELS // (self.size[0] * self.size[1]))
        self.k = scale * max(1, min(SUPERSAMPLE, fits))  # shape pixels per picture pixel
        self._image = Image.new("RGB", (width * self.k, height * self.k), background)
        self._draw = ImageDraw.Draw(self._image, "RGBA")  # RGBA: translucent fills blend
        self._texts: list[Text] = []

    def _at(self, points: Sequence[Point]) -> list[Point]:
        return [(x * self.k, y * self.k) for x, y in points]

    def _circle(self, at: Point, r: float) -> Box:
        x, y = at
        return ((x - r) * self.k, (y - r) * self.k, (x + r) * self.k, (y + r) * self.k)

    def polygon(self, points: Sequence[Point], fill: str) -> None:
        self._draw.polygon(self._at(points), fill=rgba(fill))

    def polyline(self, points: Sequence[Point], stroke: str, width: float) -> None:
        self._draw.line(self._at(points), fill=rgba(stroke), width=max(1, round(width * self.k)), joint="curve")

    def circle(self, at: Point, r: float, fill: str) -> None:
        self._draw.ellipse(self._circle(at, r), fill=rgba(fill))

    def arc(self, at: Point, r: float, start: float, end: float, stroke: str, width: float) -> None:
        # Pillow draws an arc's width inwards from its box
        self._draw.arc(self._circle(at, r + width / 2), start, end, fill=rgba(stroke),
                       width=max(1, round(width * self.k)))

    def rect(self, box: Box, fill: str | None = None, stroke: str | None = None, width: float = 0) -> None:
        if fill:
            self._draw.rectangle(self._at([box[:2], box[2:]]), fill=rgba(fill))
        if stroke and width:  # Pillow draws an outline inside its box
            x0, y0, x1, y1 = box[0] - width / 2, box[1] - width / 2, box[2] + width / 2, box[3] + width / 2
            self._draw.rectangle(self._at([(x0, y0), (x1, y1)]), outline=rgba(stroke),
                                 width=max(1, round(width * self.k)))

    def text(self, text: Text) -> None:
        self._texts.append(text)

    def png(self) -> bytes:
        image = self._image.resize(self.size, Image.Resampling.LANCZOS)
        draw = ImageDraw.Draw(image)
        for text in self._texts:
            pieces = self._pieces(text)
            if text.halo and text.halo_width:  # every halo before any letter: none covers a letter
                width = round(text.halo_width * self.scale)
                for at, run, font in pieces:
                    draw.text(at, run, font=font, anchor="ls", fill=text.halo, stroke_width=width,
                              stroke_fill=text.halo)
            for at, run, font in pieces:
                draw.text(at, run, font=font, anchor="ls", fill=text.fill)
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)  # no metadata: the same map, the same bytes
        return out.getvalue()

    def _pieces(self, text: Text) -> list[tuple[Point, str, object]]:
        """(baseline start, characters, font) of each run of text, or of each character when
        tracked, in image pixels."""
        size, tracking = text.size * self.scale, text.tracking * self.scale
        parts = [(piece, fonts.font(run.subset, text.weight, size)) for run in fonts.runs(text.text)
                 for piece in (run.text if tracking else [run.text])]
        advances = [font.getlength(piece) + tracking for piece, font in parts]
        x = text.at[0] * self.scale - SHARE_BEFORE[text.align] * (sum(advances) - tracking * bool(parts))
        pieces = []
        for (piece, font), advance in zip(parts, advances):
            pieces.append(((x, text.at[1] * self.scale), piece, font))
            x += advance
        return pieces
