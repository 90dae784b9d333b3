"""Reading input files: bytes, decoding, article ids, and the errors a user can act on."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from mapper.errors import InputError
from mapper.model import Article


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None


def decode(path: Path, data: bytes, encoding: str = "UTF-8") -> str:
    """Text of a non-blank file; a UTF-8 byte-order mark is dropped, CRLF and CR become LF."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"{path}: unknown character encoding {encoding!r}") from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: not valid {encoding} (byte 0x{data[err.start]:02x} at offset {err.start})"
        ) from None
    if codec == "utf-8":
        text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    return decode(path, read_bytes(path))


def slug(text: str) -> str:
    """Lowercase ASCII letters, digits and dashes: safe as a file or folder name anywhere."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-") or "article"


def article_id(path: Path) -> str:
    """A slug of the file name without its suffix."""
    return slug(path.stem)


def require_paragraphs(path: Path, article: Article) -> Article:
    if not article.paragraphs:
        raise InputError(f"{path}: no article text found")
    return article
