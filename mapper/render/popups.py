"""Marker popups and tooltips as escaped HTML: every mention with an excerpt of its paragraph."""

from __future__ import annotations

from html import escape

from mapper.model import Article, Mention, Paragraph, PlaceGroup
from mapper.render.markers import LOW_CONFIDENCE

EXCERPT_WIDTH = 200  # characters of paragraph shown around a mention


def excerpt(paragraph: Paragraph, mention: Mention, width: int = EXCERPT_WIDTH) -> tuple[str, str, str]:
    """(before, mention, after): about `width` characters of the paragraph, cut at spaces."""
    text = paragraph.text
    start, end = mention.start - paragraph.start, mention.end - paragraph.start
    side = max(0, (width - (end - start)) // 2)
    lo = max(0, min(start - side, len(text) - width))
    hi = max(end, min(len(text), lo + width))
    before, after = text[lo:start], text[end:hi]
    if lo > 0:
        before = "…" + before.split(" ", 1)[-1].lstrip()
    if hi < len(text):
        after = after.rsplit(" ", 1)[0].rstrip() + "…"
    return before, text[start:end], after


def popup_html(group: PlaceGroup, article: Article) -> str:
    place = group.place
    count = len(group.resolutions)
    meta = [", ".join(x for x in (place.admin1, place.country_code) if x)]
    meta += [_mentions(count), f"confidence {group.confidence:.0%}"]
    warning = (
        '<p class="popup-warning">Uncertain placement: check before publishing</p>'
        if group.confidence < LOW_CONFIDENCE
        else ""
    )
    numbers = {p.id: n for n, p in enumerate(article.paragraphs, 1)}
    items = []
    for r in sorted(group.resolutions, key=lambda r: (r.mention.start, r.mention.end)):
        pid = r.mention.paragraph_id
        before, text, after = excerpt(article.paragraph(pid), r.mention)
        items.append(
            f'<li><a href="#{escape(pid)}" data-paragraph="{escape(pid)}">'
            f'<span class="popup-para">¶ {numbers[pid]}</span> '
            f"{escape(before)}<mark>{escape(text)}</mark>{escape(after)}</a></li>"
        )
    return (
        f'<h3 class="popup-title">{escape(place.name)}</h3>'
        f'<p class="popup-meta">{escape(" · ".join(x for x in meta if x))}</p>{warning}'
        f'<ol class="popup-mentions">{"".join(items)}</ol>'
    )


def tooltip_html(group: PlaceGroup) -> str:
    return f"<strong>{escape(group.place.name)}</strong> · {_mentions(len(group.resolutions))}"


def _mentions(count: int) -> str:
    return f"{count} mention{'' if count == 1 else 's'}"
