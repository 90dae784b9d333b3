"""Where a name's place lies among the article's other places: evidence that its pin is right.

A story's places lie together. One place thousands of kilometres from all the others, and small,
is most often a namesake the ranker took for the place meant: a Kentucky story's "Paris" in
France, a Michigan story's "Delhi" in California. The calibrator (mapper.resolve.confidence)
weighs these features against the right and wrong answers of the gold corpora; how much they
count is learned there, nothing here decides it.

A place is near another when one contains the other (a state and a town in it) or by the
great-circle distance between their points. A country, continent or world region supports only
places of its own scale: "the U.S." contains every American namesake, so it says nothing about
which of them a story means.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from mapper.geodesy import SAME_PLACE_KM, haversine_km
from mapper.model import Place
from mapper.resolve.features import is_point

HALF_EARTH_KM = 20_037.5  # the farthest two points can be
NEAR_KM = SAME_PLACE_KM  # within this, a place is among the others
FAR_KM = 5_000.0  # from this on, a place is as far from the others as it can be
VILLAGE = 1_000  # people: a place this small or smaller is as small as it counts
CITY = 1_000_000  # and one this large is not small at all
_BLOCK = 512  # places compared with all others at a time, so that memory stays bounded


def nearest_km(places: Sequence[Place]) -> list[float | None]:
    """For each place, the kilometres to the nearest other place of the list that may support it
    (0 when one contains the other); None when there is none. A second name for the same place
    ("U.S." beside "United States") is no other place."""
    n = len(places)
    lat = np.array([p.lat for p in places], dtype=float)
    lon = np.array([p.lon for p in places], dtype=float)
    key = _codes([p.key for p in places])
    country = _codes([p.country_code for p in places])
    admin1 = _codes([f"{p.country_code}|{p.admin1}" if p.country_code and p.admin1 else "" for p in places])
    is_country = np.array([p.is_country for p in places])
    is_region = np.array([p.is_region for p in places])
    broad = np.array([_is_broad(p) for p in places])
    point = np.array([is_point(p) for p in places])
    phi, lam = np.radians(lat), np.radians(lon)
    unit = np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=1)
    found: list[float | None] = []
    for start in range(0, n, _BLOCK):
        rows = slice(start, min(start + _BLOCK, n))
        # The nearest point has the largest dot product of unit vectors: one matrix product.
        dots = unit[rows] @ unit.T
        same_country = (country[rows, None] == country[None, :]) & (country[rows, None] != _NONE)
        same_region = (admin1[rows, None] == admin1[None, :]) & (admin1[rows, None] != _NONE)
        contains = (is_country[rows, None] | is_country[None, :]) & same_country
        contains |= (is_region[rows, None] | is_region[None, :]) & same_region
        dots = np.where(contains, _CONTAINED, dots)
        others = (key[rows, None] != key[None, :]) & ~(point[rows, None] & broad[None, :])
        dots = np.where(others, dots, -np.inf)
        nearest = dots.argmax(axis=1)
        for i, j in zip(range(rows.start, rows.stop), nearest):
            best = dots[i - rows.start, j]
            found.append(None if best == -np.inf else 0.0 if best == _CONTAINED
                         else haversine_km(lat[i], lon[i], lat[j], lon[j]))
    return found


_CONTAINED = 2.0  # closer than any two points can be (their dot product is at most 1)
_NONE = -1  # the code of an empty string: no country, no region


def _codes(values: list[str]) -> np.ndarray:
    """Equal strings as equal integers (numpy compares those fast), "" as _NONE."""
    index: dict[str, int] = {"": _NONE}
    return np.array([index.setdefault(v, len(index)) for v in values], dtype=int)


def closeness(km: float | None) -> float:
    """log10(1 + km) over log10(1 + half the Earth's circumference): 0 beside another place, 1
    at its antipode; 0 when the place is the article's only one (the calibrator reads that apart)."""
    return 0.0 if km is None else math.log10(1.0 + km) / math.log10(1.0 + HALF_EARTH_KM)


def far_and_small(place: Place, km: float | None) -> float:
    """How far from every other place (0 within NEAR_KM, 1 from FAR_KM, on a log scale) times
    how small (1 up to VILLAGE people, 0 from CITY), for towns and counties: the namesake that
    is no place of the story. 0 for regions and countries and for an article's only place."""
    if km is None or not is_point(place):
        return 0.0
    far = math.log(max(km, NEAR_KM) / NEAR_KM) / math.log(FAR_KM / NEAR_KM)
    small = math.log(CITY / max(place.population, VILLAGE)) / math.log(CITY / VILLAGE)
    return min(far, 1.0) * min(max(small, 0.0), 1.0)


def _is_broad(place: Place) -> bool:
    """A country, continent or world region: too large to say where in it a story is."""
    return place.is_country or place.feature_code in ("CONT", "RGN")
