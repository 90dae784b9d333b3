"""The reference pages made from the code: every command's --help in docs/cli.md, every public
record and function with its signature and docstring in docs/python.md. `make docs` (python -m
mapper.dev.docs) rewrites them with cog; tests/test_docs.py checks that they are current."""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import TextIO

import click

PAGES = ("docs/cli.md", "docs/python.md")
ROOT = Path(__file__).parents[2]
# cog's markers, with an end of code that no signature holds (as "]]]" in list[tuple[...]] does)
MARKERS = "[[[cog cog]]] [[[end]]]"
WIDTH = 100  # the help's width, whatever the terminal's
# The public API: the packages that declare __all__, whose names are what they offer.
PUBLIC_MODULES = ("mapper", "mapper.ingest", "mapper.gazetteer", "mapper.recognize", "mapper.resolve",
                  "mapper.resolve.services", "mapper.render", "mapper.archive")


def cog(*options: str, out: TextIO | None = None) -> int:
    """Run cog on PAGES with these markers: "-r" rewrites them, "--check" fails (5) unless current."""
    from cogapp import Cog

    runner = Cog()
    runner.set_output(stdout=out, stderr=out)
    return runner.main(["cog", f"--markers={MARKERS}", *options, *(str(ROOT / page) for page in PAGES)])


def commands(command: click.Command, name: str = "mapper",
             parent: click.Context | None = None) -> Iterator[click.Context]:
    """A context for the command and each of its subcommands, depth first, in the order of --help."""
    ctx = click.Context(command, info_name=name, parent=parent, terminal_width=WIDTH, max_content_width=WIDTH)
    yield ctx
    if isinstance(command, click.Group):
        for sub in command.list_commands(ctx):
            yield from commands(command.get_command(ctx, sub), sub, ctx)


def cli_reference() -> str:
    """Markdown: a heading per command and its --help, as a terminal WIDTH wide shows it."""
    from mapper.cli import cli

    sections = []
    for ctx in commands(cli):
        level = "#" * (2 + max(ctx.command_path.count(" ") - 1, 0))
        sections.append(f"{level} {ctx.command_path}\n\n```text\n{ctx.get_help()}\n```\n")
    return "\n".join(sections)


def docstring(obj: object) -> str:
    """obj's own docstring, cleaned; "" for none, or for the signature a dataclass makes up."""
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else getattr(obj, "__doc__", None)
    if not doc or (inspect.isclass(obj) and doc.startswith(f"{obj.__name__}(")):
        return ""
    return inspect.cleandoc(doc)


def members(cls: type) -> Iterator[tuple[str, object]]:
    """The class's own public methods and properties, in the order it defines them."""
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        if isinstance(value, (property, cached_property)) or inspect.isfunction(value):
            yield name, value


def api_reference() -> str:
    """Markdown: per public module, each name of its __all__ with its signature and docstring (a
    class with its methods and properties); a name another module already shows is named only."""
    shown: dict[int, str] = {}
    parts = []
    for module in map(importlib.import_module, PUBLIC_MODULES):
        parts.append(f"### {module.__name__}\n\n{_first_paragraph(module)}\n")
        again, constants = [], []
        for name in module.__all__:
            obj = getattr(module, name)
            if id(obj) in shown:
                again.append(f"`{name}` ({shown[id(obj)]})")
            elif not callable(obj):
                constants.append(f"`{name}` ({type(obj).__name__})")
            else:
                shown[id(obj)] = f"{module.__name__}.{name}"
                parts.append(_entry(f"{module.__name__}.{name}", obj))
        if constants:
            parts.append(f"Constants: {', '.join(constants)}.\n")
        if again:
            parts.append(f"Also here: {', '.join(again)}.\n")
    return "\n".join(parts)


def _getter(member: property | cached_property) -> object:
    return member.fget if isinstance(member, property) else member.func


def _entry(qualified: str, obj: object) -> str:
    kind = "class " if inspect.isclass(obj) else ""
    # ```py, not ```python: tests/test_readme.py runs docs/python.md's python blocks as examples
    lines = [f"#### {qualified}\n", f"```py\n{_wrapped(kind + qualified, _signature(obj))}\n```\n",
             docstring(obj) + "\n"]
    if inspect.isclass(obj):
        for name, member in members(obj):
            if isinstance(member, (property, cached_property)):
                lines.append(f"- `{name}` (property): {_indented(docstring(_getter(member)))}")
            else:
                lines.append(f"- `{name}{_signature(member, skip_self=True) or ''}`: {_indented(docstring(member))}")
        lines.append("")
    return "\n".join(lines)


def _signature(obj: object, skip_self: bool = False) -> inspect.Signature | None:
    """The signature with annotations as written (`str | None`, not "'str | None'") and defaults
    that are functions or classes by name (no memory address); None for an exception's."""
    try:
        signature = inspect.signature(obj)
    except ValueError:  # a class that keeps Exception's __init__
        return None
    params = list(signature.parameters.values())[1 if skip_self else 0:]
    params = [p.replace(annotation=_Written(p.annotation) if isinstance(p.annotation, str) else p.annotation,
                        default=_Written(p.default.__name__) if _is_code(p.default) else p.default)
              for p in params]
    returns = signature.return_annotation
    if inspect.isclass(obj) or returns in ("None", None):
        returns = inspect.Signature.empty
    elif isinstance(returns, str):
        returns = _Written(returns)
    return signature.replace(parameters=params, return_annotation=returns)


def _wrapped(name: str, signature: inspect.Signature | None) -> str:
    """name(parameters) -> returns, a parameter a line when one line would be wider than WIDTH."""
    if signature is None:
        return name
    if len(name + str(signature)) <= WIDTH:
        return name + str(signature)
    returns = signature.return_annotation
    arrow = "" if returns is inspect.Signature.empty else f" -> {inspect.formatannotation(returns)}"
    return f"{name}(\n" + "".join(f"    {p},\n" for p in _parameters(signature)) + ")" + arrow


def _parameters(signature: inspect.Signature) -> list[str]:
    """The parameters as Signature's str() writes them, with its / and * markers."""
    params = list(signature.parameters.values())
    written, starred = [], False
    for i, p in enumerate(params):
        if p.kind is p.KEYWORD_ONLY and not starred:
            written.append("*")
        starred = starred or p.kind in (p.VAR_POSITIONAL, p.KEYWORD_ONLY)
        written.append(str(p))
        if p.kind is p.POSITIONAL_ONLY and (i + 1 == len(params) or params[i + 1].kind is not p.POSITIONAL_ONLY):
            written.append("/")
    return written


def _is_code(default: object) -> bool:
    return default is not inspect.Parameter.empty and (inspect.isclass(default) or inspect.isroutine(default))


class _Written(str):
    def __repr__(self) -> str:
        return str(self)


def _first_paragraph(module: ModuleType) -> str:
    return docstring(module).split("\n\n")[0].replace("\n", " ")


def _indented(text: str) -> str:
    return text.replace("\n", "\n  ")


if __name__ == "__main__":
    sys.exit(cog("-r"))
