"""The article view: the title, a key, then every paragraph with its place names marked up (the
headline's too, where it is read with the story).

A placed mention links to its marker and carries the marker's number (drawn by CSS from data-n,
so copied text stays the article's own); an uncertain one is dashed; one not placed is dotted and
the header says why.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from urllib.parse import urlsplit

from mapper.model import HEADLINE, MapResult, Paragraph, PlaceGroup, Resolution
from mapper.render.markers import LOW_CONFIDENCE
from mapper.render.numbering import place_numbers
from mapper.render.popups import alternatives, group_label, paragraph_mark, place_label
from mapper.render.urls import is_web_url


def article_html(result: MapResult) -> str:
    article = result.article
    numbers = place_numbers(result)
    groups = {g.place.key: g for g in result.places()}

    def mark(r: Resolution, text: str) -> str:
        if r.place is None:
            return _unplaced(r, text)
        return _mention(text, groups[r.place.key], numbers[r.place.key])

    by_paragraph: dict[str, list[Resolution]] = {}
    for r in _in_text_order(result.resolutions):
        by_paragraph.setdefault(r.mention.paragraph_id, []).append(r)
    paragraphs = "\n".join(_paragraph(p, by_paragraph.get(p.id, []), mark) for p in article.paragraphs
                           if not p.is_headline)
    headline = article.headline
    title = escape(article.title) if headline is None else _marked(headline, by_paragraph.get(headline.id, []), mark)
    anchor = "" if headline is None else f' id="{HEADLINE}"'
    return (
        f'<header class="article-header">\n<h1{anchor}>{title}</h1>\n'
        f"{_source(article.url)}{_summary(result)}{_key(result)}{_not_placed(result)}</header>\n{paragraphs}"
    )


def _paragraph(
    paragraph: Paragraph, resolutions: list[Resolution], mark: Callable[[Resolution, str], str]
) -> str:
    return f'<p id="{escape(paragraph.id)}">{_marked(paragraph, resolutions, mark)}</p>'


def _marked(paragraph: Paragraph, resolutions: list[Resolution], mark: Callable[[Resolution, str], str]) -> str:
    """The paragraph's text as HTML, each mention marked up."""
    text, cursor, out = paragraph.text, 0, []
    for r in resolutions:
        start, end = r.mention.start - paragraph.start, r.mention.end - paragraph.start
        if start < cursor or end > len(text):
            continue  # overlaps the previous mention or leaves the paragraph: stays plain text
        out += [escape(text[cursor:start]), mark(r, text[start:end])]
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _mention(text: str, group: PlaceGroup, number: int) -> str:
    """A link to the place's marker, with its number; the title says how sure the placement is."""
    label, key = group_label(group), escape(group.place.key)
    title, spoken, low = f"{label} · place {number} on the map", "", ""
    if group.confidence < LOW_CONFIDENCE:
        others = ", ".join(place_label(c.place) for c in alternatives(group))
        title = f"{label} · uncertain placement ({group.confidence:.0%})"
        title += f"; could also be {others}" if others else ""
        spoken, low = ", uncertain", " low"
    return (
        f'<a class="mention{low}" href="#place={key}" data-place="{key}" data-n="{number}" '
        f'title="{escape(title)}" aria-label="{escape(text)}, map place {number}{spoken}">{escape(text)}</a>'
    )


def _unplaced(r: Resolution, text: str) -> str:
    title = f"Not placed on the map: {_why_not(r)}"
    return f'<span class="mention unresolved" title="{title}">{escape(text)}</span>'


def _why_not(r: Resolution) -> str:
    if r.confidence > 0:
        return f"too uncertain to place ({r.confidence:.0%} sure)"
    return "not found in the place-name database"


def _source(url: str | None) -> str:
    """A link to the original, only for http(s) URLs (never javascript: and the like)."""
    if url is None or not is_web_url(url):
        return ""
    parts = urlsplit(url)
    return (
        f'<p class="article-source">From <a href="{escape(url)}" rel="noopener noreferrer">'
        f"{escape(parts.netloc)}</a></p>\n"
    )


def _summary(result: MapResult) -> str:
    placed = len(result.resolutions) - len(result.unresolved)
    places = len(result.places())
    removed = len(result.removed)
    dropped = f" · {removed} removed by your overrides" if removed else ""
    return (
        f'<p class="article-summary">{places} place{"" if places == 1 else "s"} on the map · '
        f"{placed} of {len(result.resolutions)} mentions placed{dropped}</p>\n"
    )


def _key(result: MapResult) -> str:
    """How the text marks places, only when some are uncertain or not placed (as the map's legend)."""
    low = any(g.confidence < LOW_CONFIDENCE for g in result.places())
    if not low and not result.unresolved:
        return ""
    items = [_sample("mention", "1", "on the map")]
    if low:
        items.append(_sample("mention low", "2", "uncertain"))
    if result.unresolved:
        items.append(_sample("mention unresolved", "", "not placed"))
    return f'<ul class="article-key" aria-label="Key to the text">{"".join(items)}</ul>\n'


def _sample(kind: str, number: str, meaning: str) -> str:
    n = f' data-n="{number}"' if number else ""
    return f'<li><span class="{kind} sample"{n} aria-hidden="true">Place</span> {meaning}</li>'


def _not_placed(result: MapResult) -> str:
    """A list a reader can open: each mention not on the map, where it is, and why."""
    missing = _in_text_order(result.unresolved)
    if not missing:
        return ""
    items = []
    for r in missing:
        pid = r.mention.paragraph_id
        items.append(
            f'<li><a href="#{escape(pid)}" data-paragraph="{escape(pid)}">{paragraph_mark(result.article, pid)}</a> '
            f"<strong>{escape(r.mention.text)}</strong>: {_why_not(r)}</li>"
        )
    count = len(missing)
    summary = f"Why {count} mention{' is' if count == 1 else 's are'} not on the map"
    return f'<details class="not-placed"><summary>{summary}</summary><ul>{"".join(items)}</ul></details>\n'


def _in_text_order(resolutions: tuple[Resolution, ...]) -> list[Resolution]:
    return sorted(resolutions, key=lambda r: (r.mention.start, r.mention.end))
