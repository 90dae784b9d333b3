"""The embed: the map alone in an <iframe> of a news page, and the snippet that sizes the iframe.

The browser tests write a news-like host page with the snippet into tmp_path and open it from
file:// in headless Chromium; tiles are answered with a blank image, so nothing leaves the machine.
"""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest

from mapper.errors import MapperError
from mapper.ingest import article_from_text, read_articles
from mapper.model import Place
from mapper.render import RenderOptions, write_outputs
from mapper.render.alt_text import NAMED, alt_text
from mapper.render.basemap import reach_of
from mapper.render.framing import frame
from mapper.render.offline import page_assets
from mapper.render.page import render_map_html
from mapper.render.still import Still
from mapper.render.styles import contrast
from mapper.render.theme import DARK, LIGHT, PALETTES, THEMES
from mapper.render.embed import (
    INITIAL_HEIGHT,
    embed_snippet,
    folder_snippet,
    frame_title,
    initial_height,
    render_embed_html,
    write_embed,
)
from tests.accessibility import axe_violations
from tests.cli_runner import run_mapper
from tests.conftest import SAMPLE, missing_assets
from tests.test_browser import BLANK_PNG, WEB
from tests.test_render import make_result

HOST_JS = (files("mapper.render") / "templates" / "embed-host.js").read_text(encoding="utf-8")
HOSTILE_TITLE = '<img src=x onerror="alert(4)">Title</title><script>alert(5)</script>'
HOSTILE_URL = 'https://news.example/embed.html?a=1&b="><script>alert(1)</script>'


class Elements(HTMLParser):
    """Every element with its attributes, and the text of each <script>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag == name]


# ---- the snippet ------------------------------------------------------------------------------


def test_the_snippet_is_one_iframe_and_the_host_script():
    parsed = Elements(embed_snippet("story/embed.html", title="Map: Strikes near Aleppo"))
    assert [tag for tag, _ in parsed.elements] == ["iframe", "script"]
    [frame] = parsed.tags("iframe")
    assert frame["src"] == "story/embed.html"
    assert frame["title"] == "Map: Strikes near Aleppo"
    assert frame["loading"] == "lazy" and frame["scrolling"] == "no"
    assert frame["width"] == "100%" and frame["height"] == str(INITIAL_HEIGHT)
    assert "border:0" in frame["style"] and "width:100%" in frame["style"]
    assert parsed.scripts == [f"\n{HOST_JS}"]


def test_the_snippet_escapes_a_hostile_url_and_title():
    snippet = embed_snippet(HOSTILE_URL, title=HOSTILE_TITLE)
    parsed = Elements(snippet)
    assert [tag for tag, _ in parsed.elements] == ["iframe", "script"]  # no <img>, no second <script>
    [frame] = parsed.tags("iframe")
    assert frame["src"] == HOSTILE_URL and frame["title"] == HOSTILE_TITLE
    assert "alert" not in parsed.scripts[0]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:x", "java\tscript:x", "data:text/html,<b>", "vbscript:x"]
)
def test_the_snippet_refuses_urls_that_would_run_in_the_host_page(url):
    with pytest.raises(MapperError, match="http"):
        embed_snippet(url, title="Map")


def test_the_host_script_only_listens_to_its_own_iframe():
    # the browser test below posts from other windows; here: the check is there and comes first
    listener = HOST_JS[HOST_JS.index("addEventListener") :]
    assert listener.index("event.source !== frame.contentWindow") < listener.index("mapper-embed-height")
    assert "previousElementSibling" in HOST_JS  # each snippet sizes its own iframe, however many


# ---- the embed page ---------------------------------------------------------------------------


PARAGRAPH_TEXT = "Residents of Aleppo fled west toward Idlib and the Turkish border."


def test_the_embed_is_the_map_with_its_popups_but_not_the_article():
    result = make_result()
    html = render_embed_html(result, reading_view_href="../story/map.html")
    parsed = Elements(html)
    assert not any(tag == "article" or attrs.get("id") == "p1" for tag, attrs in parsed.elements)
    assert PARAGRAPH_TEXT not in html  # the text is only in popups' excerpts, inside the JSON
    [link] = [a for a in parsed.tags("a") if a.get("class") == "embed-open"]
    assert link["href"] == "../story/map.html" and link["target"] == "_blank" and "noopener" in link["rel"]
    assert '"readingView": "../story/map.html"' in html
    assert "<title>Map: Missile workshop near Aleppo destroyed</title>" in html
    assert "3 places in the story" in html
    assert 'class="map-legend"' in html  # Idlib is uncertain


def test_a_hostile_title_and_id_stay_text():
    parsed = Elements(render_embed_html(make_result(title=HOSTILE_TITLE, article_id=HOSTILE_TITLE)))
    assert not parsed.tags("img")
    assert len(parsed.scripts) == len(Elements(render_embed_html(make_result())).scripts)
    [data] = [attrs for attrs in parsed.tags("script") if attrs.get("id") == "mapper-data"]
    assert json.loads(parsed.scripts[parsed.tags("script").index(data)])["id"] == HOSTILE_TITLE
    [title] = [attrs for attrs in parsed.tags("h1")]
    assert title == {"class": "embed-title"}


def test_the_embed_loads_what_the_reading_view_loads():
    if missing_assets():
        pytest.skip(missing_assets())
    result = make_result()
    assert page_assets(reach=reach_of([result])).head in render_embed_html(result)  # from assets/ beside map.html
    inlined = page_assets(self_contained=True)
    html = render_embed_html(result, assets=inlined)
    assert inlined.head in html and 'src="assets/' not in html and 'href="assets/' not in html


def test_the_embed_is_deterministic(tmp_path):
    result = make_result()
    write_embed(result, tmp_path / "a")
    write_embed(result, tmp_path / "b")
    for name in ("embed.html", "embed-snippet.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    # and in another process, with another hash seed
    code = (
        "import sys; from tests.test_render import make_result; from mapper.render.embed import write_embed; "
        "write_embed(make_result(), sys.argv[1])"
    )
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "c")], check=True, env=env)
    assert (tmp_path / "a" / "embed.html").read_bytes() == (tmp_path / "c" / "embed.html").read_bytes()


def test_write_embed_writes_the_page_and_its_snippet(tmp_path):
    result = make_result(title=HOSTILE_TITLE)
    paths = write_embed(result, tmp_path)
    assert [p.name for p in paths] == ["embed.html", "embed-snippet.html", "oembed.json"]
    snippet = (tmp_path / "embed-snippet.html").read_text()
    height = initial_height(HOSTILE_TITLE, "3 places in the story, numbered in order of mention")
    assert snippet == embed_snippet("embed.html", title=frame_title(result), height=height)
    # `mapper embed` reads the title back from embed.html, unescaped exactly once
    title = frame_title(result)
    expected = embed_snippet(f"{tmp_path.as_posix()}/embed.html", title=title, height=height)
    assert folder_snippet(tmp_path) == expected
    url = "https://cdn.example/m/embed.html"
    assert folder_snippet(tmp_path, url) == embed_snippet(url, title=title, height=height)
    with pytest.raises(MapperError, match="mapper map"):
        folder_snippet(tmp_path / "nothing")


def test_mapper_embed_prints_the_snippet(tmp_path):
    write_embed(make_result(), tmp_path / "story")
    done = subprocess.run([sys.executable, "-m", "mapper", "embed", tmp_path / "story"], capture_output=True,
                          text=True)  # once as a process of its own; the other commands run in this one
    assert done.returncode == 0, done.stderr
    assert done.stdout == embed_snippet(f"{(tmp_path / 'story').as_posix()}/embed.html",
                                        title="Map: Missile workshop near Aleppo destroyed")
    done = run_mapper("embed", tmp_path / "story", "--url", "https://news.example/m/embed.html#x", "--no-title")
    assert done.returncode == 0, done.stderr
    assert Elements(done.stdout).tags("iframe")[0]["src"] == "https://news.example/m/embed.html?title=0#x"
    done = run_mapper("embed", tmp_path / "story", "--url", "javascript:alert(1)")
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "http" in done.stderr
    done = run_mapper("embed", tmp_path / "missing")
    assert done.returncode == 2 and "mapper map" in done.stderr


# ---- in the browser ---------------------------------------------------------------------------

COLUMN = 680  # the host page's article column, in px


def host_page(snippet: str, title: str = "Missile workshop near Aleppo destroyed") -> str:
    """A news article page, with the snippet between its paragraphs and enough text to scroll."""
    filler = "".join(
        f"<p>{text}</p>\n"
        for text in [
            "Officials said the strike took place shortly after midnight, and that the workshop had been "
            "under observation for several weeks before it was hit.",
            "Residents of nearby villages described hearing several explosions, followed by fires that "
            "burned until morning. Aid groups said roads to the south remained open.",
        ]
        * 4
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The Daily Example</title>
<style>
  body {{ margin: 0; font: 18px/1.6 Georgia, "Times New Roman", serif; color: #222; background: #fff; }}
  .masthead {{ border-bottom: 1px solid #ddd; padding: 14px 16px; font: 700 22px/1 Georgia, serif;
               text-align: center; letter-spacing: .02em; }}
  main {{ max-width: {COLUMN}px; margin: 0 auto; padding: 24px 16px 80px; }}
  h1 {{ font-size: 32px; line-height: 1.15; margin: 0 0 8px; }}
  .byline {{ font: 14px/1.4 system-ui, sans-serif; color: #666; margin-bottom: 24px; }}
  .embed {{ margin: 28px 0; }}
</style></head>
<body>
<header class="masthead">The Daily Example</header>
<main>
<h1>{title}</h1>
<p class="byline">By A. Reporter · Updated 10:42</p>
{filler}<div class="embed">
{snippet}</div>
{filler}</main>
</body></html>
"""


