import os

import pytest

from mapper.files import remove_debris, write_atomic


def test_writes_whole_file_with_normal_permissions(tmp_path):
    path = write_atomic(tmp_path / "a" / "map.html", "<p>é</p>")
    assert path.read_text(encoding="utf-8") == "<p>é</p>"
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch):
    path = write_atomic(tmp_path / "map.html", b"old")

    def disk_full(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_debris_is_swept_from_a_folder_that_is_all_ours_and_its_subfolders(tmp_path):
    cells = tmp_path / "_assets" / "basemap" / "10m"
    cells.mkdir(parents=True)
    (cells / ".61_74.js.abc123.tmp").write_text("half a cell")  # a kill -9 mid-write
    (cells / "61_74.js").write_text("a whole cell")
    (tmp_path / ".index.html.def456.tmp").write_text("half a page")
    remove_debris(tmp_path / "_assets")
    assert [p.name for p in cells.iterdir()] == ["61_74.js"]
    assert (tmp_path / ".index.html.def456.tmp").exists(), "outside the folder swept"
    remove_debris(tmp_path, ["index.html"])
    assert not (tmp_path / ".index.html.def456.tmp").exists()
