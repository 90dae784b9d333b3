"""Many articles on one map: a layer per article in its own colour and shape (styles.py), toggled
from the list that names them and filtered by a search box, clustered when the places are many,
and a reading panel that switches article.

The page is OUTDIR/index.html, its Leaflet, basemap and clustering code in OUTDIR/_assets/, which
the article folders' pages share (offline.article_assets): article folders are slugs ([a-z0-9-],
never a dot or an underscore), so neither name can be an article's.
Markers are made in the browser from one JSON (templates/combined.js), so 1,000 places stay small.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from importlib.resources import files
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from mapper.files import write_atomic
from mapper.slugs import slug
from mapper.model import MapResult, Mention, Paragraph, Place, PlaceGroup
from mapper.render.article import article_html
from mapper.render.basemap import Reach, reach_of
from mapper.render.csp import CHARSET, with_policy
from mapper.render.markers import LOW_CONFIDENCE, legend_html, zoom_range
from mapper.render.naming import display_name
from mapper.render.numbering import place_numbers
from mapper.render.offline import SHARED, PageAssets, page_assets, write_assets
from mapper.render.page import script_json
from mapper.render.popups import excerpt, place_context
from mapper.render.styles import DISTINCT, OUTLINES, article_style, key_svg
from mapper.render.theme import theme_css

INDEX = "index.html"
CLUSTER_ABOVE = 50  # markers; up to this many are drawn one by one
FILTER_FROM = 6  # articles; a shorter list needs no search box
EXCERPTS = 3  # per marker's popup; the reading panel has them all
EXCERPT_WIDTH = 120
_RING = 4  # px: a place shared by several articles is drawn as rings, the earliest outermost

_TEMPLATES = files("mapper.render") / "templates"
_PAGE_CSS = theme_css() + (_TEMPLATES / "page.css").read_text(encoding="utf-8")  # the article and popup styles
_CSS = (_TEMPLATES / "combined.css").read_text(encoding="utf-8")
_JS = (_TEMPLATES / "combined.js").read_text(encoding="utf-8")
_CLUSTER = ("leaflet.markercluster", ("dist/MarkerCluster.css", "dist/leaflet.markercluster.js"))


def write_combined(
    results: Sequence[MapResult], outdir: Path, article_folders: Sequence[str], *, self_contained: bool = False
) -> Path:
    """OUTDIR/index.html and OUTDIR/_assets/; results[i]'s own map is OUTDIR/article_folders[i]/map.html."""
    assets = combined_assets(self_contained=self_contained, reach=reach_of(results))
    write_assets(Path(outdir), assets)
    hrefs = [f"{quote(folder)}/map.html" for folder in article_folders]
    return write_atomic(Path(outdir) / INDEX, render_combined_html(results, hrefs, assets))


def combined_assets(*, self_contained: bool = False, reach: Reach = Reach()) -> PageAssets:
    """The reading view's assets (offline.py), in the run's shared _assets/, plus leaflet.markercluster."""
    package, names = _CLUSTER
    extra = tuple((package, n) for n in names)
    return page_assets(self_contained=self_contained, folder=SHARED, extra=extra, reach=reach)


def render_combined_html(
    results: Sequence[MapResult], article_hrefs: Sequence[str], assets: PageAssets | None = None
) -> str:
    """The page; article_hrefs[i] is the relative URL of results[i]'s own map.html."""
    ids = _ids(article_hrefs)
    data = _data(results, article_hrefs, ids)
    places = len({g.place.key for r in results for g in r.places()})
    stories = _count(len(results), "story", "stories")
    title = f"{stories} · {_count(places, 'place')}"
    templates = "\n".join(
        f'<template id="combined-article-{i}">\n{article_html(r)}\n</template>' for i, r in enumerate(results)
    )
    return with_policy(f"""<!DOCTYPE html>
<html lang="en">
<head>
{CHARSET}
<meta name="viewport" content="width=device-width, initial-scale=1">
{(assets or combined_assets()).head}<title>{title} · map</title>
<style>
{_PAGE_CSS}{_CSS}</style>
</head>
<body>
<a class="combined-skip" href="#combined-map">Skip to the map</a>
<main class="combined-page">
<div class="combined-panel">
<header class="combined-header">
<h1>Stories on the map</h1>
<p class="combined-summary">{title}</p>
</header>
<nav class="combined-list" aria-label="Stories">
<p class="combined-hint">{_hint(len(results))}</p>
{_filter(len(results))}<ol>
{_list_items(results, ids)}
</ol>
</nav>
<section class="combined-reader" aria-label="Reading panel" hidden>
<div class="combined-bar">
<button type="button" class="combined-back">← All stories</button>
<select class="combined-switch" aria-label="Story to read">
{_options(results, ids)}
</select>
</div>
<p class="combined-own"><span class="combined-own-key" aria-hidden="true"></span>
<a class="combined-own-map" href="">Open this story’s own map</a></p>
<article class="mapper-article combined-article"></article>
</section>
</div>
<section class="combined-map" aria-label="Map of the places in every story"><div id="combined-map"></div>
{legend_html(tuple(g for r in results for g in r.places()))}</section>
</main>
{templates}
<script type="application/json" id="combined-data">{script_json(data)}</script>
<script>
{_JS}</script>
</body>
</html>
""")


