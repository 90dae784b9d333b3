"""How an article's outputs are drawn: one record the CLI fills from its flags and every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass

from mapper.errors import OptionError
from mapper.render.framing import AUTO, ViewRequest
from mapper.render.theme import DEFAULT_PALETTE, DEFAULT_THEME, check_theme
from mapper.render.urls import is_web_url


@dataclass(frozen=True)
class RenderOptions:
    """How the outputs are drawn and written: the options of `mapper map`. self_contained: every
    page inlines its assets and loads no tiles; png, svg: also write map.png (by default), map.svg;
    png_size, png_scale: the image's size in pixels, and pixels per pixel (2 to 4 for print); view:
    what the maps open on; shared_assets: the pages load a run's ../_assets/; caption, credit,
    source_link: under the map; theme, palette: the colours; base_url: where the folder will be
    published, which makes the embed's URLs absolute."""

    self_contained: bool = False  # every page inlines its assets and loads no tiles: no request at all
    png: bool = True  # also map.png, which the embed shows until its map is drawn or without JavaScript
    svg: bool = False  # also map.svg, the same picture as vector graphics
    png_size: tuple[int, int] = (1200, 675)  # map.png's (and map.svg's) width and height in pixels
    png_scale: int = 1  # map.png's pixels per pixel of png_size: 2 to 4 for print
    view: ViewRequest = AUTO  # what the maps open on: the story's places (framing.py), all, a box, a place
    # one of a run of several articles: the pages load the run's ../_assets/, not an assets/ of their own
    shared_assets: bool = False
    caption: str | None = None  # a sentence under the map
    credit: str | None = None  # "Map: The Courier · Source: GeoNames, Natural Earth"
    source_link: str | None = None  # an http(s) URL the credit links to
    theme: str = DEFAULT_THEME  # light, dark, or auto: the reader's system setting
    palette: str = DEFAULT_PALETTE  # the markers' colour: a name in theme.PALETTES
    base_url: str | None = None  # where the folder will be published: makes the embed's URLs absolute

    def __post_init__(self) -> None:
        check_theme(self.theme, self.palette)
        for what, url in (("source link", self.source_link), ("base URL", self.base_url)):
            if url is not None and not is_web_url(url):
                raise OptionError(what, url, f"the {what} must be an http(s) URL: {url!r}")
