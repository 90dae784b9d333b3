"""Resolution: the article decides between namesakes; every answer carries confidence and runners-up."""

import math
from dataclasses import replace

import pytest

from mapper.ingest import article_from_text
from mapper.model import Candidate, Mention, Place
from mapper.resolve import Resolver
from mapper.resolve.resolver import _a_facility_after_the

SYRIA = Place("gn163843", "Syria", 35.0, 38.0, 163843, "A", "PCLI", "SY", "", 17_000_000)
LIBYA = Place("gn2215636", "Libya", 28.0, 17.0, 2215636, "A", "PCLI", "LY", "", 6_600_000)
HOMS_SY = Place("gn169577", "Homs", 34.7, 36.7, 169577, "P", "PPL", "SY", "Homs", 775_404)
HOMS_REGION = Place("x1002942", "Homs", 34.5, 37.9, None, "A", "ADM1", "SY", "Homs", 1_063_969)
KHUMS_LY = Place("gn2219905", "Al Khums", 32.6, 14.3, 2219905, "P", "PPL", "LY", "Murqub", 201_943)

CANDIDATES = {
    "Syria": [Candidate(SYRIA, 0.9)],
    "Libya": [Candidate(LIBYA, 0.9)],
    # As if Homs were the bigger name in Libya: only the article can tell them apart.
    "Homs": [Candidate(KHUMS_LY, 0.62), Candidate(HOMS_SY, 0.6), Candidate(HOMS_REGION, 0.65)],
}


def _resolve(text, candidates=CANDIDATES):
    article = article_from_text(text, id="a")
    mentions = []
    for name in candidates:
        start = text.find(name)
        while start >= 0:
            mentions.append(Mention(name, start, start + len(name), "GPE", "p1"))
            start = text.find(name, start + 1)
    mentions.sort(key=lambda m: m.start)
    return Resolver(lambda name: candidates.get(name, [])).resolve(article, mentions)


def _place_of(result, name):
    return next(r.place for r in result.resolutions if r.mention.text == name)


def test_the_article_country_picks_the_namesake():
    assert _place_of(_resolve("Shelling near Homs, in western Syria."), "Homs") == HOMS_SY
    assert _place_of(_resolve("Shelling near Homs, on the coast of Libya."), "Homs") == KHUMS_LY


def test_the_countries_around_pick_the_namesake_in_their_neighbour():
    israel = Place("gn294640", "Israel", 31.5, 34.75, 294640, "A", "PCLI", "IL", "", 7_353_985)
    egypt = Place("gn357994", "Egypt", 27.0, 30.0, 357994, "A", "PCLI", "EG", "", 80_471_869)
    gaza_ps = Place("gn281133", "Gaza", 31.5, 34.47, 281133, "P", "PPL", "PS", "Gaza Strip", 410_000)
    gaza_region = Place("x1005120", "Gaza", 31.49, 34.15, None, "A", "ADM1", "PS", "", 0)
    gaza_mz = Place("x1003329", "Gaza", -23.3, 32.8, None, "A", "ADM1", "MZ", "Gaza", 384_964)
    candidates = {  # as the embedded gazetteer has them; neither country named is Gaza's own
        "Israel": [Candidate(israel, 0.9)], "Egypt": [Candidate(egypt, 0.9)],
        "Gaza": [Candidate(gaza_mz, 0.6), Candidate(gaza_ps, 0.6), Candidate(gaza_region, 0.3)],
    }
    result = _resolve("Egypt keeps its crossing into Gaza shut, and Israel controls the rest of the border.", candidates)
    assert _place_of(result, "Gaza").country_code == "PS"


def test_a_city_beats_the_region_named_after_it():
    assert _place_of(_resolve("Fighting in Homs. Syria said."), "Homs").feature_class == "P"


def test_confidence_and_runners_up():
    result = _resolve("Shelling near Homs, in western Syria. Syria again.")
    homs = next(r for r in result.resolutions if r.mention.text == "Homs")
    assert 0 < homs.confidence <= 1
    assert [c.place for c in homs.runners_up] and HOMS_SY not in [c.place for c in homs.runners_up]
    assert all(0 <= c.score <= 1 for c in homs.runners_up)
    assert homs.runners_up == tuple(sorted(homs.runners_up, key=lambda c: -c.score))
    syria = next(r for r in result.resolutions if r.mention.text == "Syria")
    assert syria.confidence > homs.confidence  # one candidate, a country: no doubt


