"""The Dask engine: an archive's batches run on a dask.distributed cluster.

Each worker opens the Mapper once, when the run registers its plugin (the spaCy pipeline, the
gazetteer: built in the worker's user cache on first use, or the file --gazetteer names, which
must then exist on every worker). Batches go out a few per worker at a time and come back in
input order; the run's files are written where the worker runs, so OUTDIR must be a path every
worker and this process see alike (a shared filesystem), as it is on one machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from distributed import Client, WorkerPlugin

from mapper.archive.engines import IN_FLIGHT_PER_WORKER, in_order
from mapper.archive.manifest import Failed
from mapper.archive.work import Job, Outcome, Task, process, start
from mapper.errors import SchedulerError

CONNECT_TIMEOUT = "20s"


class OpenMapper(WorkerPlugin):
    """Opens the job's Mapper in each worker as it joins, so that no batch waits for a model load."""

    name = "mapper-open"

    def __init__(self, job: Job):
        self.job = job

    def setup(self, worker) -> None:
        start(self.job)


class DaskEngine:
    def __init__(self, scheduler: str, batches_per_worker: int = IN_FLIGHT_PER_WORKER):
        try:
            self.client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as e:
            raise SchedulerError(scheduler, str(e)) from None
        self.in_flight = max(1, batches_per_worker)

    def run(self, job: Job, batches: Iterable[Sequence[Task]]) -> Iterator[Outcome]:
        self.client.register_plugin(OpenMapper(job))
        workers = max(1, len(self.client.scheduler_info()["workers"]))
        submit = lambda batch: self.client.submit(process, job, batch, pure=False)  # noqa: E731
        for batch, future in in_order(submit, batches, workers * self.in_flight):
            try:
                yield future.result()
            except Exception as e:  # noqa: BLE001  a batch that killed its workers (KilledWorker) fails alone
                reason = f"the Dask cluster could not map it: {type(e).__name__}: {e}".splitlines()[0][:500]
                yield Outcome([], [Failed(t.seq, t.file, t.line, t.article.id, reason) for t in batch], [])

    def close(self) -> None:
        self.client.close()
