"""Archives: map or geoparse any number of articles, streamed in bounded batches, on one core,
several, or a Dask cluster; resumable (a manifest in the output folder) and failure-isolated
(failures.jsonl). `mapper map` and `mapper geoparse` are thin shells over these two functions.

    from mapper.archive import map_archive
    summary = map_archive(["archive/**/*.jsonl.gz"], "outputs/archive", workers=2)
    print(summary.line())
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from mapper.archive.engines import default_workers, engine_for
from mapper.archive.lock import RUN_LOCK, output_lock
from mapper.archive.manifest import MANIFEST, Manifest
from mapper.archive.outputs import (FAILURES, MENTIONS, PLACES, write_failures, write_mentions, write_places,
                                    write_predictions)
from mapper.archive.remote import is_remote, put
from mapper.archive.run import Progress, Summary, run
from mapper.archive.sources import Item, Unread, items
from mapper.archive.work import Job
from mapper.errors import NothingToMap
from mapper.files import remove_debris
from mapper.limits import Limits
from mapper.model import MapResult
from mapper.paths import remote_manifest_path
from mapper.pipeline import Mapper
from mapper.render import RenderOptions
from mapper.render.combined import INDEX, write_combined
from mapper.render.offline import SHARED
from mapper.render.overview import write_overview

__all__ = ["Summary", "geoparse_archive", "map_archive", "default_workers"]

# Up to this many articles, OUTDIR/index.html is the combined map with its reading panel; above,
# the overview of places merged across articles (render/overview.py).
COMBINED_MAX = 200


def map_archive(
    inputs: Iterable[str | Path], outdir: str | Path, *, make_mapper: Callable[[], Mapper] = Mapper,
    settings: dict[str, Any] | None = None, render: RenderOptions | None = None, min_confidence: float = 0.0,
    workers: int = 1, engine: str = "local", scheduler: str | None = None, redo: bool = False,
    on_progress: Progress | None = None, limits: Limits | None = None,
) -> Summary:
    """One folder per article in OUTDIR, and for the run: index.html (every article on one map),
    places.geojson, mentions.parquet, failures.jsonl (when any failed) and manifest.sqlite.
    OUTDIR may be an fsspec URL (s3://bucket/maps): the manifest then stays in the cache dir.

    make_mapper: called once in each worker (it must pickle: a class, a module-level function or a
    functools.partial of one); settings: what else the outputs depend on (the options the Mapper
    was made from), so that a rerun redoes the articles when they change. NothingToMap, with
    nothing written, when no input holds a readable article."""
    render = render or RenderOptions()
    stream, shared = _several(items(inputs, limits))
    job = Job(make_mapper, settings or {}, min_confidence, str(outdir), replace(render, shared_assets=shared),
              render.base_url, keep_results=COMBINED_MAX + 1 if shared else 0, limits=limits or Limits())
    with _destination(outdir) as local:
        remove_debris(local, [INDEX, PLACES, MENTIONS, FAILURES])
        remove_debris(local / SHARED)
        manifest = _manifest(remote_manifest_path(str(outdir)) if is_remote(outdir) else local / MANIFEST, redo)
        try:
            summary = _run(stream, job, manifest, workers, engine, scheduler, on_progress)
            if shared:
                _index(local, manifest, summary, job, render)
            write_places(manifest, local / PLACES)
            write_mentions(manifest, local / MENTIONS)
            write_failures(manifest, local / FAILURES)
        finally:
            manifest.close()
    return summary


def geoparse_archive(
    inputs: Iterable[str | Path], output: str | Path | None, *, make_mapper: Callable[[], Mapper] = Mapper,
    settings: dict[str, Any] | None = None, min_confidence: float = 0.0, workers: int = 1,
    engine: str = "local", scheduler: str | None = None, redo: bool = False, on_progress: Progress | None = None,
    limits: Limits | None = None,
) -> Summary:
    """One prediction line per article (shared/eval/README.md's format) to output, in input order,
    or to stdout; its manifest beside it (OUTPUT_STEM.manifest.sqlite; in the cache dir for an
    fsspec URL), its failures in OUTPUT_STEM.failures.jsonl. NothingToMap, with nothing written,
    when no input holds a readable article."""
    job = Job(make_mapper, settings or {}, min_confidence, limits=limits or Limits())
    stream, _ = _several(items(inputs, limits))
    if output is None:
        with tempfile.TemporaryDirectory(prefix="mapper-geoparse-") as scratch:
            manifest = Manifest(Path(scratch) / MANIFEST)
            try:
                summary = _run(stream, job, manifest, workers, engine, scheduler, on_progress)
                write_predictions(manifest, None)
            finally:
                manifest.close()
            return summary
    parent, name = (str(output).rsplit("/", 1) if is_remote(output) else (Path(output).parent, Path(output).name))
    stem = name.removesuffix(".jsonl")
    with _destination(parent, f".{name}.lock", output) as local:
        remove_debris(local, [name, f"{stem}.{FAILURES}"])
        where = remote_manifest_path(str(output)) if is_remote(output) else local / f"{stem}.manifest.sqlite"
        manifest = _manifest(where, redo)
        try:
            summary = _run(stream, job, manifest, workers, engine, scheduler, on_progress)
            write_predictions(manifest, local / name)
            write_failures(manifest, local / f"{stem}.{FAILURES}")
        finally:
            manifest.close()
    return summary


@contextmanager
def _destination(target: str | Path, lock: str = RUN_LOCK, busy: str | Path | None = None) -> Iterator[Path]:
    """The local folder the run's own files are written in: the output folder itself, locked
    against another run (lock.py), or, for an fsspec URL, a staging folder put there when the
    block ends without an error."""
    if not is_remote(target):
        with output_lock(Path(target), lock, busy):
            yield Path(target)
        return
    with tempfile.TemporaryDirectory(prefix="mapper-run-") as staging:
        yield Path(staging)
        put(Path(staging), str(target))


def _manifest(path: Path, redo: bool) -> Manifest:
    if redo:
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
    return Manifest(path)


def _run(stream: Iterable[Item | Unread], job: Job, manifest: Manifest, workers: int, engine: str, scheduler: str | None,
         on_progress: Progress | None) -> Summary:
    runner = engine_for(engine, workers, scheduler)
    try:
        return run(stream, job, manifest, runner, on_progress)
    finally:
        runner.close()


def _several(stream: Iterator[Item | Unread]) -> tuple[Iterator[Item | Unread], bool]:
    """The stream as it was, and whether it holds two or more articles (a run of several shares
    one _assets/ folder and gets an index.html), reading no further than the second; NothingToMap,
    saying why for each input, when it holds none."""
    head: list[Item | Unread] = []
    for item in stream:
        head.append(item)
        if sum(isinstance(i, Item) for i in head) >= 2:
            return itertools.chain(head, stream), True
    if not any(isinstance(i, Item) for i in head):
        unread = [i for i in head if isinstance(i, Unread)]
        lines = [f"{u.file}:{u.line}: {u.reason}" if u.line else f"{u.file}: {u.reason}" for u in unread]
        raise NothingToMap(lines or ["no articles in the inputs"])
    return iter(head), False


def _index(outdir: Path, manifest: Manifest, summary: Summary, job: Job, render: RenderOptions) -> None:
    count = manifest.count()
    if count < 2:
        return
    if count > COMBINED_MAX:
        articles = ((record["prediction"]["id"], record["title"], folder) for _, folder, record in manifest.records())
        write_overview(outdir, articles, manifest.places(), self_contained=render.self_contained)
        return
    rows = list(manifest.records())
    results: dict[int, MapResult] = dict(summary.results)
    missing = [seq for seq, _, _ in rows if seq not in results]
    if missing:  # done in an earlier run: mapped again, for this page only
        mapper = job.make_mapper()
        for seq, result in zip(missing, mapper.map(summary.early[seq] for seq in missing)):
            results[seq] = result.confident(job.min_confidence)
    write_combined([results[seq] for seq, _, _ in rows], outdir, [folder for _, folder, _ in rows],
                   self_contained=render.self_contained)
