"""Errors a user can act on: the CLI prints their message on one line and exits non-zero."""


class MapperError(Exception):
    """Bad input or a broken environment, described in one line."""


class InputError(MapperError):
    """An input file that cannot be read as an article."""
