"""Plain text: the first non-empty line is the headline, read with the body that follows; a story
that opens on its first paragraph (no headline) is titled by its file's name."""

from __future__ import annotations

from pathlib import Path

from mapper.ingest.paragraphs import article_with_headline, split_title
from mapper.ingest.reading import article_id, read_text, require_paragraphs, title_from_name
from mapper.model import Article


def read(path: Path) -> list[Article]:
    title, body = split_title(read_text(path))
    article = article_with_headline(title, body, id=article_id(path), untitled=title_from_name(path), source=str(path))
    return [require_paragraphs(path, article)]
