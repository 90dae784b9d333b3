"""Hostile text runs nothing: the corpus in tests/hostile/ (39 articles in .txt, .md, .html and
.jsonl: script tags, attribute break-outs, javascript:/data:/vbscript: URLs, SVG onload, template
strings, backticks, backslash-digits, U+2028/2029, RTL overrides, NUL and control characters,
combining marks, CRLF, huge names, lone surrogates, ids that look like paths, reserved names or
spreadsheet formulas, markup around real place names so that it reaches popups and labels) is
mapped by `mapper map` once, then every page is opened in headless Chromium under its own
Content-Security-Policy and clicked through, and every data file is parsed.

A payload that ran would set window.__pwned, add an <x-pwned> element or open a dialog.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from tests.cli_runner import Run, run_mapper
from tests.test_browser import BLANK_PNG, WEB

ROOT = Path(__file__).parent.parent
CORPUS = Path(__file__).parent / "hostile"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Every element a page may hold that a payload could have made, and every link that is not a
# web, file or in-page one: looked for in the page at the end, and in every element added to it
# while it was clicked through (a popup's content is gone once the next popup opens).
SUSPECT = "x-pwned, iframe, object, embed, img[src='x'], [onerror], [onload], [onclick], [onmouseover], [style*=expression]"
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
window.__added = [];
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      for (const element of [node, ...node.querySelectorAll("*")]) {
        if (element.matches(SUSPECT) || (element.matches("a[href], area[href]") && !WEB_OR_FILE(element))) {
          window.__added.push(element.outerHTML.slice(0, 200));
        }
      }
    }
  }
}).observe(document, { childList: true, subtree: true });
""".replace("SUSPECT", repr(SUSPECT)).replace(
    "WEB_OR_FILE(element)", '["http:", "https:", "file:", "blob:"].includes(element.protocol)')