def _ids(hrefs: Sequence[str]) -> list[str]:
    """The #article= name of each article: its folder's slug, made unique."""
    ids: list[str] = []
    for href in hrefs:
        base = slug(PurePosixPath(href).parent.name or "article")
        name, n = base, 2
        while name in ids:
            name, n = f"{base}-{n}", n + 1
        ids.append(name)
    return ids


def _data(results: Sequence[MapResult], hrefs: Sequence[str], ids: Sequence[str]) -> dict:
    """Articles, and one marker per place of each article as a list (its fields: combined.js)."""
    sharing: dict[str, list[int]] = {}
    for i, result in enumerate(results):
        for group in result.places():
            sharing.setdefault(group.place.key, []).append(i)
    markers = []
    articles = []
    for i, (result, href, article_id) in enumerate(zip(results, hrefs, ids, strict=True)):
        groups = result.places()
        numbers = place_numbers(result)
        numbered = result.article.paragraph_numbers  # the headline is 0
        paragraphs = {p.id: (numbered.get(p.id, 0), p) for p in result.article.paragraphs}
        for group in groups:
            later = sum(1 for j in sharing[group.place.key] if j > i)
            markers.append(_marker(i, group, paragraphs, numbers[group.place.key], later))
        style = article_style(i)
        articles.append({
            "id": article_id,
            "title": result.article.title,
            "href": href,
            "colour": style.colour,
            "shape": style.shape,
            "ink": style.ink,
            "focus": _bounds([g.place for g in groups]),
        })
    return {
        "clustered": len(markers) > CLUSTER_ABOVE, "outlines": OUTLINES, "articles": articles, "markers": markers,
    }


def _marker(
    article: int, group: PlaceGroup, paragraphs: dict[str, tuple[int, Paragraph]], number: int, rings: int
) -> list:
    place = group.place
    ordered = sorted(group.resolutions, key=lambda r: (r.mention.start, r.mention.end))
    excerpts = []
    for r in ordered[:EXCERPTS]:
        n, paragraph = paragraphs[r.mention.paragraph_id]
        excerpts.append([paragraph.id, n, *_cut(paragraph, r.mention)])
    count = len(group.resolutions)
    radius = round(min(12.0, 5 + 2 * math.sqrt(count))) + _RING * rings
    low = int(group.confidence < LOW_CONFIDENCE)
    return [article, round(place.lat, 5), round(place.lon, 5), number, radius, low, display_name(group),
            place_context(group), round(100 * group.confidence), excerpts, count - len(excerpts), place.key]


def _cut(paragraph: Paragraph, mention: Mention) -> list[int]:
    """excerpt()'s cut as offsets into the paragraph, in UTF-16 units as JS counts: the page slices
    the paragraph's text from the reading panel's copy rather than carrying it twice."""
    text = paragraph.text
    before, _, after = excerpt(paragraph, mention, EXCERPT_WIDTH)
    start, end = mention.start - paragraph.start, mention.end - paragraph.start
    if before.startswith("…") and not text[:start].endswith(before):
        before = before[1:]  # the ellipsis excerpt() added
    if after.endswith("…") and not text[end:].startswith(after):
        after = after[:-1]
    cuts = (start - len(before), start, end, end + len(after))
    return [len(text[:cut].encode("utf-16-le")) // 2 for cut in cuts]


def _bounds(places: list[Place]) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the places a reader zooms to: towns and sites when there
    are any (a country's point is only its centroid), else all."""
    local = [p for p in places if zoom_range(p)[0] >= 6] or places
    if not local:
        return None
    lats, lons = [p.lat for p in local], [p.lon for p in local]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _list_items(results: Sequence[MapResult], ids: Sequence[str]) -> str:
    items = []
    for i, (result, article_id) in enumerate(zip(results, ids, strict=True)):
        title = escape(result.article.title)
        style = article_style(i)
        items.append(
            f'<li class="combined-item" style="--colour: {style.colour}">'
            f'<span class="combined-show"><input type="checkbox" class="combined-toggle" id="combined-show-{i}" '
            f'checked aria-label="Show on the map: {title}">{key_svg(style)}</span>'
            f'<a class="combined-open" href="#article={article_id}">'
            f'<span class="combined-title">{title}</span>'
            f'<span class="combined-count">{_count(len(result.places()), "place")}</span>'
            '<span class="combined-found" hidden></span></a></li>'
        )
    return "\n".join(items)


def _filter(articles: int) -> str:
    """The search box over a list long enough to need one; combined.js filters the list as the
    reader types and says what it found."""
    if articles < FILTER_FROM:
        return ""
    return (
        '<div class="combined-filter" role="search">\n'
        '<label for="combined-filter">Find a story</label>\n'
        '<input type="search" id="combined-filter" placeholder="A word of its title, or a place" '
        'autocomplete="off" spellcheck="false" aria-describedby="combined-matches">\n'
        '<p class="combined-matches" id="combined-matches" role="status"></p>\n'
        "</div>\n"
    )


def _hint(articles: int) -> str:
    hint = "Choose a story to read it beside the map; its marker shows or hides its places."
    if articles <= DISTINCT:
        return hint
    return (f"{hint} The first {DISTINCT} have a colour and shape each, the rest share grey: "
            "point at a story to pick out its places.")


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _options(results: Sequence[MapResult], ids: Sequence[str]) -> str:
    options = zip(ids, results, strict=True)
    return "\n".join(f'<option value="{name}">{escape(r.article.title)}</option>' for name, r in options)