class Host:
    """The host page in a fresh browser context, with console errors and dialogs of every page recorded."""

    def __init__(self, browser, path: Path, width: int, **context) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 800}, **context)
        self.context.route(WEB, self._answer)
        self.context.on("page", self._watch)
        self.page = self.context.new_page()
        self.page.goto(path.as_uri())
        self.iframe = self.page.locator("iframe")
        self.iframe.scroll_into_view_if_needed()
        self.frame = self.iframe.element_handle().content_frame()
        self.frame.wait_for_function("window.map_mapper && document.querySelector('.place-marker')")
        self.settle()

    def _watch(self, page) -> None:
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    @staticmethod
    def _answer(route) -> None:  # tiles (WEB): a blank image
        route.fulfill(body=BLANK_PNG, content_type="image/png")

    def settle(self) -> int:
        """Wait until the iframe is as tall as the embed says it needs; return that height."""
        for _ in range(100):
            wanted = self.frame.evaluate(
                "Math.ceil(document.querySelector('.mapper-embed').getBoundingClientRect().height)"
            )
            if self.iframe.evaluate("frame => frame.getBoundingClientRect().height") == wanted:
                return wanted
            self.page.wait_for_timeout(50)
        raise AssertionError(f"the iframe never took the embed's height ({wanted}px)")

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def open_host(browser):
    opened: list[Host] = []

    def open_host(path: Path, width: int = 1200, **context) -> Host:
        opened.append(Host(browser, path, width, **context))
        return opened[-1]

    yield open_host
    for host in opened:
        host.close()


