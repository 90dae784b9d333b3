"""JSON Lines: one article per line as {"id", "title", "text", "url"}; only "text" is required.

The URL may also sit in a "meta" object ({"meta": {"url": ...}}), as many corpus exports have it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mapper.errors import InputError
from mapper.ingest.paragraphs import article_from_text
from mapper.ingest.reading import read_text
from mapper.model import Article


def read(path: Path) -> list[Article]:
    articles: list[Article] = []
    first_line_of: dict[str, int] = {}
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        article = _article(path, number, line)
        if (first := first_line_of.get(article.id)) is not None:
            raise InputError(f"{path}:{number}: duplicate id {article.id!r} (first on line {first})")
        first_line_of[article.id] = number
        articles.append(article)
    return articles


def _article(path: Path, number: int, line: str) -> Article:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: not valid JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f'{where}: "text" must be a string')
    if not text.strip():
        raise InputError(f'{where}: "text" is empty')
    # The text is kept exactly as given: offsets into it are what an evaluation scores.
    return article_from_text(
        text,
        id=_optional_string(where, record, "id") or f"{path.stem}-{number}",
        title=_optional_string(where, record, "title") or "",
        url=_optional_string(where, record, "url") or _optional_string(where, _meta(where, record), "url"),
        source=str(path),
    )


def _meta(where: str, record: dict[str, Any]) -> dict[str, Any]:
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise InputError(f'{where}: "meta" must be an object')
    return meta


def _optional_string(where: str, record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f'{where}: "{key}" must be a string')
    return value
