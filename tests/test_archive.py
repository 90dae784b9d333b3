"""Archive runs: streamed inputs, resumable through the manifest, failures isolated, outputs for
the whole run, the same answers on one worker, two, or a Dask cluster."""

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from mapper.archive import geoparse_archive, map_archive
from mapper.archive.sources import Item, Unread, count, items
from mapper.render import RenderOptions
from tests.cli_runner import run_mapper

STORIES = [
    "Rain fell on Oslo and Bergen overnight.",
    "Floods closed roads around Dayton, Ohio, and in nearby Xenia.",
    "Shelling hit the city of Homs in central Syria on Monday.",
    "Fishermen on Lake Victoria say their catches have halved.",
    "Protesters marched through Bogotá and Medellín.",
    "Snow closed schools in Lyon and Grenoble.",
]


def _jsonl(path: Path, rows: list[dict], gz: bool = False) -> Path:
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def _archive(tmp_path: Path, n: int = 12) -> Path:
    return _jsonl(tmp_path / "archive.jsonl", [{"id": f"a{i}", "text": STORIES[i % len(STORIES)]} for i in range(n)])


def test_inputs_stream_from_folders_globs_and_gzip_and_a_bad_line_stops_nothing(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "one.txt").write_text("One\n\nRain in Oslo.\n")
    _jsonl(tmp_path / "news" / "more.jsonl", [{"id": "m1", "text": "Snow in Lyon."}])
    gz = tmp_path / "old.jsonl.gz"
    gz.write_bytes(gzip.compress(b'{"id": "g1", "text": "Heat in Cairo."}\n{not json\n{"id": "g2", "text": "Wind in Perth."}\n'))
    found = list(items([tmp_path / "news", str(tmp_path / "*.jsonl.gz"), tmp_path / "nothing-*.txt"]))
    articles = [f.article.id for f in found if isinstance(f, Item)]
    assert articles == ["m1", "one", "g1", "g2"]
    unread = [f for f in found if isinstance(f, Unread)]
    assert [(Path(u.file).name, u.line) for u in unread] == [("old.jsonl.gz", 2), ("nothing-*.txt", None)]
    assert "not valid JSON" in unread[0].reason and "no file matches" in unread[1].reason


def test_inputs_are_counted_for_the_progress_bar_without_being_read(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "one.txt").write_text("One\n\nRain in Oslo.\n")
    _jsonl(tmp_path / "news" / "more.jsonl", [{"id": "m1", "text": "x"}, {"id": "m2", "text": "y"}])
    assert count([tmp_path / "news"]) == 3
    assert count([tmp_path / "news", "-"]) is None  # stdin cannot be counted ahead
    assert count([_jsonl(tmp_path / "old.jsonl.gz", [{"text": "z"}], gz=True)]) is None


def test_geoparse_reads_stdin_and_writes_failures_with_file_line_and_reason(tmp_path):
    lines = '{"id": "x", "text": "Rain in Oslo."}\n[1, 2]\n{"id": "x", "text": "again"}\n{"id": "y", "text": "Snow in Lyon."}\n'
    done = run_mapper("geoparse", "-", "-o", tmp_path / "pred.jsonl", "--workers", "1", input=lines)
    assert done.returncode == 1
    predictions = [json.loads(line)["id"] for line in (tmp_path / "pred.jsonl").read_text().splitlines()]
    assert predictions == ["x", "y"]
    failures = [json.loads(line) for line in (tmp_path / "pred.failures.jsonl").read_text().splitlines()]
    assert [(f["file"], f["line"]) for f in failures] == [("-", 2), ("-", 3)]
    assert "JSON object" in failures[0]["reason"] and "duplicate id" in failures[1]["reason"]
    assert [line for line in done.stderr.splitlines() if line.startswith("error:")] == [
        "error: -:2: expected a JSON object, got list", "error: -:3: duplicate id 'x': an earlier article of this run has it",
    ]
    assert "4 articles: 2 mapped" in done.stderr.splitlines()[-1]