def write_site(result, root: Path, url: str = "story/embed.html") -> Path:
    write_outputs(result, root / "story")
    write_embed(result, root / "story")
    page = root / "index.html"
    page.write_text(host_page(embed_snippet(url, title=frame_title(result))), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def site(mapper, tmp_path_factory) -> Path:
    [article] = read_articles(SAMPLE)
    return write_site(next(mapper.map([article])), tmp_path_factory.mktemp("site"))


def shot(host: Host, name: str, tmp_path: Path) -> None:
    """A screenshot of the host page with the embed in view, to look at: into the folder
    MAPPER_SHOTS names, else the test's tmp_path."""
    host.iframe.evaluate("f => window.scrollTo(0, f.getBoundingClientRect().top + scrollY - 140)")
    host.page.screenshot(path=str(Path(os.environ.get("MAPPER_SHOTS") or tmp_path) / name))


def box(host: Host, selector: str) -> dict[str, float]:
    return host.frame.locator(selector).first.bounding_box()  # in the host page's coordinates


def free_spot(host: Host) -> tuple[float, float]:
    """A point of the map in the host's view (its coordinates) with no marker, control or legend on it."""
    frame_box, area = host.iframe.bounding_box(), box(host, ".embed-map")
    for fx, fy in [(.5, .8), (.8, .8), (.2, .6), (.5, .3), (.8, .4), (.3, .9), (.6, .15)]:
        x, y = area["x"] + fx * area["width"], area["y"] + fy * area["height"]
        inner = [x - frame_box["x"], y - frame_box["y"]]
        if 0 < y < host.page.viewport_size["height"] and host.frame.evaluate(
            "([x, y]) => !document.elementFromPoint(x, y)"
            ".closest('.leaflet-marker-icon, .leaflet-control, .map-legend')",
            inner,
        ):
            return x, y
    raise AssertionError("no free spot on the map")


def open_a_popup(host: Host) -> None:
    """Click a marker that is in view and not covered by another."""
    index = host.frame.evaluate("""() => [...document.querySelectorAll('.place-marker')].findIndex(m => {
        const r = m.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
        const above = document.elementFromPoint(x, r.top - 5);
        return document.elementFromPoint(x, y) === m && !above?.closest('.leaflet-control, .map-legend');
    })""")
    host.frame.locator(".place-marker").nth(index).click()
    host.frame.locator(".leaflet-popup-content").wait_for()


ASPECT = {1200: 9 / 16, 400: 3 / 4}  # embed.css: 16:9 from 600px wide, 4:3 below


@pytest.mark.parametrize("width", [1200, 400])
def test_the_iframe_is_as_tall_as_the_map_needs_with_no_scrollbars(open_host, site, width, tmp_path):
    host = open_host(site, width)
    height = host.settle()
    frame_width = host.iframe.evaluate("f => f.clientWidth")
    assert frame_width == min(COLUMN, width - 32)
    area = box(host, ".embed-map")
    assert area["width"] == frame_width
    assert abs(area["height"] - frame_width * ASPECT[width]) <= 1
    assert height == host.iframe.bounding_box()["height"]
    overflow = "(d => [d.scrollWidth - innerWidth, d.scrollHeight - innerHeight])(document.documentElement)"
    assert host.frame.evaluate(overflow) == [0, 0]  # the embed fits its frame exactly
    assert host.page.evaluate("document.documentElement.scrollWidth - innerWidth") == 0
    # the attribution is on the map, whole and clear of the scale
    attribution = host.frame.locator(".leaflet-control-attribution")
    assert attribution.is_visible()
    assert "© OpenStreetMap contributors" in attribution.inner_text()
    a = attribution.bounding_box()
    assert area["x"] <= a["x"] and a["x"] + a["width"] <= area["x"] + area["width"] + 0.5
    assert a["y"] + a["height"] <= area["y"] + area["height"] + 0.5
    scale = host.frame.locator(".leaflet-control-scale")
    assert scale.is_visible() == (width >= 480)  # no room beside the attribution on a phone
    if scale.is_visible():
        assert scale.bounding_box()["x"] + scale.bounding_box()["width"] <= a["x"]
    shot(host, f"embed-host-{width}.png", tmp_path)
    assert host.errors == [] and host.dialogs == []


def test_the_height_follows_the_column_as_it_narrows(open_host, site):
    host = open_host(site, 1200)
    wide = host.settle()
    host.page.set_viewport_size({"width": 400, "height": 800})
    narrow = host.settle()
    area = box(host, ".embed-map")
    assert abs(area["height"] - area["width"] * ASPECT[400]) <= 1 and narrow < wide
    assert host.errors == []


def test_the_host_script_ignores_messages_from_other_windows(open_host, site):
    host = open_host(site)
    height = host.settle()
    host.page.evaluate("""() => new Promise(done => {
        window.postMessage({"mapper-embed-height": 2000}, "*");
        const rogue = document.createElement("iframe");
        rogue.srcdoc = '<script>parent.postMessage({"mapper-embed-height": 1500}, "*")<\\/script>';
        window.addEventListener("message", e => e.source === rogue.contentWindow && setTimeout(done, 100));
        document.body.append(rogue);
    })""")
    assert host.iframe.first.bounding_box()["height"] == height
    host.frame.evaluate("parent.postMessage({'mapper-embed-height': 321, id: 'test'}, '*')")  # its own: obeyed
    host.page.wait_for_function("document.querySelector('iframe').clientHeight === 321")


def test_the_wheel_scrolls_the_page_until_the_map_is_clicked(open_host, site, tmp_path):
    host = open_host(site)
    page, frame = host.page, host.frame
    host.iframe.evaluate("f => window.scrollTo(0, f.getBoundingClientRect().top + scrollY - 100)")
    zoom = frame.evaluate("map_mapper.getZoom()")
    x, y = free_spot(host)

    scrolled = page.evaluate("scrollY")
    page.mouse.move(x, y)
    page.mouse.wheel(0, 200)
    page.wait_for_function(f"scrollY > {scrolled}")
    assert frame.locator(".embed-hint.is-shown").inner_text() == "Click the map to zoom with the scroll wheel"
    frame.wait_for_function("getComputedStyle(document.querySelector('.embed-hint')).opacity === '1'")  # faded in
    shot(host, "embed-hint.png", tmp_path)
    assert frame.evaluate("map_mapper.getZoom()") == zoom

    x, y = free_spot(host)  # the page moved under the pointer
    scrolled = page.evaluate("scrollY")
    page.mouse.click(x, y)
    assert page.evaluate("scrollY") == scrolled  # no jump to show the whole map
    page.mouse.wheel(0, -200)
    frame.wait_for_function(f"map_mapper.getZoom() > {zoom}")
    assert page.evaluate("scrollY") == scrolled

    zoom = frame.evaluate("map_mapper.getZoom()")
    page.mouse.move(x, 5)  # out of the frame: the map lets go
    page.mouse.move(x, y)
    page.mouse.wheel(0, 200)
    page.wait_for_function(f"scrollY > {scrolled}")
    assert frame.evaluate("map_mapper.getZoom()") == zoom
    assert host.errors == []


def test_on_a_touch_screen_one_finger_scrolls_the_page_until_the_map_is_tapped(open_host, site):
    host = open_host(site, 400, has_touch=True, is_mobile=True)
    frame = host.frame
    assert not frame.evaluate("map_mapper.dragging.enabled()")
    assert frame.evaluate("getComputedStyle(map_mapper.getContainer()).touchAction") == "pan-x pan-y"
    host.page.touchscreen.tap(*free_spot(host))
    frame.wait_for_function("map_mapper.dragging.enabled()")
    assert host.errors == []


def test_the_keyboard_reaches_the_map_and_its_markers(open_host, site):
    host = open_host(site)
    page, frame = host.page, host.frame
    page.keyboard.press("Tab")
    assert frame.evaluate("document.activeElement === map_mapper.getContainer()")
    assert frame.evaluate("map_mapper.scrollWheelZoom.enabled()")  # focus picks the map
    for _ in range(10):
        page.keyboard.press("Tab")
        if frame.evaluate("document.activeElement.matches('.place-marker')"):
            break
    label = frame.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label.startswith("Place ") and "mention" in label
    page.keyboard.press("Enter")
    frame.locator(".leaflet-popup-content").wait_for()
    page.locator("h1").evaluate("h => { h.tabIndex = -1; h.focus(); }")  # focus leaves the frame
    frame.wait_for_function("!map_mapper.scrollWheelZoom.enabled()")
    assert host.errors == []


def test_links_open_the_reading_view_in_a_new_tab(open_host, site):
    host = open_host(site)
    frame = host.frame
    reading_view = (site.parent / "story" / "map.html").as_uri()
    link = frame.locator("a.embed-open")
    assert link.inner_text().startswith("Read with the map") and link.get_attribute("href") == "map.html"
    open_a_popup(host)
    paragraph_link = frame.locator(".leaflet-popup-content a[data-paragraph]").first
    paragraph = paragraph_link.get_attribute("data-paragraph")
    assert paragraph_link.get_attribute("href") == f"map.html#{paragraph}"
    assert host.errors == []
    for opener, url in [(link, reading_view), (paragraph_link, f"{reading_view}#{paragraph}")]:
        with host.context.expect_page() as opened:
            opener.click()
        opened.value.wait_for_load_state()
        assert opened.value.url == url
    assert host.page.url == site.as_uri() and frame.url.endswith("/story/embed.html")


def test_title_0_leaves_the_headline_to_the_host(open_host, tmp_path):
    host = open_host(write_site(make_result(), tmp_path, url="story/embed.html?title=0"))
    assert host.frame.locator(".embed-header").is_hidden()
    assert box(host, ".embed-map")["y"] == host.iframe.bounding_box()["y"]  # the map is at the top


HOSTILE = (
    "Shelling hit Aleppo <script>window.__pwned = 1; alert(1)</script> in Syria.\n\n"
    'Residents of Homs wrote "><img src=x onerror="window.__pwned = 2; alert(2)"> and `backticks` '
    "and back\\slashes \\1 \\u0041 ${window.__pwned = 3} </p><a href=\"javascript:alert(3)\">x</a> from Syria."
)


def test_a_hostile_article_runs_nothing(open_host, mapper, tmp_path):
    article = article_from_text(HOSTILE, id="</script><script>alert(6)</script>", title=HOSTILE_TITLE)
    result = next(mapper.map([article]))
    assert {g.place.name for g in result.places()} >= {"Aleppo", "Syria"}
    host = open_host(write_site(result, tmp_path))
    frame = host.frame
    assert frame.locator(".embed-title").inner_text() == HOSTILE_TITLE
    assert host.iframe.get_attribute("title") == f"Map: {HOSTILE_TITLE}"
    markers, texts = frame.locator(".place-marker"), []
    for n in range(markers.count()):
        frame.evaluate("void map_mapper.closePopup()")
        frame.wait_for_function("!document.querySelector('.leaflet-popup')")  # faded out and gone
        markers.nth(n).dispatch_event("click")  # some are out of view
        frame.locator(".leaflet-popup-content").wait_for()
        texts.append(frame.locator(".leaflet-popup-content").inner_text())
    assert any("<script>window.__pwned = 1; alert(1)</script>" in text for text in texts)
    assert any('"><img src=x onerror=' in text for text in texts)
    assert frame.evaluate("window.__pwned") is None and host.page.evaluate("window.__pwned") is None
    assert frame.locator("a[href^='javascript:']").count() == 0
    assert host.dialogs == [] and host.errors == []


# ---- publishing: static image, caption and credit, themes, oEmbed, zoom, motion, accessibility ----

STILL = Still("map.png", 1200, 675)
PUBLISHED = RenderOptions(
    caption="Strikes reported on Tuesday <b>near</b> the city & its suburbs",
    credit="Map: The Courier · Source: GeoNames, Natural Earth",
    source_link="https://www.geonames.org/about.html?a=1&b=2",
)


def many_places(count: int):
    """An article naming count towns, one a paragraph, the first twice."""
    towns = [Place(f"t{n}", f"Town {n}", 10 + n / 10, 20 + n / 10, n, "P", "PPL", "XX") for n in range(1, count + 1)]
    paragraphs = tuple(f"Rain fell on {t.name} all night." for t in towns) + ("Town 1 dried out.",)
    mentions = tuple((i, t.name, t, 0.9) for i, t in enumerate(towns)) + ((count, "Town 1", towns[0], 0.9),)
    return make_result(paragraphs=paragraphs, mentions=mentions, title="Rain")


def test_the_alt_text_lists_the_places_by_their_numbers():
    assert alt_text(make_result()) == "Map of 3 places in the story: 1 Aleppo, 2 Damascus, 3 Idlib."
    long = alt_text(many_places(NAMED + 4))
    assert long.startswith("Map of 14 places in the story: 1 Town 1, 2 Town 2, 3 Town 3,")
    assert long.endswith(f", {NAMED} Town {NAMED} and 4 more.")
    assert alt_text(many_places(1)) == "Map of 1 place in the story: 1 Town 1."
    nothing = make_result(mentions=((0, "Aleppo", None, 0.0),))
    assert alt_text(nothing) == "Map: no place in the story could be mapped."


def test_the_alt_text_says_which_places_the_image_leaves_out():
    aleppo = Place("gn170063", "Aleppo", 36.20, 37.16, 2000000, "P", "PPLA", "SY")
    idlib = Place("gn169388", "Idlib", 35.93, 36.63, 165000, "P", "PPLA", "SY")
    brussels = Place("gn2800866", "Brussels", 50.85, 4.35, 1000000, "P", "PPLC", "BE")
    result = make_result(
        paragraphs=("Strikes hit Aleppo and Idlib.", "Aleppo and Idlib counted the dead.",
                    "Donors met in Brussels."),
        mentions=((0, "Aleppo", aleppo, 0.9), (0, "Idlib", idlib, 0.9), (1, "Aleppo", aleppo, 0.9),
                  (1, "Idlib", idlib, 0.9), (2, "Brussels", brussels, 0.9)))
    view = frame(result)
    assert view.outside == ("gn2800866",)
    assert alt_text(result, view) == ("Map of 2 of the story's 3 places: 1 Aleppo, 2 Idlib. "
                                      "Outside the map: 3 Brussels.")
    assert alt_text(result) == "Map of 3 places in the story: 1 Aleppo, 2 Idlib, 3 Brussels."
    [image] = Elements(render_embed_html(result, still=STILL)).tags("img")
    assert image["alt"] == alt_text(result, view)


def test_the_article_spelling_is_the_name_in_the_alt_text():
    cologne = Place("gn2886242", "Köln", 50.93, 6.95, 2886242, "P", "PPLA3", "DE")
    result = make_result(paragraphs=("Barges left Cologne at dawn.",), mentions=((0, "Cologne", cologne, 0.9),))
    assert alt_text(result) == "Map of 1 place in the story: 1 Cologne."


def test_the_embed_shows_the_static_image_until_the_map_is_drawn():
    result = make_result()
    parsed = Elements(render_embed_html(result, still=STILL))
    [image] = parsed.tags("img")
    assert image == {
        "class": "embed-still", "src": "map.png", "width": "1200", "height": "675", "alt": alt_text(result),
        "loading": "lazy", "decoding": "async", "fetchpriority": "low",
    }
    # in the map's box, under the map (before it), never inside a <noscript> a script could not remove
    tags = [tag for tag, _ in parsed.elements]
    assert tags.index("img") > tags.index("figure") and tags.index("img") < tags.index("figcaption")
    assert "noscript" not in tags[tags.index("figure") :]
    assert ".embed-still" in parsed.scripts[-1] and "remove()" in parsed.scripts[-1]


def test_without_an_image_readers_without_javascript_get_the_list_of_places():
    html = render_embed_html(make_result(), still=None)
    assert "<img" not in html
    assert (
        '<noscript><ol class="embed-places"><li value="1">Aleppo</li><li value="2">Damascus</li>'
        '<li value="3">Idlib</li></ol></noscript>'
    ) in html


def test_png_is_written_by_default_and_shown_by_the_embed(tmp_path):
    result = make_result()
    write_outputs(result, tmp_path / "a")
    embed = (tmp_path / "a" / "embed.html").read_text(encoding="utf-8")
    assert (tmp_path / "a" / "map.png").is_file()
    [image] = Elements(embed).tags("img")
    assert (image["src"], image["width"], image["height"]) == ("map.png", "1200", "675")
    write_outputs(result, tmp_path / "b", png=False)
    assert not (tmp_path / "b" / "map.png").exists()
    assert "<img" not in (tmp_path / "b" / "embed.html").read_text(encoding="utf-8")
    # a self-contained embed makes no request: the list, not the image beside it
    write_outputs(result, tmp_path / "c", self_contained=True)
    assert (tmp_path / "c" / "map.png").is_file()
    assert "<img" not in (tmp_path / "c" / "embed.html").read_text(encoding="utf-8")


def test_caption_credit_and_source_link_are_escaped_in_both_pages():
    result = make_result()
    hostile = RenderOptions(caption=HOSTILE_TITLE, credit=HOSTILE_TITLE, source_link=HOSTILE_URL)
    for html in (render_embed_html(result, options=hostile), render_map_html(result, options=hostile)):
        parsed = Elements(html)
        assert not parsed.tags("img") and "alert(4)" not in "".join(parsed.scripts)
        [figcaption] = parsed.tags("figcaption")
        assert figcaption == {"class": "map-caption"}
        [source] = [a for a in parsed.tags("a") if a["href"] == HOSTILE_URL]
        assert source["target"] == "_blank" and "noopener" in source["rel"]
    html = render_embed_html(result, options=PUBLISHED)
    assert '<p class="map-caption-text">Strikes reported on Tuesday &lt;b&gt;near&lt;/b&gt; the city &amp; its suburbs</p>' in html
    assert ">Map: The Courier · Source: GeoNames, Natural Earth<" in html
    assert 'href="https://www.geonames.org/about.html?a=1&amp;b=2"' in html


def test_a_credit_line_without_a_source_link_is_text_and_a_link_without_credit_names_its_host():
    result = make_result()
    html = render_embed_html(result, options=RenderOptions(credit="Map: The Courier"))
    assert '<p class="map-credit"><span>Map: The Courier</span><a class="embed-open"' in html
    html = render_map_html(result, options=RenderOptions(source_link="https://www.data.example/floods"))
    assert '<a href="https://www.data.example/floods" target="_blank" rel="noopener noreferrer">Source: data.example' in html
    assert "<figcaption" not in render_map_html(result)  # the reading view says nothing unasked


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:x", "data:text/html,x", "ftp://x.example/",
                                 "//cdn.example/x", "www.example.org", ""])
