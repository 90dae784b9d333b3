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


class DiskFull(MapperError):
    """The disk (or the user's quota) filled up while writing path: nothing half-written is left."""

    def __init__(self, path: object):
        self.path = str(path)
        super().__init__(f"no space left on the device writing {self.path}: free some space and run again")


class NotWritable(MapperError):
    """path cannot be written: a read-only folder or file system, or no permission."""

    def __init__(self, path: object, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"cannot write to {self.path}: {reason}")


class DamagedFile(MapperError):
    """A file mapper keeps (a gazetteer, a manifest) is truncated or garbled; remedy says what to do."""

    def __init__(self, path: object, problem: str, remedy: str):
        self.path, self.problem, self.remedy = str(path), problem, remedy
        super().__init__(f"{self.path} is damaged ({problem}); {remedy}")


class OutputBusy(MapperError):
    """Another mapper run holds the lock of the output it would write."""

    def __init__(self, path: object):
        self.path = str(path)
        super().__init__(f"another mapper run is writing {self.path}")
