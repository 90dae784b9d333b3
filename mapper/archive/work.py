"""What a worker does with a batch of an archive's articles: map them with the Mapper it opened
once, write each article's folder, and send back a small record of each, or why it failed.

Runs in whatever process the engine chose (engines.py): this one, a local worker process, or a
Dask worker; everything it receives and returns pickles.
"""

from __future__ import annotations

import functools
import hashlib
import json
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mapper.archive.manifest import Done, Failed
from mapper.archive.remote import is_remote, put
from mapper.errors import DiskFull, MissingAsset, NotWritable, ServiceError
from mapper.files import remove_debris
from mapper.limits import ArticleTimeout, Limits, deadline
from mapper.model import Article, MapResult
from mapper.pipeline import Mapper
from mapper.render import RenderOptions, write_outputs
from mapper.render.exports import prediction
from mapper.render.urls import published
from mapper.resolve.services import ServiceLookup


@dataclass(frozen=True)
class Job:
    """What to do with every article: a picklable recipe for the Mapper (called once per worker)
    and, for `map`, where and how to draw each article's folder."""

    make_mapper: Callable[[], Mapper]
    settings: dict[str, Any] = field(default_factory=dict)  # what the outputs depend on, for the content hash
    min_confidence: float = 0.0
    outdir: str | None = None  # None: records only (geoparse)
    render: RenderOptions | None = None
    base_url: str | None = None
    keep_results: int = 0  # MapResults sent back for the run's first articles (the combined page)
    limits: Limits = field(default_factory=Limits)  # how long an article may take, how many mentions it may have

    def fingerprint(self) -> str:
        fields = {**self.settings, "min_confidence": self.min_confidence, "outdir": bool(self.outdir),
                  "render": repr(self.render), "base_url": self.base_url, "mapper": code_digest()}
        return json.dumps(fields, sort_keys=True, default=str)


@functools.cache
def code_digest() -> str:
    """A digest of mapper's own code, data and templates: another version may answer otherwise,
    so an archive's articles are redone after an upgrade."""
    digest = hashlib.sha256()
    root = Path(__file__).parent.parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".csv", ".json", ".js", ".css", ".html"):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Task:
    seq: int
    article: Article
    hash: str
    folder: str | None
    file: str
    line: int | None


@dataclass(frozen=True)
class ServiceUse:
    """What an online geocoder cost: requests made, answers the shared cache gave, names an
    offline run did not find there."""

    where: str
    offline: bool
    requests: int = 0
    cache_hits: int = 0
    misses: int = 0

    @classmethod
    def of(cls, mapper: Mapper) -> ServiceUse | None:
        lookup = mapper.geocoder or mapper.fallback
        if not isinstance(lookup, ServiceLookup):
            return None
        return cls(lookup.where, lookup.offline, lookup.requests, lookup.cache_hits, lookup.offline_misses)

    def __add__(self, other: ServiceUse | None) -> ServiceUse:
        if other is None:
            return self
        return replace(self, requests=self.requests + other.requests, cache_hits=self.cache_hits + other.cache_hits,
                       misses=self.misses + other.misses)

    def __sub__(self, other: ServiceUse | None) -> ServiceUse:
        if other is None:
            return self
        return replace(self, requests=self.requests - other.requests, cache_hits=self.cache_hits - other.cache_hits,
                       misses=self.misses - other.misses)


@dataclass(frozen=True)
class Outcome:
    """A batch's articles, done or failed, in its order; the MapResults the job keeps; what the
    batch cost an online geocoder."""

    done: list[Done]
    failed: list[Failed]
    results: list[tuple[int, MapResult]]
    service: ServiceUse | None = None
    stopped: str | None = None  # why the run must stop (STOPS_THE_RUN) after this batch's done articles


# A geocoding service that keeps failing, map assets missing from the install, or a full or
# read-only disk would fail every article after: the run stops, keeping every article done (and
# every answer cached), to go on once it is mended.
STOPS_THE_RUN = (ServiceError, MissingAsset, DiskFull, NotWritable)

_opened: dict[str, Mapper] = {}  # this process's Mapper, by its job's fingerprint and recipe
_one_at_a_time = threading.Lock()
_opening = threading.Lock()


def start(job: Job) -> Mapper:
    """This process's Mapper for the job, opened at the first call: spaCy and the gazetteer load
    once per worker, not per batch."""
    # The recipe's repr is stable within a process (a class, or a partial of a module-level
    # function), so a job unpickled for each batch finds the Mapper opened for the first.
    key = job.fingerprint() + repr(job.make_mapper)
    with _opening:
        if key not in _opened:
            _opened.clear()
            mapper = job.make_mapper()
            mapper.nlp  # noqa: B018  loads the pipeline now, not in the first batch
            _opened[key] = mapper
        return _opened[key]


def process(job: Job, tasks: Sequence[Task]) -> Outcome:
    with _one_at_a_time:  # a Dask worker with several threads shares one Mapper
        return _process(job, tasks)


