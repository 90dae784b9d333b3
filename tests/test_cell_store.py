"""The basemap cells kept between runs: what comes back is what was cut, under the files and code
that cut it, and a store that cannot be used is no store."""

import sqlite3

import pytest

from mapper.render import cell_store
from mapper.render.cells import LEVELS, _cut_cell

COARSE = LEVELS[0]
KEY = COARSE.key(48.85, 2.35)  # Paris's cell


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(tmp_path))
    return tmp_path


def _never():
    raise AssertionError("cut again")


def test_a_cell_cut_once_comes_back_from_the_store_as_cut(cache):
    cut = _cut_cell(COARSE.name, KEY)
    assert cut["land"], "Paris's cell has land"
    assert cell_store.stored(COARSE.name, KEY, lambda: cut) == cut
    assert cell_store.stored(COARSE.name, KEY, _never) == cut
    assert (cache / cell_store.FILE).is_file()


def test_open_sea_is_stored_too(cache):
    sea = COARSE.key(-40.0, -130.0)  # the South Pacific
    assert _cut_cell(COARSE.name, sea) is None
    cell_store.stored(COARSE.name, sea, lambda: None)
    assert cell_store.stored(COARSE.name, sea, _never) is None


def test_cells_cut_from_other_files_or_by_other_code_are_dropped(cache, monkeypatch):
    cell_store.stored(COARSE.name, KEY, lambda: {"land": [[1, 2, 3]]})
    monkeypatch.setattr(cell_store, "fingerprint", lambda: "another")
    assert cell_store.stored(COARSE.name, KEY, lambda: {"land": []}) == {"land": []}
    with sqlite3.connect(cache / cell_store.FILE) as db:
        assert db.execute("SELECT count(*) FROM cells").fetchone() == (1,)


def test_a_store_that_cannot_be_written_is_no_store(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(blocked / "cache"))
    assert cell_store.stored(COARSE.name, KEY, lambda: {"land": [[0, 0, 1]]}) == {"land": [[0, 0, 1]]}


def test_a_damaged_store_is_made_anew(cache):
    (cache / cell_store.FILE).write_bytes(b"not sqlite at all" * 100)
    assert cell_store.stored(COARSE.name, KEY, lambda: {"land": [[0, 0, 1]]}) == {"land": [[0, 0, 1]]}
    cell_store.stored(COARSE.name, KEY, lambda: {"land": [[0, 0, 2]]})
    assert cell_store.stored(COARSE.name, KEY, _never) == {"land": [[0, 0, 2]]}


def test_a_store_locked_too_long_is_skipped_and_kept(cache, monkeypatch):
    cell_store.stored(COARSE.name, KEY, lambda: {"land": [[0, 0, 1]]})
    monkeypatch.setattr(cell_store, "LOCK_WAIT_S", 0.05)
    writer = sqlite3.connect(cache / cell_store.FILE)
    writer.execute("BEGIN EXCLUSIVE")  # another process writing
    try:
        assert cell_store.stored(COARSE.name, KEY, lambda: {"land": [[0, 0, 2]]}) == {"land": [[0, 0, 2]]}
    finally:
        writer.rollback()
        writer.close()
    assert cell_store.stored(COARSE.name, KEY, _never) == {"land": [[0, 0, 1]]}, "not taken for a damaged file"
