"""The whole path on the sample article: the places a reader expects, where GeoNames puts them."""

import pytest
from geopy.distance import geodesic

from mapper.ingest import read_articles
from tests.conftest import SAMPLE

# GeoNames points (geonameid: lat, lon) of the places the story happens in.
TOWNS = {
    "Aleppo": (170063, 36.20124, 37.16117),
    "al-Safira": (172503, 36.07696, 37.37251),
    "Deir Ezzor": (170794, 35.33588, 40.14084),
    "Homs": (169577, 34.72682, 36.72339),
    "Jerusalem": (281184, 31.76904, 35.21633),
    "Tehran": (112931, 35.69439, 51.42151),
}
COUNTRIES = {"Syria": "SY", "Israel": "IL", "Iran": "IR", "Iraq": "IQ", "Jordan": "JO", "Lebanon": "LB"}


@pytest.fixture(scope="module")
def result(mapper):
    [article] = read_articles(SAMPLE)
    return next(mapper.map([article]))


def _resolutions(result, name):
    found = [r for r in result.resolutions if r.mention.text == name]
    assert found, f"{name} not recognized"
    return found


@pytest.mark.parametrize("name", sorted(TOWNS))
def test_towns_within_25_km(result, name):
    _, lat, lon = TOWNS[name]
    for r in _resolutions(result, name):
        assert r.place is not None, f"{name} not placed"
        assert geodesic((lat, lon), (r.place.lat, r.place.lon)).km <= 25, r.place


@pytest.mark.parametrize("name", sorted(COUNTRIES))
def test_countries_are_the_country(result, name):
    for r in _resolutions(result, name):
        assert r.place.country_code == COUNTRIES[name]
        assert r.place.feature_code == "PCLI"


def test_party_is_not_a_town(result):
    placed = [r for r in result.resolutions if r.mention.text == "Yamina" and r.place is not None]
    assert placed == []


def test_every_mention_points_into_its_paragraph(result):
    article = result.article
    for r in result.resolutions:
        paragraph = article.paragraph(r.mention.paragraph_id)
        assert paragraph.start <= r.mention.start < r.mention.end <= paragraph.end
        assert article.text[r.mention.start:r.mention.end] == r.mention.text


def test_places_carry_confidence_and_runners_up(result):
    homs = _resolutions(result, "Homs")[0]
    assert 0.5 < homs.confidence <= 1
    assert "LY" in {c.place.country_code for c in homs.runners_up}  # Al Khums was considered
