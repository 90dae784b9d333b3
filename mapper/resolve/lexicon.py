"""A publisher's local lexicon: the regions its own articles are set in.

A local paper's "Mansfield" is the town near its readers, whichever Mansfield is bigger; readers
know where their paper is, and a single article often does not say. Lieberman, Samet and
Sankaranarayanan (2010) built LGL to show it: learn each source's local lexicon from its
articles. mapper learns it unsupervised, from its own confident answers for the publisher's
other articles: the admin-1 regions (states, provinces) of the towns and counties they place.
An article never counts towards its own lexicon, so one story cannot confirm itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from mapper.model import MapResult, Place
from mapper.resolve.features import is_point, region

# Only answers the resolver is sure of teach the lexicon...
CONFIDENT = 0.8
# ...and a publisher's lexicon speaks once this many of them come from its other articles.
MIN_EVIDENCE = 10.0

Region = tuple[str, str]  # (country code, admin-1 name)


def region_of(place: Place) -> Region | None:
    """The admin-1 region of a town or county: what places a local story."""
    return region(place) if is_point(place) else None


def _evidence(result: MapResult) -> Counter:
    found: Counter = Counter()
    for r in result.resolutions:
        if r.place is not None and not r.pinned and r.confidence >= CONFIDENT and (region := region_of(r.place)):
            found[region] += r.confidence
    return found


class LocalLexicon:
    """Per publisher, how much of its confidently placed news falls in each admin-1 region."""

    def __init__(self) -> None:
        self._regions: dict[str, Counter] = defaultdict(Counter)
        self._by_article: dict[tuple[str, str], Counter] = {}

    def learn(self, result: MapResult) -> None:
        """Add one article's answers to its publisher's lexicon (replacing what it added before)."""
        publisher = result.article.publisher
        if not publisher:
            return
        key = (publisher, result.article.id)
        regions = self._regions[publisher]
        regions.subtract(self._by_article.get(key, Counter()))
        evidence = _evidence(result)
        regions.update(evidence)
        self._by_article[key] = evidence

    def settle(self) -> None:
        """Forget which article taught what (their evidence stays): an archive's lexicon then holds
        a few numbers per publisher and region, not a record per article."""
        self._by_article.clear()

    def shares(self, publisher: str, article_id: str) -> dict[Region, float]:
        """Each region's share of the publisher's evidence from its *other* articles; empty while
        that evidence is too thin to speak."""
        if not publisher:
            return {}
        regions = self._regions[publisher] - self._by_article.get((publisher, article_id), Counter())
        total = sum(regions.values())
        if total < MIN_EVIDENCE:
            return {}
        return {region: weight / total for region, weight in regions.items()}
