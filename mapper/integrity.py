"""Whether a SQLite file mapper keeps (gazetteer, geocoder cache, manifest) is whole, and what a
SQLite failure means to the user: a cheap look at the header on open, so that a file truncated
by a full disk or garbled by a crash is never trusted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mapper.errors import DamagedFile, DiskFull, MapperError, NotWritable

_MAGIC = b"SQLite format 3\x00"


def sqlite_damage(path: Path) -> str | None:
    """What is wrong with the SQLite file at path, or None when its header is sound and the file
    is as long as the header says (https://www.sqlite.org/fileformat.html#the_database_header)."""
    try:
        with open(path, "rb") as f:
            header = f.read(100)
        size = path.stat().st_size
    except OSError as e:
        return f"unreadable: {e.strerror}"
    if not header:
        return None  # to SQLite, a new database: what a process killed as it created one leaves
    if len(header) < 100 or not header.startswith(_MAGIC):
        return "not a SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is valid when the change counter matches version-valid-for; a WAL file still
    # to be checkpointed may make up the rest (a checkpoint killed half-way), which SQLite redoes.
    wal = path.with_name(path.name + "-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    if pages and header[24:28] == header[92:96] and size < pages * page_size and not pending:
        return f"truncated: {size:,} of {pages * page_size:,} bytes"
    return None


def sqlite_failure(path: Path, error: sqlite3.Error, remedy: str) -> MapperError | None:
    """The one-line error a SQLite failure on path is: a full disk, a file that cannot be written,
    a damaged file (remedy says what to do); None for any other failure."""
    text = str(error).lower()
    if "disk is full" in text:
        return DiskFull(path)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return NotWritable(path, str(error))
    if "malformed" in text or "not a database" in text:
        return DamagedFile(path, str(error), remedy)
    return None
