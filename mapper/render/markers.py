"""The folium map: one numbered circle per place, sized by its mentions, opened on the story's frame."""

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
from mapper.render.extents import is_area
from mapper.render.framing import Frame, frame
from mapper.render.numbering import place_numbers

LOW_CONFIDENCE = 0.5  # places below this look uncertain: dashed outline, pale fill
MAX_FIT_ZOOM = 11  # a story about one town opens on the town, not on its streets
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
    frame: Frame  # the view it opens on


def build_map(result: MapResult, view: Frame | None = None) -> MapParts:
    """The map opened on `view` (default: framing.frame(result), the story's places)."""
    view = view or frame(result)
    fmap = _named(folium.Map(location=_centre(view), zoom_start=2, tiles=None, control_scale=True), "mapper")
    # Leaflet and the basemap are the page's assets (offline.py): no CDN, no tile layer from folium.
    fmap.default_js = []
    fmap.default_css = []
    layers: dict[str, str] = {}
    numbers = place_numbers(result)
    sizes = {g.place.key: rank for rank, g in enumerate(result.places())}  # most mentioned first
    # added in the order of their numbers, which is the order the keyboard visits them in
    for group in sorted(result.places(), key=lambda g: numbers[g.place.key]):
        marker = _named(PlaceMarker(group, numbers[group.place.key], sizes[group.place.key]), _js_id(group.place.key))
        fmap.add_child(marker)
        layers[group.place.key] = marker.get_name()
    if view.box is not None:
        fit = folium.FitBounds(view.box.as_list(), padding=(40, 40), max_zoom=MAX_FIT_ZOOM)
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
        frame=view,
    )


def _centre(view: Frame) -> list[float]:
    """Where the map is before the first fit: the box's centre, or the world's."""
    if view.box is None:
        return [20.0, 0.0]
    lat, lon = view.box.centre
    return [lat, (lon + 180) % 360 - 180]


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
        # rank 0 is the most mentioned (biggest): each smaller one is drawn above the bigger ones
        self.options = {"riseOnHover": True, "zIndexOffset": 1000 * rank}


def label_order(result: MapResult, view: Frame) -> list[str]:
    """Place keys in the order their names claim room on the map: the places the view frames
    before the others, the first named first (the story's lede), then the most mentioned."""
    numbers = place_numbers(result)
    inside = set(view.inside)
    return [g.place.key for g in sorted(result.places(), key=lambda g: (
        g.place.key not in inside, numbers[g.place.key] != 1, -len(g.resolutions), numbers[g.place.key]))]


def zoom_range(place: Place) -> tuple[int, int]:
    """The zooms a reader flown to this place may see it at: a town close up, a country whole."""
    if is_area(place):
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
