"""The big referent first: every country and first-level region is a candidate for its own name
and its common short forms, and a country's name resolves to a country."""

import sqlite3

import pytest

from mapper.ingest import article_from_text
from mapper.model import Mention
from mapper.resolve import Resolver
from mapper.gazetteer.sources import countries, short_forms


def _places(mapper, where: str) -> list[tuple[int, str, str]]:
    """(id, name, country) of the embedded gazetteer's places that match `where`."""
    with sqlite3.connect(f"file:{mapper.gazetteer.store.path}?mode=ro", uri=True) as db:
        return db.execute(f"SELECT id, name, country_code FROM places WHERE {where}").fetchall()


def _keys(mapper, name: str) -> set[str]:
    return {c.place.key for c in mapper.candidates(name)}


def _key(place_id: int) -> str:
    return f"gn{place_id}" if place_id > 0 else f"x{-place_id}"


def test_every_country_is_a_candidate_for_each_of_its_names(mapper):
    records = countries()
    assert len(records) > 240
    missing = [(name, r.name) for r in records for name in [r.name, *r.alternate_names]
               if name.isascii() and _key(r.id) not in _keys(mapper, name)]
    assert missing == []


def test_a_short_form_offers_every_country_that_goes_by_it(mapper):
    forms = short_forms(countries())
    assert {short: sorted(r.country_code for r in sharing) for short, sharing in forms.items()} == {
        "Congo": ["CD", "CG"], "Korea": ["KP", "KR"], "Macedonia": ["MK"]}
    for short, sharing in forms.items():
        assert {_key(r.id) for r in sharing} <= _keys(mapper, short)
    # a country's own name is not shared: "Sudan" is not South Sudan's, "Guinea" not Guinea-Bissau's
    assert {c.place.country_code for c in mapper.candidates("Sudan") if c.place.feature_code == "PCLI"} == {"SD"}
    assert {c.place.country_code for c in mapper.candidates("Guinea") if c.place.feature_code == "PCLI"} == {"GN"}


def test_macedonia_is_also_the_greek_region(mapper):
    found = {(c.place.feature_code, c.place.country_code) for c in mapper.candidates("Macedonia")}
    assert {("PCLI", "MK"), ("RGN", "GR")} <= found


def test_every_first_level_region_is_a_candidate_for_its_own_name(mapper):
    regions = _places(mapper, "feature_code = 'ADM1'")
    assert len(regions) > 3000
    missing = [(name, cc) for place_id, name, cc in regions if _key(place_id) not in _keys(mapper, name)]
    assert missing == []


def test_georgia_is_the_country_and_the_state(mapper):
    found = {(c.place.feature_code, c.place.country_code) for c in mapper.candidates("Georgia")}
    assert {("PCLI", "GE"), ("ADM1", "US")} <= found


def _resolved(mapper, text: str, name: str):
    start = text.index(name)
    mention = Mention(name, start, start + len(name), "GPE", "p1")
    result = Resolver(mapper.candidates).resolve(article_from_text(text, id="t"), [mention])
    return result.resolutions[0].place


def test_a_countrys_name_never_resolves_to_a_village(mapper):
    """Each country's name, alone in a neutral sentence, is a country (or, for the names that are
    also a region's, a region: "Georgia"), never one of the towns that share it. Known gap: a
    territory of a few dozen people ("Pitcairn", 46) still loses to a town of thousands."""
    wrong = []
    for record in (r for r in countries() if r.population >= 1000):
        name = record.name
        place = _resolved(mapper, f"Officials in {name} said on Monday that talks would resume.", name)
        if place is None or place.feature_class == "P":
            wrong.append((name, place and place.name, place and place.country_code))
    assert wrong == []


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Talks between the two Koreas stalled, and Korea stayed divided; Pyongyang tested a missile.", "Korea", None),
    ("Fighting in Congo displaced thousands; Kinshasa blamed the rebels.", "Congo", "CD"),
    ("Fighting in Congo displaced thousands; Brazzaville blamed the rebels.", "Congo", "CG"),
])
def test_the_short_form_follows_the_article(mapper, text, name, country):
    result = mapper.map_text(text)
    [resolution] = [r for r in result.resolutions if r.mention.text == name]
    assert resolution.place is not None and resolution.place.feature_code == "PCLI"
    if country:
        assert resolution.place.country_code == country


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Temperatures in Siberia fell to minus 50.", "Siberia", "RU"),  # not the village in Chiapas
    ("Drought is spreading across Patagonia.", "Patagonia", "AR"),  # not the village in Arizona
    ("A nor'easter battered New England.", "New England", "US"),  # not the town in North Dakota
    ("Snow blanketed much of the Midwest on Sunday.", "Midwest", "US"),
    ("Shelling continued in the Donbas.", "Donbas", "UA"),
    ("A typhoon made landfall in northern Luzon.", "Luzon", "PH"),  # not the village in Davao
    ("Orangutans in Borneo are losing their forest.", "Borneo", "ID"),
])
def test_a_region_news_names_by_its_parts_is_that_region(mapper, text, name, country):
    [place] = [r.place for r in mapper.map_text(text).resolutions if r.mention.text == name]
    assert place is not None and (place.feature_code, place.country_code) == ("RGN", country), place
