"""The folium map: one numbered circle per place, sized by its mentions, fitted to the places."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from typing import TypeVar

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from mapper.model import MapResult, Place, PlaceGroup
from mapper.render.numbering import place_numbers

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
    # Leaflet and the basemap are the page's assets (offline.py): no CDN, no tile layer from folium.
    fmap.default_js = []
    fmap.default_css = []
    layers: dict[str, str] = {}
    numbers = place_numbers(result)
    for rank, group in enumerate(groups):
        marker = _named(PlaceMarker(group, numbers[group.place.key], rank), _js_id(group.place.key))
        fmap.add_child(marker)
        layers[group.place.key] = marker.get_name()
    if len(focus) > 1:
        lats = [g.place.lat for g in focus]
        lons = [g.place.lon for g in focus]
        bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
        fit = folium.FitBounds(bounds, padding=(40, 40), max_zoom=11)
        fit.options["animate"] = False  # the first view; an animation would drop a shared link's view
        fmap.add_child(_named(fit, "fit"))
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


class PlaceMarker(MacroElement):
    """A round marker showing the place's number: sized by mentions, dashed and pale when uncertain.

    An HTML icon rather than an SVG circle, so the number sits inside it and keyboard users can
    focus it. The icon is passed to L.marker directly: a folium Marker would first draw (and
    fetch) Leaflet's default pin image, then swap it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.marker(
                {{ this.location|tojson }},
                {"icon": L.divIcon({{ this.icon|tojson }}), ...{{ this.options|tojson }}}
            ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, group: PlaceGroup, number: int, rank: int) -> None:
        super().__init__()
        self._name = "PlaceMarker"
        low = group.confidence < LOW_CONFIDENCE
        radius = round(min(22.0, 9 + 3 * math.sqrt(len(group.resolutions))))
        self.location = [group.place.lat, group.place.lon]
        self.icon = {
            "className": "place-marker low" if low else "place-marker",
            "html": str(number),
            "iconSize": [2 * radius, 2 * radius],
            "popupAnchor": [0, -radius],
            "tooltipAnchor": [0, -radius],
        }
        # places() lists the most mentioned (biggest) first: each later, smaller one is drawn above
        self.options = {"riseOnHover": True, "zIndexOffset": 1000 * rank}


def zoom_range(place: Place) -> tuple[int, int]:
    """The zooms a reader flown to this place may see it at: a town close up, a country whole."""
    if place.feature_code in _AREA_CODES:
        return 4, 6
    return (6, 8) if place.feature_class == "A" else (10, 18)


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
