"""The embed: the map alone, for an <iframe> in a news article, and the snippet that embeds it.

The embed tells its host page the height it wants (its map keeps an aspect ratio of its width),
posting {"mapper-embed-height": <px>, "id": <article id>} to its parent; the snippet's few lines
of host script set the iframe's height from the messages of that iframe only.
"""

from __future__ import annotations

import math
from html import escape
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from mapper.errors import InputError, OptionError
from mapper.files import write_atomic
from mapper.model import MapResult
from mapper.render.alt_text import alt_text, numbered_places
from mapper.render.caption import NEW_TAB, figcaption_html
from mapper.render.csp import CHARSET, with_policy
from mapper.render.framing import Frame, frame
from mapper.render.markers import build_map, legend_html
from mapper.render.naming import display_name
from mapper.render.oembed import OEMBED, discovery_link, frame_title, oembed_json
from mapper.render.offline import PageAssets
from mapper.render.options import RenderOptions
from mapper.render.page import map_head, places_data, script_json, view_data
from mapper.render.still import Still
from mapper.render.theme import theme_css
from mapper.render.urls import published

EMBED = "embed.html"
SNIPPET = "embed-snippet.html"
INITIAL_WIDTH = 720  # px: the column the snippet's first height is for (oembed.json's width)
# The embed in that column, as Chromium lays it out (px): the title (its padding, then a line, two
# at most), the 16:9 map, the caption (a gap, then its lines) and the credit line.
_TITLE_PAD, _TITLE_LINE, _MAP, _CAPTION_GAP, _CAPTION_LINE, _CREDIT = 8.8, 23.4, 405, 8, 20.3, 19.8
_TITLE_CHARS, _CAPTION_CHARS = 58, 88  # characters in a line, at most: too tall beats cut off

_TEMPLATES = files("mapper.render") / "templates"


def render_embed_html(
    result: MapResult,
    *,
    reading_view_href: str = "map.html",
    assets: PageAssets | None = None,
    options: RenderOptions | None = None,
    still: Still | None = None,
    view: Frame | None = None,
) -> str:
    """The map filling the frame: numbered markers with popups, a title, the options' caption and
    credit, a link to the reading view.

    Its Leaflet and basemap are the reading view's (`assets`, as for render_map_html: by default
    linked from the assets/ folder beside both pages). The static image `still` (map.png) is what
    the frame shows until Leaflet has drawn, and without JavaScript; with none, a reader without
    JavaScript gets the list of places. The map opens on view (default: the options' framing).
    """
    options = options or RenderOptions()
    parts = build_map(result, view or frame(result, options.view))
    groups = result.places()
    data = {
        "map": parts.map_name,
        "id": result.article.id,
        "readingView": reading_view_href,
        "places": places_data(result, parts),
        **view_data(result, parts),
    }
    places = places_sentence(result)
    read_more = (
        f'<a class="embed-open" href="{escape(reading_view_href)}" target="_blank" rel="noopener">'
        f'Read with the map<span aria-hidden="true"> ↗</span>{NEW_TAB}</a>'
    )
    # page.css styles the markers, popups and legend as in the reading view; embed.css lays out the frame
    return with_policy(f"""<!DOCTYPE html>
<html lang="en" data-theme="{options.theme}">
<head>
{CHARSET}
{map_head(result, parts, assets)}<title>{escape(frame_title(result))}</title>
{discovery_link(result, options)}<style>
{theme_css(options.palette)}{_template("page.css")}</style>
<style>
{_template("embed.css")}</style>
{_without_script_style(still)}</head>
<body>
<div class="mapper-embed">
<header class="embed-header"><h1 class="embed-title">{escape(result.article.title)}</h1></header>
<main class="embed-main">
<figure class="embed-figure">
<div class="embed-map" role="region" aria-label="Map: {places}">
{_fallback(result, still, parts.frame)}{parts.body}{legend_html(groups)}<p class="embed-hint" aria-hidden="true"></p>
</div>
<div class="embed-outside"></div>
{figcaption_html(options, text=places, link=read_more)}</figure>
</main>
</div>
<script>
{parts.script}
</script>
<script type="application/json" id="mapper-data">{script_json(data)}</script>
<script>
{_template("embed.js")}</script>
</body>
</html>
""")


def places_sentence(result: MapResult) -> str:
    """What the embed's map shows, as its label and its caption when it has none of its own."""
    count = len(result.places())
    if not count:
        return "No place in the story could be mapped"
    return f"{count} place{'' if count == 1 else 's'} in the story, numbered in order of mention"


def _fallback(result: MapResult, still: Still | None, view: Frame) -> str:
    """What the map's box shows before Leaflet draws (embed.js then removes it) and without
    JavaScript: the static image, at low priority so that it never delays the map's own files;
    else, without JavaScript, the places as a list."""
    if still is not None:
        return (
            f'<img class="embed-still" src="{escape(still.name)}" width="{still.width}" height="{still.height}" '
            f'alt="{escape(alt_text(result, view))}" loading="lazy" decoding="async" fetchpriority="low">\n'
        )
    items = "".join(f'<li value="{n}">{escape(display_name(g))}</li>' for n, g in numbered_places(result))
    return f'<noscript><ol class="embed-places">{items}</ol></noscript>\n' if items else ""


