"""Render stage: a MapResult becomes a reading-view HTML map, an embed, GeoJSON, a CSV of
mentions, a PNG and (on request) an SVG.

The names below load on first use (PEP 562): the command line reads the themes and image sizes
from this package's small modules without loading the renderers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapper.lazy import lazy_names

if TYPE_CHECKING:
    from mapper.render.embed import render_embed_html
    from mapper.render.exports import mentions_csv, places_geojson
    from mapper.render.image import render_png, render_svg
    from mapper.render.options import RenderOptions
    from mapper.render.outputs import write_outputs
    from mapper.render.page import render_map_html

__all__ = [
    "RenderOptions", "mentions_csv", "places_geojson", "render_embed_html", "render_map_html", "render_png",
    "render_svg", "write_outputs",
]

# Each public name's module.
_HOMES = {
    "RenderOptions": "mapper.render.options", "mentions_csv": "mapper.render.exports",
    "places_geojson": "mapper.render.exports", "render_embed_html": "mapper.render.embed",
    "render_map_html": "mapper.render.page", "render_png": "mapper.render.image", "render_svg": "mapper.render.image",
    "write_outputs": "mapper.render.outputs",
}

__getattr__, __dir__ = lazy_names(globals(), _HOMES)
