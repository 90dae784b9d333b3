"""Names safe as a file or folder name on any system: article ids and output folders."""

from __future__ import annotations

import re
import unicodedata

# Names Windows will not give a file or folder, whatever their extension.
_RESERVED = frozenset(["con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))])
SLUG_LENGTH = 80


def slug(text: str) -> str:
    """Lowercase ASCII letters, digits and dashes, at most SLUG_LENGTH of them, never a name
    Windows reserves: safe as a file or folder name anywhere, and never a path (no "/", no "..")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SLUG_LENGTH].strip("-") or "article"
    return f"{name}-article" if name in _RESERVED else name
