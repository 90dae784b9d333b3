"""One run over an archive: articles streamed from the inputs in batches, the batches mapped by an
engine, each batch's articles committed to the manifest once their files are written.

A rerun skips every article the manifest has with the same content (and job settings), redoes
the changed ones, and retries the failed ones. Batches are cut at the same input positions
whatever the number of workers or the articles already done, so a publisher's articles teach each
other (lexicon.py) the same way in every run: the output does not depend on how it was run.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from mapper.archive.engines import Engine
from mapper.archive.manifest import Done, Failed, Manifest, content_hash
from mapper.archive.sources import Item, Unread
from mapper.archive.work import Job, ServiceUse, Task
from mapper.errors import RunStopped
from mapper.slugs import slug
from mapper.model import Article, MapResult
from mapper.pipeline import RESOLVE_TOGETHER

# A batch without a publisher's article has nothing to learn from the others: a short one lets
# the workers share a small archive.
SHORT_BATCH = 16


@dataclass
class Summary:
    """What a run did: articles read, mapped in this run, done before, failed, and its time."""

    articles: int = 0  # read from the inputs, failed ones included
    mapped: int = 0  # done in this run
    skipped: int = 0  # done before, unchanged
    failed: int = 0
    seconds: float = 0.0
    results: list[tuple[int, MapResult]] = field(default_factory=list, repr=False)  # the job's kept ones
    early: dict[int, Article] = field(default_factory=dict, repr=False)  # the run's first articles, as many
    service: ServiceUse | None = None  # what an online geocoder cost, over all workers

    def line(self) -> str:
        """The run in one line: "5 articles: 5 mapped (2.1/s), 0 done before, 0 failed"."""
        rate = self.mapped / self.seconds if self.seconds else 0.0
        return (f"{self.articles} articles: {self.mapped} mapped ({rate:.1f}/s), "
                f"{self.skipped} done before, {self.failed} failed")


# Told after each batch (and each unreadable input): the run so far, what was just done, what failed.
Progress = Callable[["Summary", Sequence[Done], Sequence[Failed]], None]


def run(stream: Iterable[Item | Unread], job: Job, manifest: Manifest, engine: Engine,
        on_progress: Progress | None = None) -> Summary:
    """Map every article of the stream (sources.items) that the manifest does not have as it is."""
    summary = Summary()
    started = time.monotonic()
    tell = on_progress or (lambda *_: None)
    reading = _Reading(manifest, job.fingerprint(), summary, job.keep_results, tell)
    for outcome in engine.run(job, reading.batches(stream)):
        manifest.finish(outcome.done, outcome.failed)
        reading.committed(outcome.done)
        summary.mapped += len(outcome.done)
        summary.failed += len(outcome.failed)
        summary.results.extend(outcome.results)
        if outcome.service is not None:
            summary.service = outcome.service + summary.service
        summary.seconds = time.monotonic() - started
        tell(summary, outcome.done, outcome.failed)
        if outcome.stopped:
            raise RunStopped(outcome.stopped)
    summary.seconds = time.monotonic() - started
    summary.results.sort(key=lambda pair: pair[0])
    tell(summary, [], [])
    return summary


class _Reading:
    """Turns the stream of items into batches of tasks, settling on the way what needs no work:
    unchanged articles (skipped), unreadable ones and repeated ids (failed)."""

    def __init__(self, manifest: Manifest, fingerprint: str, summary: Summary, keep: int, tell: Progress):
        self.manifest = manifest
        self.fingerprint = fingerprint
        self.summary = summary
        self.keep = keep
        self.tell = tell
        self.in_flight: set[str] = set()  # folders handed out, not yet committed

    def batches(self, stream: Iterable[Item | Unread]) -> Iterator[list[Task]]:
        block: list[tuple[int, Item]] = []
        for item in stream:
            seq = self.summary.articles
            self.summary.articles += 1
            if isinstance(item, Unread):
                self._fail([Failed(seq, item.file, item.line, None, item.reason)])
                continue
            block.append((seq, item))
            if seq < self.keep:
                self.summary.early[seq] = item.article
            if _closes(block):
                if tasks := self._settle(block):
                    yield tasks
                block = []
        if block and (tasks := self._settle(block)):
            yield tasks

    def _settle(self, block: Sequence[tuple[int, Item]]) -> list[Task]:
        ids = [item.article.id for _, item in block]
        first = self.manifest.first_in_run(ids)
        known = self.manifest.known(ids)
        tasks, kept, failed = [], [], []
        for (seq, item), new in zip(block, first):
            article = item.article
            if not new:
                failed.append(Failed(seq, item.file, item.line, article.id,
                                     f"duplicate id {article.id!r}: an earlier article of this run has it"))
                continue
            digest = content_hash(article, self.fingerprint)
            was = known.get(article.id)
            if was is not None and was[0] == digest:
                kept.append((article.id, seq))
                continue
            folder = was[1] if was is not None and was[1] else self._new_folder(article.id)
            tasks.append(Task(seq, article, digest, folder, item.file, item.line))
        self.manifest.carry(kept)
        self.summary.skipped += len(kept)
        self._fail(failed)
        return tasks

    def _fail(self, failed: list[Failed]) -> None:
        if failed:
            self.manifest.finish([], failed)
            self.summary.failed += len(failed)
            self.tell(self.summary, [], failed)

    def _new_folder(self, article_id: str) -> str:
        """The article's id as a folder name; where another article's id makes the same name
        ("A b" and "a-b"), with a short digest of the id after it."""
        name = slug(article_id)
        if name in self.in_flight or self.manifest.folder_taken(name):
            name = f"{name[:70]}-{hashlib.sha1(article_id.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
        self.in_flight.add(name)
        return name

    def committed(self, done: Iterable) -> None:
        for d in done:
            self.in_flight.discard(d.folder)


def _closes(block: Sequence[tuple[int, Item]]) -> bool:
    if len(block) >= RESOLVE_TOGETHER:
        return True
    return len(block) >= SHORT_BATCH and not any(item.article.publisher for _, item in block)
