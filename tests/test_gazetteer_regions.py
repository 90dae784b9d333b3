"""Regions beyond the towns: GeoNames' first-level regions joined to countrystatecity's, and
regions of the world made of whole countries."""

from mapper.gazetteer.geonames_regions import GeoNamesRegion
from mapper.gazetteer.admin_regions import _display_name, _geonames_links, _news_name
from mapper.gazetteer.world_regions import (
    WorldRegion,
    _news_forms,
    people_vector,
    standard_regions,
    world_region_points,
)


def _geonames_region(code, iso, geonameid):
    return GeoNamesRegion("XX", code, iso, geonameid, f"Region {code}", ())


def test_a_region_is_geonames_by_its_iso_code_else_by_the_vote_of_its_towns():
    states = [{"country_code": "XX", "state_code": code} for code in ("A", "B", "C", "D")]
    regions = [_geonames_region("01", "A", 1), _geonames_region("02", "", 2), _geonames_region("03", "", 3)]
    votes = {("XX", "B"): "02", ("XX", "C"): "01", ("XX", "D"): "09"}
    links = _geonames_links(states, regions, votes)
    assert {key[1]: region.geonameid for key, region in links.items()} == {"A": 1, "B": 2}
    # C's towns vote for 01, which A is by its ISO code; D's for a code GeoNames does not list.


def test_a_region_keeps_only_the_alternate_names_news_can_use():
    assert _news_name("Crimea") and _news_name("Kharkiv Oblast") and _news_name("Чечня")
    assert not _news_name("CAR") and not _news_name("Central") and not _news_name("Coast")


def test_a_region_shows_the_name_news_writes_with_its_type_word():
    alternates = ("California Republic", "Kharkiv", "Kharkiv Oblast", "Kharkivs’ka Oblast’")
    assert _display_name("Kharkivska", "region", alternates) == "Kharkiv Oblast"
    assert _display_name("Moscow", "administrative region", ("Moscow", "Moscow Oblast")) == "Moscow Oblast"
    assert _display_name("California", "state", alternates) == "California"  # no type word of a state's name
    assert _display_name("Tatarstan", "republic", ("Tatarstan Republic",)) == "Tatarstan"
    assert _display_name("Lviv", "region", ("Lvivska oblast",)) == "Lviv"  # a lower-case type word describes
    # the adjective's stem spelled otherwise at its end
    assert _display_name("Zaporizka", "region", ("Zaporizhzhia", "Zaporizhzhia Oblast")) == "Zaporizhzhia Oblast"
    assert _display_name("Odeska", "region", ("Odesa Oblast",)) == "Odesa Oblast"
    assert _display_name("Sumska", "region", ("Sumy Oblast",)) == "Sumy Oblast"
    assert _display_name("Odeska", "region", ("Oblast Oblast", "Ode Oblast")) == "Odeska"  # no stem of its own


def test_a_renamed_region_is_still_found_by_its_old_name(mapper):
    by_new, by_old = mapper.gazetteer.geocode("Kharkiv Oblast"), mapper.gazetteer.geocode("Kharkivska")
    assert by_new.raw["name"] == by_old.raw["name"] == "Kharkiv Oblast"
    moscow = [l.raw for l in mapper.gazetteer.geocode("Moscow", exactly_one=False)]
    assert {"Moscow Oblast"} <= {r["name"] for r in moscow if r["feature_code"] == "ADM1"}  # not a second "Moscow"
    [resolution] = mapper.map_text("Protests spread in Moscow on Sunday.").resolutions
    assert resolution.place.feature_code == "PPLC"


def test_regions_carry_geonames_ids_and_names(mapper):
    for name, geonameid in (("Chechnya", 569665), ("Crimea", 703883), ("Hokkaido", 2130037), ("Texas", 4736286)):
        region = mapper.gazetteer.geocode(name)
        assert (region.raw["feature_code"], region.raw["geonameid"]) == ("ADM1", geonameid), name


def test_geonames_regions_that_countrystatecity_lacks_are_added_at_their_towns(mapper):
    west_bank = mapper.gazetteer.geocode("West Bank")
    assert (west_bank.raw["key"], west_bank.raw["feature_code"], west_bank.raw["country_code"]) == (
        "gn285153", "ADM1", "PS")
    assert 31.3 < west_bank.latitude < 32.6 and 34.9 < west_bank.longitude < 35.6
    # Not the parishes of small territories that GeoNames lists as first-level units.
    assert all(c.raw["feature_code"] != "ADM1" for c in mapper.gazetteer.geocode("Douglas", exactly_one=False))


def test_world_regions_are_named_as_news_names_them():
    assert _news_forms("Western Africa", "011") == ("West Africa",)
    assert _news_forms("European Union", "EU") == ("EU",)  # its code is its initials
    assert _news_forms("Eurozone", "EZ") == () and _news_forms("Southeast Asia", "035") == ()


def test_standard_world_regions_are_parts_of_the_world():
    regions = {r.name: r for r in standard_regions()}
    assert "ID" in regions["Southeast Asia"].members and "NG" in regions["Western Africa"].members
    assert "United Nations" not in regions  # a grouping of every region names no part of the world


def test_a_world_region_lies_at_the_centre_of_its_people_on_the_sphere():
    people = {"FJ": people_vector(-18.0, 178.0, 900_000), "WS": people_vector(-13.8, -172.0, 200_000),
              "XX": None}
    [(_, lat, lon)] = world_region_points([WorldRegion("Pacific islands", ("FJ", "WS", "XX"))], people.get)
    assert -18 < lat < -13 and abs(lon) > 170  # across the antimeridian, not at longitude 0
    assert list(world_region_points([WorldRegion("Nowhere", ("XX",))], people.get)) == []


def test_world_regions_in_the_default_gazetteer(mapper):
    middle_east = mapper.gazetteer.geocode("Middle East")  # not a hamlet in Maryland
    assert middle_east.raw["feature_code"] == "RGN"
    assert 25 < middle_east.latitude < 38 and 30 < middle_east.longitude < 50
    assert mapper.gazetteer.geocode("EU").raw["name"] == "European Union"  # not Eu, a town in Normandy
    assert mapper.gazetteer.geocode("West Africa").raw["name"] == "Western Africa"
    assert mapper.gazetteer.geocode("South Africa").raw["feature_code"] == "PCLI"  # no form of Southern Africa
