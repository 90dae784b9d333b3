"""The docs that come from the code: docs/cli.md (every command's --help) and docs/python.md's
reference (every public name's signature and docstring) are current, cover every command, option
and public name, and every public name has a docstring; the version is one, in mapper.__version__,
CHANGELOG.md's newest release and pyproject.toml."""

import ast
import importlib
import io
import re
import tomllib
from datetime import date
from pathlib import Path

import click
import pytest

import mapper
from mapper.cli import cli
from mapper.dev.docs import PUBLIC_MODULES, cog, docstring, members

ROOT = Path(__file__).parents[1]


def test_the_reference_pages_are_current():
    out = io.StringIO()
    assert cog("--check", "--diff", out=out) == 0, f"run `make docs`:\n{out.getvalue()}"


def _commands(command: click.Command, path: str = "mapper"):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, f"{path} {name}")


def _section(page: str, heading: str) -> str:
    """The text under a Markdown heading (any level), up to the next heading."""
    found = re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^#|\Z)", page, re.M | re.S)
    assert found, f"no heading {heading!r}"
    return found.group(1)


def test_every_command_and_option_is_in_the_cli_reference():
    page = (ROOT / "docs/cli.md").read_text(encoding="utf-8")
    paths = [path for path, _ in _commands(cli)]
    assert {"mapper map", "mapper geoparse", "mapper gazetteer build"} <= set(paths)
    for path, command in _commands(cli):
        section = _section(page, path)
        for param in command.params:
            if isinstance(param, click.Argument):
                assert param.human_readable_name in section, f"{path}: argument {param.name}"
            elif not param.hidden:
                for option in param.opts + param.secondary_opts:
                    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", section), f"{path} {option}"
        assert "--help" in section


def _public() -> list[tuple[str, object]]:
    """(name, object) for each callable of the public modules' __all__, and each public method
    and property of those that are classes."""
    found = []
    for module in map(importlib.import_module, PUBLIC_MODULES):
        for name in module.__all__:
            obj = getattr(module, name)
            if callable(obj):
                found.append((f"{module.__name__}.{name}", obj))
                if isinstance(obj, type):
                    found += [(f"{module.__name__}.{name}.{m}", getattr(v, "fget", getattr(v, "func", v)))
                              for m, v in members(obj)]
    return found


def test_every_public_record_and_function_has_a_docstring():
    assert len(_public()) > 60
    missing = [name for name, obj in _public() if not docstring(obj)]
    assert not missing, f"no docstring: {', '.join(missing)}"


def test_a_dataclass_without_a_docstring_of_its_own_counts_as_none():
    from dataclasses import dataclass

    @dataclass
    class Bare:
        x: int

    assert docstring(Bare) == "" and docstring(mapper.Place).startswith("A point on Earth")


def test_every_package_that_declares_all_is_in_the_reference():
    declaring = {".".join(p.relative_to(ROOT).parent.parts) for p in (ROOT / "mapper").rglob("__init__.py")
                 if re.search(r"^__all__ = ", p.read_text(encoding="utf-8"), re.M)}
    assert declaring == set(PUBLIC_MODULES)


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_public_name_is_in_the_python_reference(module):
    section = (ROOT / "docs/python.md").read_text(encoding="utf-8").split(f"\n### {module}\n")[1].split("\n### ")[0]
    for name in importlib.import_module(module).__all__:
        assert f"#### {module}.{name}\n" in section or f"`{name}`" in section, f"{module}.{name}"


def _releases() -> list[tuple[str, str]]:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headers = re.findall(r"^## (.+)$", changelog, re.M)
    assert headers[0] == "Unreleased", "the next release's changes go under an Unreleased section on top"
    releases = [re.fullmatch(r"(\d+\.\d+\.\d+) - (\d{4}-\d\d-\d\d)", h) for h in headers[1:]]
    assert all(releases), f"a release header is '## X.Y.Z - YYYY-MM-DD': {headers[1:]}"
    return [r.groups() for r in releases]


def test_the_version_is_the_newest_release_of_the_changelog():
    releases = _releases()
    numbers = [tuple(map(int, v.split("."))) for v, _ in releases]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == len(numbers)
    assert [d for _, d in releases] == sorted((d for _, d in releases), reverse=True)
    assert all(date.fromisoformat(d) for _, d in releases)
    assert mapper.__version__ == releases[0][0]


def test_pyproject_reads_the_version_from_mapper():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "mapper.__version__"}
    # setuptools reads the attribute without importing mapper: it must be a literal assignment
    tree = ast.parse((ROOT / "mapper/__init__.py").read_text(encoding="utf-8"))
    literal = [ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
               and [getattr(t, "id", None) for t in node.targets] == ["__version__"]]
    assert literal == [mapper.__version__]
