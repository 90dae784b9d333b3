"""oEmbed (https://oembed.com): oembed.json beside an embed, so that a CMS given the map's URL
embeds it, and the <link> by which a page names its oembed.json."""

from __future__ import annotations

import json
from html import escape

from mapper.model import MapResult
from mapper.render.options import RenderOptions
from mapper.render.still import Still
from mapper.render.urls import published

OEMBED = "oembed.json"
PROVIDER = "mapper"


def oembed_json(
    *, title: str, html: str, width: int, height: int, still: Still | None, base_url: str | None
) -> str:
    """A "rich" oEmbed response: html is the snippet, width and height the size it starts at.

    Without base_url the thumbnail's URL is relative to the folder, which a CMS cannot resolve:
    publish with base_url.
    """
    response: dict[str, object] = {
        "type": "rich",
        "version": "1.0",
        "title": title,
        "provider_name": PROVIDER,
        "html": html,
        "width": width,
        "height": height,
    }
    if still is not None:
        response |= {
            "thumbnail_url": published(still.name, base_url),
            "thumbnail_width": still.width,
            "thumbnail_height": still.height,
        }
    return json.dumps(response, ensure_ascii=False, indent=2) + "\n"


def frame_title(result: MapResult) -> str:
    """The embed's title: its document's, the iframe's that screen readers announce, oembed.json's."""
    return f"Map: {result.article.title}"


def discovery_link(result: MapResult, options: RenderOptions) -> str:
    """The <link> in a page's <head> that names the oembed.json of its folder's embed; none in a
    self-contained page, which refers to nothing."""
    if options.self_contained:
        return ""
    href = published(OEMBED, options.base_url)
    return (
        f'<link rel="alternate" type="application/json+oembed" href="{escape(href)}" '
        f'title="{escape(frame_title(result))}">\n'
    )
