"""Errors a user can act on: the CLI prints their message on one line and exits non-zero."""


class MapperError(Exception):
    """Bad input or a broken environment, described in one line."""


class InputError(MapperError):
    """An input file that cannot be read as an article."""


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
