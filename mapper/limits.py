"""Limits that keep one article from taking a run down: its size, its paragraphs, its place
mentions, and the time it may take. Each refused article is one line naming the limit and the
command-line flag that raises it; the other articles are mapped as usual."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mapper.errors import InputError, OptionError
from mapper.model import Article

# Bytes on disk per character of text, at most: UTF-32. A file larger than this many times the
# size limit is refused before it is read.
BYTES_PER_CHARACTER = 4
# HTML pages carry markup, scripts and styles that extraction drops.
HTML_FACTOR = 10


@dataclass(frozen=True)
class Limits:
    article_size: int = 1_000_000  # characters of an article's text (about 1 MB)
    paragraphs: int = 5000
    mentions: int = 2000  # place mentions found in one article
    timeout: float = 120.0  # seconds to map one article; 0: no limit

    def check_file(self, path: Path, html: bool = False) -> None:
        """InputError for a file too large to hold an article within the size limit, told from its
        size on disk so that it is never read."""
        try:
            size = path.stat().st_size
        except OSError:
            return  # reading it says why
        if size > self.article_size * (HTML_FACTOR if html else BYTES_PER_CHARACTER):
            raise InputError(path, f"file is {_size(size)}, {self._over_size()}")

    @property
    def longest_line(self) -> int:
        """The longest JSONL line that may hold an article within the size limit, in bytes."""
        return self.article_size * BYTES_PER_CHARACTER

    def check_line(self, path: Path | str, number: int, line: str | bytes) -> None:
        """InputError for a JSONL line too long to hold an article within the size limit."""
        if len(line) > self.longest_line:
            raise InputError(path, f"line is over {_size(self.longest_line)}, {self._over_size()}", number)

    def check_article(self, path: Path | str, article: Article, number: int | None = None) -> None:
        """InputError for an article longer than the size limit (its text, title, id and URL
        together: any of them reaches a page), or in more paragraphs."""
        title = "" if article.headline else article.title  # a headline read is in the text
        size = sum(len(part) for part in (article.text, title, article.id, article.url or ""))
        if size > self.article_size:
            raise InputError(path, f"article is {_size(size)}, {self._over_size()}", number)
        if (count := len(article.paragraph_numbers)) > self.paragraphs:
            raise InputError(path, f"{count} paragraphs, over the limit of {self.paragraphs} "
                             "(raise it with --max-paragraphs)", number)

    def over_mentions(self, mentions: int) -> str | None:
        """Why an article with this many place mentions is refused, or None."""
        if mentions <= self.mentions:
            return None
        return f"{mentions} place mentions, over the limit of {self.mentions} (raise it with --max-mentions)"

    def _over_size(self) -> str:
        return f"over the limit of {_size(self.article_size)} of text (raise it with --max-article-size)"


class ArticleTimeout(BaseException):
    """An article took longer than Limits.timeout to map. Not an Exception: no `except Exception`
    deep in a library may swallow it."""


@contextmanager
def deadline(seconds: float, why: str) -> Iterator[None]:
    """Raise ArticleTimeout(why) in the block once it has run for seconds. A no-op for 0 seconds,
    outside the main thread, or where there is no SIGALRM (Windows): signals reach only there."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ArticleTimeout(why)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_UNITS = {"": 1, "k": 1000, "kb": 1000, "m": 1_000_000, "mb": 1_000_000, "g": 1_000_000_000, "gb": 1_000_000_000}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """"500k", "2MB", "1500000" -> characters; OptionError for anything else."""
    match = _SIZE.fullmatch(text)
    if not match or match.group(2).lower() not in _UNITS:
        raise OptionError("size", text, f"{text!r} is not a size (such as 500k, 2MB or 1500000)")
    size = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    if size < 1:
        raise OptionError("size", text, f"{text!r}: the size must be at least 1")
    return size


def _size(count: int) -> str:
    """A size as people say it: 1 MB, 1.5 MB, 800 kB, 512 bytes."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= scale:
            return f"{count / scale:.3g} {unit}"
    return f"{count} bytes"
