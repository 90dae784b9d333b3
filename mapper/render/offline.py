"""A page's browser assets: Leaflet, its images and the basemap, from npm at render time, never a CDN.

Linked (the default): the page refers to copies written beside it in `assets/`, by relative URLs,
so its folder opens from file:// with no network and can be uploaded as is. The basemap's detail
cells near the page's places go to `assets/basemap/`, loaded as the reader zooms in. A run of
several articles shares one `_assets/` beside their folders instead (article_assets(shared=True)):
its pages load `../_assets/`, and the run's folder is what is uploaded.
Self-contained: everything inlined in the page, images as data: URIs, the detail cells of its first
view only, and no tile layer, so the page makes no request at all.

Any page with a Leaflet map uses it the same way:

    assets = page_assets(self_contained=False, reach=reach_of([result]))
    html = f"<head>...{assets.head}...</head>..."  # before the page's own map script
    write_assets(folder, assets)                    # beside the page; nothing when self-contained

Which folder the files go to, and so the relative URL a page loads them by, is decided here alone
(page_assets' folder, article_assets): a page that needs more files writes them into
`Path(page_folder) / assets.folder` and refers to them as `f"{assets.folder}/{name}"`.
"""

from __future__ import annotations

import base64
import functools
import json
import os
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path, PurePosixPath

from mapper.files import write_atomic
from mapper.render import basemap
from mapper.render.basemap import Reach
from mapper.render.assets import asset, assets_dir

FOLDER = "assets"  # an article folder's own, beside its pages
SHARED = "_assets"  # a run's, beside its article folders (slugs, which never start with "_")
_TEMPLATES = files("mapper.render") / "templates"
_ICONS = {"iconUrl": "marker-icon.png", "iconRetinaUrl": "marker-icon-2x.png", "shadowUrl": "marker-shadow.png"}
_LEAFLET_IMAGES = ("layers.png", "layers-2x.png", *_ICONS.values())
_CSS_IMAGE = re.compile(r"url\((images/[\w.-]+)\)")  # how leaflet.css refers to its images


@dataclass(frozen=True)
class PageAssets:
    """What a page with a Leaflet map needs: tags for its <head> and the files to write beside it."""

    head: str
    files: tuple[tuple[str, bytes], ...]  # (path relative to the page's folder, content)
    folder: str = FOLDER  # where the files are, relative to the page's folder: a path and a URL


def page_assets(
    *,
    self_contained: bool = False,
    folder: str = FOLDER,
    extra: tuple[tuple[str, str], ...] = (),
    reach: Reach = Reach(),
) -> PageAssets:
    """The assets, read from the npm packages `make` installs; MissingAsset names the fix.

    folder: where linked assets go, relative to the page; extra: more (npm package, .css or .js
    path) a page needs, such as a Leaflet plugin, loaded after the basemap's own; reach: where the
    basemap is drawn in detail (basemap.reach_of)."""
    styles, scripts, images = _library(assets_dir(), extra)
    keys = basemap.inline_keys(reach) if self_contained else basemap.detail_keys(reach)
    cells = dict(basemap.cell_files(keys))
    config = basemap.config(tiles=not self_contained, path=None if self_contained else f"{folder}/basemap", keys=keys)
    config_tag = f'<script type="application/json" id="mapper-basemap">{_json(config)}</script>'
    if self_contained:
        return _inlined(styles, {**scripts, **cells}, images, config_tag)
    head = [
        *(f'<link rel="stylesheet" href="{folder}/{name}">' for name in styles),
        config_tag,
        *(f'<script src="{folder}/{name}"></script>' for name in scripts),
    ]
    texts = {**styles, **scripts, **{f"basemap/{path}": js for path, js in cells.items()}}
    written = [(name, text.encode("utf-8")) for name, text in texts.items()] + list(images.items())
    files = tuple((f"{folder}/{name}", data) for name, data in written)
    return PageAssets("\n".join(head) + "\n", files, folder)


