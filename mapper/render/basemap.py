"""Where the map's tiles and Leaflet come from: the one place to change for offline basemaps."""

from __future__ import annotations

import folium

# Only Leaflet itself: markers and popups are plain Leaflet, so folium's jQuery, Bootstrap and
# icon fonts are not loaded. The URLs follow the folium release in use.
LEAFLET_JS = dict(folium.Map.default_js)["leaflet"]
LEAFLET_CSS = dict(folium.Map.default_css)["leaflet_css"]


def tile_layer() -> folium.TileLayer:
    """The basemap: OpenStreetMap's standard tiles, with their attribution."""
    return folium.TileLayer("OpenStreetMap")
