"""Hypothesis strategies for the property tests: text as hostile as news from anywhere gets.

Surrogates are left out: a Python string holding one cannot be written as UTF-8 at all, so no
input file carries one (ingest's own tests cover the escaped "\\ud800" of a JSON line).
"""

from __future__ import annotations

from hypothesis import strategies as st

# The characters that break naive code: line and paragraph separators, CR, NUL and other
# controls, a byte-order mark, zero-width joiners, direction marks and overrides, combining marks,
# an astral emoji, and what HTML, JavaScript, CSV and spreadsheets read as syntax.
AWKWARD = (
    "\u2028", "\u2029", "\r\n", "\r", "\n", "\n\n", "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\t",
    "\ufeff", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069",
    "\u0301", "\u0308\u0323", "\U0001f30a", "\U0001f1fa\U0001f1e6", "\u00a0", "\u3000",
    "<", ">", "&", '"', "'", "`", "\\", "\\1", "${x}", "</script>", "<!--", "]]>", "=", "+", "-", "@",
)
# Markup and script that must stay text: each carries "INJECTED", which a test looks for in
# the parsed page's elements and scripts.
HOSTILE = (
    "<script>window.INJECTED=1</script>",
    '"><img src=x id=INJECTED onerror=alert(1)>',
    "'><svg id=INJECTED onload=alert(1)>",
    "</script><script>INJECTED()</script>",
    "</title><b id=INJECTED>",
    "javascript:alert('INJECTED')",
    "data:text/html,<b id=INJECTED>",
    "`${alert('INJECTED')}`",
    "\\u003cscript\\u003eINJECTED\\u003c/script\\u003e",
    '=HYPERLINK("http://x/INJECTED")',
)

characters = st.characters(exclude_categories=("Cs",))
awkward_text = st.lists(st.one_of(st.text(characters, max_size=12), st.sampled_from(AWKWARD)), max_size=12).map("".join)
hostile_text = st.lists(
    st.one_of(st.text(characters, max_size=12), st.sampled_from(AWKWARD), st.sampled_from(HOSTILE)), max_size=8
).map("".join)
