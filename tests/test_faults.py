"""Nothing lost under faults: kill -9 during a gazetteer build, a GeoNames import, a geocoder cache
write and a map run; damaged gazetteers, caches and manifests; two builds or two runs at once; a
read-only output folder; a full disk. Each fault is real (a SIGKILLed process, a tmpfs that fills
up, a file cut short) or injected where only that is fast (ENOSPC from a write)."""

import errno
import hashlib
import json
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from mapper.archive.lock import output_lock
from mapper.archive.manifest import Manifest
from mapper.errors import DamagedFile, DiskFull, OutputBusy
from mapper.files import write_atomic
from mapper.gazetteer import build as building
from mapper.gazetteer import geonames
from mapper.gazetteer.records import PlaceRecord
from mapper.gazetteer.store import open_store
from mapper.resolve.services.cache import GeocoderCache
from tests.cli_runner import Run, run_mapper

ROOT = Path(__file__).resolve().parent.parent
OHIO = ROOT / "seeds" / "ohio-floods.txt"
TOWNS = [PlaceRecord(1, "Testville", 40.0, -82.0, "P", "PPL", "US", "OH", 1000, "test", 1),
         PlaceRecord(2, "Otherton", 41.0, -83.0, "P", "PPL", "US", "OH", 500, "test", 2)]

# A child that builds the default gazetteer from TOWNS, stopping after the first one until a line
# arrives on its stdin (or a SIGKILL); it says LOCKING before it takes the build lock.
BUILD_CHILD = """
import sys
from mapper.gazetteer import build
from mapper.gazetteer.records import PlaceRecord

def places():
    yield PlaceRecord(1, "Testville", 40.0, -82.0, "P", "PPL", "US", "OH", 1000, "test", 1)
    print("LOADING", flush=True)
    sys.stdin.readline()
    yield PlaceRecord(2, "Otherton", 41.0, -83.0, "P", "PPL", "US", "OH", 500, "test", 2)

def noisy_lock(path, lock=build._build_lock):
    print("LOCKING", flush=True)
    return lock(path)

build.all_places, build._build_lock = places, noisy_lock
build.ensure()
print("DONE", flush=True)
"""


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache dir of this test's own, whose embedded gazetteer is built from TOWNS."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(folder))
    monkeypatch.delenv("MAPPER_GAZETTEER", raising=False)
    monkeypatch.setattr(building, "all_places", lambda: iter(TOWNS))
    return folder


def _env(cache: Path | None = None) -> dict[str, str]:
    """The environment a child runs in: this checkout's mapper, and a cache dir if given (else
    the one the tests run with, whose gazetteer is built)."""
    return {**os.environ, "PYTHONPATH": str(ROOT), **({"MAPPER_CACHE_DIR": str(cache)} if cache else {})}


def _spawn(code: str, cache: Path | None, *args, stdin=subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(cache), cwd=ROOT)


def _wait_for(child: subprocess.Popen, line: str) -> None:
    """Read the child's stdout until it says line (it blocks there until told or killed)."""
    for said in child.stdout:
        if said.strip() == line:
            return
    pytest.fail(f"the child ended without saying {line}: {child.stderr.read()}")


def _kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL


def _cli(*args, cwd: Path) -> Run:
    return run_mapper(*args, cwd=cwd)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _debris(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith((".tmp", ".stage")))


def _one_error_line(done: Run | subprocess.CompletedProcess) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


# --- the gazetteer -----------------------------------------------------------------------------

def test_kill_9_during_the_first_gazetteer_build_leaves_nothing_half_built(cache):
    child = _spawn(BUILD_CHILD, cache)
    _wait_for(child, "LOADING")
    assert _debris(cache), "the build writes into a temporary file"
    _kill(child)
    path = cache / "gazetteer.sqlite"
    assert not path.exists() and not building.is_current(path)  # nothing half-built where it is read
    assert building.ensure() == path  # the rerun builds it, and clears the killed build's debris
    assert _debris(cache) == []
    assert [m.place.name for m in open_store(path).lookup("Otherton")] == ["Otherton"]


