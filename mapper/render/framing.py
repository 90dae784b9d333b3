"""Which part of the world a story's map opens on: the places the story is about.

The view frames the story's most mentioned, most specific places where they lie together. A country,
continent or region that contains them never widens it (its point is only a centroid), a river's pin
beside one town never narrows it to that town (its point is one of a long line), nor does a
place far from the rest that the story barely mentions ("donors in Brussels", a namesake on another
continent): those stay on the map, reachable by zooming out, and are listed as outside the view.
One frame drives the interactive map, the embed and the static image.

How the places the view holds are chosen (`auto`):
1. A place that contains another of the story's places (a country, a state around its towns) is a
   container; the rest are candidates, weighted by mentions (the headline's and the first
   paragraph's twice: news says first where it happens), by how specific they are and by how sure
   the pin is, and a container's weight is shared among the candidates inside it. Countries and
   world regions stand aside when the story's specific places weigh far more; a story told in
   countries ("talks between India and Pakistan") is framed on them.
2. Candidates are clustered: two places closer than a few times the story's typical spacing are
   one group.
3. The heaviest cluster is the view; another cluster joins it when its share of the story's weight
   pays for the zoom levels it costs (ZOOM_COST a level, SECOND_CENTRE at most): a far-off place
   named once never does, a second centre of the story (Paris and New York) always does.
"""

from __future__ import annotations

import math
import re

import numpy as np
from collections.abc import Sequence
from dataclasses import dataclass, field

from mapper.errors import OptionError
from mapper.geodesy import haversine_km_array
from mapper.model import MapResult, Place, PlaceGroup
from mapper.render.extents import Box, is_area, place_box
from mapper.render.naming import display_name
from mapper.render.numbering import place_numbers
from mapper.gazetteer.names import normalize

LEDE_WEIGHT = 2.0  # a mention in the story's headline or first paragraph counts this many
ZOOM_COST = 0.2  # the share of the story's weight one more zoom level out must bring into the view...
SECOND_CENTRE = 0.3  # ...up to this share: a cluster this heavy joins wherever it is
AREA_WEIGHT = 0.5  # a country or region named as often as a town says less about where the story is
ADMIN1_WEIGHT = 0.7
AREAS_STAND_ASIDE = 2.0  # specific places this many times the areas' weight frame the view alone
LINK_SPACINGS = 3.0  # places closer than this many typical spacings are one cluster...
LINK_KM = (100.0, 800.0)  # ...within these bounds
MIN_EXTENT_KM = 80.0  # growth is counted from at least this size: nearby places cost nothing
MOST_CLUSTERED = 2000  # the heaviest places that shape the view; past this many, the rest cannot
MOST_JOINING = 200  # clusters that may join the heaviest, in order of weight

_BOX = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*")


@dataclass(frozen=True)
class ViewRequest:
    """What the user asked the view to be: auto (the story's places), all (every pin), a box, a place."""

    kind: str = "auto"
    box: Box | None = None
    place: str = ""
    fallback: Place | None = None  # where a named place is when the article does not name it

    def __str__(self) -> str:
        return self.place if self.kind == "place" else self.kind


AUTO = ViewRequest()


@dataclass(frozen=True)
class Frame:
    """The initial view: a box, the places it was fitted to, and the places left outside it."""

    box: Box | None  # None: the story has no places, show the world
    inside: tuple[str, ...] = ()  # place keys whose points lie in the box
    outside: tuple[str, ...] = field(default=())  # the other places, in the order of their numbers


