"""The embed: the map alone, for an <iframe> in a news article, and the snippet that embeds it.

The embed tells its host page the height it wants (its map keeps an aspect ratio of its width),
posting {"mapper-embed-height": <px>, "id": <article id>} to its parent; the snippet's few lines
of host script set the iframe's height from the messages of that iframe only.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from mapper.errors import MapperError
from mapper.files import write_atomic
from mapper.model import MapResult
from mapper.render.framing import Frame
from mapper.render.markers import build_map, legend_html
from mapper.render.basemap import reach_of
from mapper.render.offline import PageAssets, page_assets
from mapper.render.page import places_data, script_json

EMBED = "embed.html"
SNIPPET = "embed-snippet.html"
INITIAL_HEIGHT = 480  # px until the embed reports its own: a 16:9 map in a 720px column, with its header

_TEMPLATES = files("mapper.render") / "templates"


def render_embed_html(
    result: MapResult, *, reading_view_href: str = "map.html", assets: PageAssets | None = None,
    view: Frame | None = None,
) -> str:
    """The map filling the frame: numbered markers with popups, a title, a link to the reading view.

    Its Leaflet and basemap are the reading view's (`assets`, as for render_map_html: by default
    linked from the assets/ folder beside both pages).
    """
    parts = build_map(result, view)
    groups = result.places()
    data = {
        "map": parts.map_name,
        "id": result.article.id,
        "readingView": reading_view_href,
        "places": places_data(result, parts),
    }
    count = len(groups)
    places = f"{count} place{'' if count == 1 else 's'} in the story, numbered in order of mention"
    places = places if count else "No place in the story could be mapped"
    # page.css styles the markers, popups and legend as in the reading view; embed.css lays out the frame
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{(assets or page_assets(reach=reach_of([result], parts.frame))).head}{parts.head}
<title>{escape(frame_title(result))}</title>
<style>
{_template("page.css")}</style>
<style>
{_template("embed.css")}</style>
</head>
<body>
<figure class="mapper-embed">
<figcaption class="embed-header"><h1 class="embed-title">{escape(result.article.title)}</h1></figcaption>
<div class="embed-map" role="region" aria-label="Map: {places}">
{parts.body}{legend_html(groups)}<p class="embed-hint" aria-hidden="true"></p>
</div>
<footer class="embed-footer">
<p class="embed-count">{places}</p>
<a class="embed-open" href="{escape(reading_view_href)}" target="_blank" rel="noopener">Read with the map\
<span aria-hidden="true"> ↗</span><span class="embed-sr"> (opens in a new tab)</span></a>
</footer>
</figure>
<script>
{parts.script}
</script>
<script type="application/json" id="mapper-data">{script_json(data)}</script>
<script>
{_template("embed.js")}</script>
</body>
</html>
"""


def frame_title(result: MapResult) -> str:
    """The embed's document title, and the iframe's title attribute that screen readers announce."""
    return f"Map: {result.article.title}"


def embed_snippet(embed_url: str, *, title: str) -> str:
    """An <iframe> of the embed and the host script that keeps its height at what the embed asks."""
    scheme = urlsplit(embed_url).scheme.lower()
    if scheme not in ("", "http", "https"):
        raise MapperError(f"the embed URL must be http(s) or relative: {embed_url!r}")
    return (
        f'<iframe src="{escape(embed_url)}" title="{escape(title)}" width="100%" height="{INITIAL_HEIGHT}" '
        'loading="lazy" scrolling="no" style="display:block;width:100%;border:0;overflow:hidden"></iframe>\n'
        f"<script>\n{_template('embed-host.js')}</script>\n"
    )


def folder_snippet(folder: Path, url: str | None = None, *, show_title: bool = True) -> str:
    """The snippet for the embed `mapper map` wrote into folder, at url (default: FOLDER/embed.html).

    Without show_title, the embed leaves the headline to the host page (?title=0, read by embed.js).
    """
    path = Path(folder) / EMBED
    if not path.is_file():
        raise MapperError(f"{path} is missing: run `mapper map` to write the article's folder")
    url = url or path.as_posix()
    if not show_title:
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(query="&".join(q for q in (parts.query, "title=0") if q)))
    return embed_snippet(url, title=_TitleReader.read(path.read_text(encoding="utf-8")))


def write_embed(
    result: MapResult, folder: Path, assets: PageAssets | None = None, view: Frame | None = None
) -> list[Path]:
    """Write embed.html and embed-snippet.html (the snippet for a page in the same folder).

    Beside map.html: the embed uses the same `assets`, which write_outputs writes.
    """
    folder = Path(folder)
    return [
        write_atomic(folder / EMBED, render_embed_html(result, assets=assets, view=view)),
        write_atomic(folder / SNIPPET, embed_snippet(EMBED, title=frame_title(result))),
    ]


def _template(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


class _TitleReader(HTMLParser):
    """The text of a page's <title>, unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self._inside = False

    @classmethod
    def read(cls, html: str) -> str:
        reader = cls()
        reader.feed(html)
        return "".join(reader.title).strip()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.title.append(data)