def test_the_source_link_and_base_url_must_be_http(url):
    with pytest.raises(MapperError, match="source link must be an http"):
        RenderOptions(source_link=url)
    with pytest.raises(MapperError, match="base URL must be an http"):
        RenderOptions(base_url=url)


def test_unknown_themes_and_palettes_are_refused():
    with pytest.raises(MapperError, match="unknown theme 'sepia': choose light, dark, auto"):
        RenderOptions(theme="sepia")
    with pytest.raises(MapperError, match="unknown palette 'pink'"):
        RenderOptions(palette="pink")


def test_the_theme_is_the_page_attribute_and_the_palette_its_accent():
    result = make_result()
    for theme in THEMES:
        for render in (render_embed_html, render_map_html):
            options = RenderOptions(theme=theme, palette="teal")
            html = render(result, options=options) if render is render_embed_html else render(result, None, options)
            assert f'<html lang="en" data-theme="{theme}">' in html
            assert f"--accent: {PALETTES['teal'].accent};" in html
            assert f"--accent-ink: {PALETTES['teal'].accent_on_dark};" in html


@pytest.mark.parametrize("name", list(PALETTES))
def test_every_palette_keeps_aa_contrast(name):
    palette = PALETTES[name]
    assert contrast("#fff", palette.accent) >= 4.5  # the numbers on the markers
    assert contrast(LIGHT["page"], palette.accent) >= 4.5  # the accent as text
    for background in (DARK["page"], DARK["panel"]):
        assert contrast(background, palette.accent_on_dark) >= 4.5


