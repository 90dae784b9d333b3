"""Articles resolved in batches, so that each learns from the others of its publisher."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mapper.model import Article, MapResult, Mention
from mapper.resolve.resolver import Resolver


def resolve_together(resolver: Resolver, recognized: Sequence[tuple[Article, list[Mention]]]) -> Iterator[MapResult]:
    """Resolve a batch of articles so each learns from the others of its publisher, in order.

    A first pass places every article with the lexicon as it stands and teaches it the answers;
    the articles whose publisher's lexicon now speaks are placed again in its light. If the
    first pass fails (a geocoding service gives up), the articles it had placed are still
    yielded, as they stand, before the error: nothing done is lost.
    """
    first: list[MapResult] = []
    try:
        for article, mentions in recognized:
            first.append(resolver.resolve(article, mentions))
    except Exception:
        yield from first
        raise
    lexicon = resolver.lexicon
    if lexicon is None:
        yield from first
        return
    for result in first:
        lexicon.learn(result)
    for (article, mentions), result in zip(recognized, first):
        yield resolver.resolve(article, mentions) if lexicon.shares(article.publisher, article.id) else result
    lexicon.settle()
