"""Oceans, seas, gulfs, bays, straits, lakes and rivers in the embedded gazetteer (Natural Earth's
marine areas, lakes and rivers): found by name with their kind, placed as the feature rather than a
namesake, and never taking a town's or a state's name from a story about it. The sentences are
written for these tests."""

import re
import struct

import pytest

from mapper.dev.recipes.make_land_features import also_known_as, lake_kind
from mapper.dev.recipes.make_physical_features import kind, label_point
from mapper.dev.recipes.make_rivers import english_name, midpoint
from mapper.dev.recipes.shapefile import lines, polygons, records
from mapper.render import places_geojson, render_map_html
from mapper.geodesy import haversine_km
from mapper.ingest import article_from_text
from mapper.gazetteer.geocoder import Gazetteer
from mapper.gazetteer.sources import physical_features
from mapper.model import Candidate, Match, Mention, Place
from mapper.resolve import choice
from mapper.resolve.cues import Cues
from mapper.resolve.features import FEATURES, Name


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


def test_a_sea_its_names_form_decides_is_not_as_doubtful_as_the_ranker_was():
    """The ranker split "Red Sea" between Egypt's and Sudan's regions of the name; the name's form
    chose the sea, and the sea's share is counted among the seas and lakes of the name only."""
    sea = Place("x1", "Red Sea", 20.0, 38.5, None, "H", "SEA", "", "", 0)
    egypt = Place("g1", "Red Sea", 26.0, 33.8, 1, "A", "ADM1", "EG", "Red Sea", 300_000)
    sudan = Place("g2", "Red Sea", 19.5, 35.5, 2, "A", "ADM1", "SD", "Red Sea", 600_000)
    mention = Mention("Red Sea", 0, 7, "LOC", "p1")
    n = Name("Red Sea", [mention], [Candidate(p, 0.0, Match.NAME) for p in (sea, egypt, sudan)],
             features=[[0.0] * len(FEATURES)] * 3, belief=[0.1, 0.5, 0.4])
    best, _ = choice.choose(n)
    assert best == 0 and choice.share(n, best) == 1.0
    n.cues = Cues(region=True)  # "the Red Sea governorate": the ranker's doubt stands
    assert choice.share(n, choice.choose(n)[0]) < 1.0


def test_a_town_story_keeps_its_town_of_an_oceans_name(mapper):
    places = _places(mapper, "Volunteers in Pacific, Missouri, and nearby Eureka filled sandbags as the Meramec rose.")
    assert places["Pacific"].feature_class == "P" and places["Pacific"].country_code == "US"


# Lakes: Natural Earth's 1:10m lakes, known by their full names.

def test_a_lake_is_known_by_its_full_names_never_by_the_bare_one():
    assert also_known_as("Lago Titicaca", "Titicaca", "") == ["Lake Titicaca"]
    assert also_known_as("Lago de Nicaragua", "Nicaragua", "") == ["Lake Nicaragua"]
    assert also_known_as("Lac la Martre", "Martre", "") == []  # "la Martre" is not "Martre"
    assert also_known_as("Lake Malawi", "Malawi", "Lake Nyasa") == ["Lake Nyasa"]
    assert also_known_as("Lake Superior", "Superior", "Great Lakes") == []  # a group, not this lake
    assert also_known_as("Lake Victoria", "Nyanza", "") == []
    lakes = {r.name: r for r in physical_features() if r.feature_code in ("LK", "RSV")}
    assert "Victoria" not in lakes["Lake Victoria"].alternate_names
    assert lakes["Lake Titicaca"].alternate_names == ["Lago Titicaca"], "its English name first"
    assert "Lake Como" in lakes and "Lago di Como" in lakes["Lake Como"].alternate_names


def test_a_lake_kind_is_what_its_name_says_else_natural_earths_class():
    assert lake_kind("Lake Tanganyika", "Lake") == "LK" and lake_kind("Issyk-Kul", "Alkaline Lake") == "LK"
    assert lake_kind("Smallwood Reservoir", "Reservoir") == "RSV" and lake_kind("Dead Sea", "Lake") == "SEA"
    assert lake_kind("Georgian Bay", "Lake") == "BAY"


