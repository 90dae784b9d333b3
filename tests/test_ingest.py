"""Ingest: every format gives Articles whose paragraphs are exact, stripped slices of Article.text."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from mapper.errors import InputError
from mapper.ingest import article_from_text, read_articles
from mapper.model import Article

REPO = Path(__file__).parent.parent


def assert_paragraphs_exact(article: Article) -> None:
    """p1, p2, ... after the headline where it is read (the title, opening the text)."""
    assert article.paragraph_numbers, "an article has at least one paragraph"
    if article.headline is not None:
        assert article.paragraphs[0] is article.headline and article.headline.text == article.title
        assert article.text.startswith(f"{article.title}\n\n")
    previous_end = 0
    for number, p in enumerate((p for p in article.paragraphs if not p.is_headline), start=1):
        assert p.id == f"p{number}"
        assert article.text[p.start : p.end] == p.text
        assert p.text and p.text == p.text.strip()
        assert "\n\n" not in p.text
        assert p.start >= previous_end
        previous_end = p.end


def body(article: Article) -> list[str]:
    """The texts of the paragraphs after the headline."""
    return [p.text for p in article.paragraphs if not p.is_headline]


def read_one(path: Path) -> Article:
    articles = read_articles(path)
    assert len(articles) == 1
    assert_paragraphs_exact(articles[0])
    return articles[0]


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ingest tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# --- article_from_text ---


def test_article_from_text_splits_on_blank_lines_and_keeps_the_text_exactly() -> None:
    text = "\n  First paragraph\nsecond line.  \n\n\n \t \nSecond one.\n  \n\nThird\u00a0one.\n\n   "
    article = article_from_text(text, id="a1", title="T", url="https://x.test/a", source="s")
    assert article.text == text
    assert [p.text for p in article.paragraphs] == [
        "First paragraph\nsecond line.",
        "Second one.",
        "Third\u00a0one.",
    ]
    assert_paragraphs_exact(article)
    assert article.paragraphs[0].start == 3
    assert (article.id, article.title, article.url, article.source) == ("a1", "T", "https://x.test/a", "s")


def test_article_from_text_treats_crlf_blank_lines_as_separators() -> None:
    text = "One\r\nstill one\r\n\r\nTwo\r\n"
    article = article_from_text(text, id="crlf")
    assert article.text == text
    assert [p.text for p in article.paragraphs] == ["One\r\nstill one", "Two"]
    assert_paragraphs_exact(article)


def test_article_from_text_without_text_has_no_paragraphs() -> None:
    assert article_from_text(" \n\n\t\n", id="blank").paragraphs == ()


# --- .txt ---


def test_txt_first_line_is_the_headline_read_before_the_body(tmp_path: Path) -> None:
    path = write(
        tmp_path / "Café Attack in São Paulo (2024).txt",
        "\n\n  Gunfire near Avenida Paulista  \n\nPolice closed the avenue.\nShops shut early.\n\n\nWitnesses"
        " in Santos\nsaw smoke.\n",
    )
    article = read_one(path)
    assert article.title == "Gunfire near Avenida Paulista"
    assert article.id == "cafe-attack-in-sao-paulo-2024"
    assert article.source == str(path)
    assert article.url is None
    assert article.headline.text == "Gunfire near Avenida Paulista"  # whose places are read too
    assert body(article) == [
        "Police closed the avenue.\nShops shut early.",
        "Witnesses in Santos\nsaw smoke.",
    ]


def test_txt_title_line_directly_followed_by_body(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "short.TXT", "Headline\nBody right below.\n\nMore."))
    assert article.title == "Headline"
    assert body(article) == ["Body right below.", "More."]


LEDE = ("Wildfires raged on the Greek island of Rhodes on Sunday, forcing thousands of tourists to flee hotels"
        " in Lindos and Kiotari, the fire service said.")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_story_that_opens_on_its_first_paragraph_keeps_it_in_the_body(tmp_path: Path, suffix: str) -> None:
    """A first line of more than 20 words ending with a full stop is the lede, not a headline: its
    places are read with the rest (a title's are not), and the file's name titles the story."""
    text = f"{LEDE}\n\nCrews from Athens arrived on Monday.\n"
    article = read_one(write(tmp_path / f"greek_island-fires{suffix}", text))
    assert article.title == "Greek island fires"
    assert [p.text for p in article.paragraphs] == [LEDE, "Crews from Athens arrived on Monday."]


def test_a_short_or_unpunctuated_first_line_stays_the_headline(tmp_path: Path) -> None:
    headline = "Typhoon lashes northern Luzon, forcing thousands from their homes in Cagayan and Isabela provinces today"
    for first in ("Storm hits the coast.", headline):
        assert read_one(write(tmp_path / "story.txt", f"{first}\n\nBody.")).title == first


@pytest.mark.parametrize(
    ("stem", "expected"), [("!!!", "article"), ("Über__Kyiv--Report", "uber-kyiv-report")]
)
def test_txt_id_is_a_slug_of_the_file_stem(tmp_path: Path, stem: str, expected: str) -> None:
    assert read_one(write(tmp_path / f"{stem}.txt", "Title\n\nBody.")).id == expected


def test_txt_crlf_and_cr_line_ends_become_lf(tmp_path: Path) -> None:
    path = write(tmp_path / "windows.txt", b"Title line\r\n\r\nFirst para\r\nline two\r\n\r\nSecond\rpara\r")
    article = read_one(path)
    assert article.title == "Title line"
    assert "\r" not in article.text
    assert body(article) == ["First para\nline two", "Second\npara"]


def test_txt_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "bom.txt", b"\xef\xbb\xbfT\xc3\xadtulo\n\nCuerpo en M\xc3\xa1laga."))
    assert article.title == "Título"
    assert body(article) == ["Cuerpo en Málaga."]


def test_real_sample_article() -> None:
    article = read_one(REPO / "seeds" / "missile-workshop-near-aleppo.txt")
    assert article.id == "missile-workshop-near-aleppo"
    # The sample's title has a no-break space before "Aleppo", kept as in the file.
    assert " ".join(article.title.split()) == (
        "Satellite images show damage to presumed missile workshop near Aleppo"
    )
    assert article.headline.text == article.title
    assert any("al-Safira" in p.text for p in article.paragraphs)


# --- .md ---

MARKDOWN = """\
Filed from the desk.

# Quake *shakes* [Izmir](https://example.test/izmir)

A strong earthquake struck **western Turkey** on Friday, officials in `Ankara` said.
Buildings fell in ![map of Izmir](izmir.png)Bayrakli.

## Damage on Samos

- Flooding in *Vathy* harbour
- Roads closed near [Karlovasi](https://example.test/k)

> The sea rose in Seferihisar,
> a witness said.

```
Code blocks are not article text: Tokyo
```

<div>Raw HTML block about Lima</div>

Aftershocks were felt as far as Athens &amp; Istanbul.
"""


def test_markdown_takes_the_level_1_heading_as_title_and_removes_inline_markup(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "quake.md", MARKDOWN))
    assert article.title == "Quake shakes Izmir"
    assert article.id == "quake"
    assert body(article) == [
        "Filed from the desk.",
        "A strong earthquake struck western Turkey on Friday, officials in Ankara said."
        " Buildings fell in Bayrakli.",
        "Damage on Samos",
        "Flooding in Vathy harbour",
        "Roads closed near Karlovasi",
        "The sea rose in Seferihisar, a witness said.",
        "Aftershocks were felt as far as Athens & Istanbul.",
    ]
    assert article.text == "\n\n".join(p.text for p in article.paragraphs)
    for markup in ("*", "`", "[", "](", "#", ">", "map of Izmir", "Tokyo", "Lima", "https://"):
        assert markup not in article.text


def test_markdown_without_level_1_heading_takes_the_first_line_as_title(tmp_path: Path) -> None:
    source = "## Protest in **Tbilisi**\nCrowds gathered.\n\nPolice *watched*.\n"
    path = write(tmp_path / "notes.markdown", source)
    article = read_one(path)
    assert article.title == "Protest in Tbilisi"
    assert body(article) == ["Crowds gathered.", "Police watched."]


def test_markdown_setext_heading_and_crlf(tmp_path: Path) -> None:
    path = write(tmp_path / "setext.md", b"Fire in Porto\r\n=============\r\n\r\nIt spread\r\nfast.\r\n")
    article = read_one(path)
    assert article.title == "Fire in Porto"
    assert article.text == "Fire in Porto\n\nIt spread fast."


def test_markdown_with_only_a_title_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "title-only.md", "# Just a headline\n\n![photo](p.png)\n")
    assert_input_error(path, "no article text")


# --- .html ---

ARTICLE_PARAGRAPHS = [
    "Heavy rain overnight flooded the main highway linking Mosul and Erbil, stranding hundreds of"
    " travellers in northern Iraq, officials said on Tuesday.",
    "The Great Zab river burst its banks near the town of Gwer, where rescue teams used boats to reach"
    " families trapped on the roofs of their homes.",
    "“We have not seen water like this in twenty years,” said a farmer from Makhmour, who lost most of"
    " his sheep in the flood.",
    "The Kurdistan Regional Government in Erbil said it had opened schools as temporary shelters and"
    " sent trucks of food and blankets to the area.",
    "Aid agencies in Dohuk warned that camps for displaced families could be next if the water kept"
    " rising through the weekend.",
    "Forecasters expect more rain over the Nineveh plains later this week, and the authorities in"
    " Baghdad urged people to avoid travelling by road.",
]

NOISE = ["Paris", "Berlin", "Toronto", "Madrid", "Lisbon", "London", "Oslo", "Cairo", "Home", "Subscribe"]


def news_page(charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="{charset}">
<title>Floods cut road between Mosul and Erbil | Daily Courier</title>
<link rel="canonical" href="https://courier.example/world/floods-mosul-erbil">
<script>var analytics = "Berlin";</script>
<style>body {{ font-family: serif; }}</style>
</head>
<body>
<div class="cookie-banner">We use cookies. Subscribe for news from Oslo.</div>
<header><nav><ul>
<li><a href="/">Home</a></li>
<li><a href="/world">World news from Paris</a></li>
<li><a href="/sport">Sport</a></li>
</ul></nav></header>
<main>
<article>
<h1>Floods cut road between Mosul and Erbil</h1>
<!-- editor's note: check the figures from Cairo -->
{body}
</article>
<section class="comments" id="comments"><h3>Comments</h3>
<div class="comment"><p>Reader from Toronto says: stay safe everyone, this is terrible news.</p></div>
</section>
</main>
<aside><h4>Most read</h4><ul>
<li><a href="/a">Election results in Madrid stun pollsters</a></li>
<li><a href="/b">Storm hits Lisbon harbour</a></li>
</ul></aside>
<footer>
<p>© 2024 Daily Courier, 1 Fleet Street, London. All rights reserved.</p>
<a href="/privacy">Privacy</a>
</footer>
<script>document.write("Berlin ad slot");</script>
</body>
</html>
"""


def test_html_keeps_only_the_article_body_and_its_title(tmp_path: Path, no_network: None) -> None:
    article = read_one(write(tmp_path / "floods.html", news_page()))
    assert article.title == "Floods cut road between Mosul and Erbil"
    assert article.id == "floods"
    assert article.url == "https://courier.example/world/floods-mosul-erbil"
    assert body(article) == ARTICLE_PARAGRAPHS
    for word in NOISE:
        assert word not in article.text


def test_html_decodes_the_declared_charset(tmp_path: Path, no_network: None) -> None:
    page = news_page("windows-1252").replace("Makhmour", "Makhmûr")
    article = read_one(write(tmp_path / "legacy.htm", page.encode("cp1252")))
    assert "said a farmer from Makhmûr" in body(article)[2]
    assert body(article)[2].startswith("“")


def test_html_without_article_text_is_an_input_error(tmp_path: Path, no_network: None) -> None:
    page = "<html><head><title>Nothing</title></head><body><p> </p></body></html>"
    path = write(tmp_path / "blank.html", page)
    assert_input_error(path, "no article text")


# --- .jsonl ---


def test_jsonl_keeps_each_text_exactly_and_numbers_default_ids_by_line(tmp_path: Path) -> None:
    texts = [
        "  Leading spaces stay.\r\n\r\nShelling near Kharkiv\u2028overnight.  \n",
        "Only text here, in Zürich.",
    ]
    lines = [
        json.dumps({"id": "story-1", "title": "Kharkiv", "text": texts[0], "url": "https://x.test/1"}),
        "",
        "   ",
        json.dumps({"text": texts[1]}, ensure_ascii=False),
    ]
    path = write(tmp_path / "eval.jsonl", "\n".join(lines) + "\n")
    articles = read_articles(path)
    assert [a.text for a in articles] == texts
    assert [a.id for a in articles] == ["story-1", "eval-4"]
    assert [a.title for a in articles] == ["Kharkiv", ""]
    assert [a.url for a in articles] == ["https://x.test/1", None]
    for article in articles:
        assert_paragraphs_exact(article)
    assert [p.text for p in articles[0].paragraphs] == [
        "Leading spaces stay.",
        "Shelling near Kharkiv\u2028overnight.",
    ]
    assert articles[0].paragraphs[0].start == 2


def test_jsonl_with_crlf_line_ends(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "One in Oslo."}),
        json.dumps({"id": "b", "text": "Two\nin Bergen."}),
    ]
    articles = read_articles(write(tmp_path / "crlf.jsonl", "\r\n".join(lines) + "\r\n"))
    assert [(a.id, a.text) for a in articles] == [("a", "One in Oslo."), ("b", "Two\nin Bergen.")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"text": "ok"', "not valid JSON"),
        ('["text", "a list"]', "expected a JSON object"),
        ('{"title": "no text"}', 'no "text"'),
        ('{"text": 42}', '"text" must be a string'),
        ('{"text": "  "}', '"text" is empty'),
        ('{"text": "fine", "id": 7}', '"id" must be a string'),
        ('{"text": "fine", "meta": "x"}', '"meta" must be an object'),
        ('{"text": "fine", "meta": {"url": 3}}', '"url" must be a string'),
    ],
)
def test_jsonl_bad_line_names_file_and_line(tmp_path: Path, line: str, expected: str) -> None:
    path = write(tmp_path / "bad.jsonl", '{"text": "A good first line."}\n\n' + line + "\n")
    message = assert_input_error(path, expected)
    assert message.startswith(f"{path}:3: ")


