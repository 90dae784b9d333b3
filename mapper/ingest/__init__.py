"""Ingest: read article files (.txt, .md, .html, .jsonl) into Articles with paragraph offsets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mapper.errors import InputError
from mapper.ingest import html, jsonl, markdown, text
from mapper.ingest.paragraphs import article_from_text
from mapper.model import Article

__all__ = ["article_from_text", "read_articles"]

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
