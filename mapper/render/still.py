"""The static image of a map (map.png) as the pages refer to it: its file name and size."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

PNG = "map.png"


@dataclass(frozen=True)
class Still:
    name: str  # beside the pages
    width: int
    height: int

    @classmethod
    def of(cls, png: bytes, name: str = PNG) -> Still:
        with Image.open(io.BytesIO(png)) as image:  # reads the header only
            width, height = image.size
        return cls(name, width, height)
