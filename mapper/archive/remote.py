"""Outputs on remote storage (s3://, gcs://, abfs://, memory://: any fsspec URL): files are drawn
in a local folder, then put there, whole; a run's manifest stays local (paths.remote_manifest_path).
"""

from __future__ import annotations

from pathlib import Path

from fsspec.core import url_to_fs
from fsspec.utils import get_protocol


def is_remote(target: str | Path) -> bool:
    return isinstance(target, str) and get_protocol(target) not in ("file", "local")


def put(local: Path, url: str) -> None:
    """Every file under the local folder, to the same relative paths under url."""
    fs, root = url_to_fs(url)
    for path in sorted(p for p in local.rglob("*") if p.is_file()):
        target = f"{root.rstrip('/')}/{path.relative_to(local).as_posix()}"
        fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
        fs.put_file(str(path), target)
