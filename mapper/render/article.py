"""The article view: the title, then every paragraph with its place names marked up."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from mapper.model import MapResult, Paragraph, Resolution
from mapper.render.markers import LOW_CONFIDENCE


def article_html(result: MapResult) -> str:
    article = result.article
    by_paragraph: dict[str, list[Resolution]] = {}
    for r in sorted(result.resolutions, key=lambda r: (r.mention.start, r.mention.end)):
        by_paragraph.setdefault(r.mention.paragraph_id, []).append(r)
    paragraphs = "\n".join(_paragraph(p, by_paragraph.get(p.id, [])) for p in article.paragraphs)
    return (
        f'<header class="article-header">\n<h1>{escape(article.title)}</h1>\n'
        f"{_source(article.url)}{_summary(result)}</header>\n{paragraphs}"
    )


def _paragraph(paragraph: Paragraph, resolutions: list[Resolution]) -> str:
    text, cursor, out = paragraph.text, 0, []
    for r in resolutions:
        start, end = r.mention.start - paragraph.start, r.mention.end - paragraph.start
        if start < cursor or end > len(text):
            continue  # overlaps the previous mention or leaves the paragraph: stays plain text
        out += [escape(text[cursor:start]), _mention(r, text[start:end])]
        cursor = end
    out.append(escape(text[cursor:]))
    return f'<p id="{escape(paragraph.id)}">{"".join(out)}</p>'


def _mention(r: Resolution, text: str) -> str:
    if r.place is None:
        return f'<span class="mention unresolved" title="Not placed on the map">{escape(text)}</span>'
    key = escape(r.place.key)
    low = " low" if r.confidence < LOW_CONFIDENCE else ""
    return (
        f'<a class="mention{low}" href="#place={key}" data-place="{key}" '
        f'title="{escape(r.place.name)}">{escape(text)}</a>'
    )


def _source(url: str | None) -> str:
    """A link to the original, only for http(s) URLs (never javascript: and the like)."""
    parts = urlsplit(url or "")
    if url is None or parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return (
        f'<p class="article-source">From <a href="{escape(url)}" rel="noopener noreferrer">'
        f"{escape(parts.netloc)}</a></p>\n"
    )


def _summary(result: MapResult) -> str:
    placed = len(result.resolutions) - len(result.unresolved)
    places = len(result.places())
    return (
        f'<p class="article-summary">{places} place{"" if places == 1 else "s"} on the map · '
        f"{placed} of {len(result.resolutions)} mentions placed</p>\n"
    )
