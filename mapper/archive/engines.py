"""Where an archive's batches run: in this process, in local worker processes, or on a Dask
cluster. Each engine takes the batches lazily and gives their outcomes back in input order, with
only a few batches per worker in flight, so memory stays flat however long the archive is.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from mapper.archive.manifest import Failed
from mapper.archive.work import Job, Outcome, Task, process, start
from mapper.errors import OptionError

IN_FLIGHT_PER_WORKER = 2


class Engine(Protocol):
    def run(self, job: Job, batches: Iterable[Sequence[Task]]) -> Iterator[Outcome]: ...

    def close(self) -> None: ...


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


class InProcess:
    """One worker: this process. No start-up beyond the model's own load."""

    def run(self, job: Job, batches: Iterable[Sequence[Task]]) -> Iterator[Outcome]:
        for batch in batches:
            yield process(job, batch)

    def close(self) -> None:
        pass


class Processes:
    """N local worker processes, each opening the Mapper once. A worker that dies (a crash, the
    kernel's OOM killer) takes only its batch's articles down: they are retried one by one in a
    fresh pool, and an article that kills a worker again is a failure."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _fresh_pool(self, job: Job) -> ProcessPoolExecutor:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        # spawn: a clean interpreter per worker, as on a cluster; fork would copy this process's threads.
        self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=start, initargs=(job,))
        return self._pool

    def run(self, job: Job, batches: Iterable[Sequence[Task]]) -> Iterator[Outcome]:
        source = iter(batches)
        first, second = next(source, None), next(source, None)
        if second is None:  # one batch: workers would only add their start-up to it
            yield from InProcess().run(job, [first] if first is not None else [])
            return
        batches = itertools.chain([first, second], source)
        self._fresh_pool(job)
        submit = lambda batch: self._pool.submit(process, job, batch)  # noqa: E731  the pool of the moment
        for batch, future in in_order(submit, batches, self.workers * IN_FLIGHT_PER_WORKER):
            try:
                yield future.result()
            except BrokenProcessPool:  # the batches still in flight broke with it, and come here too
                yield self._one_by_one(job, batch)

    def _one_by_one(self, job: Job, batch: Sequence[Task]) -> Outcome:
        outcome = Outcome([], [], [])
        pool = self._fresh_pool(job)
        for task in batch:
            try:
                one = pool.submit(process, job, [task]).result()
            except BrokenProcessPool:
                one = Outcome([], [Failed(task.seq, task.file, task.line, task.article.id,
                                          "the worker process died on this article")], [])
                pool = self._fresh_pool(job)
            outcome.done.extend(one.done)
            outcome.failed.extend(one.failed)
            outcome.results.extend(one.results)
        return outcome

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def local_engine(workers: int) -> Engine:
    return InProcess() if workers <= 1 else Processes(workers)


def engine_for(name: str, workers: int, scheduler: str | None) -> Engine:
    if name == "local":
        return local_engine(workers)
    if name == "dask":
        if not scheduler:
            raise OptionError("--engine", name, "--engine dask needs --scheduler tcp://HOST:PORT")
        from mapper.archive.dask_engine import DaskEngine  # dask is optional: imported only when asked for

        return DaskEngine(scheduler)
    raise OptionError("--engine", name, f"unknown engine {name!r} (local or dask)")


def in_order(submit: Callable[[Sequence[Task]], Future], batches: Iterable[Sequence[Task]],
             in_flight: int) -> Iterator[tuple[Sequence[Task], Future]]:
    """Submit batches, at most in_flight at once, and give each with its future in submission
    order: the next is submitted as soon as one is taken."""
    window: collections.deque[tuple[Sequence[Task], Future]] = collections.deque()
    source = iter(batches)
    while True:
        while len(window) < in_flight and (batch := next(source, None)) is not None:
            window.append((batch, submit(batch)))
        if not window:
            return
        yield window.popleft()