def _process(job: Job, tasks: Sequence[Task]) -> Outcome:
    mapper = start(job)
    before = ServiceUse.of(mapper)
    outcome = _outcome(job, mapper, tasks)
    used = ServiceUse.of(mapper)
    return replace(outcome, service=used - before if used is not None else None)


def _outcome(job: Job, mapper: Mapper, tasks: Sequence[Task]) -> Outcome:
    outcome = Outcome([], [], [])
    try:
        for task, result in zip(tasks, _mapped(mapper, [t.article for t in tasks], job.limits.timeout)):
            _settle(job, task, result, outcome)
    except STOPS_THE_RUN as e:  # what is done so far is kept
        return replace(outcome, stopped=str(e))
    return outcome


def _settle(job: Job, task: Task, result: MapResult | BaseException, outcome: Outcome) -> None:
    if isinstance(result, BaseException):
        outcome.failed.append(_failure(task, result))
        return
    if (over := job.limits.over_mentions(len(result.resolutions))) is not None:
        outcome.failed.append(Failed(task.seq, task.file, task.line, task.article.id, over))
        return
    result = result.confident(job.min_confidence)
    try:
        if job.outdir is not None:
            _write(job, task, result)
    except STOPS_THE_RUN:
        raise
    except Exception as e:  # noqa: BLE001  one article's drawing must not stop the others
        outcome.failed.append(_failure(task, e))
        return
    outcome.done.append(Done(task.seq, task.article.id, task.hash, task.folder, record(result, task.folder)))
    if task.seq < job.keep_results:
        outcome.results.append((task.seq, result))


def _mapped(mapper: Mapper, articles: list[Article], timeout: float) -> Iterator[MapResult | BaseException]:
    """The batch mapped together (a publisher's articles teach each other: lexicon.py), each
    result as soon as it is ready, within timeout seconds per article of mapping time; if that
    breaks or takes longer, the rest one by one, each within timeout seconds, so that only the
    article that breaks or hangs fails."""
    given = 0
    budget = timeout * len(articles)
    try:
        results = iter(mapper.map(articles))  # a Mapper may fail here already, not only as it yields
        while True:
            started = time.monotonic()
            # Only time spent mapping counts: not the writing of each result, done between.
            with deadline(max(budget, 0.001) if timeout > 0 else 0, "the batch took too long"):
                result = next(results, None)
            budget -= time.monotonic() - started
            if result is None:
                return
            given += 1
            yield result
    except STOPS_THE_RUN:
        raise
    except (Exception, ArticleTimeout):  # noqa: BLE001
        pass
    for article in articles[given:]:
        try:
            with deadline(timeout, f"took longer than {timeout:g} s to map (raise the limit with --article-timeout)"):
                result = next(mapper.map([article]))
        except STOPS_THE_RUN:
            raise
        except (Exception, ArticleTimeout) as e:  # noqa: BLE001
            yield e
            continue
        yield result


def _write(job: Job, task: Task, result: MapResult) -> None:
    render = job.render or RenderOptions()
    folder_url = published(f"{task.folder}/", job.base_url) if job.base_url else None
    if is_remote(job.outdir):  # drawn here, then put there with the run's shared assets it added to
        with tempfile.TemporaryDirectory(prefix="mapper-") as staging:
            write_outputs(result, Path(staging) / task.folder, render, base_url=folder_url)
            put(Path(staging), job.outdir)
        return
    folder = Path(job.outdir) / task.folder
    for place in (folder, folder / "assets"):
        remove_debris(place)
    write_outputs(result, folder, render, base_url=folder_url)


def _failure(task: Task, error: BaseException) -> Failed:
    reason = str(error) if isinstance(error, ArticleTimeout) else f"{type(error).__name__}: {error}"
    reason = reason.splitlines()[0][:500]
    return Failed(task.seq, task.file, task.line, task.article.id, reason)


def record(result: MapResult, folder: str | None) -> dict[str, Any]:
    """What the run's outputs need of an article: its prediction line (shared/eval's format), one
    row per mention with its paragraph, its place and the confidence, and one per place (the
    mentions that name it counted, their best confidence: MapResult.places())."""
    rows = []
    for r in sorted(result.resolutions, key=lambda r: (r.mention.start, r.mention.end)):
        m, p = r.mention, r.place
        rows.append({
            "paragraph": m.paragraph_id, "start": m.start, "end": m.end, "text": m.text,
            "place": p.key if p else None, "place_name": p.name if p else None,
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "feature_code": p.feature_code if p else None, "country": p.country_code if p else None,
            "geonameid": p.geonameid if p else None, "confidence": round(r.confidence, 4),
        })
    places = [
        {"key": g.place.key, "name": g.place.name, "lat": g.place.lat, "lon": g.place.lon,
         "feature_code": g.place.feature_code, "country": g.place.country_code, "geonameid": g.place.geonameid,
         "mentions": len(g.resolutions), "confidence": round(g.confidence, 4)}
        for g in result.places()
    ]
    return {"prediction": prediction(result), "title": result.article.title, "url": result.article.url,
            "folder": folder, "mentions": rows, "places": places}