def test_two_workers_give_what_one_gives_in_input_order(tmp_path):
    source = _archive(tmp_path, 40)  # three batches of 16 and fewer: both workers busy
    one = geoparse_archive([source], tmp_path / "one.jsonl", workers=1)
    two = geoparse_archive([source], tmp_path / "two.jsonl", workers=2)
    assert (one.mapped, two.mapped) == (40, 40)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_a_rerun_skips_what_is_done_and_redoes_what_changed(tmp_path):
    source = _archive(tmp_path, 6)
    first = geoparse_archive([source], tmp_path / "pred.jsonl")
    assert (first.mapped, first.skipped) == (6, 0)
    again = geoparse_archive([source], tmp_path / "pred.jsonl")
    assert (again.mapped, again.skipped) == (0, 6)
    rows = [json.loads(line) for line in source.read_text().splitlines()]
    rows[2]["text"] = "Storms battered Lisbon and Porto."
    _jsonl(source, rows)
    changed = geoparse_archive([source], tmp_path / "pred.jsonl")
    assert (changed.mapped, changed.skipped) == (1, 5)
    names = [t["name"] for t in json.loads((tmp_path / "pred.jsonl").read_text().splitlines()[2])["toponyms"]]
    assert names == ["Lisbon", "Porto"]
    redone = geoparse_archive([source], tmp_path / "pred.jsonl", redo=True)
    assert (redone.mapped, redone.skipped) == (6, 0)


