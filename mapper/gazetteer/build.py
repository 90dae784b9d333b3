"""Build the gazetteer: one SQLite file, from mapper's embedded sources and any GeoNames dumps.

The embedded gazetteer (the default, under the user cache dir) is rebuilt whenever its sources or
mapper's code for them change. One imported from GeoNames' files is never rebuilt behind the
user's back, which would lose the import: it is used as it is until a new schema makes it
unreadable or it is found damaged, and then the user is told to import again.

Nothing half-built is ever read: a build writes a temporary file renamed into place when whole,
under a lock in the cache dir's locks/ (one build per file at a time), and a gazetteer is
checked when opened (its header and length; SQLite's quick_check for an embedded one).
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import closing
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path

from filelock import FileLock

from mapper.errors import DamagedFile, GazetteerError
from mapper.files import write_error
from mapper.integrity import sqlite_damage, sqlite_failure
from mapper.paths import cache_dir, gazetteer_path
from mapper.gazetteer import geonames
from mapper.gazetteer.load import SCHEMA, SCHEMA_VERSION, Loader, ProgressCallback, counts
from mapper.gazetteer.records import PlaceRecord
from mapper.gazetteer.sources import all_places, source_versions

EMBEDDED, IMPORTED = "embedded", "geonames"
# Region names first, so they win over the dump's own region rows; names last, to find their places.
_DUMP_ORDER = (geonames.ADMIN1_CODES, geonames.ADMIN2_CODES, geonames.COUNTRY_INFO, geonames.PLACES,
               geonames.ALTERNATE_NAMES)
_CACHE_KIB = 100_000  # SQLite's page cache per database file, which bounds the memory a build takes
_log = logging.getLogger(__name__)


def default_path() -> Path:
    return gazetteer_path()


def _own_inputs_digest() -> str:
    """mapper's own part in the build: its alias tables and the code that reads and keys names."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    code = [here / name for name in ("sources.py", "records.py", "admin_regions.py", "geonames_regions.py",
                                     "world_regions.py", "build.py", "load.py", "names.py")]
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
            db.execute("PRAGMA writable_schema = ON")  # read what a truncated file still holds (no write: mode=ro)
            return dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return {}


def imported_files(meta: dict[str, str]) -> list[dict]:
    """The GeoNames files a gazetteer was imported from: name, size and rows of each."""
    return json.loads(meta.get("files", "[]"))


def _reimport(path: Path, meta: dict[str, str]) -> str:
    names = [f["name"] for f in imported_files(meta)]
    return f"mapper gazetteer build --output {path} " + " ".join(f"--geonames {n}" for n in names)


def _imported_but_stale(path: Path, meta: dict[str, str]) -> GazetteerError:
    names = [f["name"] for f in imported_files(meta)]
    return GazetteerError(
        path, f"imported from GeoNames files ({', '.join(names)}) for another version of mapper; import them "
        f"again: {_reimport(path, meta)}"
    )


def is_current(path: Path) -> bool:
    """Usable as it is: an embedded gazetteer from today's sources, or an import of today's schema."""
    if path.exists() and sqlite_damage(path):
        return False
    meta = read_meta(path)
    if meta.get("kind") == IMPORTED:
        return meta.get("schema") == str(SCHEMA_VERSION)
    return meta.get("fingerprint") == fingerprint()


def ensure(path: Path | None = None) -> Path:
    """The gazetteer's path; an embedded one is built first if missing, damaged or made from
    other sources. Processes that find it so at once build it once: the others wait for it."""
    path = path or default_path()
    if _usable(path, warn=False):
        return path
    with _build_lock(path):
        if not _usable(path, warn=True):  # another process may have built it while this one waited
            _build(path)
    return path


