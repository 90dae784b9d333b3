"""JSON Lines: one article per line as {"id", "title", "text", "url"}; only "text" is required.

The URL may also sit in a "meta" object ({"meta": {"url": ...}}), as many corpus exports have it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mapper.errors import InputError
from mapper.ingest.encodings import decode_mixed
from mapper.ingest.paragraphs import article_from_text
from mapper.ingest.reading import is_blank, read_text
from mapper.limits import Limits
from mapper.model import Article

log = logging.getLogger("mapper.ingest")

# What json.loads leaves of a "\ud800" escape that is not half of a pair: no UTF-8 can hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read(path: Path, limits: Limits | None = None) -> list[Article]:
    """Every article of the file; InputError at the first line that is not one."""
    articles: list[Article] = []
    first_line_of: dict[str, int] = {}
    for number, line in lines(path, read_text(path).split("\n"), limits):
        if isinstance(line, InputError):
            raise line
        if (first := first_line_of.get(line.id)) is not None:
            raise InputError(path, f"duplicate id {line.id!r} (first on line {first})", number)
        first_line_of[line.id] = number
        articles.append(line)
    return articles


def lines(path: Path | str, raw: Iterable[str | bytes],
          limits: Limits | None = None) -> Iterator[tuple[int, Article | InputError]]:
    """(line number, the line's Article or the InputError that says why it is not one: bad JSON,
    no text, over a limit) for each non-blank line of a JSONL stream: a bad line never stops the
    lines after it. A line that is not UTF-8 is read as UTF-8 mixed with Windows-1252, with a
    warning."""
    limits = limits or Limits()
    for number, line in enumerate(raw, start=1):
        try:
            limits.check_line(path, number, line)
        except InputError as err:
            yield number, err
            continue
        if isinstance(line, bytes):
            line = _decoded(f"{path}:{number}", line)
        line = line.removeprefix("\ufeff")  # on any line: files joined with `cat` keep their marks
        if not line.strip():
            continue
        try:
            yield number, _article(Path(path), number, line.rstrip("\r\n"), limits)
        except InputError as err:
            yield number, err


def _decoded(where: str, line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        log.warning("%s: not UTF-8; read as UTF-8 mixed with Windows-1252", where)
        return decode_mixed(line)


def _article(path: Path, number: int, line: str, limits: Limits) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(path, f"not valid JSON ({err.msg} at column {err.colno})", number) from None
    except RecursionError:
        raise InputError(path, "not valid JSON (nested too deeply)", number) from None
    except ValueError:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        raise InputError(path, "not valid JSON (a number too long to read)", number) from None
    if not isinstance(record, dict):
        raise InputError(path, f"expected a JSON object, got {type(record).__name__}", number)
    text = record.get("text")
    if text is None:
        raise InputError(path, 'no "text"', number)
    if not isinstance(text, str):
        raise InputError(path, f'"text" must be a string, not {_json_type(text)}', number)
    if is_blank(text):
        raise InputError(path, '"text" is empty', number)
    # The text is kept exactly as given (a lone surrogate becomes U+FFFD, one character for one):
    # offsets into it are what an evaluation scores.
    article = article_from_text(
        _mended(text),
        id=_mended(_optional_string(path, number, record, "id") or f"{path.stem}-{number}"),
        title=_mended(_optional_string(path, number, record, "title") or ""),
        url=_mended(_optional_string(path, number, record, "url")
                    or _optional_string(path, number, _meta(path, number, record), "url")),
        source=str(path),
    )
    limits.check_article(path, article, number)
    return article


def _meta(path: Path, number: int, record: dict[str, Any]) -> dict[str, Any]:
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise InputError(path, '"meta" must be an object', number)
    return meta


def _optional_string(path: Path, number: int, record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(path, f'"{key}" must be a string, not {_json_type(value)}', number)
    return value


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", bool: "a boolean", int: "a number", float: "a number"}
    return names.get(type(value), "null")


def _mended(value: str | None) -> str | None:
    """value with each lone surrogate replaced by U+FFFD, so that it can be written as UTF-8."""
    return _LONE_SURROGATE.sub("\ufffd", value) if value else value
