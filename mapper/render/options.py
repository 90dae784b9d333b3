"""How an article's outputs are drawn: one record the CLI fills from its flags and every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass

from mapper.render.framing import AUTO, ViewRequest


@dataclass(frozen=True)
class RenderOptions:
    self_contained: bool = False  # every page inlines its assets and loads no tiles: no request at all
    png: bool = False  # also map.png
    svg: bool = False  # also map.svg, the same picture as vector graphics
    png_size: tuple[int, int] = (1200, 675)  # map.png's (and map.svg's) width and height in pixels
    png_scale: int = 1  # map.png's pixels per pixel of png_size: 2 to 4 for print
    view: ViewRequest = AUTO  # what the maps open on: the story's places (framing.py), all, a box, a place
    # one of a run of several articles: the pages load the run's ../_assets/, not an assets/ of their own
    shared_assets: bool = False
