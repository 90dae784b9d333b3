"""How an article's outputs are drawn: one record the CLI fills from its flags and every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    self_contained: bool = False  # every page inlines its assets and loads no tiles: no request at all
    png: bool = False  # also map.png
    # one of a run of several articles: the pages load the run's ../_assets/, not an assets/ of their own
    shared_assets: bool = False
