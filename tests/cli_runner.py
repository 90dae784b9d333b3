"""`mapper ARGS...` run in the test process: what a user's command gives (its output, its one-line
errors, its exit status) without a process start and a spaCy load per command."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from mapper.archive import work
from mapper.cli import main


@dataclass(frozen=True)
class Run:
    """What a command gave, named as subprocess.CompletedProcess names it."""

    returncode: int
    stdout: str
    stderr: str


def run_mapper(*args: object, input: str | None = None, env: dict[str, str] | None = None,
               cwd: Path | None = None) -> Run:
    """`mapper ARGS...` as its entry point runs it (mapper.cli.main), its standard streams and
    environment (env: variables set for the command alone) held by click's CliRunner, in cwd if
    given. The process keeps its spaCy pipeline and gazetteer open from one command to the next
    (mapper.pipeline), but each command opens its own Mapper, as a new process would."""
    argv, here = sys.argv, Path.cwd()
    sys.argv = ["mapper", *map(str, args)]
    work._opened.clear()  # the Mapper an earlier command's run kept for its next batch
    try:
        if cwd is not None:
            os.chdir(cwd)
        with CliRunner().isolation(input=input, env=env) as (stdout, stderr, _):
            code = _exit_status()
            sys.stdout.flush()
            sys.stderr.flush()
    finally:
        sys.argv = argv
        os.chdir(here)
    return Run(code, stdout.getvalue().decode(), stderr.getvalue().decode())


def _exit_status() -> int:
    try:
        main()
    except SystemExit as e:
        return e.code or 0
    return 0