INJECTED = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  elements: [...document.querySelectorAll(SUSPECT)].map((e) => e.outerHTML.slice(0, 200)),
  added: window.__added,
  links: [...document.querySelectorAll("a[href], area[href]")]
    .filter((a) => !["http:", "https:", "file:", "blob:"].includes(a.protocol))
    .map((a) => a.getAttribute("href")),
  violations: window.__violations,
})""".replace("SUSPECT", repr(SUSPECT))
# Clicks one after another, each handler running to its end before the next click; then two
# frames, for what a click set going to run (an image's error handler, a move's end) before the
# page is searched.
SETTLE = "await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done))));"
CLICK_ALL = """async (selectors) => {
  let clicked = 0;
  for (const selector of selectors) {
    for (const element of [...document.querySelectorAll(selector)]) {
      element.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
      element.click();
      clicked += 1;
      for (const link of [...document.querySelectorAll(".leaflet-popup-content a")]) {
        link.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
        if (link.target) continue; // the embed's links open the reading view in a new tab
        link.click();
        clicked += 1;
      }
    }
  }
  SETTLE
  return clicked;
}""".replace("SETTLE", SETTLE)

MOVE = """() => new Promise((done) => {
  const map = window.mapperCombined.map;
  map.once("moveend", () => done());  // not the event: a Leaflet event is too deep to hand back
  map.setZoom(map.getZoom() - 1, { animate: false });
})"""
EDIT_MODE = """() => {
  const toggle = [...document.querySelectorAll("button")].find((b) => b.textContent.includes("Edit pins"));
  toggle.click();
  return toggle.getAttribute("aria-pressed") === "true";
}"""
READ_EVERY_STORY = """async () => {
  let clicked = 0;
  for (const story of [...document.querySelectorAll("a.combined-open")]) {
    const read = new Promise((done) => window.addEventListener("hashchange", done, { once: true }));
    story.click();  // a link to #article=ID: the story is shown on the hashchange
    await read;
    for (const mention of [...document.querySelectorAll(".combined-article a.mention")]) {
      mention.click();
      clicked += 1;
    }
  }
  SETTLE
  return clicked;
}""".replace("SETTLE", SETTLE)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[Path, Run]:
    """`mapper map tests/hostile -o OUT --svg`, as a user runs it."""
    out = tmp_path_factory.mktemp("hostile") / "out"
    return out, run_mapper("map", CORPUS, "-o", out, "--svg", cwd=ROOT)


def articles(out: Path) -> list[Path]:
    return sorted(folder for folder in out.iterdir() if (folder / "map.html").is_file())


def corpus_size() -> int:
    files = [p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html")]
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in CORPUS.glob("*.jsonl"))
    return len(files) + lines


def test_every_hostile_article_is_mapped(run):
    out, done = run
    assert corpus_size() >= 32
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and not (out / "failures.jsonl").exists()
    assert len(articles(out)) == corpus_size()
    for folder in articles(out):
        names = {p.name for p in folder.iterdir()}
        assert {"map.html", "embed.html", "embed-snippet.html", "oembed.json", "places.geojson",
                "mentions.csv", "map.png", "map.svg"} <= names, folder
        assert folder.resolve().parent == out.resolve()  # "../../escape" stays inside
    assert (out / "index.html").is_file()


def test_a_line_with_lone_surrogates_is_mapped(run):
    out, _ = run
    assert (out / "surrogates" / "map.html").is_file()


def test_csv_cells_never_start_a_formula(run):
    out, _ = run
    ids = []
    for folder in articles(out):
        with open(folder / "mentions.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        for row in rows[1:]:
            ids.append(row[0])
            for cell in row:
                if not re.fullmatch(r"-?\d+(\.\d+)?", cell):
                    assert not cell.startswith(FORMULA_STARTS), (folder.name, cell)
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in ids and "'\tTabbed+1" in ids


def test_geojson_and_oembed_parse_with_the_strings_intact(run):
    out, _ = run
    titles = {}
    for folder in articles(out):
        geojson = json.loads((folder / "places.geojson").read_text(encoding="utf-8"))
        assert geojson["type"] == "FeatureCollection" and isinstance(geojson["features"], list)
        oembed = json.loads((folder / "oembed.json").read_text(encoding="utf-8"))
        assert oembed["type"] == "rich" and oembed["title"].startswith("Map: ")
        titles[folder.name] = oembed["title"]
        assert oembed["html"] == (folder / "embed-snippet.html").read_bytes().decode("utf-8")
    payload = '"><img src=x onerror="window.__pwned=1;'
    assert any(payload in title for title in titles.values())  # kept as text, not stripped
    json.loads((out / "places.geojson").read_text(encoding="utf-8"))


class Tags(HTMLParser):
    """Every element's tag and attributes, as a browser's tokenizer reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def scheme(url: str) -> str:
    """The scheme a browser would see: it drops ASCII whitespace and control characters first."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return match[1] if match else ""


def test_only_web_urls_become_links_and_no_markup_is_injected(run):
    out, _ = run
    pages = [out / "index.html"] + [
        folder / name for folder in articles(out) for name in ("map.html", "embed.html", "embed-snippet.html")
    ]
    web_links = 0
    for path in pages:
        for tag, attrs in tags(path.read_text(encoding="utf-8")):
            assert tag not in ("object", "embed", "base", "form", "math", "x-pwned"), (path, tag, attrs)
            assert tag != "iframe" or path.name == "embed-snippet.html", (path, attrs)
            assert tag != "img" or attrs.get("class") == "embed-still", (path, attrs)
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                if attrs.get(name) is not None:
                    assert scheme(attrs[name]) in ("", "http", "https"), (path, tag, attrs)
                    web_links += scheme(attrs[name]) in ("http", "https")
    assert web_links  # the JSONL lines' https URLs are links


def test_svg_and_png_parse_with_no_script(run):
    out, _ = run
    for folder in articles(out):
        svg = ET.parse(folder / "map.svg").getroot()
        for element in svg.iter():
            assert element.tag.rsplit("}", 1)[-1] not in ("script", "foreignObject"), folder
            assert not any(name.rsplit("}", 1)[-1].startswith("on") for name in element.attrib), folder
        with Image.open(folder / "map.png") as png:
            png.verify()
    svg = (out / "script-tags" / "map.svg").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1" in svg  # the title, drawn as text


def deep_link(path: Path) -> str:
    """map.html opened on its first mention's place, as a shared link opens it."""
    match = re.search(r'data-place="([^"]+)"', path.read_text(encoding="utf-8"))
    return path.as_uri() + (f"#place={match[1]}" if match else "")


