"""One SQLite file of every geocoding service's answers, shared by every run and process.

An answer is keyed by the geocoder (service and server URL), the name asked and the query
parameters (canonical JSON), and is stored as it came ("no result" included), so a run killed
half-way loses nothing and the next run asks only what is still missing. WAL lets readers go on
while one process writes; the busy timeout makes concurrent writers wait their turn.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mapper.errors import MapperError
from mapper.paths import geocoder_cache_path

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


class CacheError(MapperError):
    """The cache file cannot be opened or written."""


def canonical(params: Mapping[str, Any]) -> str:
    return json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class GeocoderCache:
    def __init__(self, path: str | Path | None = None, *, busy_timeout: float = 60.0):
        self.path = Path(path) if path else geocoder_cache_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit: each answer is on disk the moment it is put.
            # Any thread may ask (a Dask worker's); mapper.archive.work lets one at a time.
            self._db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None,
                                       check_same_thread=False)
            self._set_up(busy_timeout)
        except (OSError, sqlite3.Error) as e:
            raise CacheError(f"cannot open the geocoder cache {self.path}: {e}") from e

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
            raise CacheError(f"cannot write the geocoder cache {self.path}: {e}") from e
        time.sleep(max(0.0, slot - now))

    def get(self, geocoder: str, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]] | None:
        """The stored answer (a list, empty for "no result"), or None when the name was never asked."""
        row = self._db.execute(
            "SELECT answer FROM answers WHERE geocoder = ? AND query = ? AND params = ?",
            (geocoder, query, canonical(params)),
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def put(self, geocoder: str, query: str, params: Mapping[str, Any], answer: list[dict[str, Any]]) -> None:
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                (geocoder, query, canonical(params), json.dumps(answer, sort_keys=True, ensure_ascii=False)),
            )
        except sqlite3.Error as e:
            raise CacheError(f"cannot write to the geocoder cache {self.path}: {e}") from e

    def count(self, geocoder: str | None = None) -> int:
        """How many answers are stored, for one geocoder or for all."""
        if geocoder is None:
            return self._db.execute("SELECT count(*) FROM answers").fetchone()[0]
        return self._db.execute("SELECT count(*) FROM answers WHERE geocoder = ?", (geocoder,)).fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> GeocoderCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
