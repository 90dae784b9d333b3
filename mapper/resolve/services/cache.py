"""One SQLite file of every geocoding service's answers, shared by every run and process.

An answer is keyed by the geocoder (service and server URL), the name asked and the query
parameters (canonical JSON), and is stored as it came ("no result" included), so a run killed
half-way loses nothing and the next run asks only what is still missing. WAL lets readers go on
while one process writes; the busy timeout makes concurrent writers wait their turn. A cache
found damaged is moved aside (NAME.damaged-TIME) with a warning and started afresh: it holds
only answers that can be asked again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from filelock import FileLock

from mapper.errors import DamagedFile, StoreError
from mapper.integrity import sqlite_failure
from mapper.paths import cache_dir, geocoder_cache_path

_log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    geocoder TEXT NOT NULL,
    query TEXT NOT NULL,
    params TEXT NOT NULL,
    answer TEXT NOT NULL,
    PRIMARY KEY (geocoder, query, params)
) WITHOUT ROWID
"""


# When each geocoder may be asked next: every process that shares this file waits its turn here.
_PACE = "CREATE TABLE IF NOT EXISTS pace (geocoder TEXT PRIMARY KEY, next REAL NOT NULL) WITHOUT ROWID"


class _Garbled(Exception):
    """The cache file is no sound SQLite database."""


def canonical(params: Mapping[str, Any]) -> str:
    return json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class GeocoderCache:
    """The answer cache: one SQLite file (by default geocoder-cache.sqlite in the cache dir) that
    every run and process shares; use it as a context manager, or close() it."""

    def __init__(self, path: str | Path | None = None, *, busy_timeout: float = 60.0):
        self.path = Path(path) if path else geocoder_cache_path()
        try:
            self._open(busy_timeout)
        except _Garbled as e:
            self._replace_damaged(str(e), busy_timeout)

    def _open(self, busy_timeout: float) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit: each answer is on disk the moment it is put.
            # Any thread may ask (a Dask worker's); mapper.archive.work lets one at a time.
            self._db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None,
                                       check_same_thread=False)
            self._set_up(busy_timeout)
            # every page read once (about 0.2 s per 100 MB), so that no damaged answer is ever trusted
            verdict = self._db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if verdict != "ok":
                self._db.close()
                raise _Garbled(verdict)
        except sqlite3.DatabaseError as e:
            if isinstance(sqlite_failure(self.path, e, ""), DamagedFile):
                self._db.close()
                raise _Garbled(str(e)) from e
            raise StoreError("the geocoder cache", self.path, e) from e
        except (OSError, sqlite3.Error) as e:
            raise StoreError("the geocoder cache", self.path, e) from e

    def _replace_damaged(self, problem: str, busy_timeout: float) -> None:
        """Keep a damaged cache for a look (never read again) and start a new one in its place;
        under a lock, so that processes finding it damaged at once move it aside only once."""
        locks = cache_dir() / "locks"
        locks.mkdir(parents=True, exist_ok=True)
        with FileLock(locks / f"{self.path.name}-{hashlib.sha256(bytes(self.path.resolve())).hexdigest()[:16]}.lock"):
            try:
                self._open(busy_timeout)  # another process may have replaced it meanwhile
                return
            except _Garbled:
                pass
            aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%dT%H%M%S')}")
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            _log.warning("the geocoder cache %s is damaged (%s): moved to %s, starting a new one", self.path, problem,
                         aside.name)
            self._open(busy_timeout)

    def _set_up(self, busy_timeout: float) -> None:
        # Two processes switching a new file to WAL at once: SQLite answers one of them "locked"
        # at once, without the busy handler (it would deadlock), so that one waits and tries again.
        deadline = time.monotonic() + busy_timeout
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a commit costs no fsync
                self._db.execute(_SCHEMA)
                self._db.execute(_PACE)
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def take_turn(self, geocoder: str, min_delay: float) -> None:
        """Wait for the geocoder's next free slot: the processes sharing this file (a run's
        workers, runs side by side) ask it at most once per min_delay together."""
        if min_delay <= 0:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._db.execute("SELECT next FROM pace WHERE geocoder = ?", (geocoder,)).fetchone()
                now = time.time()  # wall time: the one clock every process shares
                slot = max(now, row[0]) if row else now
                self._db.execute("INSERT OR REPLACE INTO pace VALUES (?, ?)", (geocoder, slot + min_delay))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as e:
            raise StoreError("the geocoder cache", self.path, e, writing=True) from e
        time.sleep(max(0.0, slot - now))

    def get(self, geocoder: str, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]] | None:
        """The stored answer (a list, empty for "no result"), or None when the name was never asked."""
        row = self._db.execute(
            "SELECT answer FROM answers WHERE geocoder = ? AND query = ? AND params = ?",
            (geocoder, query, canonical(params)),
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def put(self, geocoder: str, query: str, params: Mapping[str, Any], answer: list[dict[str, Any]]) -> None:
        """Store the service's answer (an empty list for "no result"), replacing any before."""
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                (geocoder, query, canonical(params), json.dumps(answer, sort_keys=True, ensure_ascii=False)),
            )
        except sqlite3.Error as e:
            raise (sqlite_failure(self.path, e, "delete it and run again")
                   or StoreError("the geocoder cache", self.path, e, writing=True)) from e

    def count(self, geocoder: str | None = None) -> int:
        """How many answers are stored, for one geocoder or for all."""
        if geocoder is None:
            return self._db.execute("SELECT count(*) FROM answers").fetchone()[0]
        return self._db.execute("SELECT count(*) FROM answers WHERE geocoder = ?", (geocoder,)).fetchone()[0]

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def __enter__(self) -> GeocoderCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
