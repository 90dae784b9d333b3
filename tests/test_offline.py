"""Page assets: Leaflet and the basemap linked from assets/ or inlined, never from a CDN."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mapper.render import write_outputs
from mapper.render.assets import MissingAsset, asset
from mapper.render.basemap import world_js
from mapper.render.offline import _raw_text, page_assets
from tests.conftest import SAMPLE
from tests.test_render import make_result

try:
    page_assets()
    MISSING_ASSET = None
except MissingAsset as e:
    MISSING_ASSET = str(e)
needs_assets = pytest.mark.skipif(MISSING_ASSET is not None, reason=f"npm assets missing: {MISSING_ASSET}")


class Resources(HTMLParser):
    """What a page would load: src and non-link href attributes, and url(...) in its styles."""

    def __init__(self, html: str):
        super().__init__()
        self.urls: list[str] = []
        self.viewports: list[str] = []
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [attrs["src"]] if "src" in attrs else []
        if "href" in attrs and tag != "a":  # a link is followed by the reader, not loaded
            self.urls.append(attrs["href"])
        self.urls += re.findall(r"url\(([^)]*)\)", attrs.get("style") or "")
        if tag == "meta" and attrs.get("name") == "viewport":
            self.viewports.append(attrs["content"])
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.urls += re.findall(r"url\(([^)]*)\)", data)


def test_a_missing_npm_asset_names_the_fix_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPPER_ASSETS", str(tmp_path / "nothing"))
    for self_contained in (False, True):
        with pytest.raises(MissingAsset, match=r"leaflet.*run `make` \(it installs leaflet from npm\)"):
            write_outputs(make_result(), tmp_path / "out", self_contained=self_contained)
    assert not (tmp_path / "out").exists()


def test_the_command_line_says_in_one_line_how_to_get_missing_assets(tmp_path):
    env = {**os.environ, "MAPPER_ASSETS": str(tmp_path / "nothing")}
    done = subprocess.run([sys.executable, "-m", "mapper", "map", SAMPLE, "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("error: ") and "run `make`" in line and "MAPPER_ASSETS" in line


@needs_assets
def test_map_self_contained_writes_one_page_and_no_assets(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mapper", "map", SAMPLE, "-o", str(tmp_path), "--self-contained"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "missile-workshop-near-aleppo"
    assert sorted(p.name for p in folder.iterdir()) == [
        "embed-snippet.html", "embed.html", "map.html", "map.png", "mentions.csv", "oembed.json", "places.geojson",
    ]
    for page in ("map.html", "embed.html"):
        html = (folder / page).read_text(encoding="utf-8")
        assert "<script src=" not in html and "<link" not in html and "window.mapperWorld = " in html


@needs_assets
def test_self_contained_map_loads_nothing_from_anywhere(tmp_path):
    [page, *_] = write_outputs(make_result(), tmp_path, self_contained=True)
    assert not (tmp_path / "assets").exists()
    html = page.read_text(encoding="utf-8")
    urls = Resources(html).urls
    assert urls, "leaflet.css's images should be there, inlined"
    # "#default#VML" is a fragment of the page itself (an old IE behaviour), no request
    assert all(u.startswith(("data:image/png;base64,", "#")) for u in urls), urls
    assert "tile.openstreetmap.org" not in html and '"tiles": null' in html
    assert html.count("L.Icon.Default.mergeOptions(") == 1  # default icons from data: URIs too


@needs_assets
def test_linked_map_refers_only_to_the_assets_written_beside_it(tmp_path):
    [page, *_] = write_outputs(make_result(), tmp_path)
    urls = Resources(page.read_text(encoding="utf-8")).urls
    names = ("leaflet.css", "basemap.css", "leaflet.js", "motion.js", "world.js", "basemap.js")
    assert urls == [*(f"assets/{name}" for name in names), "oembed.json"]  # the embed's, named for discovery
    assert all((tmp_path / u).is_file() for u in urls)
    assert (tmp_path / "assets/leaflet.js").read_bytes() == asset("leaflet", "dist/leaflet.js").read_bytes()
    css_images = re.findall(r"url\((images/[^)]+)\)", (tmp_path / "assets/leaflet.css").read_text(encoding="utf-8"))
    assert css_images and all((tmp_path / "assets" / u).is_file() for u in css_images)
    assert (tmp_path / "assets/images/marker-shadow.png").is_file()  # used by Leaflet's JS, not its CSS


@needs_assets
@pytest.mark.parametrize("self_contained", [False, True])
def test_outputs_are_byte_identical_across_runs(tmp_path, self_contained):
    def written(folder: Path) -> dict[str, bytes]:
        write_outputs(make_result(), folder, self_contained=self_contained)
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert written(tmp_path / "a") == written(tmp_path / "b")


@needs_assets
@pytest.mark.parametrize("self_contained", [False, True])
def test_the_page_can_be_zoomed_by_its_reader(tmp_path, self_contained):
    [page, *_] = write_outputs(make_result(), tmp_path, self_contained=self_contained)
    assert Resources(page.read_text(encoding="utf-8")).viewports == ["width=device-width, initial-scale=1"]


def _world() -> dict:
    script = world_js()
    assert script.startswith("window.mapperWorld = ") and script.endswith(";\n")
    return json.loads(script[len("window.mapperWorld = "):-2])


def _rings(country: dict, scale: int) -> list[list[tuple[float, float]]]:
    rings = []
    for polygon in country["shape"]:
        for steps in polygon:
            lat = lon = 0
            ring = []
            for dlat, dlon in zip(steps[::2], steps[1::2]):
                lat, lon = lat + dlat, lon + dlon
                ring.append((lat / scale, lon / scale))
            rings.append(ring)
    return rings


@needs_assets
def test_world_outlines_are_small_and_drawable():
    script, world = world_js(), _world()
    assert len(script) < 100_000
    countries = {c["name"]: c for c in world["countries"]}
    assert len(countries) > 170 and {"Syria", "Russia", "Fiji", "Antarctica"} <= set(countries)
    for country in countries.values():
        for ring in _rings(country, world["scale"]):
            assert len(ring) >= 3
            # no step across the antimeridian: Leaflet would draw it as a line around the world
            assert all(abs(b[1] - a[1]) < 180 for a, b in zip(ring, ring[1:])), country["name"]
    russia = [p for ring in _rings(countries["Russia"], world["scale"]) for p in ring]
    assert max(lon for _, lon in russia) > 180  # Chukotka, east of the antimeridian, kept east


@needs_assets
def test_country_labels_sit_in_their_country_and_show_when_they_fit():
    world = _world()
    countries = {c["name"]: c for c in world["countries"]}
    lat, lon = countries["Syria"]["label"]
    assert 32 < lat < 37.5 and 35.5 < lon < 42.5
    assert all(2 <= c["minZoom"] <= 8 for c in countries.values())
    assert countries["Russia"]["minZoom"] == 2
    assert countries["Syria"]["minZoom"] < countries["Lebanon"]["minZoom"] < countries["Luxembourg"]["minZoom"]


def test_inlined_text_cannot_end_its_element():
    js = 'var a = "</script><script>alert(1)</SCRIPT>", b = "<!--";'
    assert _raw_text(js, "script") == 'var a = "<\\/script><script>alert(1)<\\/SCRIPT>", b = "<\\!--";'
    assert "</style" not in _raw_text("a::after { content: '</style>' }", "style")
