"""HTML: trafilatura keeps the article body (no navigation, scripts, footers or comments)."""

from __future__ import annotations

import re
from pathlib import Path

from mapper.errors import InputError
from mapper.ingest.paragraphs import article_from_text, join_blocks
from mapper.ingest.reading import article_id, decode, read_bytes, require_paragraphs
from mapper.model import Article

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">,
# looked for where browsers look: in the first 1024 bytes.
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)


def read(path: Path) -> list[Article]:
    # Imported here: trafilatura costs a cold start 0.15 s, and most runs read no HTML.
    import trafilatura
    from trafilatura.settings import Document

    data = read_bytes(path)
    page = decode(path, data, _declared_charset(data))
    # Given text rather than a URL, trafilatura never goes to the network.
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    if not isinstance(document, Document) or not document.text or _only_links(document.text, page):
        raise InputError(f"{path}: no article text found")
    title = document.title or ""
    lines = document.text.split("\n")
    # The page's headline (<h1>) usually opens the extracted text; like the other formats,
    # keep the title out of the body.
    if lines[0].strip() == title:
        lines = lines[1:]
    article = article_from_text(
        join_blocks(lines), id=article_id(path), title=title, url=document.url, source=str(path)
    )
    return [require_paragraphs(path, article)]


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:1024])
    return match.group(1).decode("ascii") if match else None


def _only_links(text: str, page: str) -> bool:
    """Whether every line trafilatura kept is the text of a link: on a page without an article
    it falls back on the menus."""
    import lxml.etree
    import lxml.html

    try:
        # As bytes: lxml refuses a str that opens with an XML declaration naming an encoding.
        root = lxml.html.fromstring(page.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return False
    links = {" ".join(a.text_content().split()) for a in root.iter("a")}
    return all(" ".join(line.split()) in links for line in text.split("\n") if line.strip())
