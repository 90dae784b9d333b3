"""The caption and credit line under a map, as a <figcaption>."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from mapper.render.options import RenderOptions

NEW_TAB = '<span class="sr-only"> (opens in a new tab)</span>'


def figcaption_html(options: RenderOptions, *, text: str | None = None, link: str = "") -> str:
    """The options' caption (else `text`) and credit line, the credit linked to the source, and
    `link` (HTML) at the end of the credit line; "" when there is nothing to say.

    A source link without a credit is credited by its host: "Source: data.example.org". The
    credit's link opens in a new tab: inside an embed's iframe it would replace the map.
    """
    caption = options.caption or text
    credit = options.credit
    if options.source_link:
        credit_html = (
            f'<a href="{escape(options.source_link)}" target="_blank" rel="noopener noreferrer">'
            f'{escape(credit or f"Source: {_host(options.source_link)}")}{NEW_TAB}</a>'
        )
    else:
        credit_html = escape(credit or "")
    lines = [f'<p class="map-caption-text">{escape(caption)}</p>'] if caption else []
    if credit_html or link:
        lines.append(f'<p class="map-credit"><span>{credit_html}</span>{link}</p>')
    return f'<figcaption class="map-caption">\n{chr(10).join(lines)}\n</figcaption>\n' if lines else ""


def _host(url: str) -> str:
    return (urlsplit(url.strip()).hostname or url).removeprefix("www.")
