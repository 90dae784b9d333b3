"""A publisher's local lexicon: learned from its other articles, never from the article itself."""

import pytest

from mapper.ingest import article_from_text
from mapper.model import Candidate, MapResult, Mention, Place, Resolution
from mapper.resolve import Resolver, resolve_together
from mapper.resolve.lexicon import MIN_EVIDENCE, LocalLexicon

PAPER = "https://www.localpaper.example/news/"
TEXAS = ("US", "Texas")


def _town(name: str, admin1: str = "Texas", code: str = "PPL") -> Place:
    return Place(f"x-{name}", name, 32.0, -97.0, feature_class="P" if code.startswith("PPL") else "A",
                 feature_code=code, country_code="US", admin1=admin1)


def _result(article_id: str, places: list[Place], confidence: float = 1.0, url: str | None = PAPER) -> MapResult:
    article = article_from_text(" ".join(p.name for p in places) or "Nothing.", id=article_id,
                                url=url and url + article_id)
    resolutions = tuple(
        Resolution(Mention(p.name, 0, len(p.name), "GPE", "p1"), p, confidence) for p in places
    )
    return MapResult(article, resolutions)


def test_publisher_is_the_host_of_the_article_url():
    assert article_from_text("x", id="a", url="https://www.localpaper.example/a?b=1").publisher == "localpaper.example"
    assert article_from_text("x", id="a").publisher == ""


def test_a_lexicon_speaks_only_from_enough_confident_answers_of_other_articles():
    lexicon = LocalLexicon()
    towns = [_town(f"Town{i}") for i in range(int(MIN_EVIDENCE))]
    lexicon.learn(_result("a1", towns[:-1]))
    assert lexicon.shares("localpaper.example", "a2") == {}  # one answer short
    lexicon.learn(_result("a2", [_town("Somewhere", "Oregon")], confidence=0.5))  # unsure: teaches nothing
    assert lexicon.shares("localpaper.example", "a3") == {}
    lexicon.learn(_result("a3", towns[-1:] + [_town("Salem", "Oregon")]))
    shares = lexicon.shares("localpaper.example", "a4")
    assert shares[TEXAS] == MIN_EVIDENCE / (MIN_EVIDENCE + 1)
    assert shares[("US", "Oregon")] == 1 / (MIN_EVIDENCE + 1)
    assert lexicon.shares("other.example", "a4") == {}


def test_an_article_never_counts_towards_its_own_lexicon():
    lexicon = LocalLexicon()
    lexicon.learn(_result("big", [_town(f"Town{i}") for i in range(int(MIN_EVIDENCE) + 2)]))
    assert lexicon.shares("localpaper.example", "big") == {}
    assert lexicon.shares("localpaper.example", "other")[TEXAS] == 1.0


def test_learning_an_article_again_replaces_what_it_taught():
    lexicon = LocalLexicon()
    towns = [_town(f"Town{i}") for i in range(int(MIN_EVIDENCE))]
    lexicon.learn(_result("a1", towns))
    lexicon.learn(_result("a1", towns))
    assert lexicon.shares("localpaper.example", "a2") == {TEXAS: 1.0}


def test_countries_regions_and_articles_without_a_publisher_teach_nothing():
    lexicon = LocalLexicon()
    texas = Place("x-tx", "Texas", 31.0, -99.0, feature_class="A", feature_code="ADM1", country_code="US", admin1="Texas")
    lexicon.learn(_result("regions", [texas] * 20))
    lexicon.learn(_result("nowhere", [_town(f"Town{i}") for i in range(20)], url=None))
    assert lexicon.shares("localpaper.example", "x") == {}
    county = _town("Walker County", code="ADM2")
    lexicon.learn(_result("counties", [county] * int(MIN_EVIDENCE)))
    assert lexicon.shares("localpaper.example", "x") == {TEXAS: 1.0}


STORIES = [
    "Police in Arlington said the Fort Worth man was arrested near Grand Prairie.",
    "Dallas and Plano councils approved the budget.",
    "Schools in Lubbock, Amarillo and Abilene closed for the storm.",
    "Storms hit Waco and Austin overnight, and San Antonio braced for more.",
    "Houston and Galveston officials met in Beaumont.",
    "The El Paso and Laredo crossings reopened; Brownsville stayed shut.",
]


def test_a_local_paper_places_an_ambiguous_town_in_its_own_region(mapper):
    alone = mapper.map_text("The school board met in Mansfield on Monday.", id="m")
    [first] = {r.place.country_code for r in alone.resolutions if r.mention.text == "Mansfield"}
    assert first != "US"  # on its own, the best-known Mansfield (England) wins

    articles = [article_from_text(t, id=f"s{i}", url=f"{PAPER}s{i}") for i, t in enumerate(STORIES)]
    articles.append(article_from_text("The school board met in Mansfield on Monday.", id="m", url=f"{PAPER}m"))
    results = {r.article.id: r for r in mapper.map(articles)}
    mansfield = next(r for r in results["m"].resolutions if r.mention.text == "Mansfield")
    assert (mansfield.place.country_code, mansfield.place.admin1) == TEXAS
    assert [r.article.id for r in mapper.map(articles)] == [a.id for a in articles]  # order kept


def test_a_failure_in_a_batch_still_yields_the_articles_placed_before_it():
    def lookup(name: str) -> list[Candidate]:
        if name == "Boom":
            raise RuntimeError("the geocoder gave up")
        return [Candidate(_town(name), 1.0)]

    batch = [
        (article_from_text(f"{name}.", id=name, url=PAPER + name), [Mention(name, 0, len(name), "GPE", "p1")])
        for name in ("Springfield", "Boom", "Shelbyville")
    ]
    done = []
    with pytest.raises(RuntimeError, match="gave up"):
        for result in resolve_together(Resolver(lookup, lexicon=LocalLexicon()), batch):
            done.append(result)
    assert [r.article.id for r in done] == ["Springfield"]
    assert done[0].resolutions[0].place.name == "Springfield"


def test_a_run_looks_each_name_up_once_though_it_resolves_articles_twice(mapper):
    from mapper.pipeline import Mapper

    asked = []

    def geocoder(name: str) -> list[Candidate]:
        asked.append(name)
        return [Candidate(_town(name), 1.0)]

    counting = Mapper(mapper.model, mapper.gazetteer, geocoder=geocoder)
    articles = [article_from_text(t, id=f"s{i}", url=f"{PAPER}s{i}") for i, t in enumerate(STORIES * 2)]
    results = list(counting.map(articles))
    assert len(results) == len(articles)
    assert sorted(asked) == sorted(set(asked)) and "Dallas" in asked
