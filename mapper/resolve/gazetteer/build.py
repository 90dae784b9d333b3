"""Build the embedded gazetteer: one SQLite file under the user cache dir, rebuilt when its sources change."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from mapper.paths import gazetteer_path
from mapper.resolve.gazetteer.sources import PlaceRecord, all_places, source_versions
from mapper.resolve.names import loose_key, normalize

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    population INTEGER NOT NULL,
    source TEXT NOT NULL
);
CREATE TABLE names (
    norm TEXT NOT NULL,
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places(id),
    is_main INTEGER NOT NULL,
    PRIMARY KEY (norm, place_id)
) WITHOUT ROWID;
CREATE INDEX names_key ON names(key);
CREATE TABLE admin1 (
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    name TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    PRIMARY KEY (country_code, admin1_code)
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def default_path() -> Path:
    return gazetteer_path()


def _own_inputs_digest() -> str:
    """mapper's own part in the build: its alias tables and the code that reads and keys names."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted([*resources.files("mapper.data").iterdir(), here / "sources.py", here / "build.py",
                        here.parent / "names.py"], key=lambda p: p.name):
        if path.name.endswith((".csv", ".py")) and path.name != "__init__.py":
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint() -> str:
    return json.dumps(
        {"schema": SCHEMA_VERSION, "sources": source_versions(), "mapper": _own_inputs_digest()},
        sort_keys=True,
    )


def stored_fingerprint(path: Path) -> str | None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def is_current(path: Path) -> bool:
    return path.exists() and stored_fingerprint(path) == fingerprint()


_AIRPORT_CODE = re.compile(r"^[A-Z0-9]{3,4}$")


def _useful_alternates(names: list[str]) -> list[str]:
    """Drop airport codes and links, which GeoNames lists among alternate names."""
    return [n for n in names if not _AIRPORT_CODE.match(n) and "://" not in n]


def _write(db: sqlite3.Connection, records: Iterable[PlaceRecord]) -> None:
    db.executescript(SCHEMA)
    for r in records:
        db.execute(
            "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (r.id, r.geonameid, r.name, r.lat, r.lon, r.feature_class, r.feature_code,
             r.country_code, r.admin1_code, r.population, r.source),
        )
        names = {normalize(r.name): r.name}
        for alt in _useful_alternates(r.alternate_names):
            names.setdefault(normalize(alt), alt)
        db.executemany(
            "INSERT OR IGNORE INTO names VALUES (?,?,?,?)",
            [(norm, loose_key(raw), r.id, int(raw == r.name)) for norm, raw in names.items() if norm],
        )
        if r.feature_code == "ADM1" and r.admin1_code:
            db.execute(
                "INSERT OR IGNORE INTO admin1 VALUES (?,?,?,?)",
                (r.country_code, r.admin1_code, r.name, r.id),
            )
    db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint(),))


def build(path: Path, records: Iterable[PlaceRecord] | None = None) -> Path:
    """Write a fresh gazetteer to a temporary file, then move it into place atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer.", suffix=".tmp")
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as db:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            _write(db, all_places() if records is None else records)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def ensure(path: Path | None = None) -> Path:
    """The gazetteer's path, built first if missing or made from other sources."""
    path = path or default_path()
    if not is_current(path):
        build(path)
    return path