def reader(chromium):
    """A page enforcing each page's policy, recording console errors, page errors and dialogs; tiles
    get a blank image, and files load from disk untouched (routing them would slow every page)."""
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    seen: dict[str, list[str]] = {"errors": [], "dialogs": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.route(WEB, lambda route: route.fulfill(body=BLANK_PNG, content_type="image/png"))
    page.add_init_script(WATCH)
    return page, seen


def test_every_page_runs_nothing_when_clicked_through(chromium, run):
    out, _ = run
    page, seen = reader(chromium)
    problems = []

    def visit(url: str, ready: str, selectors: list[str], first=None) -> None:
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function(ready)
        clicked = first() if first else 0
        clicked += page.evaluate(CLICK_ALL, selectors)
        found = page.evaluate(INJECTED)
        if any(found.values()) or not clicked:
            problems.append((url, found, clicked))

    def read_every_story() -> int:  # in the reading panel, each mention opening its marker
        return page.evaluate(READ_EVERY_STORY)

    def edit_mode() -> int:  # first, as a mention's flight would still be under way after the clicks
        assert page.evaluate(EDIT_MODE)
        clicked = page.evaluate(CLICK_ALL, [".leaflet-marker-icon"])
        assert not page.evaluate(EDIT_MODE)
        return clicked

    loaded = "window.map_mapper && window.map_mapper._loaded"
    for folder in articles(out):
        visit(deep_link(folder / "map.html"), loaded, [".leaflet-marker-icon", "a.mention"], edit_mode)
        visit((folder / "embed.html").as_uri(), loaded, [".leaflet-marker-icon"])
    visit((out / "index.html").as_uri(), "window.mapperCombined", [], read_every_story)
    assert problems == []
    assert seen["dialogs"] == [] and seen["errors"] == []


def test_a_mention_opens_its_clustered_marker_after_a_story_switch(chromium, run):
    """markercluster's zoomToShowLayer left a handler behind that threw "Cannot read properties of
    undefined (reading '_leaflet_id')" on every move once the reader had switched story."""
    out, _ = run
    page, seen = reader(chromium)
    page.goto((out / "index.html").as_uri())
    page.wait_for_function("window.mapperCombined")
    assert page.evaluate("JSON.parse(document.getElementById('combined-data').textContent).clustered")
    first, second = page.locator("a.combined-open").nth(0), page.locator("a.combined-open").nth(1)
    first.click()
    page.locator(".combined-article a.mention").first.click()  # its marker is zoomed to...
    page.locator(".combined-switch").select_option(index=1)  # ...while the reader switches story
    mention = page.locator(".combined-article a.mention").first
    mention.click()
    name = mention.inner_text()
    # The first story's popup may still be on the page a moment (its marker's zoom ends late when
    # two workers' browsers share the machine): wait for the one this mention opens.
    page.locator(".leaflet-popup-content").filter(has_text=name).wait_for()
    page.evaluate(MOVE)  # where the handler left behind threw
    page.locator(".combined-back").click()
    page.evaluate(MOVE)
    assert seen["errors"] == [] and seen["dialogs"] == []
    assert second.is_visible()
