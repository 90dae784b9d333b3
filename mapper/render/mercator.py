"""Web Mercator views for the static map: which part of the world an image shows, and where."""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_LAT = 85.0511287798  # where Web Mercator's square world ends
TILE = 256  # pixels per world width at zoom 0, as for map tiles
_WORLD_LATS = (75.0, -56.0)  # the band a world view shows: inhabited land, not the poles


def world_xy(lat: float, lon: float) -> tuple[float, float]:
    """Web Mercator in world units: x 0..1 from 180°W eastwards, y 0..1 from the north edge."""
    s = math.sin(math.radians(max(-MAX_LAT, min(MAX_LAT, lat))))
    return (lon + 180) / 360, 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


@dataclass(frozen=True)
class View:
    """A width x height map area at (left, top) of an image, centred on world point (cx, cy)."""

    cx: float
    cy: float
    scale: float  # pixels per world width
    width: int
    height: int
    left: int = 0
    top: int = 0

    @property
    def zoom(self) -> float:
        return math.log2(self.scale / TILE)

    def pixel(self, lat: float, lon: float) -> tuple[float, float]:
        """Image position of a point, on the copy of the world nearest the centre."""
        x, y = world_xy(lat, lon)
        return self.at(x - round(x - self.cx), y)

    def at(self, x: float, y: float) -> tuple[float, float]:
        """Image position of a point in world units (no wrapping)."""
        return (
            self.left + self.width / 2 + (x - self.cx) * self.scale,
            self.top + self.height / 2 + (y - self.cy) * self.scale,
        )

    def shifts(self) -> range:
        """The whole-world x shifts that may bring a copy of a shape into the area.

        One more each side: outlines that cross 180° reach past the edge of the world.
        """
        half = self.width / 2 / self.scale
        return range(math.floor(self.cx - half) - 1, math.floor(self.cx + half) + 2)

    def shows(self, px: float, py: float) -> bool:
        return self.left <= px <= self.left + self.width and self.top <= py <= self.top + self.height

    def scaled(self, factor: int) -> View:
        """The same view drawn factor times larger (for supersampling)."""
        return View(self.cx, self.cy, self.scale * factor, self.width * factor, self.height * factor,
                    self.left * factor, self.top * factor)


def fit(points: list[tuple[float, float]], width: int, height: int, *, pad: tuple[int, int],
        max_zoom: float, single_zoom: float, left: int = 0, top: int = 0) -> View:
    """The view of (lat, lon) points: all of them inside the area less pad, zoomed in no further
    than max_zoom (single_zoom for one point); for no points, the inhabited world."""
    if points:
        xs = [(lon + 180) / 360 for lon in _unwrapped([lon for _, lon in points])]
        ys = [world_xy(lat, 0)[1] for lat, _ in points]
    else:
        xs, ys = [0.0, 1.0], [world_xy(lat, 0)[1] for lat in _WORLD_LATS]
    (x0, x1), (y0, y1) = (min(xs), max(xs)), (min(ys), max(ys))
    one_point = x1 == x0 and y1 == y0
    scales = [TILE * 2 ** (single_zoom if one_point else max_zoom)]
    if x1 > x0:
        scales.append(max(1, width - 2 * pad[0]) / (x1 - x0))
    if y1 > y0:
        scales.append(max(1, height - 2 * pad[1]) / (y1 - y0))
    scale = max(min(scales), height, 0 if points else width)  # never taller than the world
    half = height / 2 / scale
    return View((x0 + x1) / 2, min(max((y0 + y1) / 2, half), 1 - half), scale, width, height, left, top)


def _unwrapped(lons: list[float]) -> list[float]:
    """Longitudes moved by whole turns so that they span the shortest arc.

    Places in Fiji and Samoa (either side of 180°) then sit side by side, not a world apart.
    """
    ordered = sorted(lon % 360 for lon in lons)
    gaps = [(b - a, b) for a, b in zip(ordered, ordered[1:])]
    gaps.append((ordered[0] + 360 - ordered[-1], ordered[0]))
    start = max(gaps)[1]  # the arc begins just east of the widest gap
    return [start + (lon - start) % 360 - 360 * (start >= 180) for lon in lons]