def _usable(path: Path, warn: bool) -> bool:
    """Whether the gazetteer at path can be used as it is; False when an embedded one must be
    (re)built (with a warning if damaged, when warn); a GazetteerError for what only the user can
    mend: an imported gazetteer damaged or from another schema, or a file of the user's that is no
    gazetteer at all."""
    if not path.exists():
        return False
    problem = sqlite_damage(path)
    meta = read_meta(path)
    if meta.get("kind") == IMPORTED:
        if problem:
            raise DamagedFile(path, problem, f"import it again: {_reimport(path, meta)}")
        if meta.get("schema") != str(SCHEMA_VERSION):
            raise _imported_but_stale(path, meta)
        return True
    if not meta and path.resolve() != (cache_dir() / "gazetteer.sqlite").resolve():  # the user's: never overwritten
        why = f" ({problem})" if problem else ""
        raise GazetteerError(path, f"not a mapper gazetteer{why}; remove it or choose another file")
    problem = problem or ("no gazetteer tables" if not meta else None)
    if problem is None and meta.get("fingerprint") == fingerprint():
        problem = _quick_check(path, path.stat().st_mtime_ns)
        if problem is None:
            return True
    if problem and warn:
        _log.warning("%s is damaged (%s): building it again", path, problem)
    return False


@lru_cache(maxsize=8)
def _quick_check(path: Path, mtime_ns: int) -> str | None:
    """SQLite's own check of every page of an embedded gazetteer (about 0.2 s), once per process
    and version of the file; None when it is sound."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            verdict = db.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.Error as e:
        return str(e)
    return None if verdict == "ok" else verdict


def _build_lock(path: Path) -> FileLock:
    """The lock held while the gazetteer at path is built, in the cache dir's locks/: an OS lock
    the kernel releases when its process dies, so a killed build never blocks the next."""
    folder = cache_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:16]
    return FileLock(folder / f"gazetteer-{digest}.lock")


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
    file, then move it into place: a failed or killed build leaves the gazetteer at path as it
    was. A build of the same path in another process is waited for, then done again."""
    with _build_lock(path):
        return _build(path, records, geonames_files, progress)


def _build(
    path: Path,
    records: Iterable[PlaceRecord] | None = None,
    geonames_files: Sequence[Path] = (),
    progress: ProgressCallback | None = None,
) -> Path:
    try:
        return _build_file(path, records, geonames_files, progress)
    except sqlite3.Error as e:  # a full disk, a read-only cache dir: one line the user can act on
        raise (sqlite_failure(path, e, "build it again") or e) from e
    except OSError as e:
        raise (write_error(path, e) or e) from e


def _build_file(
    path: Path,
    records: Iterable[PlaceRecord] | None,
    geonames_files: Sequence[Path],
    progress: ProgressCallback | None,
) -> Path:
    dumps = sorted((geonames.recognize(Path(f)) for f in geonames_files), key=lambda d: _DUMP_ORDER.index(d.kind))
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_debris(path)
    tmp, stage = _temporary(path, ".tmp"), _temporary(path, ".stage")
    try:
        with closing(sqlite3.connect(tmp)) as db:
            db.execute("ATTACH DATABASE ? AS stage", (stage,))
            for schema in ("main", "stage"):
                db.execute(f"PRAGMA {schema}.journal_mode = OFF")
                db.execute(f"PRAGMA {schema}.synchronous = OFF")
                db.execute(f"PRAGMA {schema}.cache_size = -{_CACHE_KIB}")
            db.executescript(SCHEMA)
            # What it is, near the file's start: a truncated import is still told from an embedded one.
            db.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("kind", IMPORTED if dumps else EMBEDDED),
                ("files", json.dumps([{"name": d.name, "size": d.size, "rows": 0} for d in dumps]))])
            db.commit()
            files = Loader(db, progress).load(all_places() if records is None else records, dumps)
            _write_meta(db, files)
            db.commit()
        os.chmod(tmp, 0o644)
        _fsync(tmp)
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
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())


def _fsync(name: str) -> None:
    """On disk before it is renamed into place: built with SQLite's journal and syncs off, for speed."""
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_debris(path: Path) -> None:
    """The temporary files of builds of path that were killed (_temporary's names); called under
    the build lock, so no build still writes them."""
    for pattern in (".tmp", ".stage"):
        for debris in path.parent.glob(f".{glob.escape(path.name)}.*{pattern}"):
            debris.unlink(missing_ok=True)