def test_two_processes_needing_the_gazetteer_build_it_once(cache):
    first = _spawn(BUILD_CHILD, cache)
    _wait_for(first, "LOADING")  # it holds the build lock, half-way through
    second = _spawn(BUILD_CHILD, cache, stdin=subprocess.DEVNULL)
    _wait_for(second, "LOCKING")  # it found no gazetteer: it waits for the lock
    first.stdin.write("go\n")
    first.stdin.close()
    assert first.wait(timeout=30) == 0 and first.stdout.read().split() == ["DONE"]
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert out.split() == ["DONE"]  # it used the first one's build: it never loaded a place
    assert _debris(cache) == []


def _garble(path: Path, how: str) -> None:
    data = path.read_bytes()
    noise = random.Random(20).randbytes(len(data))
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "garbage":
        path.write_bytes(noise)
    else:  # pages scrambled after the first, at the same length: only SQLite's own check sees it
        path.write_bytes(data[:4096] + noise[4096:])


@pytest.mark.parametrize("how", ["truncated", "garbage", "scrambled"])
def test_a_damaged_default_gazetteer_is_rebuilt_with_one_warning(cache, caplog, how):
    path = building.ensure()
    _garble(path, how)
    with caplog.at_level(logging.WARNING):
        assert building.ensure() == path
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and f"{path} is damaged" in warnings[0] and "\n" not in warnings[0]
    assert building.is_current(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _places_dump(folder: Path, rows: int) -> Path:
    dump = folder / "SY.txt"
    dump.write_text("".join(geonames.place_line(90_000_000 + i, f"Qaryat {i}", 35.0 + i / 1e5, 37.0, "P", "PPL",
                                                "SY", population=100) for i in range(rows)), encoding="utf-8")
    return dump


def test_a_damaged_imported_gazetteer_is_named_in_one_line_and_never_rebuilt(cache, tmp_path):
    path = building.build(tmp_path / "full.sqlite", records=TOWNS, geonames_files=[_places_dump(tmp_path, 50)])
    _garble(path, "truncated")
    damaged = _digest(path)
    with pytest.raises(DamagedFile) as raised:
        building.ensure(path)
    message = str(raised.value)
    assert message.startswith(f"{path} is damaged (truncated") and "\n" not in message
    assert f"mapper gazetteer build --output {path} --geonames SY.txt" in message
    assert _digest(path) == damaged  # never rebuilt behind the user's back
    done = _cli("gazetteer", "lookup", "Testville", "--gazetteer", path, cwd=tmp_path)
    assert done.returncode == 1
    assert _one_error_line(done).startswith(f"error: {path} is damaged")


# A child importing a GeoNames dump into argv[1], stopping once the dump's rows are read (before
# the names are sorted and the file renamed into place) until a line arrives on its stdin.
IMPORT_CHILD = """
import sys
from pathlib import Path
from mapper.gazetteer import build

def progress(p):
    if p.task == "SY.txt" and p.rows:
        print("IMPORTING", flush=True)
        sys.stdin.readline()

build.build(Path(sys.argv[1]), records=[], geonames_files=[Path(sys.argv[2])], progress=progress)
"""


def test_kill_9_during_a_geonames_import_keeps_the_previous_gazetteer(cache, tmp_path):
    before = building.build(tmp_path / "full.sqlite", records=TOWNS, geonames_files=[_places_dump(tmp_path, 50)])
    kept = _digest(before)
    bigger = tmp_path / "big"
    bigger.mkdir()
    child = _spawn(IMPORT_CHILD, cache, before, _places_dump(bigger, 5000))
    _wait_for(child, "IMPORTING")
    _kill(child)
    assert _digest(before) == kept and building.is_current(before)  # the import half-done is never read
    assert _debris(tmp_path)
    building.build(before, records=[], geonames_files=[bigger / "SY.txt"])  # the rerun works and tidies up
    assert _debris(tmp_path) == []
    assert json.loads(building.read_meta(before)["files"])[0]["rows"] == 5000


def test_a_full_disk_during_a_gazetteer_build_is_one_line_and_leaves_the_old_one(cache, monkeypatch):
    path = building.ensure()
    kept = _digest(path)

    def full(*_):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(building, "_write_meta", full)
    with pytest.raises(DiskFull, match=f"writing {path}"):
        building.build(path)
    assert _digest(path) == kept and _debris(cache) == []


# --- the geocoder cache ------------------------------------------------------------------------

# A child putting answers into the geocoder cache at argv[1], saying the number of each once it is in.
CACHE_CHILD = """
import sys
from mapper.resolve.services.cache import GeocoderCache
from tests.cli_runner import Run, run_mapper

cache = GeocoderCache(sys.argv[1])
for i in range(10**9):
    cache.put("nominatim https://nominatim.example", f"Place {i}", {"limit": 10}, [{"lat": i, "lon": -i}])
    print(i, flush=True)
"""


def test_kill_9_during_geocoder_cache_writes_keeps_every_answer_written(tmp_path):
    path = tmp_path / "geocoder-cache.sqlite"
    child = _spawn(CACHE_CHILD, None, path)
    _wait_for(child, "200")
    _kill(child)
    with GeocoderCache(path) as cache:
        assert cache.count() >= 201
        for i in range(201):
            assert cache.get("nominatim https://nominatim.example", f"Place {i}", {"limit": 10}) == [
                {"lat": i, "lon": -i}]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("how", ["truncated", "garbage", "scrambled"])
def test_a_damaged_geocoder_cache_is_moved_aside_with_one_warning(tmp_path, caplog, how):
    path = tmp_path / "geocoder-cache.sqlite"
    with GeocoderCache(path) as cache:
        for i in range(2000):
            cache.put("photon", f"Place {i}", {}, [{"lat": i, "lon": i, "name": "x" * 50}])
    _garble(path, how)
    with caplog.at_level(logging.WARNING), GeocoderCache(path) as cache:
        assert cache.count() == 0  # started afresh: a damaged answer is never trusted
        cache.put("photon", "Lyon", {}, [])
        assert cache.get("photon", "Lyon", {}) == []
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and f"{path} is damaged" in warnings[0]
    assert len(list(tmp_path.glob("geocoder-cache.sqlite.damaged-*"))) == 1


# --- archive runs: the manifest, the output lock, kills ----------------------------------------

@pytest.mark.parametrize("how", ["truncated", "garbage"])
def test_a_damaged_manifest_is_one_line_pointing_to_redo(tmp_path, how):
    path = tmp_path / "manifest.sqlite"
    manifest = Manifest(path)
    manifest.close()
    with closing(sqlite3.connect(path)) as db:  # a manifest with some weight: a half of it is no manifest
        db.executemany("INSERT INTO failures VALUES (1, ?, 'a.jsonl', ?, NULL, ?)",
                       [(i, i, "x" * 200) for i in range(2000)])
        db.commit()
    _garble(path, how)
    with pytest.raises(DamagedFile) as raised:
        Manifest(path)
    assert str(raised.value).startswith(f"{path} is damaged") and "--redo" in str(raised.value)


def test_a_second_run_writing_the_same_output_fails_at_once(tmp_path):
    out = tmp_path / "out"
    with output_lock(out):  # a run holding the folder, as map_archive does
        done = _cli("map", OHIO, "-o", out, "--no-png", cwd=tmp_path)
        assert done.returncode == 1
        assert _one_error_line(done) == f"error: another mapper run is writing {out}"
        with pytest.raises(OutputBusy):
            with output_lock(out):
                pass
    assert sorted(p.name for p in out.iterdir()) == [".mapper-run.lock"]  # it wrote nothing


def test_two_geoparse_runs_writing_one_file_fail_at_once_and_a_killed_runs_lock_blocks_nothing(tmp_path):
    child = _spawn("import sys\nfrom pathlib import Path\nfrom mapper.archive.lock import output_lock\n"
                   "with output_lock(Path(sys.argv[1]), '.pred.jsonl.lock'):\n"
                   "    print('LOCKED', flush=True)\n    sys.stdin.readline()\n", None, tmp_path)
    _wait_for(child, "LOCKED")
    with pytest.raises(OutputBusy, match=f"another mapper run is writing {tmp_path / 'pred.jsonl'}"):
        from mapper.archive import geoparse_archive
        geoparse_archive([OHIO], tmp_path / "pred.jsonl")
    _kill(child)  # dead with the lock held: the kernel let go of it
    with output_lock(tmp_path, ".pred.jsonl.lock"):
        pass


@contextmanager
def _tmpfs(where: Path, options: str):
    """A tmpfs mounted at where for the block (root only; the test skips, saying why, otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def test_a_read_only_output_folder_is_one_line_and_nothing_is_written_elsewhere(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    with _tmpfs(tmp_path / "ro", "ro,size=1m") as ro:
        done = _cli("map", OHIO, "-o", ro / "out", "--no-png", cwd=work)
        assert done.returncode == 1
        assert _one_error_line(done) == f"error: cannot write to {ro / 'out'}: read-only file system"
        assert list(ro.iterdir()) == []
    assert list(work.iterdir()) == []


def test_enospc_while_writing_an_output_is_disk_full_and_keeps_the_old_file(tmp_path, monkeypatch):
    path = write_atomic(tmp_path / "places.geojson", b"old")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFull) as raised:
        write_atomic(path, b"new" * 1000)
    assert raised.value.path == str(path) and str(path) in str(raised.value)
    assert path.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["places.geojson"]


def test_a_real_full_disk_is_one_line_naming_the_path_and_keeps_earlier_outputs(tmp_path):
    with _tmpfs(tmp_path / "small", "size=3m") as disk:
        earlier = write_atomic(disk / "out" / "earlier" / "map.html", b"<p>earlier</p>" * 10_000)
        with pytest.raises(DiskFull) as raised:
            write_atomic(disk / "out" / "big.bin", os.urandom(4 << 20))
        assert raised.value.path == str(disk / "out" / "big.bin")
        assert earlier.read_bytes() == b"<p>earlier</p>" * 10_000 and _debris(disk) == []
        filler = disk / "filler"  # the disk full to the last byte, then a run
        with open(filler, "wb") as f:
            try:
                while True:
                    f.write(b"\0" * 65536)
                    f.flush()
            except OSError as e:
                assert e.errno == errno.ENOSPC
        done = _cli("geoparse", OHIO, "-o", disk / "out" / "pred.jsonl", cwd=tmp_path)
        assert done.returncode == 1
        assert _one_error_line(done).startswith("error: no space left on the device writing " + str(disk / "out"))
        assert earlier.read_bytes() == b"<p>earlier</p>" * 10_000 and _debris(disk) == []


STORIES = ["Floods closed roads around Dayton, Ohio, and in nearby Xenia.",
           "Snow closed schools in Lyon and Grenoble.",
           "Rain fell on Oslo and Bergen overnight.",
           "Protesters marched through Bogotá and Medellín."]


def _archive(folder: Path, n: int) -> Path:
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": STORIES[i % len(STORIES)]}) + "\n" for i in range(n)),
                    encoding="utf-8")
    return path


def _unfinished(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_kill_9_during_a_map_run_loses_nothing_and_the_rerun_finishes_it(tmp_path):
    source, out = _archive(tmp_path, 4), tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-m", "mapper", "map", source, "-o", out, "--no-png", "--workers", "1"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env(), cwd=tmp_path)
    drawn = out / "a1" / "map.html"
    deadline = time.monotonic() + 120
    while not drawn.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # the marker: a map drawn, its batch not yet committed
    assert drawn.exists() and run.poll() is None, run.stderr.read() if run.poll() is not None else "too slow"
    _kill(run)
    with sqlite3.connect(out / "manifest.sqlite") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0  # drawn is not done
    assert not (out / "index.html").exists()
    again = _cli("map", source, "-o", out, "--no-png", "--workers", "1", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "4 articles: 4 mapped" in again.stderr and "0 done before" in again.stderr
    assert all((out / f"a{i}" / "map.html").is_file() for i in range(4)) and (out / "index.html").is_file()
    assert _unfinished(out) == []


def test_a_disk_filling_up_during_a_map_run_stops_it_in_one_line_keeping_what_is_done(tmp_path, monkeypatch):
    source, out = _archive(tmp_path, 8), tmp_path / "out"

    def fsync(fd, real=os.fsync):  # the disk fills up when the 6th article's files are written
        if "/a5/" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    done = _cli("map", source, "-o", out, "--no-png", "--workers", "1", cwd=tmp_path)
    assert done.returncode == 1
    line = _one_error_line(done)
    assert line.startswith(f"error: no space left on the device writing {out / 'a5'}/"), line
    assert all((out / f"a{i}" / "map.html").is_file() for i in range(5))  # the articles before, whole
    assert not (out / "a5" / "map.html").exists() and _unfinished(out) == []
    with sqlite3.connect(out / "manifest.sqlite") as db:  # and committed: a rerun goes on from there
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_the_cli_shows_a_damaged_cache_as_one_warning_line(tmp_path, capsys):
    from mapper.cli.console import warnings_shown

    path = tmp_path / "geocoder-cache.sqlite"
    path.write_bytes(b"\0garbage" * 4096)
    with warnings_shown(), GeocoderCache(path):
        pass
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"warning: the geocoder cache {path} is damaged")