def test_unknown_word_or_street_is_dropped_but_unknown_natural_feature_stays_unplaced():
    text = "Atlantis and Syria and Syria near the Sunda Shelf, off Main Street, by Lake Lanier's new beach."
    article = article_from_text(text, id="a")
    mentions = [Mention(name, text.index(name), text.index(name) + len(name), label, "p1")
                for name, label in (("Atlantis", "GPE"), ("Sunda Shelf", "LOC"), ("Main Street", "FAC"),
                                    ("Lake Lanier", "GPE"), ("new beach", "LOC"))]
    mentions += [Mention("Syria", 13, 18, "GPE", "p1"), Mention("Syria", 23, 28, "GPE", "p1")]
    result = Resolver(lambda name: CANDIDATES.get(name, [])).resolve(article, sorted(mentions, key=lambda m: m.start))
    assert [r.mention.text for r in result.resolutions] == ["Syria", "Syria", "Sunda Shelf", "Lake Lanier"]
    # NER's label does not matter: the small model calls many lakes GPE.
    assert [r.mention.text for r in result.unresolved] == ["Sunda Shelf", "Lake Lanier"]
    assert [g.place for g in result.places()] == [SYRIA]
    assert len(result.places()[0].resolutions) == 2


def test_a_name_only_villages_have_as_another_name_is_unknown():
    village = Place("gn1", "Mountain City", 36.5, -81.8, 1, "P", "PPL", "US", "Tennessee", 1_061)
    town = Place("gn2", "Bombay Hook", 39.3, -75.5, 2, "P", "PPL", "US", "Delaware", 12_000)
    candidates = {
        "Passover": [Candidate(village, 0.5, "alternate")],
        "Passover Creek": [Candidate(village, 0.5, "alternate")],
        "Mountain City": [Candidate(village, 0.5)],  # its own name
        "Bombay": [Candidate(town, 0.5, "alternate"), Candidate(village, 0.1, "alternate")],  # a town's
    }
    text = "Passover in Mountain City, by Passover Creek and Bombay."
    mentions = [Mention(name, text.index(name), text.index(name) + len(name), "GPE", "p1")
                for name in ("Passover", "Mountain City", "Passover Creek", "Bombay")]
    result = Resolver(lambda name: candidates.get(name, [])).resolve(article_from_text(text, id="a"), mentions)
    # "Passover" is dropped as an unknown word; "Passover Creek", an unknown creek, stays unplaced.
    assert [(r.mention.text, r.place is not None) for r in result.resolutions] == [
        ("Mountain City", True), ("Passover Creek", False), ("Bombay", True)]


def test_runners_up_are_other_answers_far_from_the_winner():
    """The region named like the winning city is the same answer on a map, not a runner-up."""
    homs = next(r for r in _resolve("Shelling near Homs, in western Syria.").resolutions if r.mention.text == "Homs")
    assert [c.place for c in homs.runners_up] == [KHUMS_LY]
    # Two answers: the runner-up never outscores the winner, and together they claim no more than certainty.
    assert homs.runners_up[0].score <= homs.confidence and homs.confidence + homs.runners_up[0].score <= 1.0


def test_a_people_steers_a_namesake_and_is_no_place_on_the_map():
    text = "Syrians fled shelling near Homs."
    article = article_from_text(text, id="a")
    mentions = [Mention("Syrians", 0, 7, "NORP", "p1", refers_to="Syria"), Mention("Homs", 27, 31, "GPE", "p1")]
    result = Resolver(lambda name: CANDIDATES.get(name, [])).resolve(article, mentions)
    assert [r.mention.text for r in result.resolutions] == ["Homs"]
    assert result.resolutions[0].place.country_code == "SY"
    alone = Resolver(lambda name: CANDIDATES.get(name, [])).resolve(article, mentions[1:])
    assert alone.resolutions[0].confidence < result.resolutions[0].confidence