def _without_script_style(still: Still | None) -> str:
    """Without JavaScript the map's box takes the image's shape, or the list's height."""
    if still is None:
        rule = ".embed-map { aspect-ratio: auto; min-height: 0; max-height: none; }"
    else:
        rule = f".embed-map {{ aspect-ratio: {still.width} / {still.height}; min-height: 0; }}"
    return f"<noscript><style>{rule}</style></noscript>\n"


def initial_height(title: str | None, caption: str) -> int:
    """The iframe's height until the embed reports its own (and, with JavaScript off, for good):
    the embed's in a 720px column, with this title (None: not shown) and caption."""
    header = _TITLE_PAD + _TITLE_LINE * min(2, math.ceil(len(title) / _TITLE_CHARS)) if title else 0
    caption_lines = max(1, math.ceil(len(caption) / _CAPTION_CHARS))
    return math.ceil(header + _MAP + _CAPTION_GAP + _CAPTION_LINE * caption_lines + _CREDIT)


INITIAL_HEIGHT = initial_height("A one-line title", "and caption")  # 486


def embed_snippet(embed_url: str, *, title: str, height: int = INITIAL_HEIGHT) -> str:
    """An <iframe> of the embed, `height` px high at first, and the host script that keeps its
    height at what the embed asks."""
    scheme = urlsplit(embed_url).scheme.lower()
    if scheme not in ("", "http", "https"):
        raise OptionError("url", embed_url, f"the embed URL must be http(s) or relative: {embed_url!r}")
    return (
        f'<iframe src="{escape(embed_url)}" title="{escape(title)}" width="100%" height="{height}" '
        'loading="lazy" scrolling="no" style="display:block;width:100%;border:0;overflow:hidden"></iframe>\n'
        f"<script>\n{_template('embed-host.js')}</script>\n"
    )


def folder_snippet(folder: Path, url: str | None = None, *, show_title: bool = True) -> str:
    """The snippet for the embed `mapper map` wrote into folder, at url (default: FOLDER/embed.html).

    Without show_title, the embed leaves the headline to the host page (?title=0, read by embed.js).
    """
    path = Path(folder) / EMBED
    if not path.is_file():
        raise InputError(path, "missing: run `mapper map` to write the article's folder")
    url = url or path.as_posix()
    if not show_title:
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(query="&".join(q for q in (parts.query, "title=0") if q)))
    embed = _EmbedReader.read(path.read_text(encoding="utf-8"))
    height = initial_height(embed.text["h1"] if show_title else None, embed.text["caption"])
    return embed_snippet(url, title=embed.text["title"], height=height)


def write_embed(
    result: MapResult,
    folder: Path,
    assets: PageAssets | None = None,
    *,
    options: RenderOptions | None = None,
    still: Still | None = None,
    view: Frame | None = None,
) -> list[Path]:
    """Write embed.html, embed-snippet.html (its <iframe>, by a URL relative to the folder unless
    the options give a base URL) and oembed.json; the map opens on view (see render_embed_html).

    Beside map.html: the embed uses the same `assets`, which write_outputs writes, and the static
    image `still`, which write_outputs writes with png (see render_embed_html).
    """
    options = options or RenderOptions()
    folder = Path(folder)
    title = frame_title(result)
    height = initial_height(result.article.title, options.caption or places_sentence(result))
    snippet = embed_snippet(published(EMBED, options.base_url), title=title, height=height)
    oembed = oembed_json(
        title=title, html=snippet, width=INITIAL_WIDTH, height=height, still=still, base_url=options.base_url
    )
    shown = None if options.self_contained else still  # a self-contained embed makes no request at all
    return [
        write_atomic(folder / EMBED, render_embed_html(result, assets=assets, options=options, still=shown,
                                                                view=view)),
        write_atomic(folder / SNIPPET, snippet),
        write_atomic(folder / OEMBED, oembed),
    ]


def _template(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


class _EmbedReader(HTMLParser):
    """The texts of an embed page's <title>, <h1> and caption, unescaped."""

    _READ = {"title": "title", "h1": "h1", "p": "caption"}  # the p: the only .map-caption-text

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = dict.fromkeys(self._READ.values(), "")
        self._inside: str | None = None

    @classmethod
    def read(cls, html: str) -> _EmbedReader:
        reader = cls()
        reader.feed(html)
        reader.text = {name: text.strip() for name, text in reader.text.items()}
        return reader

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = tag != "p" or ("class", "map-caption-text") in attrs
        self._inside = self._READ.get(tag) if wanted else None

    def handle_endtag(self, tag: str) -> None:
        self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.text[self._inside] += data
