"""How an archive run scales, measured in one run (machines here are noisy: quote the ratios).

    python -m mapper.dev.archive_speed ../shared/eval/lgl.jsonl [SIZES...]

The corpus's texts are repeated with new ids up to each size and geoparsed by `mapper geoparse`
as a user runs it, in a fresh process, with one worker and with two (--redo: nothing skipped):
wall time, articles per second, the ratio of two workers to one, the peak RSS of the largest
process (a worker, or the one process), and the cold start: a one-article run less the model's
own load.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from mapper.recognize import default_model

DEFAULT_SIZES = (1000, 2000)


def _archive(source: Path, size: int, folder: Path) -> Path:
    texts = [json.loads(line)["text"] for line in source.read_text(encoding="utf-8").split("\n") if line.strip()]
    path = folder / f"archive-{size}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(size):
            out.write(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)]}) + "\n")
    return path


_MEASURED = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _timed_run(archive: Path, workers: int, folder: Path) -> tuple[float, float]:
    """Seconds, and the peak RSS (MB) of the largest process of one `mapper geoparse` run (its
    workers are reaped by it, so a wrapper process sees them all and nothing else)."""
    command = [sys.executable, "-m", "mapper", "geoparse", str(archive), "-o", str(folder / "pred.jsonl"),
               "--workers", str(workers), "--redo"]
    done = subprocess.run([sys.executable, "-c", _MEASURED, *command], check=True, capture_output=True, text=True)
    seconds, peak_kb = done.stdout.split()
    return float(seconds), int(peak_kb) / 1024


def _model_load() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import spacy; spacy.load({default_model()!r})"], check=True)
    return time.perf_counter() - start


def main(source: str, sizes: tuple[int, ...]) -> None:
    with tempfile.TemporaryDirectory(prefix="mapper-bench-") as scratch:
        folder = Path(scratch)
        one = _archive(Path(source), 1, folder)
        _timed_run(one, 1, folder)  # warms the disk cache and builds nothing twice
        cold, _ = _timed_run(one, 1, folder)
        load = _model_load()
        print(f"cold start: a one-article run {cold:.2f} s, the model's own load {load:.2f} s "
              f"(spaCy {spacy.__version__}), so {cold - load:.2f} s above it")
        for size in sizes:
            archive = _archive(Path(source), size, folder)
            t1, rss1 = _timed_run(archive, 1, folder)
            t2, rss2 = _timed_run(archive, 2, folder)
            print(f"{size} articles: 1 worker {t1:.1f} s ({size / t1:.1f}/s, peak RSS {rss1:.0f} MB); "
                  f"2 workers {t2:.1f} s ({size / t2:.1f}/s, peak RSS per process {rss2:.0f} MB); "
                  f"2 workers / 1 worker: {t1 / t2:.2f}")


if __name__ == "__main__":
    main(sys.argv[1], tuple(int(n) for n in sys.argv[2:]) or DEFAULT_SIZES)
