"""The README's and the docs' examples work as written, from a copy of what a fresh clone has."""

import re
import shlex
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tests.cli_runner import Run, run_mapper

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
DOCS = sorted((REPO / "docs").glob("*.md"))


def code_blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", path.read_text(encoding="utf-8"), re.S | re.M)


def commands(block: str) -> list[list[str]]:
    """The block's commands, continuation lines joined, comments dropped."""
    lines = [line for line in block.replace("\\\n", " ").splitlines() if line.strip()]
    return [shlex.split(line, comments=True) for line in lines if not line.lstrip().startswith("#")]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """What the examples may count on: seeds/ (nothing from ../shared), and an empty outputs/."""
    root = tmp_path_factory.mktemp("clone")
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "outputs").mkdir()
    return root


def run(args: list[str], cwd: Path) -> Run:
    assert args[0] == ".venv/bin/mapper", args
    return run_mapper(*args[1:], cwd=cwd)


def test_readme_opens_with_the_two_setup_commands():
    first = code_blocks(README, "sh")[0]
    assert [c[:2] for c in commands(first)] == [["make", "map"], ["make", "test"]]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^map: ", makefile, re.M) and re.search(r"^test: ", makefile, re.M)
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_the_five_examples_run_on_seeds_alone(clone):
    examples = next(b for b in code_blocks(README, "sh") if ".venv/bin/mapper" in b)
    results = [run(args, clone) for args in commands(examples)]
    assert len(results) == 5
    for result in results:
        assert result.returncode == 0, result.stderr

    story = clone / "outputs" / "ohio-floods"
    assert {"map.html", "embed.html", "map.png", "places.geojson", "mentions.csv"} <= {
        p.name for p in story.iterdir()}
    week = clone / "outputs" / "week"
    stories = {p.stem for p in (clone / "seeds").iterdir()}
    assert (week / "index.html").is_file() and (week / "_assets").is_dir()
    assert stories <= {p.name for p in week.iterdir()}
    typhoon = clone / "outputs" / "typhoon-luzon"
    assert Image.open(typhoon / "map.png").size == (1080, 1080)
    assert "Where Typhoon Kristine struck" in (typhoon / "embed.html").read_text(encoding="utf-8")
    assert (typhoon / "map.svg").read_text(encoding="utf-8").lstrip().startswith("<")
    assert '<iframe' in results[3].stdout and "ohio-floods" in results[3].stdout
    assert "Athens" in results[4].stdout and "GR" in results[4].stdout


def test_the_python_examples_run(clone, monkeypatch):
    monkeypatch.chdir(clone)
    runnable = [b for b in code_blocks(REPO / "docs" / "python.md", "python") if "localhost" not in b]
    assert len(runnable) == 4
    for block in runnable:
        exec(compile(block, "docs/python.md", "exec"), {})
    assert (clone / "outputs" / "python" / "ohio-floods" / "map.html").is_file()
    assert (clone / "outputs" / "python-archive" / "mentions.parquet").is_file()
    assert len((clone / "outputs" / "python-archive" / "predictions.jsonl").read_text().splitlines()) == 5


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda p: p.name)
def test_relative_links_lead_somewhere(page):
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
        assert (page.parent / target).exists(), f"{page.name} links to missing {target}"
