"""A page's browser assets: Leaflet, its images and the basemap, from npm at render time, never a CDN.

Linked (the default): the page refers to copies written beside it in `assets/`, by relative URLs,
so its folder opens from file:// with no network and can be uploaded as is.
Self-contained: everything inlined in the page, images as data: URIs, and no tile layer, so the
page makes no request at all.

Any page with a Leaflet map uses it the same way:

    assets = page_assets(self_contained=False)
    html = f"<head>...{assets.head}...</head>..."  # before the page's own map script
    write_assets(folder, assets)                    # beside the page; nothing when self-contained
"""

from __future__ import annotations

import base64
import functools
import json
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path, PurePosixPath

from mapper.files import write_atomic
from mapper.render import basemap
from mapper.render.assets import asset, assets_dir

FOLDER = "assets"
_TEMPLATES = files("mapper.render") / "templates"
_ICONS = {"iconUrl": "marker-icon.png", "iconRetinaUrl": "marker-icon-2x.png", "shadowUrl": "marker-shadow.png"}
_LEAFLET_IMAGES = ("layers.png", "layers-2x.png", *_ICONS.values())
_CSS_IMAGE = re.compile(r"url\((images/[\w.-]+)\)")  # how leaflet.css refers to its images


@dataclass(frozen=True)
class PageAssets:
    """What a page with a Leaflet map needs: tags for its <head> and the files to write beside it."""

    head: str
    files: tuple[tuple[str, bytes], ...]  # (path relative to the page's folder, content)


def page_assets(
    *, self_contained: bool = False, folder: str = FOLDER, extra: tuple[tuple[str, str], ...] = ()
) -> PageAssets:
    """The assets, read from the npm packages `make` installs; MissingAsset names the fix.

    folder: where linked assets go, relative to the page; extra: more (npm package, .css or .js
    path) a page needs, such as a Leaflet plugin, loaded after the basemap's own."""
    return _page_assets(assets_dir(), self_contained, folder, extra)


def write_assets(folder: Path, assets: PageAssets) -> list[Path]:
    """Write the files a page's assets need into the page's folder; return their paths."""
    return [write_atomic(Path(folder) / name, data) for name, data in assets.files]


@functools.cache
def _page_assets(
    root: Path, self_contained: bool, folder: str, extra: tuple[tuple[str, str], ...]
) -> PageAssets:  # root: part of the cache key
    styles = {
        "leaflet.css": asset("leaflet", "dist/leaflet.css").read_text(encoding="utf-8"),
        "basemap.css": (_TEMPLATES / "basemap.css").read_text(encoding="utf-8"),
    }
    scripts = {
        "leaflet.js": asset("leaflet", "dist/leaflet.js").read_text(encoding="utf-8"),
        "motion.js": (_TEMPLATES / "motion.js").read_text(encoding="utf-8"),
        "world.js": basemap.world_js(),
        "basemap.js": (_TEMPLATES / "basemap.js").read_text(encoding="utf-8"),
    }
    for package, path in extra:
        name = PurePosixPath(path).name
        (styles if name.endswith(".css") else scripts)[name] = asset(package, path).read_text(encoding="utf-8")
    images = {
        f"images/{name}": asset("leaflet", f"dist/images/{name}").read_bytes() for name in _LEAFLET_IMAGES
    }
    config = json.dumps(basemap.config(tiles=not self_contained)).replace("<", "\\u003c")
    config_tag = f'<script type="application/json" id="mapper-basemap">{config}</script>'
    if self_contained:
        return _inlined(styles, scripts, images, config_tag)
    head = [
        *(f'<link rel="stylesheet" href="{folder}/{name}">' for name in styles),
        config_tag,
        *(f'<script src="{folder}/{name}"></script>' for name in scripts),
    ]
    texts = {**styles, **scripts}
    written = [(name, text.encode("utf-8")) for name, text in texts.items()] + list(images.items())
    return PageAssets("\n".join(head) + "\n", tuple((f"{folder}/{name}", data) for name, data in written))


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
