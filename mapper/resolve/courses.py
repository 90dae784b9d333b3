"""Where on its course a story meets a river.

A river of the embedded gazetteer has one point, the middle of its course; but "the Danube" in a
story from Budapest is the Danube at Budapest, two provinces from its middle. The gazetteer keeps
each river's course as points along it (mapper/data/rivers.csv, made by make_rivers.py), and the
resolver moves the river's pin to the point of its course nearest the story's other places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from mapper.geodesy import haversine_km
from mapper.model import Place
from mapper.gazetteer.records import data_rows
from mapper.gazetteer.sources import NATURAL_EARTH


@cache
def _courses() -> dict[str, list[tuple[float, float]]]:
    return {
        row["name"]: [(float(lat), float(lon)) for lat, lon in (point.split() for point in row["course"].split(";"))]
        for row in data_rows("rivers.csv")
    }


NEAR_KM = 300.0  # a place this near the river's course is where the story meets it


def met_by_the_story(river: Place, others: Sequence[Place]) -> Place:
    """The river with its pin at the point of its course nearest the story's other places, if any
    lies within NEAR_KM of it; as it is when it is no river of the embedded gazetteer or no other
    place of the story lies by it."""
    points = _courses().get(river.name) if river.source == NATURAL_EARTH and river.feature_code == "STM" else None
    if not points or not others:
        return river
    km, (lat, lon) = min((min(haversine_km(p[0], p[1], o.lat, o.lon) for o in others), p) for p in points)
    return replace(river, lat=lat, lon=lon) if km <= NEAR_KM else river