def test_oembed_json_describes_the_embed(tmp_path):
    result = make_result()
    write_embed(result, tmp_path, options=PUBLISHED, still=STILL)
    oembed = json.loads((tmp_path / "oembed.json").read_text(encoding="utf-8"))
    snippet = (tmp_path / "embed-snippet.html").read_text(encoding="utf-8")
    height = oembed.pop("height")
    assert oembed == {
        "type": "rich", "version": "1.0", "title": frame_title(result), "provider_name": "mapper",
        "html": snippet, "width": 720, "thumbnail_url": "map.png", "thumbnail_width": 1200, "thumbnail_height": 675,
    }
    assert str(height) == Elements(snippet).tags("iframe")[0]["height"]
    assert height == INITIAL_HEIGHT  # a one-line title and caption
    for html in ((tmp_path / "embed.html").read_text(encoding="utf-8"), render_map_html(result)):
        [link] = [a for a in Elements(html).tags("link") if a.get("type") == "application/json+oembed"]
        assert link == {"rel": "alternate", "type": "application/json+oembed", "href": "oembed.json",
                        "title": frame_title(result)}
    write_embed(result, tmp_path / "bare")
    assert "thumbnail_url" not in json.loads((tmp_path / "bare" / "oembed.json").read_text(encoding="utf-8"))


