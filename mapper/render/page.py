"""The reading view: the article beside its map, as one HTML page."""

from __future__ import annotations

import json
import re
from html import escape
from importlib.resources import files
from typing import Any

from mapper.model import MapResult
from mapper.render.article import article_html
from mapper.render.basemap import reach_of
from mapper.render.caption import figcaption_html
from mapper.render.csp import CHARSET, with_policy
from mapper.render.editing import edit_data
from mapper.render.framing import Frame, frame
from mapper.render.markers import LOW_CONFIDENCE, MapParts, build_map, label_order, legend_html, zoom_range
from mapper.render.naming import display_name
from mapper.render.numbering import place_numbers
from mapper.render.oembed import discovery_link
from mapper.render.offline import PageAssets, page_assets
from mapper.render.options import RenderOptions
from mapper.render.popups import marker_label, popup_html, tooltip_html
from mapper.render.theme import theme_css

_TEMPLATES = files("mapper.render") / "templates"
_CSS = (_TEMPLATES / "page.css").read_text(encoding="utf-8")
_JS = (_TEMPLATES / "page.js").read_text(encoding="utf-8")
_EDIT_CSS = (_TEMPLATES / "edit.css").read_text(encoding="utf-8")  # the edit mode: this page only, never the embed
_EDIT_JS = (_TEMPLATES / "edit.js").read_text(encoding="utf-8")
# folium's forbids zooming the page (user-scalable=no, maximum-scale=1): ours replaces it
_FOLIUM_VIEWPORT = re.compile(r'\s*<meta name="viewport"[^>]*>')
_FOLIUM_CHARSET = re.compile(r'\s*<meta http-equiv="content-type"[^>]*>')  # too late in <head>: CHARSET replaces it
_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def render_map_html(
    result: MapResult, assets: PageAssets | None = None, options: RenderOptions | None = None,
    view: Frame | None = None,
) -> str:
    """The page; its Leaflet and basemap assets are linked from assets/ unless `assets` says otherwise.

    options: its theme, palette, caption and credit, where the embed's oembed.json is, and what the
    map opens on (view, when already framed: framing.frame(result, options.view)).
    """
    options = options or RenderOptions()
    parts = build_map(result, view or frame(result, options.view))
    groups = result.places()
    data = {"map": parts.map_name, "places": places_data(result, parts), **view_data(result, parts)}
    return with_policy(f"""<!DOCTYPE html>
<html lang="en" data-theme="{options.theme}">
<head>
{CHARSET}
{map_head(result, parts, assets)}<title>{escape(result.article.title)} · map</title>
{discovery_link(result, options)}<style>
{theme_css(options.palette)}{_CSS}</style>
<style>
{_EDIT_CSS}</style>
</head>
<body>
<a class="skip-link" href="#{parts.map_name}">Skip to the map</a>
<main class="mapper-page">
<article class="mapper-article">
{article_html(result)}
</article>
<section class="mapper-map" aria-label="Map of the places in the story">
<figure class="map-figure">
{parts.body}{legend_html(groups)}
{figcaption_html(options)}</figure>
</section>
</main>
<script>
{parts.script}
</script>
<script type="application/json" id="mapper-data">{script_json(data)}</script>
<script>
{_JS}</script>
<script type="application/json" id="mapper-edit">{script_json(edit_data(result))}</script>
<script>
{_EDIT_JS}</script>
</body>
</html>
""")


def map_head(result: MapResult, parts: MapParts, assets: PageAssets | None = None) -> str:
    """A map page's <head> tags: the assets' (by default linked, with the basemap's detail near the
    story's frame), then folium's with a viewport that lets readers zoom."""
    assets = assets or page_assets(reach=reach_of([result], parts.frame))
    return f"{_VIEWPORT}\n{assets.head}{_FOLIUM_CHARSET.sub('', _FOLIUM_VIEWPORT.sub('', parts.head))}\n"


def places_data(result: MapResult, parts: MapParts) -> dict[str, dict[str, Any]]:
    """What a page's script needs for each place: its marker, number, name, label, popup, tooltip
    and zooms."""
    numbers = place_numbers(result)
    return {
        g.place.key: {
            "layer": parts.layers[g.place.key],
            "n": numbers[g.place.key],
            "name": display_name(g),
            "low": g.confidence < LOW_CONFIDENCE,
            "label": marker_label(g, numbers[g.place.key]),
            "popup": popup_html(g, result.article, numbers[g.place.key]),
            "tooltip": tooltip_html(g),
            "zoom": zoom_range(g.place),
        }
        for g in result.places()
    }


def view_data(result: MapResult, parts: MapParts) -> dict[str, Any]:
    """What story-view.js and labels.js need: the story's box and the order labels claim room in."""
    box = parts.frame.box
    return {"box": box.as_list() if box else None, "labelOrder": label_order(result, parts.frame)}


def script_json(data: Any) -> str:
    """JSON that cannot end its <script> element or be read as markup inside it."""
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
