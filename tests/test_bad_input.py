"""Bad input gets one clear line: a file (and line) that cannot be mapped is named with why, the
exit status says how the run went (0 all mapped, 1 some failed, 2 nothing readable), nothing is
written half-way or outside -o, and every other input is still mapped. Limits refuse an article
too large, too long or too slow, naming the flag that raises them."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper.archive.sources import Item, Unread, _jsonl, items
from mapper.archive.work import _mapped
from mapper.errors import InputError
from mapper.ingest import read_articles
from mapper.ingest.paragraphs import article_from_text
from mapper.ingest.reading import is_blank
from mapper.slugs import slug
from mapper.limits import ArticleTimeout, Limits, deadline, parse_size
from tests.cli_runner import run_mapper

GOOD = "Floods in Texas\n\nRain fell on Houston and Austin on Monday.\n"


@dataclass
class Run:
    code: int
    stdout: str
    errors: list[str]  # stderr's lines


@pytest.fixture
def mapper_cli():
    """`mapper ARGS...` in this process (tests/cli_runner.py)."""

    def run(*args: object) -> Run:
        done = run_mapper(*args)
        return Run(done.returncode, done.stdout, done.stderr.strip().splitlines())

    return run


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def folders(outdir: Path) -> set[str]:
    return {p.name for p in outdir.iterdir() if p.is_dir() and not p.name.startswith("_")}


def read_all(*inputs: Path, limits: Limits | None = None) -> list[Item | Unread]:
    return list(items(inputs, limits))


# --- nothing readable: exit 2, one line, nothing written ---


@pytest.mark.parametrize("make", [
    lambda tmp: tmp / "absent.txt",
    lambda tmp: (tmp / "empty-folder").mkdir() or tmp / "empty-folder",
    lambda tmp: write(tmp / "empty.txt", b""),
    lambda tmp: write(tmp / "blank.md", "\ufeff \r\n\t\u200b\n"),
    lambda tmp: write(tmp / "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"),
    lambda tmp: write(tmp / "paper.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
    lambda tmp: write(tmp / "nul.jsonl", b""),
], ids=["missing", "empty-folder", "empty-file", "blank-file", "png", "pdf", "empty-jsonl"])
def test_nothing_readable_is_one_line_exit_2_and_nothing_written(tmp_path, mapper_cli, make) -> None:
    given = make(tmp_path)
    done = mapper_cli("map", given, "-o", tmp_path / "out", "--no-png", "--workers", "1")
    assert done.code == 2
    assert len(done.errors) == 1 and done.errors[0].startswith(f"error: {given}")
    assert not (tmp_path / "out").exists()
    assert done.stdout == ""


def test_geoparse_of_nothing_readable_writes_no_output(tmp_path, mapper_cli) -> None:
    done = mapper_cli("geoparse", tmp_path / "absent.jsonl", "-o", tmp_path / "pred.jsonl", "--workers", "1")
    assert done.code == 2 and done.errors == [f"error: {tmp_path / 'absent.jsonl'}: no such file or folder"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("data", "why"), [
    (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not a text file"),
    (b"%PDF-1.4\n" + bytes(range(256)) * 4, "not a text file"),
    (bytes(range(256)) * 16, "not a text file"),  # NULs that are not UTF-16
    (b"\x1f\x8b\x08\x00" + random.Random(0).randbytes(64), "not a text file"),  # a gzip header, then noise
    (b"", "file is empty"),
    (b"\xef\xbb\xbf  \n\n", "file is empty"),
    ("\u200b\u200e\x01\n \n".encode(), "file is empty"),
])
def test_each_unreadable_file_names_itself(tmp_path, data, why) -> None:
    path = write(tmp_path / "bad.txt", data)
    with pytest.raises(InputError) as caught:
        read_articles(path)
    assert str(caught.value) == f"{path}: {why}"


def test_a_pipe_is_refused_not_read_forever(tmp_path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    [unread] = read_all(tmp_path / "pipe.txt")
    assert unread == Unread(str(tmp_path / "pipe.txt"), None, "cannot read (not a regular file)")


# --- some inputs bad: exit 1, each named, the others written ---


def test_bad_files_among_good_ones_exit_1_and_the_good_ones_are_written(tmp_path, mapper_cli) -> None:
    good = write(tmp_path / "texas.txt", GOOD)
    image = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    empty = write(tmp_path / "empty.md", b"")
    done = mapper_cli("map", good, image, empty, tmp_path / "gone.html", "-o", tmp_path / "out", "--no-png",
                      "--workers", "1")
    assert done.code == 1
    *errors, summary = done.errors
    assert errors == [f"error: {image}: not a text file", f"error: {empty}: file is empty",
                      f"error: {tmp_path / 'gone.html'}: no such file or folder"]
    assert summary.startswith("4 articles: 1 mapped")
    assert folders(tmp_path / "out") == {"texas"}
    assert (tmp_path / "out" / "texas" / "map.html").exists()
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_all_good_exits_0(tmp_path, mapper_cli) -> None:
    done = mapper_cli("map", write(tmp_path / "texas.txt", GOOD), "-o", tmp_path / "out", "--no-png", "--workers", "1")
    assert done.code == 0 and len(done.errors) == 1  # the summary
    assert (tmp_path / "out" / "texas" / "map.html").exists()


BAD_LINES = [
    ('{"id": "broken", "text": "Rain in Oslo."', "not valid JSON (Expecting ',' delimiter at column 41)"),
    ('["text", "a list"]', "expected a JSON object, got list"),
    ('{"id": "no-text", "title": "Lima"}', 'no "text"'),
    ('{"text": null}', 'no "text"'),
    ('{"text": 42}', '"text" must be a string, not a number'),
    ('{"text": "  \\t\\n "}', '"text" is empty'),
    ('{"text": "\\u0000\\u0007\\u200b\\u202e"}', '"text" is empty'),
    ('{"text": "Rain in Lima.", "title": ["a"]}', '"title" must be a string, not an array'),
    ('{"text": "Rain in Lima.", "id": 7}', '"id" must be a string, not a number'),
    ('{"text": "Rain in Lima.", "url": {"href": "x"}}', '"url" must be a string, not an object'),
    ('{"text": "Rain in Lima.", "id": ' + "9" * 5000 + "}", "not valid JSON (a number too long to read)"),
    ("[" * 100_000 + "]" * 100_000, "not valid JSON (nested too deeply)"),
    ('{"text": "Rain in Lima.", "meta": "x"}', '"meta" must be an object'),
]


def test_jsonl_with_bad_lines_maps_its_good_lines_and_reports_each_bad_one(tmp_path, mapper_cli) -> None:
    lines = ["\ufeff" + json.dumps({"id": "oslo", "text": "Rain fell on Oslo."}), "\ufeff"]
    lines += [line for line, _ in BAD_LINES]
    lines += [json.dumps({"id": "oslo", "text": "Snow fell on Bergen."}),  # a duplicate id: reported, first kept
              '{"id": "rome\\ud800", "title": "\\udfff", "text": "Storms hit Rome \\ud83d\\ude00 and \\ud800 Naples."}']
    source = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
    done = mapper_cli("map", source, "-o", tmp_path / "out", "--no-png", "--workers", "1")
    assert done.code == 1
    *errors, summary = done.errors
    expected = [f"error: {source}:{number}: {why}" for number, (_, why) in enumerate(BAD_LINES, start=3)]
    assert [e[:len(x)] for e, x in zip(errors, expected)] == expected
    duplicate = len(BAD_LINES) + 3
    assert errors[len(BAD_LINES):] == [f"error: {source}:{duplicate}: duplicate id 'oslo': an earlier article "
                                       "of this run has it"]
    assert summary.startswith(f"{len(BAD_LINES) + 3} articles: 2 mapped")
    assert folders(tmp_path / "out") == {"oslo", "rome"}
    oslo = json.loads((tmp_path / "out" / "oslo" / "places.geojson").read_text())
    assert [f["properties"]["name"] for f in oslo["features"]] == ["Oslo"]  # the first line's, not Bergen
    rome = (tmp_path / "out" / "rome" / "map.html").read_text(encoding="utf-8")  # valid UTF-8: surrogates mended
    assert "\U0001f600 and \ufffd" in rome and "rome\ufffd" in rome
    failures = [json.loads(line) for line in (tmp_path / "out" / "failures.jsonl").read_text().splitlines()]
    assert [(f["file"], f["line"]) for f in failures] == [(str(source), n) for n in range(3, duplicate + 1)]


def test_geoparse_of_one_jsonl_file_writes_its_good_lines(tmp_path, mapper_cli) -> None:
    source = write(tmp_path / "in.jsonl", '{"id": "a", "text": "Rain fell on Oslo."}\n{nope\n'
                                          '{"id": "b", "text": "Floods in Cairo."}\n')
    done = mapper_cli("geoparse", source, "-o", tmp_path / "pred.jsonl", "--workers", "1")
    assert done.code == 1
    assert done.errors[0] == f"error: {source}:2: not valid JSON (Expecting property name enclosed in double " \
                             "quotes at column 2)"
    predicted = [json.loads(line) for line in (tmp_path / "pred.jsonl").read_text().splitlines()]
    assert [p["id"] for p in predicted] == ["a", "b"]
    assert [t["name"] for p in predicted for t in p["toponyms"]] == ["Oslo", "Cairo"]


def test_a_gzip_cut_short_keeps_the_lines_before_the_cut(tmp_path) -> None:
    whole = gzip.compress(b"".join(json.dumps({"id": f"a{n}", "text": f"Rain on Oslo, day {n}."}).encode() + b"\n"
                                   for n in range(2000)))
    path = write(tmp_path / "cut.jsonl.gz", whole[: len(whole) // 2])
    found = read_all(path)
    assert all(isinstance(i, Item) for i in found[:-1]) and len(found) > 100
    assert found[-1] == Unread(str(path), None, "cannot read (the compressed file is cut short)")


# --- encodings: read, and said which ---


ENCODED = "Caf\u00e9 in Li\u00e8ge\n\nThe mayor of Li\u00e8ge met envoys from S\u00e3o Paulo and Z\u00fcrich."


@pytest.mark.parametrize(("data", "encoding"), [
    (ENCODED.encode("latin-1"), "cp1252 (guessed by charset-normalizer)"),
    (ENCODED.replace("met", "met \u201cquietly\u201d").encode("cp1252"), "cp1252 (guessed by charset-normalizer)"),
    (ENCODED.encode("utf-16-le"), "UTF-16-LE (UTF-16 without a byte-order mark)"),
    (ENCODED.encode("utf-16-be"), "UTF-16-BE (UTF-16 without a byte-order mark)"),
    (ENCODED.encode("utf-16"), None),
    (ENCODED.encode("utf-32"), None),
    (codecs.BOM_UTF8 + ENCODED.encode(), None),
    (ENCODED.split("\n\n")[0].encode() + b"\n\n" + ENCODED.split("\n\n")[1].encode("cp1252"),
     "UTF-8 mixed with Windows-1252 (bytes that are not UTF-8 read as Windows-1252)"),
], ids=["latin-1", "cp1252", "utf-16-le", "utf-16-be", "utf-16-bom", "utf-32-bom", "utf-8-bom", "mixed"])
def test_any_encoding_is_read_and_a_guess_is_said(tmp_path, caplog, data, encoding) -> None:
    path = write(tmp_path / "story.txt", data)
    [article] = read_articles(path)
    assert article.title == "Caf\u00e9 in Li\u00e8ge"
    assert "S\u00e3o Paulo and Z\u00fcrich" in article.text
    assert caplog.messages == ([f"{path}: not UTF-8; read as {encoding}"] if encoding else [])


def test_the_cli_says_the_guessed_encoding_in_one_line(tmp_path, mapper_cli) -> None:
    path = write(tmp_path / "legacy.txt", GOOD.replace("Monday", "Monday \u2013 r\u00e9sum\u00e9").encode("cp1252"))
    done = mapper_cli("map", path, "-o", tmp_path / "out", "--no-png", "--workers", "1")
    assert done.code == 0
    assert done.errors[0] == f"warning: {path}: not UTF-8; read as cp1252 (guessed by charset-normalizer)"
    assert "Monday \u2013 r\u00e9sum\u00e9" in (tmp_path / "out" / "legacy" / "map.html").read_text()


def test_jsonl_lines_in_another_encoding(tmp_path, caplog) -> None:
    utf16 = write(tmp_path / "wide.jsonl", ('{"id": "a", "text": "Rain on S\u00e3o Paulo."}\r\n'
                                            '{"id": "b", "text": "Snow on Oslo."}\r\n').encode("utf-16"))
    latin = write(tmp_path / "latin.jsonl", b'{"id": "c", "text": "Rain on Li\xe8ge."}\n')
    found = read_all(utf16, latin)
    assert [i.article.text for i in found] == ["Rain on S\u00e3o Paulo.", "Snow on Oslo.", "Rain on Li\u00e8ge."]
    assert caplog.messages == [f"{latin}:1: not UTF-8; read as UTF-8 mixed with Windows-1252"]


MENU = "".join(f'<li><a href="/{n}">Section {n}</a></li>' for n in range(20))


@pytest.mark.parametrize("body", [
    f"<nav><ul>{MENU}</ul></nav><footer>\u00a9 The Courier</footer>",
    '<header><nav><a href="/">Home</a> | <a href="/world">World</a></nav></header><footer><p>Contact us</p></footer>',
    '<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>',
    "<form><label>Email</label><input name=e><label>Password</label><button>Sign in</button></form>",
    "<script>document.write('Floods in Ohio')</script><img src=a.png alt='Map of Paris'>",
    "",
], ids=["menu", "nav-footer", "cookie-banner", "login-form", "script-image", "empty"])
def test_html_page_without_an_article(tmp_path, body) -> None:
    path = write(tmp_path / "page.html", f"<html><head><title>Floods in Ohio</title></head><body>{body}</body></html>")
    [unread] = read_all(path)
    assert unread == Unread(str(path), None, "no article text found")


def test_a_short_article_among_furniture_is_kept(tmp_path) -> None:
    page = ('<html><body class="menu-open share"><form id="aspnetForm"><nav><ul>' + MENU + '</ul></nav>'
            '<div class="cookie-consent">Accept cookies</div><p>Rain fell on Oslo on Monday, officials said.</p>'
            "</form></body></html>")
    [item] = read_all(write(tmp_path / "short.html", page))
    assert isinstance(item, Item)  # trafilatura may keep the menu too: what counts is that the story is kept
    assert item.article.text.endswith("Rain fell on Oslo on Monday, officials said.")


# --- output names: never outside -o, never overwritten ---


@pytest.mark.parametrize(("given", "expected"), [
    ("../../etc/passwd", "etc-passwd"), ("/abs/path", "abs-path"), ("a\\..\\b", "a-b"), ("..", "article"),
    ("", "article"), ("CON", "con-article"), ("nul", "nul-article"), ("Com1", "com1-article"),
    ("lpt9", "lpt9-article"), ("\u202eevil\u0000", "evil"), ("x" * 500, "x" * 80),
])
def test_slug_is_always_a_plain_name(given, expected) -> None:
    assert slug(given) == expected


def test_ids_that_would_escape_or_collide_stay_inside_outdir(tmp_path, mapper_cli) -> None:
    ids = ["../escape", "/etc/cron.d/x", "a\\b", "CON", "A b", "a-b", "a b", "", "x" * 300, "\u202e\u0000"]
    (tmp_path / "in").mkdir()
    source = write(tmp_path / "in" / "names.jsonl",
                   "".join(json.dumps({"id": i, "text": f"Rain fell on Oslo ({n})."}) + "\n"
                           for n, i in enumerate(ids)))
    outdir = tmp_path / "deep" / "out"
    done = mapper_cli("map", source, "-o", outdir, "--no-png", "--workers", "1")
    assert done.code == 0, done.errors
    made = folders(outdir)
    assert len(made) == len(ids)  # "A b", "a-b" and "a b" do not overwrite each other
    assert {"escape", "etc-cron-d-x", "a-b", "con-article", "names-8"} <= made  # "" takes the line's default id
    assert all(len(name) <= 80 for name in made)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "in"]
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["out"]
    # A rerun finds each article in its own folder again.
    again = mapper_cli("map", source, "-o", outdir, "--no-png", "--workers", "1")
    assert again.code == 0 and folders(outdir) == made and again.errors[-1].startswith(f"{len(ids)} articles: 0 mapped")


# --- limits ---


def test_a_50_mb_article_is_refused_unread_and_fast(tmp_path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.write(b"Title\n\n")
        f.truncate(50_000_000)  # sparse: NULs, yet the size alone refuses it
    page = write(tmp_path / "huge.html", b"<html><body><p>" + b"Rain on Oslo. " * 800_000 + b"</p></body></html>")
    long = write(tmp_path / "long.html", b"<html><body><p>" + b"Rain on Oslo. " * 90_000 + b"</p></body></html>")
    started = time.monotonic()
    found = read_all(huge, page, write(tmp_path / "ok.txt", GOOD))
    assert time.monotonic() - started < 1
    assert [type(i) for i in found] == [Unread, Unread, Item]
    assert found[0].reason == "file is 50 MB, over the limit of 1 MB of text (raise it with --max-article-size)"
    assert found[1].reason == "file is 11.2 MB, over the limit of 1 MB of text (raise it with --max-article-size)"
    # Under 10 times the limit, a page is read; its text is what counts.
    [unread] = read_all(long)
    assert unread.reason == "article is 1.26 MB, over the limit of 1 MB of text (raise it with --max-article-size)"


def test_a_huge_jsonl_line_is_skipped_without_being_held(tmp_path) -> None:
    source = tmp_path / "huge.jsonl"
    with source.open("wb") as f:
        f.write(b'{"id": "a", "text": "Rain on Oslo."}\n{"text": "')
        f.write(b"x" * 30_000_000)
        f.write(b'"}\n{"id": "b", "text": "Snow on Bergen."}\n')
    tracemalloc.start()
    found = read_all(source)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(type(i), i.line) for i in found] == [(Item, 1), (Unread, 2), (Item, 3)]
    assert found[1].reason.startswith("line is over 4 MB, over the limit of 1 MB of text")
    assert peak < 12_000_000  # the 30 MB line was never held whole


def test_size_limit_applies_to_text_and_jsonl_lines_and_can_be_raised(tmp_path) -> None:
    text = "Title\n\n" + "Rain fell on Oslo today. " * 100
    path = write(tmp_path / "long.txt", text)
    line = json.dumps({"id": "j", "text": text})
    source = write(tmp_path / "long.jsonl", line + "\n" + json.dumps({"text": "x" * 20_000}) + "\n")
    small = Limits(article_size=1000)
    found = read_all(path, source, limits=small)
    assert [(u.file, u.line, u.reason) for u in found] == [
        (str(path), None, "article is 2.51 kB, over the limit of 1 kB of text (raise it with --max-article-size)"),
        (str(source), 1, "article is 2.51 kB, over the limit of 1 kB of text (raise it with --max-article-size)"),
        (str(source), 2, "line is over 4 kB, over the limit of 1 kB of text (raise it with --max-article-size)"),
    ]
    assert [type(i) for i in read_all(path, source, limits=Limits(article_size=parse_size("21k")))] == [Item] * 3


def test_paragraph_limit_names_its_flag_and_can_be_raised(tmp_path, mapper_cli) -> None:
    many = write(tmp_path / "many.txt", "Title\n\n" + "\n\n".join(f"Rain on Oslo, part {n}." for n in range(30)))
    done = mapper_cli("map", many, write(tmp_path / "texas.txt", GOOD), "--max-paragraphs", "20",
                      "-o", tmp_path / "out", "--no-png", "--workers", "1")
    assert done.code == 1
    assert done.errors[0] == f"error: {many}: 30 paragraphs, over the limit of 20 (raise it with --max-paragraphs)"
    assert folders(tmp_path / "out") == {"texas"}
    done = mapper_cli("map", many, "--max-paragraphs", "30", "-o", tmp_path / "out", "--no-png", "--workers", "1")
    assert done.code == 0 and "many" in folders(tmp_path / "out")


def test_mention_limit_names_its_flag(tmp_path, mapper_cli) -> None:
    crowded = write(tmp_path / "crowded.txt", "Tour\n\nThe band played Oslo, Bergen, Paris, Lyon, Rome and Madrid.")
    done = mapper_cli("map", crowded, write(tmp_path / "texas.txt", GOOD), "--max-mentions", "3",
                      "-o", tmp_path / "out", "--no-png", "--workers", "1")
    assert done.code == 1
    assert done.errors[0] == f"error: {crowded}: 6 place mentions, over the limit of 3 (raise it with --max-mentions)"
    assert folders(tmp_path / "out") == {"texas"}


@pytest.mark.parametrize("flag", ["--max-article-size", "--max-paragraphs", "--max-mentions", "--article-timeout"])
def test_a_bad_limit_is_a_usage_error(tmp_path, mapper_cli, flag) -> None:
    done = mapper_cli("map", write(tmp_path / "texas.txt", GOOD), flag, "-1x", "-o", tmp_path / "out")
    assert done.code == 2 and len(done.errors) == 1 and flag in done.errors[0]
    assert not (tmp_path / "out").exists()


class _Hanging:
    """A Mapper whose article "stuck" never finishes (a pathological input); the others map at once."""

    def map(self, articles):
        for article in articles:
            if article.id == "stuck":
                time.sleep(30)  # what a hang looks like; the deadline interrupts it
            yield article.id


def test_an_article_that_hangs_fails_alone_after_its_timeout() -> None:
    articles = [article_from_text("Rain on Oslo.", id=i) for i in ("a", "stuck", "b")]
    started = time.monotonic()
    results = list(_mapped(_Hanging(), articles, timeout=0.2))
    assert time.monotonic() - started < 3
    assert results[0] == "a" and results[2] == "b"
    assert isinstance(results[1], ArticleTimeout)
    assert str(results[1]) == "took longer than 0.2 s to map (raise the limit with --article-timeout)"


def test_deadline_is_off_at_zero_and_restores_the_alarm() -> None:
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with deadline(0, "never"):
        pass
    with pytest.raises(ArticleTimeout):
        with deadline(0.05, "late"):
            time.sleep(5)
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize(("text", "size"), [("500k", 500_000), ("2MB", 2_000_000), ("1500", 1500), ("1.5m", 1_500_000)])
def test_sizes_are_read_as_people_write_them(text, size) -> None:
    assert parse_size(text) == size


def test_a_file_slow_to_read_is_given_up(tmp_path, monkeypatch) -> None:
    import mapper.archive.sources as sources

    def slow(path, limits):
        time.sleep(30)  # a page the extractor is stuck on; the deadline interrupts it

    monkeypatch.setattr(sources, "read_articles", slow)
    path = write(tmp_path / "slow.html", "<p>x</p>")
    started = time.monotonic()
    [unread] = read_all(path, limits=Limits(timeout=0.1))
    assert time.monotonic() - started < 2
    assert unread.reason == "took longer than 0.1 s to read (raise the limit with --article-timeout)"


def test_a_file_name_with_a_newline_or_direction_override_stays_one_line(tmp_path, mapper_cli) -> None:
    odd = write(tmp_path / "two\nlines\u202etxt.txt", b"")
    done = mapper_cli("map", odd, "-o", tmp_path / "out")
    assert done.code == 2
    assert done.errors == [f"error: {tmp_path}/two\\nlines\\u202etxt.txt: file is empty"]


def test_several_unreadable_inputs_get_a_line_each(tmp_path, mapper_cli) -> None:
    done = mapper_cli("geoparse", tmp_path / "a.txt", write(tmp_path / "b.jsonl", "{oops\n[]\n"))
    assert done.code == 2
    assert done.errors == [f"error: {tmp_path / 'a.txt'}: no such file or folder",
                           f"error: {tmp_path / 'b.jsonl'}:1: not valid JSON (Expecting property name enclosed in "
                           "double quotes at column 2)",
                           f"error: {tmp_path / 'b.jsonl'}:2: expected a JSON object, got list"]


def test_two_files_of_one_name_in_two_folders_are_two_articles(tmp_path) -> None:
    for month in ("march", "april"):
        (tmp_path / month).mkdir()
        write(tmp_path / month / "report.txt", f"Report\n\nRain on Oslo in {month}.")
    first, second = read_all(tmp_path)
    assert first.article.id == "report"
    assert second.article.id.startswith("report-") and len(second.article.id) == len("report-") + 8
    assert [i.article.id for i in read_all(tmp_path)] == [first.article.id, second.article.id]  # the same every run


# --- whatever the bytes: an article or one InputError, never a crash ---


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-16")),
                      st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_decode_to_utf8_writable_text_or_one_input_error(tmp_path, data) -> None:
    path = write(tmp_path / "fuzz.txt", data)
    try:
        [article] = read_articles(path)
    except InputError as e:
        assert str(e).startswith(f"{path}: ") and "\n" not in str(e)
        return
    (article.title + article.text).encode("utf-8")  # nothing a page or CSV cannot hold


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.one_of(
    st.binary(max_size=80),
    st.dictionaries(st.sampled_from(["id", "title", "text", "url", "meta"]),
                    st.one_of(st.none(), st.integers(), st.text(max_size=30), st.lists(st.integers(), max_size=2)),
                    max_size=5).map(lambda d: json.dumps(d).encode()),
    st.text(max_size=40).map(lambda t: json.dumps({"text": t, "id": t}).encode()),
), max_size=8))
def test_any_jsonl_lines_give_an_article_or_a_reason_each(lines) -> None:
    found = list(_jsonl("fuzz.jsonl", (line + b"\n" for line in lines), Limits()))
    assert all(isinstance(i, (Item, Unread)) for i in found)
    for i in found:
        if isinstance(i, Item):
            assert not is_blank(i.article.text)
            (i.article.id + i.article.title + i.article.text + (i.article.url or "")).encode("utf-8")
        else:
            assert i.reason and "\n" not in i.reason

