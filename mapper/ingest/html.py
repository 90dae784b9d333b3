"""HTML: trafilatura keeps the article body (no navigation, scripts, footers or comments)."""

from __future__ import annotations

import re
from pathlib import Path

from mapper.errors import InputError
from mapper.ingest.paragraphs import article_from_text, article_with_headline, join_blocks
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
    if not isinstance(document, Document) or not document.text or _only_boilerplate(document.text, page):
        raise InputError(path, "no article text found")
    title = document.title or ""
    lines = document.text.split("\n")
    # The page's headline (<h1>) usually opens the extracted text, and is read with the body, as
    # in the other formats. A title that does not (the <title>'s "Headline | Site") is not read.
    if lines[0].strip() == title:
        article = article_with_headline(title, join_blocks(lines[1:]), id=article_id(path), url=document.url,
                                        source=str(path))
    else:
        article = article_from_text(join_blocks(lines), id=article_id(path), title=title, url=document.url,
                                    source=str(path))
    return [require_paragraphs(path, article)]


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:1024])
    return match.group(1).decode("ascii") if match else None


# What a page holds besides an article: links, form controls, page furniture, and elements named
# for consent banners and the like. Not <form>: ASP.NET wraps whole pages in one.
_BOILERPLATE_TAGS = ("a", "button", "label", "option", "legend", "nav", "header", "footer", "aside")
_BOILERPLATE_NAME = re.compile(r"(?:^|\s)(?:cookie|consent|gdpr|newsletter|paywall|breadcrumb)", re.IGNORECASE)
_NEVER_BOILERPLATE = ("html", "body", "main", "article")
# Extracted text longer than this is taken for an article without a look: boilerplate is short.
_SHORT = 2000


def _only_boilerplate(text: str, page: str) -> bool:
    """Whether every line trafilatura kept is page furniture (a link, a form, a menu, a cookie
    banner): on a page without an article it falls back on them."""
    if len(text) > _SHORT:
        return False
    import lxml.etree
    import lxml.html

    try:
        # As bytes: lxml refuses a str that opens with an XML declaration naming an encoding.
        root = lxml.html.fromstring(page.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return False
    furniture = list(root.iter(*_BOILERPLATE_TAGS))
    furniture += [e for e in root.iter() if isinstance(e.tag, str) and e.tag not in _NEVER_BOILERPLATE
                  and _BOILERPLATE_NAME.search(f"{e.get('class', '')} {e.get('id', '')}")]
    blob = "\n".join(" ".join(e.text_content().split()) for e in furniture)
    return all(" ".join(line.split()) in blob for line in text.split("\n") if any(c.isalnum() for c in line))
