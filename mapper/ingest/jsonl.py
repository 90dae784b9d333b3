"""JSON Lines: one article per line as {"id", "title", "text", "url"}; only "text" is required.

The URL may also sit in a "meta" object ({"meta": {"url": ...}}), as many corpus exports have it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mapper.errors import InputError
from mapper.ingest.paragraphs import article_from_text
from mapper.ingest.reading import read_text
from mapper.model import Article


def read(path: Path) -> list[Article]:
    """Every article of the file; InputError at the first line that is not one."""
    articles: list[Article] = []
    first_line_of: dict[str, int] = {}
    for number, line in lines(path, read_text(path).split("\n")):
        if isinstance(line, InputError):
            raise line
        if (first := first_line_of.get(line.id)) is not None:
            raise InputError(f"{path}:{number}: duplicate id {line.id!r} (first on line {first})")
        first_line_of[line.id] = number
        articles.append(line)
    return articles


def lines(path: Path | str, raw: Iterable[str | bytes]) -> Iterator[tuple[int, Article | InputError]]:
    """(line number, the line's Article or the InputError that says why it is not one: bad JSON
    or UTF-8, no text) for each non-blank line of a JSONL stream: a bad line never stops the
    lines after it."""
    for number, line in enumerate(raw, start=1):
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8").removeprefix("\ufeff") if number == 1 else line.decode("utf-8")
            except UnicodeDecodeError as err:
                yield number, InputError(
                    f"{path}:{number}: not valid UTF-8 (byte 0x{line[err.start]:02x} at column {err.start + 1})")
                continue
        if not line.strip():
            continue
        try:
            yield number, _article(Path(path), number, line.rstrip("\r\n"))
        except InputError as err:
            yield number, err


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
