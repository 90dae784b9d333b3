"""What the text itself says a place is, pinned on our own sentences: the kind of place it calls
each mention (a city, a province of the same name), and the country it puts a town in, even where
the gazetteer lacks that town."""

import pytest

from mapper.reliability import UNCERTAIN


def _resolutions(mapper, text):
    return [(r.mention.text, r.place, r.confidence) for r in mapper.map_text(text).resolutions]


def _places(mapper, text):
    """Each name's place (None where it is not placed), by the name as the text writes it."""
    return {name: place for name, place, _ in _resolutions(mapper, text)}


def _assert_placed_in(mapper, text, name, country):
    found = _places(mapper, text)
    assert name in found, sorted(found)
    assert found[name] is not None and found[name].country_code == country, found[name]


@pytest.mark.parametrize("text", [
    "Toledo is a city in central Spain and the capital of the province of Toledo.",
    "Córdoba is a city in Andalusia. It is the capital of the province of Córdoba.",
    "Police in the Spanish city of Toledo said the fire spread into the province of Toledo overnight.",
    "Officials in Marib province said the fighting had reached the outskirts of Marib city.",
])
def test_a_city_and_its_namesake_province_are_each_what_the_text_calls_them(mapper, text):
    found = _resolutions(mapper, text)
    name = found[0][0]
    places = [place for text_, place, _ in found if text_ == name]
    assert len(places) == 2 and all(places), found
    assert {place.country_code for place in places} in ({"ES"}, {"YE"}), places
    assert sorted((place.is_town, place.is_region) for place in places) == [(False, True), (True, False)], places


def test_a_name_called_only_a_region_stays_one_region(mapper):
    """No town mention, no split: every mention follows "the Kherson region"."""
    found = _resolutions(mapper, "Drones hit the Kherson region overnight. Officials in Kherson said power was out.")
    places = {place.key for text, place, _ in found if text == "Kherson"}
    assert len(places) == 1


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Sheep farmers near Darwin, Falkland Islands, said the winter had been hard.", "Darwin", "FK"),
    ("Darwin is a settlement in the Falkland Islands, on East Falkland.", "Darwin", "FK"),
    ("Gunmen reached Kfar Aza, a kibbutz in southern Israel, on Saturday.", "Kfar Aza", "IL"),
])
def test_a_town_the_gazetteer_lacks_is_pinned_uncertain_in_the_small_country_the_text_names(
        mapper, text, name, country):
    """Not at a namesake on another continent (Darwin, Australia, had been drawn certain)."""
    found = {text_: (place, confidence) for text_, place, confidence in _resolutions(mapper, text)}
    place, confidence = found[name]
    assert place is not None and place.country_code == country, place
    assert confidence < UNCERTAIN


def test_a_town_the_gazetteer_lacks_in_a_large_country_is_shown_as_not_placed(mapper):
    """A pin at a large country's middle would be far from the truth, and Cambridge, England is
    not in Brazil: the name is listed as not placed, for the reader to pin."""
    found = _places(mapper, "A convoy reached Cambridge, Brazil, on Monday.")
    assert "Cambridge" in found and found["Cambridge"] is None


@pytest.mark.parametrize(("text", "name", "country"), [
    ("The fleet sailed from Sevastopol, Russia, the ministry in Moscow said.", "Sevastopol", "UA"),
    ("Protesters gathered in Kowloon, China, on Sunday.", "Kowloon", "HK"),
    ("She was born in Lagos, Nigeria, and studied in Accra, Ghana.", "Accra", "GH"),
])
def test_a_country_the_text_draws_otherwise_keeps_the_town(mapper, text, name, country):
    """A town in a neighbour of the named country, or within its reach, is still the town."""
    _assert_placed_in(mapper, text, name, country)


def test_towns_listed_after_a_country_named_town_stay_towns(mapper):
    """ "from Waco, Palestine and Tyler": Palestine is a Texan town in a list, not the container."""
    found = _places(mapper, "Volunteers came from Waco, Palestine and Tyler to help the museum in Texas.")
    assert found["Waco"] is not None and found["Waco"].country_code == "US"


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Aid ships finally reached Hodeidah, Yemen, and Aden.", "Hodeidah", "YE"),  # GeoNames' Al Hudaydah
    ("Gunmen reached Kfar Aza, a kibbutz in southern Israel, on Saturday.", "Kfar Aza", "IL"),  # "a person"
])
def test_a_town_by_another_spelling_is_found_before_its_country_or_in_a_definition(mapper, text, name, country):
    _assert_placed_in(mapper, text, name, country)


def test_a_possessive_country_after_a_town_is_no_container(mapper):
    """ "said Saleh, Yemen's envoy": a man, not a town before its country."""
    found = set(_places(mapper, "The talks stalled, said Saleh, Yemen's envoy to the UN."))
    assert "Saleh" not in found


@pytest.mark.parametrize(("text", "names", "code"), [
    ("Russia has annexed the Donetsk and Luhansk regions.", ("Donetsk", "Luhansk"), "ADM1"),
    ("Aid reached Idlib and Aleppo provinces.", ("Idlib", "Aleppo"), "ADM1"),
    ("Fighting spread to the Homs and Hama Governorates.", ("Homs", "Hama"), "ADM1"),
    ("Fires spread in Orange and Riverside counties.", ("Orange", "Riverside"), "ADM2"),
])
def test_names_sharing_a_plural_kind_word_are_each_of_that_kind(mapper, text, names, code):
    found = _places(mapper, text)
    for name in names:
        assert found.get(name) is not None and found[name].feature_code == code, (name, found.get(name))


@pytest.mark.parametrize(("text", "name", "country"), [
    ("The man flew from Florida to Uruguay that day.", "Florida", "US"),
    ("Flights from Paris to Texas were cancelled.", "Paris", "FR"),
    ("She moved to Paris from Texas as a child.", "Paris", "FR"),
])
def test_one_end_of_a_journey_is_not_inside_the_other(mapper, text, name, country):
    """The country at the other end had made its own namesake likeliest (Florida, Uruguay)."""
    _assert_placed_in(mapper, text, name, country)


def test_a_journey_inside_a_country_keeps_its_ends_there(mapper):
    found = _places(mapper, "Refugees fled from Mariupol to Zaporizhzhia in Ukraine.")
    assert found["Mariupol"].country_code == "UA" and found["Zaporizhzhia"].country_code == "UA"


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Thousands marched in Sao Paulo and Rio de Janeiro.", "Rio de Janeiro", "town"),
    ("Storms hit New York, New Jersey and Connecticut.", "New York", "region"),
    ("Fires burned in Minas Gerais and Bahia.", "Bahia", "region"),
])
def test_metropolises_named_like_their_regions_are_no_list_of_regions(mapper, text, name, kind):
    """Two metropolises named like their states are the cities; a list with a state named like no
    metropolis is a list of states."""
    found = _places(mapper, text)
    place = found[name]
    assert place is not None and place.is_town == (kind == "town") and place.is_region == (kind == "region"), place