def _write_shapefile(folder, rings_per_record, rows, shape_type=5):
    """A tiny polygon (5) or polyline (3) shapefile and its table, written by hand as the format says."""
    body = b""
    for n, rings in enumerate(rings_per_record, 1):
        points = [p for ring in rings for p in ring]
        starts, at = [], 0
        for ring in rings:
            starts.append(at)
            at += len(ring)
        content = struct.pack("<i4d2i", shape_type, 0, 0, 0, 0, len(rings), len(points))
        content += struct.pack(f"<{len(rings)}i", *starts) + struct.pack(f"<{2 * len(points)}d", *(c for p in points for c in p))
        body += struct.pack(">2i", n, len(content) // 2) + content
    (folder / "t.shp").write_bytes(b"\0" * 100 + body)
    fields = [("name", 20), ("featurecla", 10)]
    header = struct.pack("<4xIHH20x", len(rows), 32 + 32 * len(fields) + 1, 1 + sum(w for _, w in fields))
    for name, width in fields:
        header += name.encode().ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([width]) + b"\0" * 15
    table = header + b"\r" + b"".join(
        b" " + b"".join(row[name].encode().ljust(width) for name, width in fields) for row in rows)
    (folder / "t.dbf").write_bytes(table)


def test_the_shapefile_reader_reads_polygons_and_their_table(tmp_path):
    square = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)]
    hole = [(0.2, 0.2), (0.8, 0.2), (0.8, 0.8), (0.2, 0.8), (0.2, 0.2)]
    _write_shapefile(tmp_path, [[square, hole], [square]],
                     [{"name": "Lake Test", "featurecla": "Lake"}, {"name": "Dam Test", "featurecla": "Reservoir"}])
    assert list(polygons(tmp_path / "t.shp")) == [[square, hole], [square]]
    assert list(records(tmp_path / "t.dbf")) == [
        {"name": "Lake Test", "featurecla": "Lake"}, {"name": "Dam Test", "featurecla": "Reservoir"}]


@pytest.mark.parametrize("name, code, lat, lon", [
    ("Lake Tanganyika", "LK", -6.0, 29.6),
    ("Lake Titicaca", "LK", -15.8, -69.4),
    ("Lake Nyasa", "LK", -12.0, 34.6),
])
def test_the_gazetteer_finds_a_lake_by_name(gazetteer, name, code, lat, lon):
    best = gazetteer.geocode(name)
    assert (best.raw["feature_class"], best.raw["feature_code"]) == ("H", code)
    assert haversine_km(best.latitude, best.longitude, lat, lon) < 161


@pytest.mark.parametrize("text, name, code, lat, lon", [
    ("Fishermen on Lake Victoria said catches of Nile perch fell this year, officials in Kampala said.",
     "Lake Victoria", "LK", -1.0, 33.0),
    ("A ferry carrying maize sank on Lake Tanganyika overnight; survivors swam to Kigoma.",
     "Lake Tanganyika", "LK", -6.0, 29.6),
    ("Toxic algae spread across Lake Erie, and Toledo told residents not to drink tap water.",
     "Lake Erie", "LK", 42.2, -81.2),
    ("The drought has left Lake Mead lower than at any time since the dam was built.",
     "Lake Mead", "LK", 36.2, -114.4),
    # A river alone in its story is pinned mid-course.
    ("A drought has lowered the Rhine to record levels, and barges sail half empty.", "Rhine", "STM", 49.1, 8.3),
    ("Dams upstream have left the Mekong lower than fishermen can remember.", "Mekong", "STM", 19.5, 101.8),
    ("Farmers along the Danube River say the floods took their harvest.", "Danube River", "STM", 43.8, 25.8),
])
def test_a_lake_or_river_story_places_the_feature(mapper, text, name, code, lat, lon):
    place = _places(mapper, text)[name]
    assert (place.feature_class, place.feature_code) == ("H", code)
    assert haversine_km(place.lat, place.lon, lat, lon) < 161


def test_a_lake_beside_a_town_leaves_the_town_at_home(mapper):
    """A lake belongs to no country in the gazetteer: it must not make the article's towns look foreign."""
    places = _places(mapper, "Toxic algae spread across Lake Erie, and Toledo told residents not to drink tap water.")
    assert places["Toledo"].country_code == "US"


def test_a_lakes_bare_name_keeps_its_state_and_its_town(mapper):
    places = _places(mapper, "Police in Victoria said a bushfire near Ballarat was contained by Sunday.")
    assert (places["Victoria"].feature_code, places["Victoria"].country_code) == ("ADM1", "AU")
    places = _places(mapper, "Lake Charles residents cleared debris after the hurricane crossed Louisiana.")
    assert (places["Lake Charles"].feature_class, places["Lake Charles"].country_code) == ("P", "US")