WEST_VIRGINIA = Place("gn4826850", "West Virginia", 38.5, -80.5, 4826850, "A", "ADM1", "US", "West Virginia", 1_800_000)
PENNSYLVANIA = Place("gn6254927", "Pennsylvania", 40.9, -77.8, 6254927, "A", "ADM1", "US", "Pennsylvania", 12_800_000)
CALIFORNIA = Place("gn5332921", "California", 37.3, -119.8, 5332921, "A", "ADM1", "US", "California", 37_000_000)


def test_the_region_the_text_names_after_a_name_beats_a_bigger_namesake():
    wood_oh = Place("gn5176937", "Wood County", 41.4, -83.6, 5176937, "A", "ADM2", "US", "Ohio", 5_000_000)
    wood_wv = Place("gn4827560", "Wood County", 39.2, -81.5, 4827560, "A", "ADM2", "US", "West Virginia", 500)
    ohio = Place("gn5165418", "Ohio", 40.4, -82.5, 5165418, "A", "ADM1", "US", "Ohio", 11_500_000)
    candidates = {"Wood County": [Candidate(wood_oh, 0.7), Candidate(wood_wv, 0.3)],
                  "W. Va.": [Candidate(WEST_VIRGINIA, 0.9)], "Ohio": [Candidate(ohio, 0.9)]}
    text = "Ohio police said the Ohio man, wanted in Ohio, was held in Wood County, W. Va., on Monday."
    result = _resolve(text, candidates)
    assert _place_of(result, "Wood County") == wood_wv


def test_a_country_before_a_comma_may_open_a_list_of_countries():
    china = Place("gn1814991", "China", 35.0, 105.0, 1814991, "A", "PCLI", "CN", "", 1_330_044_000)
    china_jp = Place("gn1861084", "China", 27.3, 128.6, 1861084, "P", "PPL", "JP", "Kagoshima", 5_600)
    japan = Place("gn1861060", "Japan", 35.7, 139.8, 1861060, "A", "PCLI", "JP", "", 127_288_000)
    korea = Place("gn1835841", "South Korea", 36.5, 127.8, 1835841, "A", "PCLI", "KR", "", 48_422_644)
    candidates = {"China": [Candidate(china, 0.8), Candidate(china_jp, 0.2)], "Japan": [Candidate(japan, 0.9)],
                  "Korea": [Candidate(korea, 0.9, "alternate")]}
    result = _resolve("Cases were reported in China, Japan and Korea.", candidates)
    assert _place_of(result, "China") == china


def test_a_name_only_foreign_villages_bear_is_as_good_as_unknown():
    uk = Place("gn2635167", "United Kingdom", 54.75, -2.7, 2635167, "A", "PCLI", "GB", "", 66_000_000)
    london = Place("gn2643743", "London", 51.5, -0.13, 2643743, "P", "PPLC", "GB", "England", 8_900_000)
    soho_au = Place("gn9999001", "Soho", -30.7, 121.5, 9999001, "P", "PPL", "AU", "Western Australia", 700)
    candidates = {"London": [Candidate(london, 0.9)], "United Kingdom": [Candidate(uk, 0.9)],
                  "Soho": [Candidate(soho_au, 0.5)]}
    result = _resolve("Police in London, United Kingdom, searched a noodle shop in Soho.", candidates)
    assert [r.mention.text for r in result.resolutions] == ["London", "United Kingdom"]  # not a pin in Australia
    alone = _resolve("A noodle shop in Soho closed.", candidates)  # no other name: nothing says elsewhere
    assert _place_of(alone, "Soho") == soho_au


def test_a_county_named_in_full_is_what_its_short_name_means_where_no_town_of_the_name_is_in_it():
    dekalb_il = Place("gn4889553", "DeKalb", 41.93, -88.75, 4889553, "P", "PPL", "US", "Illinois", 43_000)
    dekalb_county_ga = Place("x100013089", "DeKalb County", 33.77, -84.23, None, "A", "ADM2", "US", "Georgia", 0)
    candidates = {"DeKalb": [Candidate(dekalb_il, 0.9)], "DeKalb County": [Candidate(dekalb_county_ga, 0.9)]}
    result = _resolve("A main broke in DeKalb County. DeKalb police closed the road.", candidates)
    assert all(r.place == dekalb_county_ga for r in result.resolutions)

    lancaster = Place("gn5197079", "Lancaster", 40.04, -76.31, 5197079, "P", "PPL", "US", "Pennsylvania", 59_000)
    lancaster_county = Place("x100042071", "Lancaster County", 40.04, -76.25, None, "A", "ADM2", "US",
                             "Pennsylvania", 0)
    candidates = {"Lancaster": [Candidate(lancaster, 0.9)], "Lancaster County": [Candidate(lancaster_county, 0.9)]}
    result = _resolve("Farms in Lancaster County sell in Lancaster.", candidates)
    assert _place_of(result, "Lancaster") == lancaster  # the town lies in the county: the town it is


