"""Markdown: the first level-1 heading is the headline, each text block's plain text a paragraph."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mapper.ingest.paragraphs import article_with_headline, join_blocks, split_title
from mapper.ingest.reading import article_id, read_text, require_paragraphs, title_from_name
from mapper.model import Article

_PARSER = MarkdownIt("commonmark")


def read(path: Path) -> list[Article]:
    source = read_text(path)
    blocks = _blocks(source)
    h1 = next((i for i, (tag, _) in enumerate(blocks) if tag == "h1"), None)
    if h1 is not None:
        title = blocks.pop(h1)[1]
    else:  # no level-1 heading: the first line is the title, as in a plain-text file
        first_line, rest = split_title(source)
        title = " ".join(text for _, text in _blocks(first_line))
        blocks = _blocks(rest)
    body = join_blocks(text for _, text in blocks)
    article = article_with_headline(title, body, id=article_id(path), untitled=title_from_name(path), source=str(path))
    return [require_paragraphs(path, article)]


def _blocks(source: str) -> list[tuple[str, str]]:
    """(tag of the enclosing block, plain text) of every block with inline content, in order.

    Paragraphs in lists and block quotes count; code blocks and raw HTML blocks carry none.
    """
    tokens = _PARSER.parse(source)
    # An inline token always directly follows the opening token of its block.
    return [
        (opener.tag, _plain_text(inline))
        for opener, inline in zip(tokens, tokens[1:])
        if inline.type == "inline"
    ]


def _plain_text(inline: Token) -> str:
    """Inline content without markup: links keep their text, images and raw HTML are dropped."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts).strip()
