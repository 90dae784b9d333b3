"""Render stage: a MapResult becomes a reading-view HTML map, an embed, GeoJSON, a CSV of
mentions and (on request) a PNG and an SVG."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from mapper.files import write_atomic
from mapper.model import MapResult
from mapper.render.embed import render_embed_html, write_embed
from mapper.render.exports import mentions_csv, places_geojson
from mapper.render.basemap import reach_of
from mapper.render.framing import frame
from mapper.render.image import render_png, render_svg
from mapper.render.offline import article_assets, write_assets
from mapper.render.options import RenderOptions
from mapper.render.page import render_map_html

__all__ = [
    "RenderOptions", "mentions_csv", "places_geojson", "render_embed_html", "render_map_html", "render_png",
    "render_svg", "write_outputs",
]


def write_outputs(
    result: MapResult, folder: Path, options: RenderOptions | None = None, **changes: Any
) -> list[Path]:
    """Write map.html, embed.html (and its snippet), places.geojson, mentions.csv and, with png,
    map.png, with svg, map.svg into folder; return their paths, map.html first.

    options (or any of its fields as keywords: `write_outputs(r, folder, png=True)`) say how.
    The pages' Leaflet and basemap (with its detail near the result's places) go to
    folder/assets/; with shared_assets, to the _assets/ beside folder, which all the articles of a
    run share (written once: offline.write_assets); self_contained, into each page itself (with no
    tiles: it makes no request at all).
    """
    options = replace(options or RenderOptions(), **changes)
    folder = Path(folder)
    view = frame(result, options.view)  # one view for the page, the embed and the image
    width, height = options.png_size
    assets = article_assets(self_contained=options.self_contained, shared=options.shared_assets,
                            reach=reach_of([result], view))
    write_assets(folder, assets)  # before the page, which is never there without them
    geojson = json.dumps(places_geojson(result), ensure_ascii=False, indent=2) + "\n"
    return [
        write_atomic(folder / "map.html", render_map_html(result, assets, view)),
        *write_embed(result, folder, assets, view),
        write_atomic(folder / "places.geojson", geojson),
        write_atomic(folder / "mentions.csv", mentions_csv(result)),
        *([write_atomic(folder / "map.png", render_png(result, width=width, height=height, scale=options.png_scale,
                                                        view=view))] if options.png else []),
        *([write_atomic(folder / "map.svg", render_svg(result, width=width, height=height, view=view))]
          if options.svg else []),
    ]