def test_the_map_puts_a_lake_at_its_point(mapper):
    [result] = list(mapper.map([article_from_text(
        "Fishermen on Lake Victoria said catches of Nile perch fell this year, officials in Kampala said.", id="lake")]))
    [feature] = [f for f in places_geojson(result)["features"] if f["properties"]["name"] == "Lake Victoria"]
    lon, lat = feature["geometry"]["coordinates"]
    assert feature["properties"]["feature_code"] == "LK" and haversine_km(lat, lon, -1.0, 33.0) < 161
    html = render_map_html(result)
    marker = re.search(r"var place_marker_\w+ = L\.marker\(\s*\[([-\d.]+),\s*([-\d.]+)\]", html)
    assert marker and (float(marker.group(1)), float(marker.group(2))) == pytest.approx((lat, lon), abs=1e-3)


def test_the_shapefile_reader_reads_lines_and_skips_polygons_when_asked_for_lines(tmp_path):
    course = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.5)]
    _write_shapefile(tmp_path, [[course, course[:2]]], [{"name": "Test", "featurecla": "River"}], shape_type=3)
    assert list(lines(tmp_path / "t.shp")) == [[course, course[:2]]]
    assert list(polygons(tmp_path / "t.shp")) == [[]]


# Rivers: Natural Earth's 1:50m rivers, one point mid-course each.

def test_a_rivers_point_lies_halfway_along_its_course():
    lat, lon, km = midpoint([[(0.0, 0.0), (1.0, 0.0)], [(1.0, 0.0), (3.0, 0.0)]])
    assert (lat, lon) == (0.0, 1.5) and km == pytest.approx(3 * 111.2, rel=0.01)


def test_a_river_is_named_in_english_and_keeps_a_local_whole_name():
    assert english_name([{"name": "Rhein", "name_en": "Rhine"}, {"name": "Rijn", "name_en": "Rhine"}]) == "Rhine"
    assert english_name([{"name": "Rio Grande", "name_en": "Grande"}]) == "Rio Grande"


def test_a_river_goes_by_its_bare_name_only_where_no_state_town_or_person_does():
    rivers = {r.name: r.alternate_names for r in physical_features() if r.feature_code == "STM"}
    assert {"Rhine", "River Rhine"} <= set(rivers["Rhine River"])
    assert "Mekong" in rivers["Mekong River"] and "Danube" in rivers["Danube River"]
    assert "Ohio" not in rivers["Ohio River"] and "Congo" not in rivers["Congo River"]  # a state, a country
    assert "Lena" not in rivers["Lena River"] and "Jordan" not in rivers["Jordan River"]  # a woman, a country


def test_a_rivers_name_leaves_the_state_and_the_country_of_that_name(mapper):
    places = _places(mapper, "Voters in Ohio and Missouri went to the polls on Tuesday.")
    assert places["Ohio"].feature_code == "ADM1" and places["Missouri"].feature_code == "ADM1"
    places = _places(mapper, "Trade stalled after Jordan closed its border with Syria on Monday.")
    assert places["Jordan"].feature_code.startswith("PCL")


def test_a_rivers_bare_name_is_the_river_only_after_the(mapper):
    places = _places(mapper, "Loggers cleared more of the Amazon rainforest this year, officials in Brasília said.")
    assert places["Amazon"].feature_code == "STM"
    places = _places(mapper, "Workers at Amazon in Seattle voted on a union.")
    assert "Amazon" not in places or places["Amazon"] is None or places["Amazon"].feature_code != "STM"


def test_a_rivers_pin_moves_along_its_course_to_where_the_story_meets_it(mapper):
    places = _places(mapper, "The drought reached the Danube. In Budapest, tourists walked on sandbanks.")
    assert haversine_km(places["Danube"].lat, places["Danube"].lon, 47.50, 19.04) < 50
    places = _places(mapper, "Fishermen on the Mekong in Cambodia say catches have collapsed.")
    assert haversine_km(places["Mekong"].lat, places["Mekong"].lon, 12.5, 105.9) < 300
    places = _places(mapper, "Europe's rivers are drying: low water has hit the Danube in Hungary.")
    assert haversine_km(places["Danube"].lat, places["Danube"].lon, 47.0, 18.9) < 200  # not by Europe's point
    alone = _places(mapper, "A drought has lowered the Rhine to record levels.")["Rhine"]
    far = _places(mapper, "A drought has lowered the Rhine, traders in Warsaw said.")["Rhine"]
    assert (alone.lat, alone.lon) == (far.lat, far.lon) == (49.0829, 8.3186)  # mid-course: no place lies by it
