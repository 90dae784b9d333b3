"""The folium map: one circle per place, sized by its mentions, fitted to the places."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from typing import TypeVar

import folium
from branca.element import Element, Figure

from mapper.model import MapResult, PlaceGroup
from mapper.render.basemap import LEAFLET_CSS, LEAFLET_JS, tile_layer

ACCENT = "#b3261e"
LOW_CONFIDENCE = 0.5  # places below this look uncertain: dashed outline, pale fill
_AREA_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "CONT", "RGN", "OCN", "SEA"})
_SINGLE_PLACE_ZOOM = {"A": 6, "P": 11}  # GeoNames feature class -> zoom; others get 9
_SAFE_ID = re.compile(r"[A-Za-z0-9_]+")

E = TypeVar("E", bound=Element)


@dataclass(frozen=True)
class MapParts:
    """The rendered map, split into what goes in <head>, in <body> and in a <script>."""

    head: str
    body: str
    script: str
    map_name: str  # JS variable of the L.map
    layers: dict[str, str]  # place key -> JS variable of its marker


def build_map(result: MapResult) -> MapParts:
    groups = result.places()
    focus = _focus(groups)
    center, zoom = _view(focus)
    fmap = _named(folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True), "mapper")
    fmap.default_js = [("leaflet", LEAFLET_JS)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    fmap.add_child(_named(tile_layer(), "basemap"))
    layers: dict[str, str] = {}
    for group in groups:
        marker = _named(_marker(group), _js_id(group.place.key))
        fmap.add_child(marker)
        layers[group.place.key] = marker.get_name()
    if len(focus) > 1:
        lats = [g.place.lat for g in focus]
        lons = [g.place.lon for g in focus]
        bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
        fmap.add_child(_named(folium.FitBounds(bounds, padding=(40, 40), max_zoom=11), "fit"))
    figure = _named(fmap.get_root(), "page")
    assert isinstance(figure, Figure)
    figure.render()  # fills the figure's header, html and script parts
    return MapParts(
        head=figure.header.render(),
        body=figure.html.render(),
        script=figure.script.render(),
        map_name=fmap.get_name(),
        layers=layers,
    )


def _focus(groups: tuple[PlaceGroup, ...]) -> tuple[PlaceGroup, ...]:
    """The places the view is fitted to: towns and sites when there are any.

    A country's point is only its centroid, and a passing "the US" in a story about Aleppo
    should not zoom the map out to the whole world; the countries stay on the map all the same.
    """
    local = tuple(g for g in groups if g.place.feature_code not in _AREA_CODES)
    return local or groups


def _view(groups: tuple[PlaceGroup, ...]) -> tuple[list[float], int]:
    """Center and zoom before any fitting: the world, or the only (or first) place."""
    if not groups:
        return [20.0, 0.0], 2
    first = groups[0].place
    return [first.lat, first.lon], _SINGLE_PLACE_ZOOM.get(first.feature_class, 9)


def _marker(group: PlaceGroup) -> folium.CircleMarker:
    low = group.confidence < LOW_CONFIDENCE
    return folium.CircleMarker(
        location=(group.place.lat, group.place.lon),
        radius=round(min(30.0, 6 + 4 * math.sqrt(len(group.resolutions))), 1),
        color=ACCENT,
        weight=2,
        fill_color=ACCENT,
        fill_opacity=0.15 if low else 0.6,
        dash_array="4 4" if low else None,
        class_name="place-marker low" if low else "place-marker",
    )


def legend_html(groups: tuple[PlaceGroup, ...]) -> str:
    """A key to the two marker styles, only for a map with at least one uncertain place."""
    if all(g.confidence >= LOW_CONFIDENCE for g in groups):
        return ""
    return (
        '<ul class="map-legend" aria-label="Map legend">'
        '<li><span class="key" aria-hidden="true"></span>solid: confident</li>'
        '<li><span class="key low" aria-hidden="true"></span>'
        f"dashed: uncertain (confidence &lt; {LOW_CONFIDENCE:.0%})</li></ul>"
    )


def _js_id(key: str) -> str:
    """The key itself when it is safe in a JS name (the usual "gn170063"), else a digest of it."""
    if _SAFE_ID.fullmatch(key):
        return key
    return "k" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _named(element: E, element_id: str) -> E:
    """Replace branca's random id, so output is byte-identical and JS names are stable."""
    element._id = element_id
    return element
