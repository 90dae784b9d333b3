"""Ingest: read article files (.txt, .md, .html, .jsonl), or folders of them, into Articles with
paragraph offsets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mapper.errors import InputError
from mapper.ingest import html, jsonl, markdown, text
from mapper.ingest.paragraphs import article_from_text
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


def read_articles(path: str | Path) -> list[Article]:
    """The articles in one file, by its suffix; InputError if it cannot be read as articles."""
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        kind = f"file type {path.suffix!r}" if path.suffix else "file without a suffix"
        raise InputError(f"{path}: unsupported {kind} (expected {', '.join(_READERS)})")
    return reader(path)


def article_files(path: str | Path) -> list[Path]:
    """A file as given; a folder's article files (by suffix, in subfolders too, hidden ones left
    out) in name order. InputError for a folder that holds none."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    found = sorted(
        f for f in path.rglob("*")
        if f.suffix.lower() in _READERS and f.is_file()
        and not any(part.startswith(".") for part in f.relative_to(path).parts)
    )
    if not found:
        raise InputError(f"{path}: folder holds no article files ({', '.join(_READERS)})")
    return found