def parse_view(text: str) -> ViewRequest:
    """--view: "auto", "all", "SOUTH,WEST,NORTH,EAST" in degrees, or a place's name."""
    value = text.strip()
    if value.lower() in ("auto", "all"):
        return ViewRequest(value.lower())
    if match := _BOX.fullmatch(value):
        south, west, north, east = map(float, match.groups())
        if not (-90 <= south < north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
            raise OptionError("--view", text, f"--view {text!r}: give SOUTH,WEST,NORTH,EAST with "
                              "-90 <= south < north <= 90 and longitudes in -180..180")
        return ViewRequest("box", box=Box(south, west, north, east + (360 if east < west else 0)))
    if not normalize(value):
        raise OptionError("--view", text, f"--view {text!r}: give auto, all, SOUTH,WEST,NORTH,EAST or a place's name")
    return ViewRequest("place", place=value)


def frame(result: MapResult, request: ViewRequest = AUTO) -> Frame:
    groups = result.places()
    if request.kind == "box" and request.box:
        return _framed(result, request.box)
    if request.kind == "place":
        return _framed(result, _place_view(result, request))
    if not groups:
        return Frame(None)
    if request.kind == "all":
        return _framed(result, _union([_point_box(g.place) for g in groups]))
    return _framed(result, _union([_box(g.place) for g in story_core(result)]))


def story_core(result: MapResult) -> list[PlaceGroup]:
    """The places the story is about (see the module's docstring)."""
    groups = result.places()
    # the headline, where it is read, and the first paragraph
    lede_end = next((p.end for p in result.article.paragraphs if not p.is_headline), 0)

    def weight(group: PlaceGroup) -> float:
        return place_weight(group, lede_end)

    contents = _contents(groups)
    candidates = [g for g in groups if not contents[g.place.key]]
    specific = [g for g in candidates if not is_area(g.place)]
    if sum(map(weight, specific)) >= AREAS_STAND_ASIDE * sum(weight(g) for g in candidates if is_area(g.place)):
        candidates = specific
    candidates = sorted(candidates, key=weight, reverse=True)[:MOST_CLUSTERED]
    weights = {g.place.key: weight(g) for g in candidates}
    for container in (g for g in groups if contents[g.place.key]):  # "Ituri province" speaks for its towns
        inside = [g.place.key for g in contents[container.place.key] if g.place.key in weights]
        for key in inside:
            weights[key] += weight(container) / len(inside)

    def mass(cluster: list[PlaceGroup]) -> float:
        return sum(weights[g.place.key] for g in cluster)

    clusters = sorted(_clusters(candidates), key=lambda c: (-mass(c), _first(c)))
    core, rest = clusters[0], [(c, _union([_box(g.place) for g in c])) for c in clusters[1:MOST_JOINING]]
    box, total = _union([_box(g.place) for g in core]), sum(weights.values())
    while rest:
        gains = [(mass(c) / total - min(ZOOM_COST * _zoom_levels(box, c_box), SECOND_CENTRE), i)
                 for i, (c, c_box) in enumerate(rest)]
        gain, best = max(gains)
        if gain < 0:
            break
        cluster, cluster_box = rest.pop(best)
        core, box = core + cluster, box.union(cluster_box)
    return core


def place_weight(group: PlaceGroup, lede_end: int = 0) -> float:
    """How much a place says about where the story is: mentions, those of the headline and the
    first paragraph (before lede_end) LEDE_WEIGHT times, as news says first where it happens;
    made less by being a country or a region, and by being an uncertain pin."""
    place = group.place
    kind = AREA_WEIGHT if is_area(place) else ADMIN1_WEIGHT if place.is_region else 1.0
    sureness = 1.0 if group.pinned else max(0.25, group.confidence)
    mentions = sum(LEDE_WEIGHT if r.mention.start < lede_end else 1.0 for r in group.resolutions)
    return mentions * kind * sureness


def _contents(groups: Sequence[PlaceGroup]) -> dict[str, list[PlaceGroup]]:
    """Each place's key -> the story's places inside it: a country's, a state's, a continent's."""
    by_country: dict[str, list[PlaceGroup]] = {}
    by_state: dict[tuple[str, str], list[PlaceGroup]] = {}
    for g in groups:
        by_country.setdefault(g.place.country_code, []).append(g)
        by_state.setdefault((g.place.country_code, g.place.admin1), []).append(g)
    return {g.place.key: [o for o in _near(g.place, groups, by_country, by_state) if _contains(g.place, o.place)]
            for g in groups}


def _near(place: Place, groups: Sequence[PlaceGroup], by_country: dict, by_state: dict) -> Sequence[PlaceGroup]:
    """The places that may lie inside place: those of its country, or of its state."""
    if place.feature_code == "CONT":
        return groups
    if place.is_country:
        return by_country.get(place.country_code, []) if place.country_code else []
    if place.is_region:
        return by_state.get((place.country_code, place.admin1), []) if place.admin1 else []
    return []


def _contains(outer: Place, inner: Place) -> bool:
    if outer.key == inner.key:
        return False
    if outer.feature_code == "CONT":
        return place_box(outer).contains(inner.lat, inner.lon) and inner.feature_code != "CONT"
    if outer.is_country:
        return bool(outer.country_code) and inner.country_code == outer.country_code and not inner.is_country
    if outer.is_region:
        same = bool(outer.admin1) and inner.country_code == outer.country_code and inner.admin1 == outer.admin1
        return same and inner.feature_code != "ADM1"
    return False


def _clusters(groups: list[PlaceGroup]) -> list[list[PlaceGroup]]:
    """Single-linkage clusters: places within the link distance of each other, transitively."""
    n = len(groups)
    if n < 2:
        return [list(groups)]
    lat = np.array([g.place.lat for g in groups])
    lon = np.array([g.place.lon for g in groups])
    reach = np.array([place_box(g.place).extent_km() / 2 if is_area(g.place) else 0.0 for g in groups])
    gaps = haversine_km_array(lat[:, None], lon[:, None], lat[None, :], lon[None, :]) - reach[:, None] - reach[None, :]
    np.fill_diagonal(gaps, np.inf)
    link = min(max(LINK_SPACINGS * float(np.median(np.maximum(gaps.min(axis=1), 0.0))), LINK_KM[0]), LINK_KM[1])
    near = gaps <= link
    left = np.ones(n, dtype=bool)
    clusters = []
    for i in range(n):
        if not left[i]:
            continue
        members = np.zeros(n, dtype=bool)
        members[i], left[i] = True, False
        frontier = members.copy()
        while frontier.any():
            frontier = near[frontier].any(axis=0) & left
            left &= ~frontier
            members |= frontier
        clusters.append([groups[j] for j in np.flatnonzero(members)])
    return clusters


def _zoom_levels(box: Box, cluster_box: Box) -> float:
    """How many zoom levels out the view must go to take the cluster in too."""
    grown = box.union(cluster_box)
    return math.log2(max(grown.extent_km(), MIN_EXTENT_KM) / max(box.extent_km(), MIN_EXTENT_KM))


def _first(cluster: list[PlaceGroup]) -> int:
    return min(r.mention.start for g in cluster for r in g.resolutions)


def _box(place: Place) -> Box:
    return place_box(place)


def _point_box(place: Place) -> Box:
    """A place's point, with a little room unless it is an area (whose point is all `all` shows)."""
    return Box(place.lat, place.lon, place.lat, place.lon) if is_area(place) else place_box(place)


def _union(boxes: list[Box]) -> Box:
    box = boxes[0]
    for other in boxes[1:]:
        box = box.union(other)
    return box


def _place_view(result: MapResult, request: ViewRequest) -> Box:
    """The named place whole, with the story's places inside it."""
    wanted = normalize(request.place)
    groups = result.places()
    for g in groups:
        names = {g.place.name, display_name(g), *(r.mention.text for r in g.resolutions)}
        if wanted in {normalize(n) for n in names}:
            return _union([_box(g.place), *(_box(o.place) for o in groups if _contains(g.place, o.place))])
    if request.fallback is not None:
        return _box(request.fallback)
    raise OptionError("--view", request.place,
                      f"--view {request.place!r}: no place of that name in {result.article.id!r}")


def _framed(result: MapResult, box: Box) -> Frame:
    numbers = place_numbers(result)
    groups = sorted(result.places(), key=lambda g: numbers[g.place.key])
    inside = tuple(g.place.key for g in groups if box.contains(g.place.lat, g.place.lon))
    outside = tuple(g.place.key for g in groups if g.place.key not in inside)
    return Frame(box, inside, outside)

