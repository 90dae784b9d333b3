"""An archive's articles, streamed from files, folders, globs, JSONL (also gzipped) and stdin.

Nothing is read before it is needed, and a file or line that cannot be read is reported where it
stands (an Unread) without stopping the files and lines after it.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from mapper.errors import InputError
from mapper.ingest import article_files, jsonl, read_articles
from mapper.ingest.encodings import BOMS
from mapper.limits import ArticleTimeout, Limits, deadline
from mapper.model import Article

STDIN = "-"
_CHUNK = 1 << 20  # what is read at a time of a line too long to keep
_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class Unread:
    """What could not be read as an article: a file, or one line of a JSONL file, and why."""

    file: str
    line: int | None
    reason: str


@dataclass(frozen=True)
class Item:
    """An article and where it came from."""

    article: Article
    file: str
    line: int | None = None


def items(inputs: Iterable[str | Path], limits: Limits | None = None) -> Iterator[Item | Unread]:
    """Every article of the inputs, in order: a file as given, a folder's article files in name
    order, a glob's matches in name order ("archive/**/*.jsonl.gz"), "-" for JSONL on stdin. An
    article over one of the limits is an Unread."""
    limits = limits or Limits()
    named: set[str] = set()  # the ids made from file names so far
    for given in inputs:
        text = str(given)
        if text == STDIN:
            yield from _jsonl(STDIN, _read_lines(sys.stdin.buffer, limits), limits)
            continue
        try:
            paths = _paths(text)
        except InputError as e:
            yield Unread(text, None, _reason(e, text))
            continue
        for path in paths:
            yield from (_own_id(found, named) for found in _file(path, limits))


def _own_id(found: Item | Unread, named: set[str]) -> Item | Unread:
    """found, with an id of its own if it is a file's article whose name an earlier file of the
    run also has (march/report.txt, april/report.txt): a short digest of its path after the name."""
    if not isinstance(found, Item) or found.line is not None:
        return found
    article = found.article
    if article.id in named:
        digest = hashlib.sha1(found.file.encode("utf-8", "surrogateescape")).hexdigest()[:8]
        article = replace(article, id=f"{article.id}-{digest}")
    named.add(article.id)
    return replace(found, article=article)


def _paths(text: str) -> list[Path]:
    if not Path(text).exists() and _GLOB_CHARACTERS & set(text):
        matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
        if not matches:
            raise InputError(text, "no file matches")
        return matches
    return article_files(text)


def _file(path: Path, limits: Limits) -> Iterator[Item | Unread]:
    name = path.name.lower()
    if name.endswith(".jsonl.gz"):
        yield from _opened(path, gzip.open, limits)
    elif name.endswith(".jsonl"):
        yield from _opened(path, open, limits)
    else:
        why = f"took longer than {limits.timeout:g} s to read (raise the limit with --article-timeout)"
        try:
            with deadline(limits.timeout, why):  # a page trafilatura is slow on
                articles = read_articles(path, limits)
        except InputError as e:
            yield Unread(str(path), None, _reason(e, str(path)))
            return
        except ArticleTimeout:
            yield Unread(str(path), None, why)
            return
        yield from (Item(a, str(path)) for a in articles)


def _opened(path: Path, opener, limits: Limits) -> Iterator[Item | Unread]:
    if path.is_dir() or (path.exists() and not path.is_file()):
        yield Unread(str(path), None, "cannot read (not a regular file)")
        return
    try:
        with opener(path, "rb") as stream:
            yield from _jsonl(str(path), _read_lines(stream, limits), limits)
    except OSError as e:  # unreadable, or not gzip
        yield Unread(str(path), None, f"cannot read ({e.strerror or e})")
    except EOFError:  # a gzip file cut short
        yield Unread(str(path), None, "cannot read (the compressed file is cut short)")


def _read_lines(stream: IO[bytes], limits: Limits) -> Iterator[bytes | str]:
    """The lines of a stream, decoded here when a byte-order mark says UTF-16 or UTF-32 (whose
    lines do not split on a newline byte). A line too long for any article within the limits is
    cut just past them and the rest of it skipped: a line of gigabytes never sits in memory."""
    mark = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    lines: IO = stream
    for bom, codec in BOMS:
        if codec in ("utf-16", "utf-32") and mark.startswith(bom):
            lines = io.TextIOWrapper(stream, encoding=codec, errors="replace", newline="")
            break
    longest = limits.longest_line
    while line := lines.readline(longest + 1):
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > longest and not line.endswith(newline):
            while (rest := lines.readline(_CHUNK)) and not rest.endswith(newline):
                pass
        yield line


def _jsonl(file: str, stream: Iterable[bytes | str], limits: Limits) -> Iterator[Item | Unread]:
    empty = True
    for number, found in jsonl.lines(file, stream, limits):
        empty = False
        if isinstance(found, InputError):
            yield Unread(file, number, _reason(found, f"{file}:{number}"))
        else:
            yield Item(found, file, number)
    if empty:
        yield Unread(file, None, "file is empty")


def _reason(error: InputError, where: str) -> str:
    """The error's message without the "file:line: " it starts with."""
    return str(error).removeprefix(f"{where}: ")


def count(inputs: Iterable[str | Path]) -> int | None:
    """How many articles the inputs hold, without reading them as articles (a JSONL file's
    non-blank lines, one for any other file); None when that is unknown without reading them
    whole (stdin, gzip). For a progress bar's ETA: an unreadable file counts as one."""
    total = 0
    for given in inputs:
        text = str(given)
        if text == STDIN:
            return None
        try:
            paths = _paths(text)
        except InputError:
            continue
        for path in paths:
            name = path.name.lower()
            if name.endswith(".gz"):
                return None
            total += _lines(path) if name.endswith(".jsonl") else 1
    return total


def _lines(path: Path) -> int:
    try:
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 1
