"""Reading input files: bytes, decoding, article ids, and the errors a user can act on."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from mapper.errors import InputError
from mapper.ingest import encodings
from mapper.model import Article
from mapper.slugs import slug


def read_bytes(path: Path) -> bytes:
    if path.exists() and not path.is_file() and not path.is_dir():  # a device or a pipe may never end
        raise InputError(path, "cannot read (not a regular file)")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as err:
        raise InputError(path, f"cannot read ({err.strerror or err})") from None


def decode(path: Path, data: bytes, declared: str | None = None) -> str:
    """Text of a non-blank file in any encoding (encodings.py); a byte-order mark is dropped, CRLF
    and CR become LF."""
    if is_blank(data):
        raise InputError(path, "file is empty")
    text = encodings.decode(path, data, declared).removeprefix("\ufeff")
    if is_blank(text):
        raise InputError(path, "file is empty")
    # Line ends first: whether a file is text may not depend on them (CRLF would dilute its controls).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if encodings.is_binary(text):
        raise InputError(path, "not a text file")
    return text


def read_text(path: Path) -> str:
    return decode(path, read_bytes(path))


def is_blank(text: str | bytes) -> bool:
    """Nothing a reader could see: only whitespace, control and format characters (a byte-order
    mark, zero-width spaces, direction marks)."""
    if isinstance(text, bytes):
        return not text.strip(b" \t\r\n\f\v")
    return not any(unicodedata.category(c)[0] not in "CZ" for c in text)


def article_id(path: Path) -> str:
    """A slug of the file name without its suffix."""
    return slug(path.stem)


def title_from_name(path: Path) -> str:
    """A title for a story that has none, from its file's name: "greek-fires.txt" is "Greek fires"."""
    words = " ".join(path.stem.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def require_paragraphs(path: Path, article: Article) -> Article:
    """The article, if it has a body: a headline alone is no story."""
    if not article.paragraph_numbers:
        raise InputError(path, "no article text found")
    return article
