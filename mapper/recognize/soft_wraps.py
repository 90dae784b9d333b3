"""A paragraph's soft line breaks, for NER: a text wrapped at a fixed width ("travelling to\\n
Bologna") breaks a sentence where no sentence ends, and the small model reads the break (and the
indent after it) as a word of its own that parts a name from the "to" before it. A break after a
lower-case word or a comma, with the spaces around it, is one space to NER; a break after
anything else (a headline, a byline, a dateline) still ends its line.
"""

from __future__ import annotations

import re

_SOFT_BREAK = re.compile(r"(?:\b[a-z][\w'’-]*|,)(?P<gap>[ \t]*\r?\n[ \t]*)(?=\S)")


def soft_wraps_joined(text: str) -> tuple[str, list[int] | None]:
    """The text with each soft line break one space, and where each of its characters (and its
    end) lies in the text given; None for the text as given, with no soft break."""
    if "\n" not in text:
        return text, None
    joined: list[str] = []
    where: list[int] = []
    last = 0
    for m in _SOFT_BREAK.finditer(text):
        gap, end = m.start("gap"), m.end("gap")
        joined += (text[last:gap], " ")
        where += [*range(last, gap), gap]
        last = end
    if not last:
        return text, None
    joined.append(text[last:])
    where += [*range(last, len(text)), len(text)]
    return "".join(joined), where
