"""Properties of mention offsets through the real pipeline (spaCy and the embedded gazetteer):
whatever Unicode surrounds a place name (emoji, combining marks, right-to-left text, joiners,
CRLF, NUL), every mention is exactly the slice of its article and of its paragraph that its
offsets name, and never starts or ends with a space, a control or an invisible format character.

More examples: HYPOTHESIS_PROFILE=fuzz (tests/conftest.py).
"""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from mapper.ingest import article_from_text
from mapper.model import MapResult
from mapper.pipeline import Mapper
from tests.strategies import AWKWARD, characters

# Names the embedded gazetteer knows, as the seed stories write them, a few with marks and hyphens.
PLACES = (
    "Aleppo", "Idlib", "Damascus", "Columbus", "Ohio", "Paris", "Kharkiv", "Luzon", "Manila",
    "São Paulo", "Zürich", "Guinea-Bissau", "The Hague", "New York", "Côte d'Ivoire", "Al-Safira",
)
LEADS = ("in ", "near ", "Floods hit ", "the city of ", "", "outside ", "COLUMBUS, Ohio - in ")
TAILS = (" on Monday.", ", officials said.", " and ", ".", "", "'s mayor said", " (AP) ")
# What may sit right against a name: invisible and spacing characters a mention must leave out.
EDGES = (
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202e", "\u2066",
    "\u2067", "\u2068", "\u2069", "\ufeff", "\u00a0", "\u2028", "\u2029", "\u3000", "\x00", "\x0b",
    "\u0301", "\u034f", "\u061c", "\u180e", "\U0001f30a", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
    "\u2003", "\t", "\r\n", "(", "\"", "“", "«",
)

edge = st.lists(st.sampled_from(EDGES), max_size=3).map("".join)
noise = st.one_of(st.text(characters, max_size=6), st.sampled_from(AWKWARD))
sentence = st.builds(
    lambda before, lead, left, place, right, tail, after: before + lead + left + place + right + tail + after,
    noise, st.sampled_from(LEADS), edge, st.sampled_from(PLACES), edge, st.sampled_from(TAILS), noise,
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
separator = st.sampled_from(("\n\n", "\r\n\r\n", "\n \n", "\n\u2028\n", "\n\t\n"))
article_text = st.tuples(st.lists(paragraph, min_size=1, max_size=3), separator).map(lambda t: t[1].join(t[0]))

# What a mention never starts or ends with: spaces and separators, controls, and the invisible
# format characters (byte-order mark, zero-width space and joiners, direction marks and overrides).
_NOT_AN_EDGE = ("Zs", "Zl", "Zp", "Cc", "Cf")


def assert_exact_mentions(result: MapResult) -> None:
    article = result.article
    mentions = [r.mention for r in result.resolutions] + list(result.removed)
    for m in mentions:
        assert m.text, m
        assert article.text[m.start:m.end] == m.text, m
        p = article.paragraph(m.paragraph_id)
        assert p.start <= m.start < m.end <= p.end, (m, p)
        assert p.text[m.start - p.start:m.end - p.start] == m.text, (m, p)
        for end in (m.text[0], m.text[-1]):
            assert not end.isspace() and unicodedata.category(end) not in _NOT_AN_EDGE, (m, end)


@given(article_text)
@example("Floods hit \u200dAleppo\u200d on Monday.")
@example("in \u202eDamascus\u202c, officials said.\r\n\r\nnear São Paulo\u0301\u200f.")
@example("\ufeffin \u2066Columbus\u2069 and \u00a0Ohio\u00a0.")
@example("the city of Kharkiv\x00 on Monday. \U0001f30aManila\U0001f30a.")
def test_every_mention_is_the_slice_its_offsets_name(mapper: Mapper, text: str) -> None:
    (result,) = mapper.map([article_from_text(text, id="a")])
    assert_exact_mentions(result)


@given(st.lists(article_text, min_size=2, max_size=4))
def test_offsets_stay_exact_when_articles_go_through_one_batch(mapper: Mapper, texts: list[str]) -> None:
    articles = [article_from_text(text, id=f"a{n}", url=f"https://news.example/{n}") for n, text in enumerate(texts)]
    results = list(mapper.map(articles))
    assert [r.article.id for r in results] == [a.id for a in articles]
    for result in results:
        assert_exact_mentions(result)


def test_invisible_characters_around_a_name_stay_out_of_its_mention(mapper: Mapper) -> None:
    """Found by the property above: spaCy kept the joiners in the span, "\u200dAleppo\u200d"."""
    text = "Floods hit \u200dAleppo\u200d on Monday."
    (resolution,) = mapper.map_text(text).resolutions
    assert (resolution.mention.text, resolution.mention.start) == ("Aleppo", text.index("Aleppo"))
    assert resolution.place is not None and resolution.place.name == "Aleppo"


def test_a_bracket_left_open_after_a_name_alone_on_its_line_is_no_aside(mapper: Mapper) -> None:
    """Found by the property above: a name at a line's start before an unclosed bracket ran past
    the paragraph's end."""
    (result,) = mapper.map([article_from_text("in Aleppo on Monday. in \xa0Aleppo( on Monday.", id="a")])
    assert_exact_mentions(result)
