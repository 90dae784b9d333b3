"""Build the gazetteer: one SQLite file, from mapper's embedded sources and any GeoNames dumps.

The embedded gazetteer (the default, under the user cache dir) is rebuilt whenever its sources or
mapper's code for them change. One imported from GeoNames' files is never rebuilt behind the
user's back, which would lose the import: it is used as it is until a new schema makes it
unreadable, and then the user is told to import again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import closing
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from mapper.errors import MapperError
from mapper.paths import gazetteer_path
from mapper.resolve.gazetteer import geonames
from mapper.resolve.gazetteer.load import SCHEMA, SCHEMA_VERSION, Loader, ProgressCallback, counts
from mapper.resolve.gazetteer.sources import PlaceRecord, all_places, source_versions

EMBEDDED, IMPORTED = "embedded", "geonames"
# Region names first, so they win over the dump's own region rows; names last, to find their places.
_DUMP_ORDER = (geonames.ADMIN1_CODES, geonames.ADMIN2_CODES, geonames.COUNTRY_INFO, geonames.PLACES,
               geonames.ALTERNATE_NAMES)
_CACHE_KIB = 100_000  # SQLite's page cache per database file, which bounds the memory a build takes


def default_path() -> Path:
    return gazetteer_path()


def _own_inputs_digest() -> str:
    """mapper's own part in the build: its alias tables and the code that reads and keys names."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    code = [here / "sources.py", here / "geonames_regions.py", here / "world_regions.py", here / "build.py",
            here / "load.py", here.parent / "names.py"]
    for path in sorted([*resources.files("mapper.data").iterdir(), *code], key=lambda p: p.name):
        if path.name.endswith((".csv", ".py")) and path.name != "__init__.py":
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint() -> str:
    return json.dumps(
        {"schema": SCHEMA_VERSION, "sources": source_versions(), "mapper": _own_inputs_digest()},
        sort_keys=True,
    )


def read_meta(path: Path) -> dict[str, str]:
    """What a gazetteer file records about itself; {} when there is no readable gazetteer there."""
    if not path.is_file():
        return {}
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            return dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return {}


def imported_files(meta: dict[str, str]) -> list[dict]:
    """The GeoNames files a gazetteer was imported from: name, size and rows of each."""
    return json.loads(meta.get("files", "[]"))


def _imported_but_stale(path: Path, meta: dict[str, str]) -> MapperError:
    names = [f["name"] for f in imported_files(meta)]
    return MapperError(
        f"{path} was imported from GeoNames files ({', '.join(names)}) for another version of mapper; import them "
        f"again: mapper gazetteer build --output {path} " + " ".join(f"--geonames {n}" for n in names)
    )


def is_current(path: Path) -> bool:
    """Usable as it is: an embedded gazetteer from today's sources, or an import of today's schema."""
    meta = read_meta(path)
    if meta.get("kind") == IMPORTED:
        return meta.get("schema") == str(SCHEMA_VERSION)
    return meta.get("fingerprint") == fingerprint()


def ensure(path: Path | None = None) -> Path:
    """The gazetteer's path; an embedded one is built first if missing or made from other sources."""
    path = path or default_path()
    meta = read_meta(path)
    if not meta and path.exists():
        raise MapperError(f"{path} is not a mapper gazetteer; remove it or choose another file")
    if meta.get("kind") == IMPORTED:
        if meta.get("schema") != str(SCHEMA_VERSION):
            raise _imported_but_stale(path, meta)
    elif meta.get("fingerprint") != fingerprint():
        build(path)
    return path


def _temporary(path: Path, suffix: str) -> str:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    return name


def build(
    path: Path,
    records: Iterable[PlaceRecord] | None = None,
    geonames_files: Sequence[Path] = (),
    progress: ProgressCallback | None = None,
) -> Path:
    """Build from the embedded sources (or records) and any GeoNames dump files into a temporary
    file, then move it into place: a failed build leaves the gazetteer at path as it was."""
    dumps = sorted((geonames.recognize(Path(f)) for f in geonames_files), key=lambda d: _DUMP_ORDER.index(d.kind))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp, stage = _temporary(path, ".tmp"), _temporary(path, ".stage")
    try:
        with closing(sqlite3.connect(tmp)) as db:
            db.execute("ATTACH DATABASE ? AS stage", (stage,))
            for schema in ("main", "stage"):
                db.execute(f"PRAGMA {schema}.journal_mode = OFF")
                db.execute(f"PRAGMA {schema}.synchronous = OFF")
                db.execute(f"PRAGMA {schema}.cache_size = -{_CACHE_KIB}")
            db.executescript(SCHEMA)
            files = Loader(db, progress).load(all_places() if records is None else records, dumps)
            _write_meta(db, files)
            db.commit()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        Path(stage).unlink(missing_ok=True)
    return path


def _write_meta(db: sqlite3.Connection, files: list[dict]) -> None:
    meta = {
        "schema": str(SCHEMA_VERSION),
        "fingerprint": fingerprint(),
        "kind": IMPORTED if files else EMBEDDED,
        "sources": json.dumps(source_versions(), sort_keys=True),
        "files": json.dumps(files),
        "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "counts": json.dumps(counts(db), sort_keys=True),
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
