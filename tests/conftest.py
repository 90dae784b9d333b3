import shutil
from pathlib import Path

import pytest

from mapper.pipeline import Mapper
from mapper.errors import MissingAsset
from mapper.render.assets import asset
from mapper.render.offline import page_assets

SAMPLE = "seeds/missile-workshop-near-aleppo.txt"


@pytest.fixture(scope="session")
def mapper() -> Mapper:
    """The real pipeline: spaCy model and the embedded gazetteer (built once in the user cache)."""
    return Mapper()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files with browser tests first: they take longest, and the workers (pyproject.toml's
    -n 2, each taking whole files in this order) would otherwise finish with one of them alone."""
    in_browser = {item.path for item in items if {"chromium", "browser"} & set(item.fixturenames)}
    items.sort(key=lambda item: item.path not in in_browser)


def missing_assets() -> str:
    """Why the npm assets the pages need cannot be read (run `make`), or "" when they can."""
    try:
        page_assets()
        asset("leaflet.markercluster", "dist/leaflet.markercluster.js")
    except MissingAsset as e:
        return str(e)
    return ""


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium for the tests that use a page as a reader does, enforcing each page's
    Content-Security-Policy; they skip, saying why, without Playwright, Chromium or the npm assets
    (CI always has all three)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    if reason := missing_assets():
        pytest.skip(f"npm assets are not installed: {reason}")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


class _BypassingCsp:
    """A browser whose new pages and contexts ignore the pages' Content-Security-Policy unless
    told otherwise, for tests that inject their own scripts (test_csp and test_hostile prove the
    pages work under their policy with `chromium`)."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_page(self, **options):
        return self._browser.new_page(**{"bypass_csp": True, **options})

    def new_context(self, **options):
        return self._browser.new_context(**{"bypass_csp": True, **options})

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(autouse=True)
def _close_pages(request):
    """A browser test's pages closed when it ends: left open, every page a test made stayed alive
    in its worker's one browser until the session's end (over a hundred maps, their timers and
    their memory)."""
    yield
    if {"chromium", "browser"} & set(request.fixturenames):
        try:
            chromium = request.getfixturevalue("chromium")
        except pytest.skip.Exception:
            return
        for context in chromium.contexts:
            context.close()


@pytest.fixture(scope="session")
def browser(chromium):
    """`chromium` with the pages' Content-Security-Policy bypassed (see _BypassingCsp)."""
    return _BypassingCsp(chromium)


# Hypothesis profiles for the property tests (tests/test_properties_*.py):
#   dev   the default: few examples, so that a local run stays fast;
#   ci    chosen when the environment sets CI: more examples, no deadline (a shared runner is
#         slow), derandomized so that a failure on CI fails the same way on a rerun;
#   fuzz  a long manual hunt, many examples: HYPOTHESIS_PROFILE=fuzz pytest tests/test_properties_*.py
#         HYPOTHESIS_PROFILE names any profile; `--hypothesis-seed=N` replays a run, and the failing
#         examples found are kept in .hypothesis/ and tried first the next time.
# Imported here rather than at the top so that this block stays one piece at the end of the file.
import os  # noqa: E402

from hypothesis import settings  # noqa: E402

settings.register_profile("dev", max_examples=10, deadline=None)
settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("fuzz", max_examples=5000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
