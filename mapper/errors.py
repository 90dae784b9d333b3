"""Errors a user can act on, one tree as in geopy's exc.py. Each carries its facts as fields (the
file and line, the service and query, the model's name) and says them in one line: the CLI prints
that line and exits with exit_code, 1 when a run failed (some outputs may have been written), 2
when nothing was read or written at all (a usage error).

    MapperError
    ├── InputError(path, problem, line)        an input that is no readable article
    │   └── NothingToMap(lines)
    ├── OptionError(option, value, problem)    a setting mapper cannot use
    ├── ModelError(name, problem)              a spaCy pipeline that cannot be loaded
    ├── GazetteerError(path, problem, line)    a gazetteer, or a GeoNames dump to import, unusable
    ├── OverridesError(path, problem, entry)   an overrides file that cannot be read
    ├── ServiceError(service, problem, query, status, tries)   a geocoding service that failed
    ├── ServiceConfigError(service, problem)   a service asked for in a way it refuses
    ├── SchedulerError(address, problem)       a Dask scheduler that cannot be reached
    ├── MissingAsset(package, path)            an npm asset `make` installs is not there
    ├── StoreError(path, problem)              a geocoder cache or run manifest that cannot be opened
    ├── DamagedFile(path, problem, remedy)     a file mapper keeps, truncated or garbled
    ├── DiskFull(path), NotWritable(path, reason), OutputBusy(path)
    └── RunStopped(reason)                     an archive run stopped by one of the above in a worker
"""

from __future__ import annotations


class MapperError(Exception):
    """Bad input or a broken environment, described in one line. Raise a subclass, which keeps the
    facts as fields."""

    exit_code = 1


class InputError(MapperError):
    """An input that cannot be read as an article: path (and line, in a JSONL file), and what is wrong.
    When it stops a command, nothing was written."""

    exit_code = 2

    def __init__(self, path: object, problem: str, line: int | None = None):
        self.path, self.problem, self.line = str(path), problem, line
        super().__init__(f"{self.path}{'' if line is None else f':{line}'}: {problem}")


class NothingToMap(InputError):
    """No input of a run holds a readable article, and no output was written: `lines` says why, one
    line per input (or JSONL line)."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.path, self.problem, self.line = "", "; ".join(lines), None
        MapperError.__init__(self, self.problem)


class OptionError(MapperError):
    """A setting (a command-line option, or its keyword in the Python API) whose value mapper cannot
    use: option names it ("--view", "theme"), value is what was given, problem the sentence that
    says what to give instead (it quotes the value as the user wrote it)."""

    def __init__(self, option: str, value: object, problem: str):
        self.option, self.value, self.problem = option, value, problem
        super().__init__(problem)


class ModelError(MapperError):
    """The spaCy pipeline name (a package or a path) cannot be found or loaded."""

    def __init__(self, name: str | None, problem: str):
        self.name, self.problem = name, problem
        super().__init__(problem if name is None else f"spaCy pipeline {name!r} {problem}")


class GazetteerError(MapperError):
    """A gazetteer file, or a GeoNames dump to import, that mapper cannot use: path (and line)."""

    def __init__(self, path: object, problem: str, line: int | None = None):
        self.path, self.problem, self.line = str(path), problem, line
        super().__init__(f"{self.path}: {'' if line is None else f'line {line}: '}{problem}")


class OverridesError(MapperError):
    """An overrides file that cannot be read: path, the entry ("line 3", "entry 2") when one is at
    fault, and the problem."""

    def __init__(self, path: object, problem: str, entry: str | None = None):
        self.path, self.problem, self.entry = str(path), problem, entry
        super().__init__(f"{self.path}: {'' if entry is None else f'{entry}: '}{problem}")


class ServiceError(MapperError):
    """A geocoding service kept failing on query: its HTTP status when it gave one, after tries
    tries. Every answer received before stays in the cache, so a rerun goes on from there."""

    def __init__(self, service: str, problem: str, *, query: str = "", status: int | None = None, tries: int = 1):
        self.service, self.problem, self.query, self.status, self.tries = service, problem, query, status, tries
        super().__init__(f"{service} {problem}")


class ServiceConfigError(MapperError):
    """A service asked for in a way it refuses (or cannot be reached at all): fix the options."""

    def __init__(self, service: str, problem: str):
        self.service, self.problem = service, problem
        super().__init__(problem)


class SchedulerError(MapperError):
    """The Dask scheduler at address cannot be reached."""

    def __init__(self, address: str, problem: str):
        self.address, self.problem = address, problem
        super().__init__(f"cannot reach the Dask scheduler at {address}: {problem}")


class MissingAsset(MapperError):
    """An npm asset the requested output needs is not installed: package, and the path looked at."""

    def __init__(self, package: str, path: object):
        self.package, self.path = package, str(path)
        super().__init__(f"{self.path} is missing: run `make` (it installs {package} from npm) or set MAPPER_ASSETS")


class StoreError(MapperError):
    """A SQLite file mapper keeps (the geocoder cache, a run's manifest) cannot be opened or written:
    what it is, its path, and the system's reason."""

    def __init__(self, what: str, path: object, reason: object, *, writing: bool = False):
        self.what, self.path, self.reason = what, str(path), str(reason)
        super().__init__(f"cannot {'write to' if writing else 'open'} {what} {self.path}: {self.reason}")


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


class RunStopped(MapperError):
    """An archive run stopped early: reason is the one line of the error that stopped it in a worker
    (a service that failed, a full disk); what was done before is kept."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)
