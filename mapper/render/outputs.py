"""Write map.html, embed.html (its snippet and oembed.json), places.geojson, mentions.csv, map.png
and (on request) map.svg for one article: write_outputs."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from mapper.files import write_atomic
from mapper.model import MapResult
from mapper.render.basemap import reach_of
from mapper.render.embed import write_embed
from mapper.render.exports import mentions_csv, places_geojson
from mapper.render.framing import frame
from mapper.render.image import layout, png_of, svg_of
from mapper.render.offline import article_assets, write_assets
from mapper.render.options import RenderOptions
from mapper.render.page import render_map_html
from mapper.render.still import PNG, Still


def write_outputs(
    result: MapResult, folder: Path, options: RenderOptions | None = None, **changes: Any
) -> list[Path]:
    """Write map.html, embed.html (its snippet and oembed.json), places.geojson, mentions.csv and,
    with png (the default), map.png, with svg, map.svg into folder; return their paths, map.html first.

    options (or any of its fields as keywords: `write_outputs(r, folder, png=False)`) say how. One
    frame (framing.frame) is what the page, the embed and the image open on.
    The pages' Leaflet and basemap (with its detail near the story's frame) go to folder/assets/;
    with shared_assets, to the _assets/ beside folder, which all the articles of a run share
    (written once: offline.write_assets); self_contained, into each page itself (with no tiles: it
    makes no request at all).
    """
    options = replace(options or RenderOptions(), **changes)
    folder = Path(folder)
    view = frame(result, options.view)
    width, height = options.png_size
    assets = article_assets(self_contained=options.self_contained, shared=options.shared_assets,
                            reach=reach_of([result], view))
    write_assets(folder, assets)  # before the pages, which are never there without them
    plan = layout(result, width=width, height=height, story_view=view) if options.png or options.svg else None
    png = png_of(plan, options.png_scale) if options.png else None
    image = [write_atomic(folder / PNG, png)] if png is not None else []  # and before the embed that shows it
    still = Still.of(png) if png is not None else None
    svg = svg_of(plan, result.article.title) if options.svg else None
    geojson = json.dumps(places_geojson(result), ensure_ascii=False, indent=2) + "\n"
    return [
        write_atomic(folder / "map.html", render_map_html(result, assets, options, view)),
        *write_embed(result, folder, assets, options=options, still=still, view=view),
        write_atomic(folder / "places.geojson", geojson),
        write_atomic(folder / "mentions.csv", mentions_csv(result)),
        *image,
        *([write_atomic(folder / "map.svg", svg)] if svg is not None else []),
    ]
