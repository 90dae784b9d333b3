"""What the command line says on stderr: each error and warning as one line."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape

err = Console(stderr=True, highlight=False)


def fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {escape(_one_line(message))}", soft_wrap=True, markup=True)


def _one_line(text: str) -> str:
    """text with its control, format and line-separator characters escaped (\\n, \\u202e): a file
    name holding one still makes one line, read in its order."""
    return "".join(c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in _UNSHOWN else c
                   for c in text)


_UNSHOWN = frozenset(["Cc", "Cf", "Zl", "Zp"])


class _WarningLine(logging.Handler):
    """What mapper warns of (an input read in a guessed encoding, a damaged cache rebuilt), as one
    line on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"[yellow]warning:[/] {escape(_one_line(record.getMessage()))}", soft_wrap=True, markup=True)


@contextmanager
def warnings_shown() -> Iterator[None]:
    logger = logging.getLogger("mapper")
    handler = _WarningLine(logging.WARNING)
    logger.addHandler(handler)
    logger.propagate = False  # shown once, here, not again by logging's last-resort handler
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