def test_nearby_weighs_the_other_names_points_by_distance_and_ignores_its_own():
    from mapper.geodesy import haversine_km
    from mapper.resolve.features import NEARBY_KM, Name, _LikelyPoints

    def name(text, *places):
        candidates = [Candidate(p, 1.0, "name") for p in places]
        return Name(text, [Mention(text, 0, len(text), "GPE", "p1")], candidates,
                    belief=[1.0 / len(places)] * len(places))

    names = [name("Homs", HOMS_SY, HOMS_REGION), name("Khums", KHUMS_LY), name("Syria", SYRIA)]
    points = _LikelyPoints(names)
    homs, region = points.nearby([HOMS_SY, HOMS_REGION], 0, others=2.0)
    assert region == 0.0  # a region's centroid says nothing about closeness
    expected = math.exp(-haversine_km(HOMS_SY.lat, HOMS_SY.lon, KHUMS_LY.lat, KHUMS_LY.lon) / NEARBY_KM) / 2.0
    assert homs == pytest.approx(expected)  # Khums only: Homs' own point and Syria's centroid do not count
    assert points.nearby([KHUMS_LY], 1, others=2.0)[0] == pytest.approx(expected / 2)  # Homs' belief is 1/2
    assert points.nearby([HOMS_SY], 0, others=0.0) == [0.0]


def test_the_array_haversine_is_the_scalar_one_broadcast():
    from mapper.geodesy import haversine_km, haversine_km_array

    lats, lons = [34.7, 32.6, -33.9, 0.0], [36.7, 14.3, 151.2, 179.9]
    table = haversine_km_array([[48.85], [35.0]], [[2.35], [38.0]], lats, lons)
    assert table.shape == (2, 4)
    for row, (lat, lon) in zip(table, [(48.85, 2.35), (35.0, 38.0)]):
        assert list(row) == pytest.approx([haversine_km(lat, lon, a, b) for a, b in zip(lats, lons)])


def test_a_location_after_the_loses_its_small_towns_unless_it_qualifies_a_district():
    """ "the Ostra": NER's location after "the" is no village (English writes no "the" before a
    town's name); "the Ostra and Vell districts" names the towns' districts, which keep them."""
    village = Place("gn11", "Ostra", 45.0, 10.0, 11, "P", "PPL", "IT", "Marche", 3_000)
    region = Place("gn12", "Ostra", 46.0, 11.0, 12, "A", "ADM1", "XX", "Ostra", 90_000)
    for text, placed in [("Snow fell on the Ostra overnight.", {region}),
                         ("Snow fell on the Ostra districts overnight.", {village, region}),
                         ("Snow fell on the Ostra and Vell districts.", {village, region})]:
        start = text.index("Ostra")
        mention = Mention("Ostra", start, start + 5, "LOC", "p1")
        names = Resolver(lambda name: [Candidate(village, 0.5), Candidate(region, 0.5)]
                         if name == "Ostra" else []).rank(article_from_text(text, id="a"), [mention])
        assert {c.place for c in names[0].candidates} == placed, text


def test_a_facility_after_the_is_no_town_unless_a_longer_name_goes_on():
    text = "Crews from the Greenville Fire Department met aides at the White House on Monday."

    def fac(name):
        start = text.index(name)
        return Mention(name, start, start + len(name), "FAC", "p1")
    assert _a_facility_after_the(text, fac("White House"))
    assert not _a_facility_after_the(text, fac("Greenville"))  # the fire department's town
    assert not _a_facility_after_the(text, replace(fac("White House"), label="GPE"))