def test_a_base_url_makes_the_snippet_and_oembed_absolute(tmp_path):
    result = make_result()
    options = replace(PUBLISHED, base_url="https://news.example/maps/aleppo")
    write_embed(result, tmp_path, options=options, still=STILL)
    oembed = json.loads((tmp_path / "oembed.json").read_text(encoding="utf-8"))
    assert oembed["thumbnail_url"] == "https://news.example/maps/aleppo/map.png"
    [frame] = Elements(oembed["html"]).tags("iframe")
    assert frame["src"] == "https://news.example/maps/aleppo/embed.html"
    assert (tmp_path / "embed-snippet.html").read_text(encoding="utf-8") == oembed["html"]
    [link] = [a for a in Elements((tmp_path / "embed.html").read_text()).tags("link") if "oembed" in a.get("type", "")]
    assert link["href"] == "https://news.example/maps/aleppo/oembed.json"


def test_mapper_map_publishes_with_caption_credit_theme_and_base_url(tmp_path):
    done = run_mapper(
        "map", SAMPLE, "-o", tmp_path, "--caption", "Strikes <since> Monday", "--credit", "Map: The Courier",
        "--source-link", "https://data.example/strikes", "--theme", "auto", "--palette", "blue",
        "--base-url", "https://news.example/maps", "--no-png",
    )
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "missile-workshop-near-aleppo"
    assert not (folder / "map.png").exists()
    oembed = json.loads((folder / "oembed.json").read_text(encoding="utf-8"))
    assert Elements(oembed["html"]).tags("iframe")[0]["src"] == (
        "https://news.example/maps/missile-workshop-near-aleppo/embed.html"
    )
    for page in ("embed.html", "map.html"):
        html = (folder / page).read_text(encoding="utf-8")
        assert 'data-theme="auto"' in html and f"--accent: {PALETTES['blue'].accent};" in html
        assert "Strikes &lt;since&gt; Monday" in html and 'href="https://data.example/strikes"' in html
    done = run_mapper("map", SAMPLE, "-o", tmp_path / "bad", "--source-link", "javascript:alert(1)")
    assert done.returncode == 1 and not (tmp_path / "bad").exists()
    assert len(done.stderr.strip().splitlines()) == 1 and "source link must be an http(s) URL" in done.stderr


