"""Properties of ingest, for any text in any input format: reading fails only with an InputError
(one line naming the file), every paragraph is exactly the slice of the article text its offsets
name, and a JSON line's id, title and URL come through whatever characters they hold.

More examples: HYPOTHESIS_PROFILE=fuzz (tests/conftest.py).
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from html import escape
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from mapper.errors import InputError
from mapper.ingest import read_articles
from mapper.ingest.reading import is_blank
from mapper.model import Article
from tests.strategies import awkward_text, characters, hostile_text

SUFFIXES = (".txt", ".md", ".jsonl", ".html")


def read(name: str, data: bytes) -> list[Article] | InputError:
    """The articles of a file holding data, or the InputError reading it raised."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return read_articles(path)
        except InputError as err:
            assert str(err).startswith(str(path)), err  # the message names the file
            assert "\n" not in str(err).strip(), err  # on one line
            return err


def assert_well_formed(article: Article) -> None:
    """Paragraphs p1, p2, ... in order (after the headline, where it is read, which is the
    title), none empty or edged with whitespace, each the slice of the article text its offsets
    name."""
    body = [p.id for p in article.paragraphs if p is not article.headline]
    assert body == [f"p{n}" for n in range(1, len(body) + 1)]
    assert article.headline in (None, article.paragraphs[0])
    assert article.headline is None or article.headline.text == article.title
    end = 0
    for p in article.paragraphs:
        assert end <= p.start < p.end <= len(article.text)
        assert article.text[p.start:p.end] == p.text
        assert p.text == p.text.strip()
        end = p.end


def html_page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
    return (f"<!doctype html><html><head><meta charset=utf-8><title>{escape(title)}</title></head>"
            f"<body><article><h1>{escape(title)}</h1>\n{body}</article></body></html>")


@given(st.sampled_from(SUFFIXES), st.binary(max_size=300))
@example(".txt", b"\xff\xfeT\x00i\x00t\x00l\x00e\x00")  # UTF-16 with its byte-order mark
@example(".jsonl", b'{"text": "\\ud800 lone"}\n')  # an escaped lone surrogate
@example(".jsonl", b'{"text": "ok", "id": 1e999}\n[[[[[[[[[[[[')
@example(".md", b"\x00\x00\x00")
def test_any_bytes_read_as_articles_or_fail_with_an_input_error(suffix: str, data: bytes) -> None:
    articles = read("article" + suffix, data)
    if not isinstance(articles, InputError):
        for article in articles:
            assert_well_formed(article)


@given(st.sampled_from((".txt", ".md")), awkward_text, st.lists(awkward_text, min_size=1, max_size=5),
       st.sampled_from(("\n", "\r\n", "\r")))
@example(".txt", "Title", ["a\u2028b", "\u0301Aleppo\u200d"], "\r\n")
@example(".md", "# T", ["*\u202e*", "> \x00"], "\r")
@example(".md", "0", ["\ufeff"], "\n")  # a byte-order mark inside the text is text
@example(".txt", "\x1f\x08", ["", "", "", "", "0"], "\r\n")  # CRs once diluted the share of controls
def test_text_and_markdown_paragraphs_are_slices_of_the_text(
    suffix: str, title: str, paragraphs: list[str], newline: str
) -> None:
    """And neither line ends nor a UTF-8 byte-order mark at the start change the article."""
    source = (title + "\n\n" + "\n\n".join(paragraphs)).replace("\r\n", "\n").replace("\r", "\n")
    source = source.lstrip("\ufeff")  # one at the start of a file is its byte-order mark, not text
    articles = read("story" + suffix, source.encode("utf-8"))
    as_written = read("story" + suffix, b"\xef\xbb\xbf" + source.replace("\n", newline).encode("utf-8"))
    if isinstance(articles, InputError):
        assert isinstance(as_written, InputError)
        return
    assert not isinstance(as_written, InputError), as_written
    (article,), (written,) = articles, as_written
    assert_well_formed(article)
    assert (written.title, written.text, written.paragraphs) == (article.title, article.text, article.paragraphs)


