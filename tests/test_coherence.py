"""Spatial coherence: how far a name's place lies from the article's other places."""

import pytest

from mapper.geodesy import haversine_km
from mapper.model import Place
from mapper.resolve.coherence import FAR_KM, NEAR_KM, closeness, far_and_small, nearest_km

LEXINGTON = Place("gn4297999", "Lexington", 37.99, -84.48, 4297999, "P", "PPL", "US", "Kentucky", 320_347)
PARIS_KY = Place("gn4303602", "Paris", 38.21, -84.25, 4303602, "P", "PPL", "US", "Kentucky", 9_870)
PARIS_FR = Place("gn2988507", "Paris", 48.85, 2.35, 2988507, "P", "PPLC", "FR", "Île-de-France", 2_138_551)
MILLERSBURG = Place("gn4300488", "Millersburg", 38.30, -84.15, 4300488, "P", "PPL", "US", "Kentucky", 800)
PARIS_TX = Place("gn4717560", "Paris", 33.66, -95.56, 4717560, "P", "PPL", "US", "Texas", 24_782)
KENTUCKY = Place("gn6254925", "Kentucky", 37.5, -85.0, 6254925, "A", "ADM1", "US", "Kentucky", 3_343_217)
TEXAS = Place("gn4736286", "Texas", 31.25, -99.25, 4736286, "A", "ADM1", "US", "Texas", 25_145_561)
USA = Place("gn6252001", "United States", 39.76, -98.5, 6252001, "A", "PCLI", "US", "", 327_167_434)
FRANCE = Place("gn3017382", "France", 46.0, 2.0, 3017382, "A", "PCLI", "FR", "", 66_987_244)


def test_nearest_is_the_closest_other_place():
    [lexington, paris, _] = nearest_km([LEXINGTON, PARIS_KY, PARIS_TX])
    assert lexington == pytest.approx(haversine_km(LEXINGTON.lat, LEXINGTON.lon, PARIS_KY.lat, PARIS_KY.lon))
    assert paris == lexington


def test_a_region_or_country_and_a_place_inside_it_are_together():
    assert nearest_km([PARIS_TX, TEXAS, LEXINGTON]) == [0.0, 0.0, pytest.approx(
        haversine_km(LEXINGTON.lat, LEXINGTON.lon, PARIS_TX.lat, PARIS_TX.lon))]
    assert nearest_km([FRANCE, PARIS_FR])[0] == 0.0


def test_a_country_says_nothing_about_which_of_its_towns_a_story_means():
    """ "the U.S." contains every American namesake: it supports no town, though a town supports it."""
    assert nearest_km([PARIS_TX, USA]) == [None, 0.0]
    [paris, _, _] = nearest_km([PARIS_TX, USA, KENTUCKY])
    assert paris > 1_000


def test_an_only_place_and_a_second_name_for_the_same_place_have_no_neighbour():
    assert nearest_km([PARIS_FR]) == [None]
    assert nearest_km([USA, USA]) == [None, None]
    assert nearest_km([]) == []


def test_many_places_are_compared_in_blocks_with_the_same_answer():
    towns = [Place(f"t{i}", "T", 30 + i * 0.01, -90.0, None, "P", "PPL", "US", "X", 1000) for i in range(1200)]
    found = nearest_km(towns)
    assert len(found) == 1200 and max(found) == pytest.approx(haversine_km(30, -90, 30.01, -90), rel=1e-3)


def test_closeness_runs_from_beside_to_the_antipode():
    assert closeness(0.0) == 0.0 and closeness(None) == 0.0
    assert closeness(20_037.5) == pytest.approx(1.0)
    assert closeness(100.0) < closeness(1_000.0) < closeness(10_000.0)


def test_far_and_small_is_a_small_town_far_from_all_the_others():
    assert far_and_small(MILLERSBURG, 7_000.0) == 1.0
    assert far_and_small(MILLERSBURG, 1_000.0) == pytest.approx(0.53, abs=0.01)  # log scale from 161 to 5,000 km
    assert 1.0 > far_and_small(PARIS_KY, 7_000.0) > far_and_small(PARIS_TX, 7_000.0) > far_and_small(PARIS_FR, 7_000.0)
    assert far_and_small(PARIS_KY, NEAR_KM) == 0.0 and far_and_small(PARIS_KY, None) == 0.0
    assert far_and_small(PARIS_KY, FAR_KM) == far_and_small(PARIS_KY, 2 * FAR_KM)
    assert far_and_small(FRANCE, 7_000.0) == 0.0 and far_and_small(KENTUCKY, 7_000.0) == 0.0