def test_the_snippet_starts_as_tall_as_the_title_and_caption_need(tmp_path):
    short = initial_height("Floods", "Roads closed")
    assert initial_height("Floods " * 20, "Roads closed") > short  # a two-line title
    assert initial_height("Floods " * 20, "Roads closed") == initial_height("Floods " * 60, "Roads closed")  # clamped
    assert initial_height("Floods", "Roads closed " * 20) > short
    assert initial_height(None, "Roads closed") < short
    write_embed(make_result(), tmp_path, options=RenderOptions(caption="Roads closed " * 20))
    wanted = Elements((tmp_path / "embed-snippet.html").read_text()).tags("iframe")[0]["height"]
    assert Elements(folder_snippet(tmp_path)).tags("iframe")[0]["height"] == wanted  # `mapper embed` agrees
    assert int(Elements(folder_snippet(tmp_path, show_title=False)).tags("iframe")[0]["height"]) < int(wanted)


def test_readers_may_pinch_zoom_both_pages():
    result = make_result()
    for html in (render_embed_html(result), render_map_html(result)):
        [viewport] = [m for m in Elements(html).tags("meta") if m.get("name") == "viewport"]
        assert viewport["content"] == "width=device-width, initial-scale=1"


# ---- in the browser: the static image, themes, motion, accessibility ----------------------------


@pytest.fixture(scope="module")
def published_site(mapper, tmp_path_factory) -> Path:
    """The sample mapped as a newsroom publishes it: caption, credit and source link, theme auto."""
    [article] = read_articles(SAMPLE)
    root = tmp_path_factory.mktemp("published")
    write_outputs(next(mapper.map([article])), root / "story", replace(PUBLISHED, theme="auto"))
    page = root / "index.html"
    page.write_text(host_page(folder_snippet(root / "story", "story/embed.html")), encoding="utf-8")
    return page


def without_scripts(path: Path) -> Path:
    """The page as a browser without JavaScript builds it: no scripts, <noscript> content shown.
    Beside it, so its relative URLs still resolve; axe-core (a script) can run in it."""
    html = re.sub(r"<script\b.*?</script>", "", path.read_text(encoding="utf-8"), flags=re.S)
    copy = path.with_name(f"nojs-{path.name}")
    copy.write_text(html.replace("<noscript>", "").replace("</noscript>", ""), encoding="utf-8")
    return copy


def test_without_javascript_the_embed_shows_the_image_with_its_alt_text(browser, published_site, tmp_path):
    context = browser.new_context(viewport={"width": 1200, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(published_site.as_uri())
        frame = page.frame_locator("iframe")
        image = frame.locator("img.embed-still")
        # not scroll_into_view_if_needed: without JavaScript, Chromium 150 never reports it stable
        image.evaluate("i => i.scrollIntoView()")
        image.evaluate("i => i.decode()")  # loaded
        assert image.is_visible() and image.evaluate("i => i.naturalWidth") == 1200
        assert image.get_attribute("alt").startswith("Map of ")
        shown, box = image.bounding_box(), frame.locator(".embed-map").bounding_box()
        assert abs(box["height"] - box["width"] * 675 / 1200) <= 2  # the box takes the image's shape
        assert abs(shown["height"] - box["height"]) <= 2
        # the whole embed fits the iframe's first height, which no script will change
        credit, iframe = frame.locator(".map-credit").bounding_box(), page.locator("iframe").bounding_box()
        page.screenshot(path=str(Path(os.environ.get("MAPPER_SHOTS") or tmp_path) / "embed-nojs.png"))
        assert credit["y"] + credit["height"] <= iframe["y"] + iframe["height"]
    finally:
        context.close()


def test_with_javascript_the_image_goes_once_the_map_is_drawn(open_host, published_site):
    host = open_host(published_site, 1200)
    assert host.frame.locator("img.embed-still").count() == 0
    assert host.frame.locator(".leaflet-container .place-marker").count() > 0
    assert host.errors == []


BACKGROUND = "getComputedStyle(document.body).backgroundColor"
INK = "getComputedStyle(document.body).color"


def rgb(colour: str) -> str:
    colour = colour.lstrip("#")
    colour = "".join(c * 2 for c in colour) if len(colour) == 3 else colour
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (0, 2, 4)))


def test_auto_follows_the_readers_colour_scheme(open_host, published_site, tmp_path):
    light = open_host(published_site, 1200, color_scheme="light")
    assert light.frame.evaluate(BACKGROUND) == rgb(LIGHT["page"]) and light.frame.evaluate(INK) == rgb(LIGHT["ink"])
    dark = open_host(published_site, 1200, color_scheme="dark")
    assert dark.frame.evaluate(BACKGROUND) == rgb(DARK["page"]) and dark.frame.evaluate(INK) == rgb(DARK["ink"])
    link = "getComputedStyle(document.querySelector('.embed-open')).color"
    assert light.frame.evaluate(link) == rgb(PALETTES["red"].accent)
    assert dark.frame.evaluate(link) == rgb(PALETTES["red"].accent_on_dark)
    # the markers keep their accent, and the white numbers on it, in both
    marker = "getComputedStyle(document.querySelector('.place-marker:not(.low)')).backgroundColor"
    assert light.frame.evaluate(marker) == dark.frame.evaluate(marker) == rgb(PALETTES["red"].accent)
    tiles = "getComputedStyle(map_mapper.getPane('tilePane')).filter"
    assert light.frame.evaluate(tiles) == "none" and dark.frame.evaluate(tiles).startswith("invert(1)")
    shot(dark, "embed-dark.png", tmp_path)