def test_kill_9_loses_nothing_finished_and_redoes_nothing_finished(tmp_path):
    source = _archive(tmp_path, 200)
    out = tmp_path / "pred.jsonl"
    manifest = tmp_path / "pred.manifest.sqlite"
    run = subprocess.Popen([sys.executable, "-m", "mapper", "geoparse", source, "-o", out, "--workers", "1"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    finished = 0
    deadline = time.monotonic() + 300
    while finished < 32 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
        if manifest.exists():
            with sqlite3.connect(manifest) as db:
                try:
                    finished = db.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    pass
    assert run.poll() is None, "the run ended before it could be killed"
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    with sqlite3.connect(manifest) as db:
        finished = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < finished < 200
    assert not out.exists()  # the predictions appear whole, at the end, or not at all
    resumed = run_mapper("geoparse", source, "-o", out, "--workers", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert f"200 articles: {200 - finished} mapped" in resumed.stderr and f"{finished} done before" in resumed.stderr
    assert len(out.read_text().splitlines()) == 200
    assert not list(tmp_path.glob(".*.tmp"))


def test_map_writes_the_runs_places_mentions_and_index(tmp_path):
    source = _archive(tmp_path, 6)
    summary = map_archive([source], tmp_path / "out", render=RenderOptions(png=False))
    out = tmp_path / "out"
    assert summary.mapped == 6 and (out / "index.html").exists() and (out / "_assets").is_dir()
    mentions = pq.read_table(out / "mentions.parquet").to_pylist()
    assert {m["article"] for m in mentions} == {f"a{i}" for i in range(6)}
    oslo = next(m for m in mentions if m["text"] == "Oslo")
    assert oslo["paragraph"] and oslo["place_name"] == "Oslo" and 0 < oslo["confidence"] <= 1
    assert STORIES[0][oslo["start"]:oslo["end"]] == "Oslo"
    places = json.loads((out / "places.geojson").read_text())["features"]
    by_name = {f["properties"]["name"]: f["properties"] for f in places}
    assert by_name["Oslo"]["articles"] == ["a0"] and by_name["Oslo"]["mention_count"] == 1
    assert sum(f["properties"]["mention_count"] for f in places) == sum(1 for m in mentions if m["place"])


def test_a_big_run_gets_the_overview_of_places_merged_across_articles(tmp_path, monkeypatch):
    import mapper.archive

    monkeypatch.setattr(mapper.archive, "COMBINED_MAX", 3)
    map_archive([_archive(tmp_path, 8)], tmp_path / "out", render=RenderOptions(png=False))
    page = (tmp_path / "out" / "index.html").read_text()
    data = json.loads(page.split('<script type="application/json" id="overview-data">')[1].split("</script>")[0])
    assert len(data["articles"]) == 8 and data["articles"][0][1] == "a0/map.html"
    oslo = next(p for p in data["places"] if p[2] == "Oslo")
    assert oslo[4] == 2 and [data["articles"][i][2] for i in oslo[5]] == ["a0", "a6"]


def test_an_article_that_breaks_fails_alone(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl", [
        {"id": "ok1", "text": "Rain in Oslo."}, {"id": "boom", "text": "BREAK THE MAPPER"}, {"id": "ok2", "text": "Snow in Lyon."},
    ])
    summary = geoparse_archive([source], tmp_path / "pred.jsonl", make_mapper=BreakingMapper, workers=2)
    assert (summary.mapped, summary.failed) == (2, 1)
    failure = json.loads((tmp_path / "pred.failures.jsonl").read_text())
    assert failure["id"] == "boom" and failure["line"] == 2 and "RuntimeError" in failure["reason"]


def test_a_worker_that_dies_takes_only_its_article_down(tmp_path):
    rows = [{"id": f"ok{i}", "text": STORIES[i % len(STORIES)]} for i in range(20)]  # two batches: worker processes
    rows.insert(3, {"id": "dies", "text": "KILL THE WORKER"})
    summary = geoparse_archive([_jsonl(tmp_path / "in.jsonl", rows)], tmp_path / "pred.jsonl",
                               make_mapper=BreakingMapper, workers=2)
    assert (summary.mapped, summary.failed) == (20, 1)
    failure = json.loads((tmp_path / "pred.failures.jsonl").read_text())
    assert failure["id"] == "dies" and "died" in failure["reason"]


def test_dask_cluster_gives_what_the_local_engine_gives(tmp_path):
    distributed = pytest.importorskip("distributed")
    source = _archive(tmp_path, 20)
    geoparse_archive([source], tmp_path / "local.jsonl", workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = geoparse_archive([source], tmp_path / "dask.jsonl", engine="dask", scheduler=cluster.scheduler_address)
        assert len(cluster.scheduler.workers) == 2
    assert summary.mapped == 20
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    from mapper.archive import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")  # refused at once, but Dask retries until then
    done = run_mapper("geoparse", _archive(tmp_path, 1), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "cannot reach the Dask scheduler" in done.stderr


class BreakingMapper:
    """A Mapper whose map() raises on one text and kills its process on another."""

    def __new__(cls):
        from mapper.pipeline import Mapper

        class _Breaking(Mapper):
            def map(self, articles):
                articles = list(articles)
                for a in articles:
                    if "KILL THE WORKER" in a.text:
                        os._exit(9)
                    if "BREAK THE MAPPER" in a.text:
                        raise RuntimeError("this article breaks the mapper")
                return super().map(articles)

        return _Breaking()


def test_outputs_go_to_an_fsspec_url_and_the_manifest_stays_local(tmp_path):
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    source = _archive(tmp_path, 3)
    first = map_archive([source], "memory://news/maps", render=RenderOptions(png=False), redo=True)
    assert first.mapped == 3
    for name in ("a0/map.html", "a0/places.geojson", "index.html", "mentions.parquet", "places.geojson"):
        assert fs.exists(f"/news/maps/{name}"), name
    assert any(path.startswith("/news/maps/_assets/") for path in fs.find("/news/maps"))
    again = map_archive([source], "memory://news/maps", render=RenderOptions(png=False))
    assert (again.mapped, again.skipped) == (0, 3)
    geoparse_archive([source], "memory://news/pred.jsonl", redo=True)
    assert [json.loads(line)["id"] for line in fs.cat("/news/pred.jsonl").decode().splitlines()] == ["a0", "a1", "a2"]
