"""Errors a user can act on: the CLI prints their message, one line each, and exits with their
exit_code: 1 when a run failed (some inputs may have been written), 2 when nothing was read or
written at all (a usage error)."""


class MapperError(Exception):
    """Bad input or a broken environment, described in one line."""

    exit_code = 1


class InputError(MapperError):
    """An input file that cannot be read as an article: when it stops a command, nothing was written."""

    exit_code = 2


class NothingToMap(InputError):
    """No input of a run holds a readable article, and no output was written: `lines` says why, one
    line per input (or JSONL line)."""

    def __init__(self, lines: list[str]):
        super().__init__("; ".join(lines))
        self.lines = lines
