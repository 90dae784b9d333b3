"""A static map's size: WIDTHxHEIGHT pixels, times a scale for print; small, so that the command
line reads --png-size without loading the renderer."""

from __future__ import annotations

import re

from mapper.errors import OptionError

# Each side in pixels, scale the pixel density (print), at most MAX_PIXELS pixels in all.
MIN_SIZE, MAX_SIDE, MAX_SCALE, MAX_PIXELS = (320, 180), 4000, 4, 25_000_000
_SIZE = re.compile(r"\s*(\d{1,5})\s*[x\u00d7X]\s*(\d{1,5})\s*")


def parse_size(text: str) -> tuple[int, int]:
    """"1080x1080" -> (1080, 1080), checked as check_size does."""
    match = _SIZE.fullmatch(text)
    if not match:
        raise OptionError("--png-size", text,
                          f"an image size is WIDTHxHEIGHT in pixels, such as 1200x675, not {text!r}")
    size = (int(match[1]), int(match[2]))
    check_size(*size, 1)
    return size


def check_size(width: int, height: int, scale: int) -> None:
    if not (MIN_SIZE[0] <= width <= MAX_SIDE and MIN_SIZE[1] <= height <= MAX_SIDE):
        raise OptionError("--png-size", f"{width}x{height}",
                          f"a static map is {MIN_SIZE[0]} to {MAX_SIDE} pixels wide and {MIN_SIZE[1]} to "
                          f"{MAX_SIDE} high, not {width}x{height}")
    if not 1 <= scale <= MAX_SCALE:
        raise OptionError("--png-scale", scale, f"a static map's scale is 1 to {MAX_SCALE}, not {scale}")
    if width * height * scale * scale > MAX_PIXELS:
        raise OptionError("--png-scale", scale,
                          f"{width}x{height} at scale {scale} is {width * scale}x{height * scale} pixels: "
                          f"at most {MAX_PIXELS // 1_000_000} million")
