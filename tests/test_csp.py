"""Every page mapper writes carries a Content-Security-Policy that allows only what the page needs,
and every page works under it: Chromium enforcing the policy draws the markers, opens popups and
reports no violation."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from pathlib import Path

import pytest

from mapper.render import write_outputs
from mapper.render.combined import write_combined
from mapper.render.csp import with_policy
from mapper.render.overview import write_overview
from tests.test_browser import Page
from tests.test_render import make_result

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict[str, Path]:
    """One page of every kind: the reading view, the embed, self-contained ones, the combined map
    of a run and the overview of an archive."""
    out = tmp_path_factory.mktemp("csp")
    first, second = make_result(), make_result(article_id="a2", title="Second")
    write_outputs(first, out / "run" / "a1", png=False, shared_assets=True)
    write_outputs(second, out / "run" / "a2", png=False, shared_assets=True)
    write_combined([first, second], out / "run", ["a1", "a2"])
    write_outputs(first, out / "alone", png=False, self_contained=True)
    places = [(g.place.key, g.place.name, g.place.lat, g.place.lon, "PPL", "SY", 1, 1, 0.9, ["a1"])
              for g in first.places()]
    write_overview(out / "archive", [("a1", first.article.title, None)], places)
    return {
        "map": out / "run" / "a1" / "map.html",
        "embed": out / "run" / "a1" / "embed.html",
        "combined": out / "run" / "index.html",
        "self-contained map": out / "alone" / "map.html",
        "self-contained embed": out / "alone" / "embed.html",
        "overview": out / "archive" / "index.html",
    }


def directives(html: str) -> dict[str, list[str]]:
    [content] = META.findall(html)
    return {name: sources for name, *sources in (part.split() for part in unescape(content).split(";"))}


@pytest.mark.parametrize("kind", ["map", "embed", "combined", "self-contained map", "self-contained embed",
                                  "overview"])
def test_every_page_has_a_strict_policy_after_its_charset(site, kind):
    html = site[kind].read_text(encoding="utf-8")
    head = html.encode("utf-8")[:1024].decode("utf-8", "ignore")
    assert re.search(r'<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"', head)
    assert len(re.findall(r"<meta[^>]*charset", html, re.IGNORECASE)) == 1  # none later, contradicting it
    policy = directives(html)
    assert policy["default-src"] == ["'none'"]
    assert policy["object-src"] == policy["base-uri"] == policy["form-action"] == ["'none'"]
    assert not any("unsafe" in s for s in policy["script-src"] + policy["style-src"])
    assert policy["style-src-attr"] == ["'unsafe-inline'"]  # Leaflet positions markers by style attributes
    assert "connect-src" not in policy and "frame-src" not in policy  # default-src 'none': no fetch, no frame
    inline = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len([s for s in policy["script-src"] if s.startswith("'sha256-")]) == len(set(inline))
    if kind.startswith("self-contained"):
        assert "'self'" not in policy["script-src"] and policy["img-src"] == ["'self'", "data:"]
    else:
        assert "'self'" in policy["script-src"]
        assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]


def test_only_the_pages_own_inline_scripts_are_allowed():
    page = '<!DOCTYPE html><html><head><meta charset="utf-8"><script>run()\r\n</script></head></html>'
    digest = base64.b64encode(hashlib.sha256(b"run()\n").digest()).decode()  # as parsed: CR LF is LF
    assert directives(with_policy(page))["script-src"] == [f"'sha256-{digest}'"]
    assert directives(with_policy(page.replace("<script>", '<script type="application/json">'))) == {
        **directives(with_policy(page)), "script-src": ["'none'"]}  # a data block runs nothing
    with pytest.raises(ValueError):
        with_policy("<!DOCTYPE html><html><head><title>x</title></head></html>")


@pytest.mark.parametrize("kind", ["map", "embed", "combined", "self-contained map", "overview"])
def test_every_page_works_under_its_policy(chromium, site, kind):
    view = Page(chromium, site[kind])
    page = view.page
    page.add_init_script(WATCH)
    page.reload()
    page.wait_for_function("document.querySelectorAll('.place-marker, .combined-marker, .leaflet-interactive,"
                           " .overview-cluster, .leaflet-marker-icon').length > 0")
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas,"
                           " .leaflet-marker-icon').length > 0")
    if kind in ("map", "embed", "self-contained map"):
        page.locator(".leaflet-marker-icon").first.click()
        page.locator(".leaflet-popup-content").wait_for()
    if kind == "map":
        page.get_by_role("button", name="Edit pins").click()
        assert page.get_by_role("button", name="Edit pins").get_attribute("aria-pressed") == "true"
    if kind == "combined":
        page.locator("a.combined-open").first.click()
        page.locator(".combined-article a.mention").first.click()
        page.locator(".leaflet-popup-content").wait_for()
    assert page.evaluate("window.__violations") == []
    assert view.errors == [] and view.dialogs == []
