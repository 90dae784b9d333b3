"""One run at a time per output: a second run writing the same folder (or prediction file) would
interleave its files and its manifest with the first's, so it fails at once instead.

The lock is an OS lock (flock, through filelock) on a small file beside the outputs: the kernel
releases it when its process dies, so a run killed with kill -9 never blocks the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from mapper.errors import OutputBusy
from mapper.files import write_error

RUN_LOCK = ".mapper-run.lock"


@contextmanager
def output_lock(folder: Path, name: str = RUN_LOCK, busy: str | Path | None = None) -> Iterator[None]:
    """Hold folder/name while the block runs; OutputBusy (naming busy, else folder) when another
    run holds it, NotWritable or DiskFull when the folder cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(folder / name, timeout=0)
        lock.acquire()
    except Timeout:
        raise OutputBusy(busy or folder) from None
    except OSError as e:
        raise (write_error(folder, e) or e) from e
    try:
        yield
    finally:
        lock.release()