@given(hostile_text, st.lists(awkward_text.filter(str.strip), min_size=1, max_size=4))
@example("<script>x</script>", ["Floods in Aleppo & Idlib", "a\u2028b"])
def test_html_pages_read_as_paragraphs_or_say_no_article(title: str, paragraphs: list[str]) -> None:
    articles = read("page.html", html_page(title, paragraphs).encode("utf-8"))
    if not isinstance(articles, InputError):
        (article,) = articles
        assert_well_formed(article)


optional_string = st.one_of(st.none(), st.text(characters, max_size=30), hostile_text)


@given(optional_string, optional_string, optional_string, awkward_text, st.booleans())
@example("a\u2028b", "</script>", "javascript:alert(1)", "In Aleppo.", False)
@example("", "\x00", "\r\n", "\ufeffx", True)
def test_a_json_line_keeps_its_id_title_url_and_text(
    id: str | None, title: str | None, url: str | None, text: str, ascii_only: bool
) -> None:
    record = {"id": id, "title": title, "url": url, "text": text}
    line = json.dumps(record, ensure_ascii=ascii_only)
    articles = read("lines.jsonl", (line + "\n").encode("utf-8"))
    if is_blank(text):
        assert isinstance(articles, InputError) and "text" in str(articles)
        return
    assert not isinstance(articles, InputError), articles
    (article,) = articles
    assert article.text == text  # exactly as given: offsets into it are what an evaluation scores
    assert article.id == (id or "lines-1")
    assert article.title == (title or "")
    assert article.url == (url or None)
    if any(p.text for p in article.paragraphs):
        assert_well_formed(article)


@given(st.lists(st.tuples(st.text(characters, min_size=1, max_size=10), awkward_text.filter(lambda t: not is_blank(t))),
                min_size=1, max_size=6, unique_by=lambda record: record[0]))
def test_every_line_of_a_jsonl_file_is_an_article_in_order(records: list[tuple[str, str]]) -> None:
    lines = "".join(json.dumps({"id": id, "text": text}, ensure_ascii=False) + "\n" for id, text in records)
    articles = read("lines.jsonl", lines.encode("utf-8"))
    assert not isinstance(articles, InputError), articles
    assert [(a.id, a.text) for a in articles] == records


@given(st.text(characters.filter(lambda c: c not in "/\x00"), min_size=1, max_size=40).filter(
    lambda name: name not in (".", "..") and len(name.encode()) < 200))
@example("..\\..\\etc\\passwd")
@example("CON")
@example("\u202egnp.exe")
def test_an_article_id_from_a_file_name_is_a_safe_folder_name(stem: str) -> None:
    try:
        articles = read(stem + ".txt", b"Title\n\nSome text.")
    except OSError:  # a name this file system refuses: no input file can have it
        return
    assert not isinstance(articles, InputError), articles
    (article,) = articles
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", article.id), article.id


# Found by the properties above before mapper/ingest's slice of issue 20 fixed them: a JSON line
# may escape a lone surrogate ("\ud800"), which json.loads returns as is and no output can encode;
# deep nesting made json.loads raise RecursionError.
@given(st.text(max_size=8), st.text(max_size=8), st.text(max_size=20).filter(str.strip))
@example("x\udfff", "\ud800", "Floods in Aleppo \udc80.")
def test_every_string_of_an_article_can_be_written_as_utf8(id: str, title: str, text: str) -> None:
    line = json.dumps({"id": id, "title": title, "text": text})  # ASCII: surrogates as escapes
    articles = read("lines.jsonl", (line + "\n").encode())
    if not isinstance(articles, InputError):
        for article in articles:
            for value in (article.id, article.title, article.text, *(p.text for p in article.paragraphs)):
                value.encode("utf-8")


def test_a_deeply_nested_json_line_is_an_input_error() -> None:
    depth = sys.getrecursionlimit() * 2
    line = '{"text": "Floods in Aleppo.", "meta": {"x": ' + "[" * depth + "]" * depth + "}}"
    assert isinstance(read("deep.jsonl", line.encode() + b"\n"), InputError)