def test_jsonl_url_is_read_at_the_top_or_in_meta(tmp_path: Path) -> None:
    lines = [
        '{"text": "One.", "url": "https://www.paper.example/1", "meta": {"url": "https://other.example/"}}',
        '{"text": "Two.", "meta": {"url": "https://paper.example/2", "feedid": "9"}}',
        '{"text": "Three."}',
    ]
    articles = read_articles(write(tmp_path / "urls.jsonl", "\n".join(lines)))
    assert [a.url for a in articles] == ["https://www.paper.example/1", "https://paper.example/2", None]
    assert [a.publisher for a in articles] == ["paper.example", "paper.example", ""]


def test_jsonl_duplicate_ids(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "x", "text": "One."}), json.dumps({"id": "y", "text": "Two."})]
    lines.append(json.dumps({"id": "x", "text": "Three."}))
    message = assert_input_error(write(tmp_path / "dups.jsonl", "\n".join(lines)), "duplicate id 'x'")
    assert "line 1" in message and message.startswith(f"{tmp_path / 'dups.jsonl'}:3:")


# --- errors common to all formats ---


def assert_input_error(path: Path, expected: str) -> str:
    with pytest.raises(InputError) as caught:
        read_articles(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert "\n" not in message
    assert expected in message
    return message


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl"])
def test_missing_file(tmp_path: Path, suffix: str) -> None:
    assert_input_error(tmp_path / f"absent{suffix}", "no such file")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl"])
@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b" \r\n\t\n"])
def test_empty_file(tmp_path: Path, suffix: str, content: bytes) -> None:
    assert_input_error(write(tmp_path / f"empty{suffix}", content), "file is empty")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_not_utf8_is_read_as_windows_1252_with_a_warning(tmp_path: Path, suffix: str,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    text = "Caf\u00e9 in Li\u00e8ge\n\nBody in the town of Li\u00e8ge."
    path = write(tmp_path / f"latin1{suffix}", text.encode("latin-1"))
    assert read_one(path).title == "Caf\u00e9 in Li\u00e8ge"
    assert caplog.messages == [f"{path}: not UTF-8; read as cp1252 (guessed by charset-normalizer)"]


def test_html_without_a_declared_charset_is_guessed(tmp_path: Path, no_network: None,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    page = news_page("x").replace('<meta charset="x">', "").replace("Makhmour", "Makhm\u00fbr")
    article = read_one(write(tmp_path / "legacy.html", page.encode("cp1252")))
    assert "said a farmer from Makhm\u00fbr" in body(article)[2]
    assert "read as cp1252" in caplog.text


def test_jsonl_line_not_utf8_is_read_as_windows_1252(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    good = json.dumps({"id": "a", "text": "S\u00e3o Paulo \u2014 rain."}, ensure_ascii=False).encode()
    latin = json.dumps({"id": "b", "text": "Caf\u00e9 in Li\u00e8ge"}, ensure_ascii=False).encode("cp1252")
    path = write(tmp_path / "mixed.jsonl", good + b"\n" + latin + b"\n")
    assert [a.text for a in read_articles(path)] == ["S\u00e3o Paulo \u2014 rain.", "Caf\u00e9 in Li\u00e8ge"]
    assert caplog.messages == [
        f"{path}: not UTF-8; read as UTF-8 mixed with Windows-1252 (bytes that are not UTF-8 read as Windows-1252)"]


def test_utf8_bom_then_a_bad_byte_reads_the_rest_as_windows_1252(tmp_path: Path) -> None:
    path = write(tmp_path / "bom-then-bad.txt", b"\xef\xbb\xbfTitle\n\nbad \x96 dash")
    assert read_one(path).text.endswith("bad \u2013 dash")


def test_unknown_declared_charset_is_guessed(tmp_path: Path, no_network: None) -> None:
    path = write(tmp_path / "odd.html", news_page("no-such-charset"))
    assert read_one(path).title.startswith("Floods cut road")


def test_txt_with_a_title_but_no_body(tmp_path: Path) -> None:
    assert_input_error(write(tmp_path / "headline.txt", "\n  Only a headline  \n\n \n"), "no article text")


@pytest.mark.parametrize("name", ["report.pdf", "README"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, "Title\n\nBody.")
    assert_input_error(path, "unsupported file")


def test_directory_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert_input_error(tmp_path / "folder.txt", "cannot read")