def article_assets(*, self_contained: bool = False, shared: bool = False, reach: Reach = Reach()) -> PageAssets:
    """The assets of the pages in an article's folder (map.html, embed.html): the folder's own
    assets/, or, shared, the run's _assets/ beside the folder, which every article of the run uses."""
    return page_assets(self_contained=self_contained, folder=f"../{SHARED}" if shared else FOLDER, reach=reach)


def write_assets(folder: Path, assets: PageAssets) -> list[Path]:
    """Write the files a page's assets need, relative to the page's folder; return their paths.

    A file already there with the same content is left as it is: a run's shared assets (and the
    basemap cells its articles have in common) are written once, and a second run rewrites nothing.
    """
    paths = []
    for name, data in assets.files:
        path = Path(os.path.normpath(Path(folder) / name))  # "story/../_assets/x" before story/ exists
        if not (path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data):
            write_atomic(path, data)
        paths.append(path)
    return paths


@functools.cache
def _library(
    root: Path, extra: tuple[tuple[str, str], ...]
) -> tuple[dict[str, str], dict[str, str], dict[str, bytes]]:  # root: part of the cache key
    """Every page's styles, scripts and images, by file name."""
    styles = {
        "leaflet.css": asset("leaflet", "dist/leaflet.css").read_text(encoding="utf-8"),
        "basemap.css": (_TEMPLATES / "basemap.css").read_text(encoding="utf-8"),
    }
    scripts = {
        "leaflet.js": asset("leaflet", "dist/leaflet.js").read_text(encoding="utf-8"),
        "motion.js": (_TEMPLATES / "motion.js").read_text(encoding="utf-8"),
        "minimap.js": asset("leaflet-minimap", "dist/Control.MiniMap.min.js").read_text(encoding="utf-8"),
        "world.js": basemap.world_js(),
        "basemap.js": (_TEMPLATES / "basemap.js").read_text(encoding="utf-8"),
        "labels.js": (_TEMPLATES / "labels.js").read_text(encoding="utf-8"),
        "story-view.js": (_TEMPLATES / "story-view.js").read_text(encoding="utf-8"),
    }
    for package, path in extra:
        name = PurePosixPath(path).name
        (styles if name.endswith(".css") else scripts)[name] = asset(package, path).read_text(encoding="utf-8")
    images = {
        f"images/{name}": asset("leaflet", f"dist/images/{name}").read_bytes() for name in _LEAFLET_IMAGES
    }
    return styles, scripts, images


def _json(data: object) -> str:
    return json.dumps(data).replace("<", "\\u003c")


def _inlined(
    styles: dict[str, str], scripts: dict[str, str], images: dict[str, bytes], config_tag: str
) -> PageAssets:
    uris = {name: "data:image/png;base64," + base64.b64encode(data).decode() for name, data in images.items()}
    css = [_CSS_IMAGE.sub(lambda m: f"url({uris[m[1]]})", text) for text in styles.values()]
    # Leaflet finds its default marker icon through leaflet.css's URL, which a data: URI breaks.
    icons = json.dumps({option: uris[f"images/{name}"] for option, name in _ICONS.items()})
    js = list(scripts.values())
    js.insert(1, f'L.Icon.Default.imagePath = "";\nL.Icon.Default.mergeOptions({icons});\n')  # after Leaflet
    head = [
        *(f"<style>\n{_raw_text(text, 'style')}</style>" for text in css),
        config_tag,
        *(f"<script>\n{_raw_text(text, 'script')}</script>" for text in js),
    ]
    return PageAssets("\n".join(head) + "\n", ())


def _raw_text(text: str, tag: str) -> str:
    """text for a <script> or <style> element: a "</tag" in it would end the element early and a
    "<!--" change how it is parsed; the escaped forms mean the same in JS strings and CSS."""
    return re.sub(f"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")
