"""Oceans, seas, gulfs, bays and straits in the embedded gazetteer (Natural Earth's marine areas):
found by name with their kind, placed as the feature rather than a namesake, and never taking a
town's name from a story about the town. The sentences are written for these tests."""

import pytest

from mapper.data.make_physical_features import kind, label_point
from mapper.geodesy import haversine_km
from mapper.ingest import article_from_text
from mapper.resolve.gazetteer.geocoder import Gazetteer
from mapper.resolve.gazetteer.sources import physical_features


def test_a_marine_name_says_its_kind_in_any_of_natural_earths_languages():
    assert kind("Gulf of Aden") == "GULF" and kind("Golfo de California") == "GULF"
    assert kind("Bay of Bengal") == "BAY" and kind("Bahía de Campeche") == "BAY"
    assert kind("Strait of Malacca") == "STRT" and kind("English Channel") == "CHN"
    assert kind("Sognefjorden") == "FJD" and kind("Skagerrak") == "SEA"


def test_a_crescent_bay_is_placed_inside_itself_not_on_the_land_it_curves_around():
    # A C-shaped ring whose centroid falls in the gap on its open side.
    ring = [(0, 0), (4, 0), (4, 1), (1, 1), (1, 3), (4, 3), (4, 4), (0, 4)]
    lat, lon = label_point([ring])
    assert lon < 1 or lat < 1 or lat > 3


def test_oceans_are_also_known_by_the_short_name_news_uses():
    shorts = {r.name: r.alternate_names for r in physical_features()}
    assert shorts["Pacific Ocean"] == ["Pacific"] and shorts["Baltic Sea"] == ["Baltic"]
    assert shorts["Red Sea"] == [] and shorts["Indian Ocean"] == []  # a colour, a people


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()


@pytest.mark.parametrize("name, code, lat, lon", [
    ("Gulf of Aden", "GULF", 12.5, 48.0),
    ("the South China Sea", "SEA", 12.0, 113.0),
    ("Bay of Bengal", "BAY", 15.0, 88.0),
    ("the Pacific", "OCN", 0.0, -140.0),
])
def test_the_gazetteer_finds_a_sea_by_name_with_its_kind(gazetteer, name, code, lat, lon):
    best = gazetteer.geocode(name)
    assert (best.raw["feature_class"], best.raw["feature_code"]) == ("H", code)
    assert haversine_km(best.latitude, best.longitude, lat, lon) < 1500


def _places(mapper, text):
    [result] = list(mapper.map([article_from_text(text, id="story")]))
    return {g.resolutions[0].mention.text: g.place for g in result.places()}


@pytest.mark.parametrize("text, name, code, lat, lon", [
    ("Pirates fired on a tanker in the Gulf of Aden on Tuesday, and a warship escorted it to Djibouti.",
     "Gulf of Aden", "GULF", 12.5, 47.5),
    ("Rebels launched drones at cargo ships in the Red Sea, forcing them to sail around Africa.",
     "Red Sea", "SEA", 20.0, 38.5),
    ("Coast guard boats chased fishing crews across the South China Sea, officials in Manila said.",
     "South China Sea", "SEA", 12.0, 113.0),
])
def test_a_story_at_sea_places_the_sea_not_a_namesake(mapper, text, name, code, lat, lon):
    place = _places(mapper, text)[name]
    assert (place.feature_class, place.feature_code) == ("H", code)
    assert haversine_km(place.lat, place.lon, lat, lon) < 161


def test_a_town_story_keeps_its_town_of_an_oceans_name(mapper):
    places = _places(mapper, "Volunteers in Pacific, Missouri, and nearby Eureka filled sandbags as the Meramec rose.")
    assert places["Pacific"].feature_class == "P" and places["Pacific"].country_code == "US"
