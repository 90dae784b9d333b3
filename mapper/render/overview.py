"""An archive run's overview map (OUTDIR/index.html when a run has too many articles for the
combined map's reading panel): every place merged across the articles, clustered, each listing
the articles that name it with a link to their own maps.

Built from the run's manifest rows, streamed, so it stays a few bytes per place whatever the
archive's size: 10,000 articles make a page of a few MB, its Leaflet and clustering code shared
in OUTDIR/_assets/.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mapper.files import write_atomic
from mapper.render.combined import INDEX, combined_assets
from mapper.render.csp import CHARSET, with_policy
from mapper.render.offline import write_assets
from mapper.render.page import script_json
from mapper.render.theme import theme_css

LISTED = 10  # articles a place's popup lists by title; the rest are counted

_TEMPLATES = files("mapper.render") / "templates"
_JS = (_TEMPLATES / "overview.js").read_text(encoding="utf-8")
_CSS = """
html, body { height: 100%; margin: 0; font: 15px/1.45 system-ui, sans-serif; }
body { display: flex; flex-direction: column; background: var(--page); color: var(--ink); }
header { padding: .6rem 1rem; }
header h1 { font-size: 1.15rem; margin: 0; }
header p { margin: .1rem 0 0; color: var(--muted); }
main { flex: 1; min-height: 20rem; }
#overview-map { height: 100%; }
.overview-cluster { display: flex; align-items: center; justify-content: center; border-radius: 50%;
  background: var(--accent); color: #fff; font-weight: 600; font-size: 13px;
  box-shadow: 0 0 0 4px var(--accent-hover); }
.overview-popup h2 { font-size: 1rem; margin: 0 0 .2rem; }
.overview-popup p { margin: .1rem 0; }
.overview-popup a { color: var(--link); }
.overview-articles { margin: .3rem 0 0; padding-left: 1.1rem; max-height: 12rem; overflow: auto; }
"""


def write_overview(outdir: Path, articles: Iterable[tuple[str, str, str | None]],
                   places: Iterable[tuple[Any, ...]], *, self_contained: bool = False) -> Path:
    """OUTDIR/index.html (and its _assets/). articles: (id, title, folder) in run order; places:
    the manifest's merged rows (manifest.Manifest.places)."""
    assets = combined_assets(self_contained=self_contained)
    write_assets(Path(outdir), assets)
    index: dict[str, int] = {}
    listed: list[list[str]] = []
    for article_id, title, folder in articles:
        index[article_id] = len(listed)
        listed.append([title, f"{quote(folder)}/map.html" if folder else "", article_id])
    rows = []
    for _key, name, lat, lon, _code, _country, _gid, mentions, _confidence, ids in places:
        shown = [index[i] for i in ids[:LISTED] if i in index]
        rows.append([round(lat, 5), round(lon, 5), name, mentions, len(ids), shown])
    title = f"{len(listed):,} stories · {len(rows):,} places"
    page = with_policy(f"""<!DOCTYPE html>
<html lang="en">
<head>
{CHARSET}
<meta name="viewport" content="width=device-width, initial-scale=1">
{assets.head}<title>{escape(title)} · map</title>
<style>
{theme_css()}{_CSS}</style>
</head>
<body>
<header><h1>Stories on the map</h1><p>{escape(title)}</p></header>
<main aria-label="Map of the places in every story"><div id="overview-map"></div></main>
<script type="application/json" id="overview-data">{script_json({"articles": listed, "places": rows})}</script>
<script>
{_JS}</script>
</body>
</html>
""")
    return write_atomic(Path(outdir) / INDEX, page)
