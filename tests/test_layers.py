"""Imports run one way (docs/design.md): each package of mapper imports only from the layers below
it, never from a later stage or a sibling, so a stage can be read, tested and replaced alone."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import mapper

PACKAGE = Path(mapper.__file__).parent

# Bottom to top. A module may import from its own unit and from any unit on an earlier line.
LAYERS = [
    ["model", "errors", "geodesy", "slugs", "lazy"],  # records and helpers every stage uses
    ["files", "paths", "integrity", "limits", "reliability", "data"],
    ["ingest"],
    ["gazetteer"],
    ["recognize"],
    ["resolve"],
    ["render"],
    ["pipeline"],
    ["evaluate"],
    ["archive"],
    ["cli"],
    ["dev", "__init__", "__main__"],  # developer tooling, and the package's face, on top
]
LAYER = {unit: depth for depth, units in enumerate(LAYERS) for unit in units}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "mapper":  # `from mapper import reliability`: the submodules named
                found.update(f"mapper.{alias.name}" for alias in node.names)
            elif node.module.startswith("mapper."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("mapper."))
    return found


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _violations() -> list[str]:
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module(path)
        unit = _unit(module) if module != "mapper" else "__init__"
        for target in sorted(_imports(path)):
            other = _unit(target)
            if other == unit:
                continue
            if unit not in LAYER or other not in LAYER:
                bad.append(f"{module} -> {target}: a unit missing from LAYERS")
            elif LAYER[other] >= LAYER[unit]:
                bad.append(f"{module} -> {target}")
    return bad


def test_every_import_points_down_the_layers():
    assert _violations() == []


def test_every_unit_of_the_package_has_a_layer():
    units = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}
    assert units - set(LAYER) == set()


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    fake = tmp_path / "mapper"
    (fake / "recognize").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "recognize" / "__init__.py").write_text("from mapper.resolve.resolver import Resolver\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    assert _violations() == ["mapper.recognize -> mapper.resolve.resolver"]


def test_import_mapper_and_the_help_load_neither_spacy_nor_the_renderer():
    """`import mapper` and `mapper --help` load the pipeline's modules only when asked for one of
    its names or a command runs (PEP 562): in a fresh interpreter, none of them is loaded."""
    code = ("import sys\n"
            "import mapper\n"
            "after_import = sorted(m for m in HEAVY if m in sys.modules)\n"
            "from mapper.cli import cli\n"
            "cli.main(['--help'], standalone_mode=False)\n"
            "print(after_import, sorted(m for m in HEAVY if m in sys.modules))\n")
    heavy = ("spacy", "folium", "mapper.pipeline", "mapper.render.outputs")
    done = subprocess.run([sys.executable, "-c", f"HEAVY = {heavy!r}\n{code}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[] []"


def test_the_public_names_load_on_first_use():
    import mapper.render

    for package in (mapper, mapper.render):
        for name in package.__all__:
            assert getattr(package, name).__name__ == name
            assert name in dir(package)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        mapper.nothing  # noqa: B018
