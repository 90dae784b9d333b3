"""Body text -> Article: paragraphs split on blank lines, with offsets into the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mapper.model import Article, Paragraph

# From a non-space character up to the next blank line (a line of only whitespace) or the end.
_PARAGRAPH = re.compile(r"\S(?:(?!\n\s*\n)[\s\S])*")


def article_from_text(
    text: str,
    *,
    id: str,
    title: str = "",
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """An Article whose text is exactly `text`, split into paragraphs p1, p2, ... on blank lines."""
    return Article(
        id=id, title=title, text=text, paragraphs=split_paragraphs(text), url=url, source=source
    )


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Non-empty, whitespace-stripped paragraphs with `text[p.start:p.end] == p.text`."""
    paragraphs = []
    for number, match in enumerate(_PARAGRAPH.finditer(text), start=1):
        body = match.group().rstrip()
        paragraphs.append(Paragraph(f"p{number}", match.start(), match.start() + len(body), body))
    return tuple(paragraphs)


def join_blocks(blocks: Iterable[str]) -> str:
    """Block texts as one body text, each non-empty block a paragraph of its own."""
    return "\n\n".join(stripped for block in blocks if (stripped := block.strip()))


def split_title(text: str) -> tuple[str, str]:
    """The first non-empty line, stripped, and everything after that line."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.strip():
            return line.strip(), "\n".join(lines[number + 1 :])
    return "", ""