@pytest.mark.parametrize(("theme", "scheme", "expected"), [("dark", "light", DARK), ("light", "dark", LIGHT)])
def test_a_forced_theme_ignores_the_readers_setting(open_host, mapper, tmp_path, theme, scheme, expected):
    result = make_result()
    write_outputs(result, tmp_path / "story", theme=theme, png=False)
    page = tmp_path / "index.html"
    page.write_text(host_page(folder_snippet(tmp_path / "story", "story/embed.html")), encoding="utf-8")
    host = open_host(page, 1200, color_scheme=scheme)
    assert host.frame.evaluate(BACKGROUND) == rgb(expected["page"])
    assert host.frame.evaluate("getComputedStyle(document.documentElement).colorScheme") == theme


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_makes_the_map_jump(open_host, published_site, motion):
    host = open_host(published_site, 1200, reduced_motion=motion)
    frame = host.frame
    # a marker's popup pans the map to fit it: at once, or gliding. How far it has gone when the
    # click's handlers return, as a share of the whole pan: a glide's first step runs at once, and
    # moves the map a little when a millisecond or two passed since it started (a loaded machine).
    moved = frame.evaluate("""async () => {
        const map = map_mapper, middle = map.getSize().divideBy(2);
        const at = marker => map.latLngToContainerPoint(marker.getLatLng());
        const markers = Object.values(window).filter(v => v instanceof L.Marker);
        const marker = markers.sort((a, b) => at(a).distanceTo(middle) - at(b).distanceTo(middle))[0];
        map.panBy([0, at(marker).y - 20], {animate: false});  // to the top: its popup needs room above
        const pixel = () => map.project(map.getCenter(), map.getZoom());
        const start = pixel();
        const ended = new Promise((done) => map.once("moveend", done));
        marker.fire("click");
        const now = pixel();
        const gliding = map.getPane("mapPane").classList.contains("leaflet-pan-anim");
        await ended;
        const whole = pixel().distanceTo(start);
        return {share: whole ? Math.round(100 * now.distanceTo(start) / whole) : null, gliding};
    }""")
    if motion == "reduce":
        assert moved == {"share": 100, "gliding": False}
    else:
        assert moved["gliding"] and moved["share"] < 50, moved
    zoomed = frame.evaluate("() => { const z = map_mapper.getZoom(); map_mapper.zoomIn(); return map_mapper.getZoom() - z; }")
    assert (zoomed == 1) == (motion == "reduce")  # no zoom animation: the zoom is there at once
    transition = "getComputedStyle(document.querySelector('.place-marker')).transitionDuration"
    assert (frame.evaluate(transition) == "0s") == (motion == "reduce")
    assert host.errors == []


def test_reduced_motion_in_the_reading_view(browser, published_site):
    context = browser.new_context(viewport={"width": 1200, "height": 800}, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.route(WEB, lambda r: r.abort())  # no network; files load from disk untouched
        page.goto((published_site.parent / "story" / "map.html").as_uri())
        page.wait_for_function("window.map_mapper && document.querySelector('.place-marker')")
        far = page.evaluate("""() => {
            const keys = [...document.querySelectorAll('.mention[data-place]')].map(m => m.dataset.place);
            return keys[keys.length - 1];
        }""")
        before = page.evaluate("map_mapper.getCenter()")
        page.evaluate("""key => {
            map_mapper.setView([0, 0], 3, {animate: false});
            document.querySelector(`.mention[data-place="${key}"]`).click();
        }""", far)
        # the click has moved the map and opened the popup before any frame could animate
        assert page.evaluate("map_mapper.getCenter()") != before
        assert page.locator(".leaflet-popup").count() == 1
        assert page.evaluate("getComputedStyle(document.querySelector('.mapper-article p[id]')).transitionDuration") == "0s"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_in_the_embed(open_host, published_site, scheme):
    host = open_host(published_site, 1200, color_scheme=scheme)
    page = host.context.new_page()  # the embed as its own document: axe checks the frame itself
    page.goto((published_site.parent / "story" / "embed.html").as_uri())
    page.wait_for_function("window.map_mapper && document.querySelector('.place-marker')")
    assert axe_violations(page) == []
    # the landmarks a screen reader lists, and the map's markers in the tab order
    landmarks = page.evaluate("""() => [...document.querySelectorAll('header, main, [role=region]')]
        .map(e => e.getAttribute('role') || e.tagName.toLowerCase())""")
    assert landmarks == ["header", "main", "region"]
    assert page.locator(".place-marker[tabindex='0']").count() == page.locator(".place-marker").count() > 0


def test_axe_finds_no_serious_violation_without_javascript(browser, published_site):
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1200, "height": 800}, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(without_scripts(published_site.parent / "story" / "embed.html").as_uri())
            page.wait_for_function("document.querySelector('img.embed-still').complete")
            assert axe_violations(page) == []
        finally:
            context.close()


@pytest.mark.parametrize("palette", list(PALETTES))
def test_axe_finds_no_contrast_violation_in_any_palette(browser, tmp_path, palette):
    write_outputs(make_result(), tmp_path, theme="auto", palette=palette, png=False, credit="Map: The Courier")
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 900, "height": 700}, color_scheme=scheme)
        try:
            page = context.new_page()
            page.route(WEB, lambda r: r.abort())  # no network; files load from disk untouched
            for name in ("embed.html", "map.html"):
                page.goto((tmp_path / name).as_uri())
                page.wait_for_function("window.map_mapper && document.querySelector('.place-marker')")
                page.evaluate("document.querySelector('.place-marker').click()")  # a popup, too
                page.wait_for_function("getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
                contrast_only = [v for v in axe_violations(page, rules=("color-contrast",))
                                 if v.startswith("color-contrast")]
                assert contrast_only == [], (name, scheme)
        finally:
            context.close()
