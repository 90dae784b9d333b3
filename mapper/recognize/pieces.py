"""A paragraph cut into pieces NER can take.

spaCy refuses a text longer than nlp.max_length (1,000,000 characters), and the memory NER
needs grows with the text: a paragraph longer than MAX_PIECE_CHARS (a pasted archive with no
blank lines, a hostile file) goes through in pieces, cut after a sentence where one ends near
the limit, else at a space. A name cut in two is lost; a news paragraph is never that long.
"""

from __future__ import annotations

from collections.abc import Iterator

MAX_PIECE_CHARS = 100_000


def pieces(text: str, limit: int = MAX_PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """(offset into text, piece), in order, covering text; each piece at most limit characters."""
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        sentence, line = window.rfind(". "), window.rfind("\n")
        cut = max(sentence + 2 if sentence >= 0 else 0, line + 1)
        if cut < limit // 2:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = limit
        yield start, text[start:start + cut]
        start += cut
    yield start, text[start:]
