"""Input bytes -> text, whatever the encoding a newsroom's tools left them in.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); the charset an HTML page declares; strict
UTF-8; UTF-16 without a byte-order mark (told by its pattern of NUL bytes); UTF-8 mixed with
Windows-1252 (files pasted together from several sources); and for the rest charset-normalizer's
guess, Windows-1252 where that reads as cleanly as the best guess (the usual single-byte encoding
of news text). Anything but plain UTF-8 or a declared charset is logged as a warning on the
"mapper.ingest" logger, naming the file and the encoding read. Bytes that are no text at all
(images, PDFs, NULs that are not UTF-16) are an InputError, and so is text that is mostly control
characters (is_binary)."""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from mapper.errors import InputError

log = logging.getLogger("mapper.ingest")

# UTF-32's marks first: UTF-32-LE's begins with UTF-16-LE's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Formats that are never text, by their first bytes: PNG, PDF, JPEG, GIF, ZIP (docx, xlsx...), gzip,
# ELF, RIFF (WebP, WAV), Ogg. Most others hold NUL bytes, which no text outside UTF-16 does.
_MAGIC = (b"\x89PNG", b"%PDF", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"RIFF", b"OggS")
# A complete, valid UTF-8 sequence of two to four bytes.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAMPLE = 4096  # bytes looked at to tell UTF-16, characters to tell binary
_FALLBACK = "cp1252"
# Past this share of control characters in its first _SAMPLE characters, a file is no text.
_MAX_CONTROL_SHARE = 0.1


def _cp1252_for_bad_utf8(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode(_FALLBACK, "replace"), error.end


codecs.register_error("mapper-cp1252", _cp1252_for_bad_utf8)


def is_binary(text: str) -> bool:
    """Whether decoded text is mostly control characters: a binary file that happened to decode."""
    head = text[:_SAMPLE]
    return len(_CONTROL.findall(head)) > _MAX_CONTROL_SHARE * len(head)


def decode_mixed(data: bytes) -> str:
    """data as UTF-8, each byte that is not part of valid UTF-8 read as Windows-1252."""
    return data.decode("utf-8", "mapper-cp1252")


def decode(path: Path | str, data: bytes, declared: str | None = None) -> str:
    """The text of data, read from path; declared: the charset the file itself names, if any."""
    if data.startswith(_MAGIC):
        raise InputError(path, "not a text file")
    text, encoding, how = _decoded(path, data, declared)
    if how:
        log.warning("%s: not UTF-8; read as %s (%s)", path, encoding, how)
    return text


def _decoded(path: Path | str, data: bytes, declared: str | None) -> tuple[str, str, str | None]:
    """(text, encoding, how it was chosen or None for plain UTF-8)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, None
            except UnicodeDecodeError:
                break  # a mark followed by something else: guessed below
    if declared is not None and (found := _declared(data, declared)) is not None:
        return found
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    if b"\0" in data:
        if (utf16 := _utf16(data)) is not None:
            return utf16
        raise InputError(path, "not a text file")
    if _UTF8_SEQUENCE.search(data):
        return decode_mixed(data), "UTF-8 mixed with Windows-1252", "bytes that are not UTF-8 read as Windows-1252"
    return _guessed(path, data)


def _declared(data: bytes, declared: str) -> tuple[str, str, str | None] | None:
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding): a page that says latin-1 or ASCII is Windows-1252, and one
    # that says UTF-16 or UTF-32 in bytes that are not (no byte-order mark came first) is UTF-8.
    if codec in ("latin-1", "iso8859-1", "ascii"):
        codec = _FALLBACK
    elif codec.startswith(("utf-16", "utf-32")):
        codec = "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return text, codec, None  # the page said so: nothing was guessed


def _utf16(data: bytes) -> tuple[str, str, str] | None:
    """UTF-16 without a byte-order mark: text in Latin script has a NUL in every other byte."""
    sample = data[:_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) / 2
    for codec, nuls, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls > 0.3 * half and others < 0.05 * half:
            try:
                return data.decode(codec), codec.upper(), "UTF-16 without a byte-order mark"
            except UnicodeDecodeError:
                return None
    return None


def _guessed(path: Path | str, data: bytes) -> tuple[str, str, str]:
    from charset_normalizer import from_bytes  # here: most inputs are UTF-8 and never need it

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(path, "not a text file")
    # A tie is on mess (chaos): the language coherence of a short English text is noise.
    tied = [m for m in matches if m.chaos <= best.chaos]
    if any(_FALLBACK in m.could_be_from_charset for m in tied):
        try:
            return data.decode(_FALLBACK), _FALLBACK, "guessed by charset-normalizer"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding, "guessed by charset-normalizer"
