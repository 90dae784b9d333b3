"""Page assets: Leaflet and the basemap linked from assets/ or inlined, never from a CDN."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mapper.model import Place
from mapper.render import basemap, cells, write_outputs
from mapper.errors import MissingAsset
from mapper.render.assets import asset
from mapper.render.basemap import world_js
from mapper.render.offline import _raw_text, page_assets
from mapper.render.outlines import thinned
from tests.cli_runner import run_mapper
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
    done = run_mapper("map", SAMPLE, "-o", tmp_path / "out", env={"MAPPER_ASSETS": str(tmp_path / "nothing")})
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("error: ") and "run `make`" in line and "MAPPER_ASSETS" in line


@needs_assets
def test_map_self_contained_writes_one_page_and_no_assets(tmp_path):
    done = run_mapper("map", SAMPLE, "-o", tmp_path, "--self-contained")
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
    names = ("leaflet.css", "basemap.css", "leaflet.js", "motion.js", "minimap.js", "world.js", "basemap.js",
             "labels.js", "story-view.js")
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


def _points(steps: list[int], scale: int) -> list[tuple[float, float]]:
    """A ring or line of basemap steps as (lat, lon) points."""
    lat = lon = 0
    points = []
    for dlat, dlon in zip(steps[::2], steps[1::2]):
        lat, lon = lat + dlat, lon + dlon
        points.append((lat / scale, lon / scale))
    return points


@needs_assets
def test_world_outlines_are_small_and_drawable():
    script, world = world_js(), _world()
    assert len(script) < 100_000
    countries = {c["name"] for c in world["countries"]}
    assert len(countries) > 170 and {"Syria", "Russia", "Fiji", "Antarctica"} <= countries
    assert len(world["land"]) > 100 and len(world["borders"]) > 100 and len(world["lakes"]) > 10
    for kind, least in (("land", 3), ("lakes", 3), ("borders", 2)):
        for steps in world[kind]:
            shape = _points(steps, world["scale"])
            assert len(shape) >= least
            # no step across the antimeridian: Leaflet would draw it as a line around the world
            assert all(abs(b[1] - a[1]) < 180 or abs(a[0]) == abs(b[0]) == 90  # or along a pole
                       for a, b in zip(shape, shape[1:])), kind
            lons = [lon for _, lon in shape]
            assert -180 <= (min(lons) + max(lons)) / 2 <= 180, kind  # in this world: Eurasia starts in Chukotka
    # Antarctica's coast circles the pole: its ring is closed along it, or it would fill the world beside it
    antarctica = [_points(steps, world["scale"]) for steps in world["land"]]
    assert any(max(lon for _, lon in ring) - min(lon for _, lon in ring) >= 359 and min(lat for lat, _ in ring) == -90
               for ring in antarctica)


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


# A local story of our own: towns along the Ohio River, in Ohio and West Virginia.
ATHENS = Place("gn4505542", "Athens", 39.32924, -82.10126, 4505542, "P", "PPLA2", "US", "Ohio")
MARIETTA = Place("gn4515843", "Marietta", 39.41535, -81.45484, 4515843, "P", "PPLA2", "US", "Ohio")
POMEROY = Place("gn4520328", "Pomeroy", 39.02758, -82.03375, 4520328, "P", "PPLA2", "US", "Ohio")
PARKERSBURG = Place("gn4816378", "Parkersburg", 39.26674, -81.56151, 4816378, "P", "PPLA2", "US", "West Virginia")
LOCAL_STORY = (
    "Rain closed roads around Athens on Monday, and the river at Pomeroy rose overnight.",
    "Crews in Marietta opened a flood wall; across the river, Parkersburg shut its docks.",
)
LOCAL_MENTIONS = ((0, "Athens", ATHENS, 0.9), (0, "Pomeroy", POMEROY, 0.9),
                  (1, "Marietta", MARIETTA, 0.9), (1, "Parkersburg", PARKERSBURG, 0.9))


def local_result():
    return make_result(LOCAL_STORY, LOCAL_MENTIONS, title="Ohio River towns brace for a flood")


def test_a_level_cell_key_names_the_square_it_covers():
    for level in cells.LEVELS:
        key = level.key(39.33, -82.1)
        west, south, east, north = level.box(key)
        assert west <= -82.1 < east and south <= 39.33 < north
        assert east - west == north - south == level.size


def test_douglas_peucker_keeps_the_ends_and_the_corners():
    line = [(0, 0), (1, 0.001), (2, 0), (2.001, 1), (2, 2)]
    assert thinned(line, 0.01) == [(0, 0), (2, 0), (2, 2)]
    assert thinned(line, 0.0001) == line


def test_a_line_leaving_a_box_and_coming_back_is_two_lines():
    line = ((0.5, 0.5), (2, 0.5), (2, 0.8), (0.5, 0.8))
    assert cells._clip_line(line, (0, 0, 1, 1)) == [[(0.5, 0.5), (1, 0.5)], [(1, 0.8), (0.5, 0.8)]]


@needs_assets
def test_a_cell_holds_the_shapes_inside_it_and_the_states_names():
    fine, coarse = cells.LEVELS[1], cells.LEVELS[0]
    key = fine.key(39.3, -82.1)  # Athens, Ohio
    cell = cells.cell(fine.name, key)
    assert cell["land"] and cell["admin1"] and cell["rivers"]  # the Ohio River, and the Ohio-West Virginia line
    west, south, east, north = fine.box(key)
    slack = 1 / fine.scale
    for kind in ("land", "admin1", "borders", "rivers", "lakes"):
        for steps in cell[kind]:
            assert all(south - slack <= lat <= north + slack and west - slack <= lon <= east + slack
                       for lat, lon in _points(steps, fine.scale)), kind
    labels = {name: zoom for c in map(cells.cell, ["50m"] * 3, [coarse.key(40.4, -82.7), coarse.key(38.6, -80.6),
                                                                   coarse.key(40.9, -77.8)]) if c
              for name, _, _, zoom in c["labels"]}
    assert {"Ohio", "West Virginia", "Pennsylvania"} <= set(labels)
    assert all(cells.ADMIN1_ZOOM <= zoom <= 10 for zoom in labels.values())
    assert cells.cell(fine.name, fine.key(0.5, -140.5)) is None  # the open Pacific: the page's sea will do


@needs_assets
def test_a_page_writes_the_cells_near_its_places_and_nothing_far(tmp_path):
    result = local_result()
    write_outputs(result, tmp_path)
    config = json.loads(re.search(r'id="mapper-basemap">(.*?)</script>', (tmp_path / "map.html").read_text())[1])
    assert config["cells"]["path"] == "assets/basemap"
    places = [(g.place.lat, g.place.lon) for g in result.places()]
    written = {str(p.relative_to(tmp_path / "assets/basemap")) for p in (tmp_path / "assets/basemap").rglob("*.js")}
    listed = {f"{level['name']}/{key}.js" for level in config["cells"]["levels"] for key in level["keys"]}
    assert written == listed and written
    for level in cells.LEVELS:
        dlat, dlon = level.reach
        keys = [path.split("/")[1][:-3] for path in written if path.startswith(level.name + "/")]
        assert level.key(39.3, -82.1) in keys
        for key in keys:  # every cell is within the level's reach of a place
            west, south, east, north = level.box(key)
            assert any(south - dlat <= lat <= north + dlat and west - dlon <= lon <= east + dlon for lat, lon in places)
    size = sum(p.stat().st_size for p in (tmp_path / "assets/basemap").rglob("*.js"))
    assert size < 250_000, size  # a local story's detail: about 160 kB


@needs_assets
def test_a_self_contained_page_inlines_only_its_first_views_cells(tmp_path):
    [page, *_] = write_outputs(local_result(), tmp_path, self_contained=True)
    html = page.read_text(encoding="utf-8")
    config = json.loads(re.search(r'id="mapper-basemap">(.*?)</script>', html)[1])
    assert config["cells"]["path"] is None
    inlined = re.findall(r'mapperBasemap\.cell\("(\w+)","(\d+_\d+)"', html)
    listed = [(level["name"], key) for level in config["cells"]["levels"] for key in level["keys"]]
    assert inlined and sorted(inlined) == sorted(listed)
    assert ("10m", cells.LEVELS[1].key(39.3, -82.1)) in inlined  # a local story opens close up
    cell_bytes = sum(len(m) for m in re.findall(r"mapperBasemap\.cell\(.*?\);\n", html))
    assert cell_bytes <= basemap._INLINE_BUDGET
