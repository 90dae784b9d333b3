"""Atomic file writes: a reader, or a run killed half-way, never sees a half-written file."""

from __future__ import annotations

import errno
import glob
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from mapper.errors import DiskFull, MapperError, NotWritable

# mkstemp creates files readable by their owner only; outputs get the mode of any new file.
_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write data to path through a temporary file in the same folder and a rename."""
    with atomic_writer(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


@contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:  # mode: "w" or "wb"
    """A file object whose contents appear at path, whole, only when the block ends without an
    error: for outputs written piece by piece (a run's predictions, one line per article)."""
    target = Path(path)
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.chmod(tmp, 0o666 & ~_UMASK)
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as e:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError) and (mapped := write_error(target, e)) is not None:
            raise mapped from e
        raise


# errno values that say the disk or the folder, not the data, is at fault: the user can act on them.
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


def write_error(path: str | os.PathLike[str], error: OSError) -> MapperError | None:
    """The one-line error a failed write to path is (DiskFull, NotWritable), or None for any
    other failure, which stays a bug to report."""
    if error.errno in _FULL:
        return DiskFull(path)
    if error.errno in _DENIED:
        return NotWritable(path, os.strerror(error.errno).lower())
    return None


def remove_debris(folder: str | os.PathLike[str], names: Iterable[str] | None = None) -> None:
    """Delete the temporary files a write killed half-way left in folder (atomic_writer's
    ".NAME.*.tmp"), for these file names only, or for any in a folder that is all ours, its
    subfolders too (the basemap cells under _assets/basemap/): a rerun leaves no half-written file
    behind."""
    if names is None:
        found = Path(folder).rglob(".*.tmp")
    else:
        found = (debris for name in names for debris in Path(folder).glob(f".{glob.escape(name)}.*.tmp"))
    for debris in list(found):
        debris.unlink(missing_ok=True)
