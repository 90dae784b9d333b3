"""Ingest: read article files (.txt, .md, .html, .jsonl), or folders of them, into Articles with
paragraph offsets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mapper.errors import InputError
from mapper.ingest import html, jsonl, markdown, text
from mapper.ingest.paragraphs import article_from_text
from mapper.limits import Limits
from mapper.model import Article

__all__ = ["article_files", "article_from_text", "read_articles"]

_READERS: dict[str, Callable[[Path], list[Article]]] = {
    ".txt": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".html": html.read,
    ".htm": html.read,
    ".jsonl": jsonl.read,
}


def read_articles(path: str | Path, limits: Limits | None = None) -> list[Article]:
    """The articles in one file, by its suffix; InputError if it cannot be read as articles, or
    one of them is over a limit (a file too large is refused before it is read)."""
    path = Path(path)
    limits = limits or Limits()
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        kind = f"file type {path.suffix!r}" if path.suffix else "file without a suffix"
        raise InputError(path, f"unsupported {kind} (expected {', '.join(_READERS)})")
    if reader is jsonl.read:
        return jsonl.read(path, limits)
    limits.check_file(path, html=reader is html.read)
    articles = reader(path)
    for article in articles:
        limits.check_article(path, article)
    return articles


def article_files(path: str | Path) -> list[Path]:
    """A file as given; a folder's article files (by suffix, in subfolders too, hidden ones left
    out) in name order. InputError for a folder that holds none."""
    path = Path(path)
    if not path.is_dir():
        if not path.exists():
            raise InputError(path, "no such file or folder")
        return [path]
    found = sorted(
        f for f in path.rglob("*")
        if f.suffix.lower() in _READERS and f.is_file()
        and not any(part.startswith(".") for part in f.relative_to(path).parts)
    )
    if not found:
        raise InputError(path, f"folder holds no article files ({', '.join(_READERS)})")
    return found
