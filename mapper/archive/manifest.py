"""The SQLite manifest of an archive run: which articles are done, from what content, and what
they found, so that a rerun skips them and a kill loses nothing finished.

An article is done when its row is committed, which happens only after its files are written
(each atomically), together with the rest of its batch. Each run numbers its articles in input
order; the run's outputs (places.geojson, mentions.parquet, predictions) are read back from here
in that order, so they hold every article of the run, done now or before.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mapper.errors import DamagedFile, StoreError
from mapper.integrity import sqlite_damage, sqlite_failure
from mapper.model import Article

MANIFEST = "manifest.sqlite"
REDO = "run again with --redo to start the run over"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    folder TEXT UNIQUE,
    run INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_run ON articles (run, seq);
CREATE TABLE IF NOT EXISTS failures (
    run INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    file TEXT NOT NULL,
    line INTEGER,
    id TEXT,
    reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_by_run ON failures (run, seq);
CREATE TABLE IF NOT EXISTS places (
    article TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_code TEXT,
    country TEXT,
    geonameid INTEGER,
    mentions INTEGER NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article, key)
);
CREATE INDEX IF NOT EXISTS places_by_key ON places (key);
"""


def content_hash(article: Article, job: str) -> str:
    """What an article's outputs depend on: its own fields and the job's settings."""
    digest = hashlib.sha256()
    for part in (job, article.id, article.title, article.url or "", article.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Done:
    """An article finished in this run: its content hash, output folder and record."""

    seq: int
    id: str
    hash: str
    folder: str | None
    record: dict[str, Any]


@dataclass(frozen=True)
class Failed:
    seq: int
    file: str
    line: int | None
    id: str | None
    reason: str


class Manifest:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.exists() and (problem := sqlite_damage(self.path)):
            raise DamagedFile(self.path, problem, REDO)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            self._db.execute("CREATE TEMP TABLE seen (id TEXT PRIMARY KEY)")
            self.run = self._next_run()
        except sqlite3.Error as e:
            raise (sqlite_failure(self.path, e, REDO)
                   or StoreError("the run's manifest", self.path, e)) from e
        except OSError as e:
            raise StoreError("the run's manifest", self.path, e) from e

    def _next_run(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'run'").fetchone()
        run = int(row[0]) + 1 if row else 1
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('run', ?)", (str(run),))
        return run

    def close(self) -> None:
        self._db.close()

    def known(self, ids: Sequence[str]) -> dict[str, tuple[str, str | None, int]]:
        """id -> (hash, folder, run) for the ids the manifest has."""
        found: dict[str, tuple[str, str | None, int]] = {}
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            marks = ",".join("?" * len(part))
            for id_, hash_, folder, run in self._db.execute(
                    f"SELECT id, hash, folder, run FROM articles WHERE id IN ({marks})", part):
                found[id_] = (hash_, folder, run)
        return found

    def first_in_run(self, ids: Sequence[str]) -> list[bool]:
        """For each id, whether this run meets it for the first time."""
        first = []
        with self._transaction():
            for id_ in ids:
                try:
                    self._db.execute("INSERT INTO temp.seen VALUES (?)", (id_,))
                    first.append(True)
                except sqlite3.IntegrityError:
                    first.append(False)
        return first

    def folder_taken(self, folder: str) -> bool:
        return self._db.execute("SELECT 1 FROM articles WHERE folder = ?", (folder,)).fetchone() is not None

    def carry(self, kept: Sequence[tuple[str, int]]) -> None:
        """Articles done before whose content has not changed: part of this run, at these places."""
        with self._transaction():
            self._db.executemany("UPDATE articles SET run = ?, seq = ? WHERE id = ?",
                                 [(self.run, seq, id_) for id_, seq in kept])

    def finish(self, done: Sequence[Done], failed: Sequence[Failed]) -> None:
        """A batch's articles and failures, committed together: after this they are done."""
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                [(d.id, d.hash, d.folder, self.run, d.seq, json.dumps(d.record, ensure_ascii=False)) for d in done],
            )
            self._db.executemany("DELETE FROM places WHERE article = ?", [(d.id,) for d in done])
            self._db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 [row for d in done for row in _place_rows(d)])
            self._db.executemany(
                "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?)",
                [(self.run, f.seq, f.file, f.line, f.id, f.reason) for f in failed],
            )

    def records(self) -> Iterator[tuple[int, str | None, dict[str, Any]]]:
        """(seq, folder, record) of every article of this run, in input order, streamed."""
        cursor = self._db.execute("SELECT seq, folder, record FROM articles WHERE run = ? ORDER BY seq", (self.run,))
        for seq, folder, record in cursor:
            yield seq, folder, json.loads(record)

    def places(self) -> Iterator[tuple[Any, ...]]:
        """(key, name, lat, lon, feature_code, country, geonameid, mentions, confidence, article
        ids) of every place of this run, merged across its articles, in order of first article."""
        cursor = self._db.execute(
            """SELECT key, name, lat, lon, feature_code, country, geonameid,
                      sum(mentions), max(confidence), json_group_array(article)
               FROM (SELECT p.*, a.seq FROM places p JOIN articles a ON a.id = p.article
                     WHERE a.run = ? ORDER BY a.seq)
               GROUP BY key ORDER BY min(seq)""", (self.run,))
        for row in cursor:
            yield (*row[:-1], json.loads(row[-1]))

    def failures(self) -> Iterator[Failed]:
        cursor = self._db.execute(
            "SELECT seq, file, line, id, reason FROM failures WHERE run = ? ORDER BY seq", (self.run,))
        for row in cursor:
            yield Failed(*row)

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles WHERE run = ?", (self.run,)).fetchone()[0]

    def failure_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM failures WHERE run = ?", (self.run,)).fetchone()[0]

    def _transaction(self):
        return _Transaction(self._db, self.path)


def _place_rows(done: Done) -> Iterator[tuple[Any, ...]]:
    for p in done.record["places"]:
        yield (done.id, p["key"], p["name"], p["lat"], p["lon"], p["feature_code"], p["country"], p["geonameid"],
               p["mentions"], p["confidence"])


class _Transaction:
    """A write transaction; a full disk or a damaged file is the one-line error it means."""

    def __init__(self, db: sqlite3.Connection, path: Path):
        self.db = db
        self.path = path

    def __enter__(self) -> None:
        self._do("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self._do("COMMIT")
            return
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        if isinstance(value, sqlite3.Error) and (mapped := sqlite_failure(self.path, value, REDO)) is not None:
            raise mapped from value

    def _do(self, statement: str) -> None:
        try:
            self.db.execute(statement)
        except sqlite3.Error as e:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise (sqlite_failure(self.path, e, REDO) or e) from e
