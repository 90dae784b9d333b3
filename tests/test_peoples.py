"""Peoples' words ("Russian", "Nigerians"): context by default, toponyms of their country on request."""

import json

import pytest

from mapper.pipeline import Mapper
from mapper.recognize.demonyms import country_of
from tests.cli_runner import run_mapper


def test_a_demonym_points_to_its_country_in_every_form():
    assert country_of("Peruvian") == country_of("Peruvians") == "Peru"
    assert country_of("South Korean") == country_of("South  Koreans") == "South Korea"
    assert country_of("Sri Lankan") == "Sri Lanka"
    # Each variant the table lists names the country.
    assert country_of("Bosnian") == country_of("Herzegovinians") == "Bosnia and Herzegovina"
    # Shared with dependencies, a demonym is the independent country's.
    assert country_of("French") == "France" and country_of("Americans") == "United States"


def test_a_people_of_no_single_country_points_nowhere():
    # Two independent countries share these; the others the table gives no country.
    for word in ("Congolese", "Dominicans", "Arab", "Kurdish", "Latino", "Virgin Islanders"):
        assert country_of(word) is None, word


@pytest.fixture(scope="module")
def with_peoples(mapper):
    return Mapper(gazetteer=mapper.gazetteer, peoples=True)


def _toponyms(mapper, text):
    return [(r.mention.text, r.mention.start, r.mention.end, r.place.country_code if r.place else None)
            for r in mapper.map_text(text).resolutions]


SPOKESMEN = "A Russian delegation left the summit early; Russian officials said talks would resume."


def test_by_default_a_people_is_no_toponym(mapper):
    assert _toponyms(mapper, SPOKESMEN) == []


def test_on_request_a_people_is_a_toponym_of_its_country_with_the_words_span(with_peoples):
    result = with_peoples.map_text(SPOKESMEN)
    assert [(r.mention.start, r.mention.end) for r in result.resolutions] == [(2, 9), (44, 51)]
    for r in result.resolutions:
        assert SPOKESMEN[r.mention.start:r.mention.end] == "Russian"
        assert (r.place.name, r.place.geonameid, r.place.feature_code) == ("Russia", 2017370, "PCLI")
        assert 0.5 < r.confidence <= 1.0
    assert [group.place.name for group in result.places()] == ["Russia"]


def test_peoples_in_the_plural_and_in_two_words(with_peoples):
    text = "Ukrainians and Filipinos queued at the consulate, and Sri Lankan officials said the port would reopen."
    assert _toponyms(with_peoples, text) == [
        ("Ukrainians", 0, 10, "UA"), ("Filipinos", 15, 24, "PH"), ("Sri Lankan", 54, 64, "LK"),
    ]


def test_a_people_of_no_single_country_stays_out(with_peoples):
    assert _toponyms(with_peoples, "Kurdish and Congolese fighters crossed the river at dawn.") == []


def test_a_place_named_as_a_people_is_still_the_place(mapper, with_peoples):
    text = "Investigators studied the Aleppo bombing for weeks."
    expected = [("Aleppo", 26, 32, "SY")]
    assert _toponyms(mapper, text) == _toponyms(with_peoples, text) == expected


def test_geoparse_and_evaluate_take_peoples(tmp_path):
    start = SPOKESMEN.index("Russian")
    gold = {"id": "g1", "text": SPOKESMEN, "toponyms": [
        {"start": start, "end": start + 7, "lat": 60.0, "lon": 100.0},  # as a corpus that counts peoples has it
    ]}
    source = tmp_path / "gold.jsonl"
    source.write_text(json.dumps(gold) + "\n")
    plain, peoples = run_mapper("geoparse", source), run_mapper("geoparse", source, "--peoples")
    assert plain.returncode == peoples.returncode == 0, plain.stderr + peoples.stderr
    assert json.loads(plain.stdout)["toponyms"] == []
    russian = json.loads(peoples.stdout)["toponyms"][0]
    assert (russian["start"], russian["end"], russian["name"]) == (start, start + 7, "Russian")
    assert (russian["country_code"], russian["feature_code"], russian["geonameid"]) == ("RU", "PCLI", 2017370)
    assert json.loads(run_mapper("evaluate", source, "--json").stdout)["ner_exact"]["tp"] == 0
    scored = json.loads(run_mapper("evaluate", source, "--json", "--peoples").stdout)
    assert scored["ner_exact"]["tp"] == 1 and scored["geo_exact"]["acc@161km"] == 1.0
