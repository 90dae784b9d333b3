"""Body text (and a headline) -> Article: paragraphs split on blank lines, with offsets into the text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from mapper.model import HEADLINE, Article, Paragraph

# From a non-space character up to the next blank line (a line of only whitespace) or the end.
_PARAGRAPH = re.compile(r"\S(?:(?!\n\s*\n)[\s\S])*")
# A first line of more words than this, ending with a full stop, is a paragraph, not a headline.
HEADLINE_MAX_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


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


def article_with_headline(
    headline: str, body: str, *, id: str, untitled: str = "", url: str | None = None, source: str | None = None
) -> Article:
    """An Article titled by its headline that reads the headline as part of the story: its text
    is the headline, a blank line and the body; its paragraphs the headline (id HEADLINE) and the
    body's p1, p2, ... A headline names where a story happens as often as its first paragraph
    ("Typhoon lashes northern Luzon"), and sometimes alone. Where there is no headline, the
    body's article_from_text, titled `untitled`."""
    headline = headline.strip()
    if not headline:
        return article_from_text(body, id=id, title=untitled, url=url, source=source)
    shift = len(headline) + 2
    paragraphs = (Paragraph(HEADLINE, 0, len(headline), headline),
                  *(replace(p, start=p.start + shift, end=p.end + shift) for p in split_paragraphs(body)))
    return Article(id=id, title=headline, text=f"{headline}\n\n{body}", paragraphs=paragraphs, url=url,
                   source=source)


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
    """The first non-empty line, stripped, and everything after that line; or no title and the
    whole text where that line reads as the story's first paragraph rather than a headline (more
    than HEADLINE_MAX_WORDS words ending with a full stop): its places are then read with the rest,
    as a title's are not."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.strip():
            if _a_paragraph(line.strip()):
                return "", text
            return line.strip(), "\n".join(lines[number + 1 :])
    return "", ""


def _a_paragraph(line: str) -> bool:
    return len(line.split()) > HEADLINE_MAX_WORDS and bool(_SENTENCE_END.search(line))
