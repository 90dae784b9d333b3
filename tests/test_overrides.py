"""Overrides: a user's pins reach the resolver before disambiguation and show on the map as pins."""

import csv
import json

import pytest

from mapper.ingest import article_from_text
from mapper.model import Candidate, Mention, Place
from mapper.render.article import article_html
from mapper.render.exports import mentions_csv, places_geojson
from mapper.render.popups import popup_html
from mapper.resolve import Resolver
from mapper.resolve.features import FEATURES
from mapper.errors import OverridesError
from mapper.resolve.overrides import FIELDS, Overrides, Pin, entry
from mapper.resolve.ranker import Ranker

HOMS_SY = Place("gn169577", "Homs", 34.73, 36.71, 169577, "P", "PPL", "SY", "Homs", 775_404)
KHUMS_LY = Place("gn2219905", "Al Khums", 32.65, 14.26, 2219905, "P", "PPL", "LY", "Murqub", 201_943)
TRIPOLI_LY = Place("gn2210247", "Tripoli", 32.88, 13.19, 2210247, "P", "PPLC", "LY", "Tripoli", 1_150_989)
TRIPOLI_LB = Place("gn266826", "Tripoli", 34.43, 35.84, 266826, "P", "PPLA", "LB", "North", 229_398)
GAZETTEER = {p.geonameid: p for p in (HOMS_SY, KHUMS_LY, TRIPOLI_LY, TRIPOLI_LB)}
CANDIDATES = {
    "Homs": [Candidate(KHUMS_LY, 0.62), Candidate(HOMS_SY, 0.6)],
    "Tripoli": [Candidate(TRIPOLI_LY, 0.7), Candidate(TRIPOLI_LB, 0.5)],
}
TEXT = "Shelling near Homs. Families fled to Tripoli."
# A fixed ranker that reads size and context, so these tests pin what overrides do, not the shipped weights.
RANKER = Ranker(tuple({"population": 4.0, "country_context": 3.0, "nearby": 4.0}.get(f, 0.0) for f in FEATURES))


def _resolve(overrides=None, article_id="a"):
    article = article_from_text(TEXT, id=article_id)
    mentions = [Mention(n, TEXT.find(n), TEXT.find(n) + len(n), "GPE", "p1") for n in ("Homs", "Tripoli")]
    result = Resolver(lambda name: CANDIDATES.get(name, []), RANKER, overrides=overrides).resolve(article, mentions)
    return {r.mention.text: r for r in result.resolutions}, result


def _load(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Overrides.load(path, GAZETTEER.get)


def test_a_pin_is_applied_before_disambiguation_and_moves_the_other_names():
    unpinned, _ = _resolve()
    assert unpinned["Homs"].place == KHUMS_LY and unpinned["Tripoli"].place == TRIPOLI_LY

    pinned, _ = _resolve(Overrides([Pin("Homs", HOMS_SY)]))
    assert pinned["Homs"].place == HOMS_SY
    assert pinned["Homs"].pinned and pinned["Homs"].confidence == 1.0 and pinned["Homs"].runners_up == ()
    # Homs in Syria now tells the resolver the story is in the Levant: Tripoli, Lebanon.
    assert pinned["Tripoli"].place == TRIPOLI_LB and not pinned["Tripoli"].pinned


def test_a_pin_for_one_article_beats_the_global_pin_and_leaves_other_articles_alone(tmp_path):
    overrides = _load(tmp_path, "pins.csv", (
        "name,geonameid,lat,lon,label,article\n"
        "Homs,169577,,,,\n"
        "Homs,,33.0,15.0,Homs field hospital,story-2\n"
    ))
    assert len(overrides) == 2
    assert overrides.place_for("story-1", "Homs") == HOMS_SY
    assert overrides.place_for("story-1", "HOMS") == HOMS_SY  # compared like gazetteer names
    field = overrides.place_for("story-2", "Homs")
    assert (field.name, field.lat, field.lon, field.source) == ("Homs field hospital", 33.0, 15.0, "override")
    assert field.key.startswith("pin_") and field.key.replace("_", "").isalnum()
    assert overrides.place_for("story-1", "Tripoli") is None


def test_a_csv_saved_by_a_spreadsheet_with_a_byte_order_mark_reads(tmp_path):
    overrides = _load(tmp_path, "pins.csv", "\ufeffname,geonameid\r\nTripoli,266826\r\n")
    assert overrides.place_for("x", "Tripoli") == TRIPOLI_LB


def test_yaml_overrides_read_like_csv(tmp_path):
    overrides = _load(tmp_path, "pins.yaml", (
        "- name: Tripoli\n  geonameid: 266826\n"
        "- name: Camp Zeta\n  lat: 34.1\n  lon: 36.2\n  article: story-9\n"
    ))
    assert overrides.place_for("x", "Tripoli") == TRIPOLI_LB
    camp = overrides.place_for("story-9", "Camp Zeta")
    assert (camp.name, camp.lat, camp.lon) == ("Camp Zeta", 34.1, 36.2)
    assert _load(tmp_path, "empty.yml", "").pins == ()


@pytest.mark.parametrize(("name", "text", "message"), [
    ("a.csv", "name,geonameid\nHoms,999\n", "a.csv: line 2: GeoNames id 999 is not in the gazetteer"),
    ("b.csv", "name,geonameid\nHoms,abc\n", "b.csv: line 2: geonameid must be a number"),
    ("c.csv", "name,lat,lon\nHoms,95,10\n", "c.csv: line 2: lat 95.0, lon 10.0 is not a point on Earth"),
    ("d.csv", "name,lat,lon\nHoms,north,10\n", "d.csv: line 2: lat and lon must be numbers"),
    ("e.csv", "name,geonameid\nHoms,\n", "e.csv: line 2: give 'Homs' a geonameid, or lat and lon"),
    ("f.csv", "place,geonameid\nHoms,169577\n", "f.csv: the first line must be a header with a 'name' column"),
    ("g.csv", "name,geonameid,country\nHoms,169577,SY\n", "g.csv: line 2: unknown field 'country'"),
    ("h.csv", "name,geonameid\nHoms,169577\nthe Homs,2219905\n", "h.csv: line 3: names 'the Homs' again (first at line 2)"),
    ("i.yaml", "- name: [unclosed\n", "i.yaml: not valid YAML"),
    ("j.yaml", "Homs: 169577\n", "j.yaml: expected a list of entries"),
])
def test_a_bad_overrides_file_is_one_line_naming_file_and_entry(tmp_path, name, text, message):
    with pytest.raises(OverridesError) as raised:
        _load(tmp_path, name, text)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_missing_overrides_file_is_a_clear_error(tmp_path):
    with pytest.raises(OverridesError, match="cannot read the overrides file"):
        Overrides.load(tmp_path / "nope.csv", GAZETTEER.get)


def test_the_map_and_the_exports_say_a_place_was_pinned():
    by_text, result = _resolve(Overrides([Pin("Homs", HOMS_SY)]))
    homs, tripoli = (next(g for g in result.places() if g.place == p) for p in (HOMS_SY, TRIPOLI_LB))
    assert homs.pinned and not tripoli.pinned
    assert "pinned by your overrides" in popup_html(homs, result.article, 1)
    assert "pinned by your overrides" not in popup_html(tripoli, result.article, 2)
    features = {f["id"]: f["properties"] for f in places_geojson(result)["features"]}
    assert features[HOMS_SY.key]["pinned"] is True and features[TRIPOLI_LB.key]["pinned"] is False
    rows = mentions_csv(result).splitlines()
    assert rows[0].endswith(",confidence,pinned") and rows[1].endswith(",1.0,1") and rows[2].endswith(",0")
    json.dumps(places_geojson(result))  # the property stays JSON


def test_a_name_that_is_not_a_place_is_dropped_before_resolution_and_gives_no_context(tmp_path):
    general = _load(tmp_path, "general.csv", "name,geonameid\nHoms,169577\n")
    pinned, _ = _resolve(general)
    assert pinned["Tripoli"].place == TRIPOLI_LB  # Homs in Syria points to Lebanon

    edits = _load(tmp_path, "a.csv", "name,article,not_a_place\nHoms,a,yes\n")
    both = Overrides.load_all([tmp_path / "general.csv", tmp_path / "a.csv"], GAZETTEER.get)
    assert len(both) == 2 and len(edits) == 1
    by_text, result = _resolve(both)
    assert "Homs" not in by_text  # no marker, and not "not placed" either
    assert by_text["Tripoli"].place == TRIPOLI_LY  # nor context for the other names
    assert [m.text for m in result.removed] == ["Homs"]
    assert result.overrides == (Pin("Homs", None, "a"),)  # the article's own entries, for the edit mode
    assert "Homs" not in mentions_csv(result)
    assert [f["properties"]["name"] for f in places_geojson(result)["features"]] == ["Tripoli"]
    assert "1 removed by your overrides" in article_html(result)

    other, _ = _resolve(both, article_id="b")  # another article keeps the pin for every article
    assert other["Homs"].place == HOMS_SY


def test_of_several_files_the_later_wins_for_the_same_article_and_name(tmp_path):
    _load(tmp_path, "1.csv", "name,geonameid,article,not_a_place\nHoms,169577,,\nTripoli,,,yes\n")
    _load(tmp_path, "2.yaml", "- name: the Homs\n  not_a_place: true\n- name: Tripoli\n  geonameid: 266826\n")
    later = Overrides.load_all([tmp_path / "1.csv", tmp_path / "2.yaml"], GAZETTEER.get)
    assert later.is_no_place("x", "Homs") and later.place_for("x", "Tripoli") == TRIPOLI_LB
    earlier = Overrides.load_all([tmp_path / "2.yaml", tmp_path / "1.csv"], GAZETTEER.get)
    assert earlier.place_for("x", "Homs") == HOMS_SY and earlier.is_no_place("x", "Tripoli")


def test_not_a_place_matches_the_name_as_written_or_the_name_it_stands_for():
    overrides = Overrides([Pin("Athens County", None), Pin("U.S.", None, "a")])
    county = Mention("Athens", 0, 6, "GPE", "p1", refers_to="Athens County")
    assert overrides.drops("a", county) and not overrides.drops("a", Mention("Athens", 9, 15, "GPE", "p1"))
    assert overrides.drops("a", Mention("U.S.", 0, 4, "GPE", "p1"))
    assert not overrides.drops("b", Mention("U.S.", 0, 4, "GPE", "p1"))


@pytest.mark.parametrize(("text", "message"), [
    ("name,not_a_place\nHoms,maybe\n", "line 2: not_a_place must be yes or no (true/false, 1/0), not 'maybe'"),
    ("name,geonameid,not_a_place\nHoms,169577,yes\n", "line 2: 'Homs' is not a place, so it takes no geonameid"),
    ("name,label,not_a_place\nHoms,Homs city,1\n", "line 2: 'Homs' is not a place, so it takes no label"),
    ("name,geonameid,not_a_place\nHoms,,no\n", "line 2: give 'Homs' a geonameid, or lat and lon, or not_a_place: yes"),
    ("name,article,not_a_place\nHoms,a,yes\nhoms,a,yes\n", "line 3: names 'homs' again (first at line 2)"),
])
def test_a_bad_not_a_place_entry_is_one_line(tmp_path, text, message):
    with pytest.raises(OverridesError) as raised:
        _load(tmp_path, "p.csv", text)
    assert f"p.csv: {message}" in str(raised.value) and "\n" not in str(raised.value)


def test_a_geonameid_the_gazetteer_lacks_falls_back_to_the_point_beside_it(tmp_path):
    overrides = _load(tmp_path, "p.csv", "name,geonameid,lat,lon,label\nHoms,999,34.7,36.7,Homs (Syria)\nTripoli,266826,1,2,x\n")
    homs = overrides.place_for("x", "Homs")
    assert (homs.name, homs.lat, homs.lon, homs.source) == ("Homs (Syria)", 34.7, 36.7, "override")
    assert overrides.place_for("x", "Tripoli") == TRIPOLI_LB  # the id, when the gazetteer has it


def test_entries_written_as_a_file_read_back_as_the_same_pins(tmp_path):
    point = _load(tmp_path, "point.csv", "name,lat,lon,label\nCamp Zeta,34.1,36.2,Camp Zeta (base)\n").pins[0]
    pins = [Pin("Homs", HOMS_SY, "a"), Pin("U.S.", None, "a"), Pin("Camp Zeta", point.place), Pin("Tripoli", TRIPOLI_LB)]
    with (tmp_path / "out.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, FIELDS)
        writer.writeheader()
        writer.writerows(entry(pin, "a label for readers") for pin in pins)
    assert Overrides.load(tmp_path / "out.csv", GAZETTEER.get).pins == tuple(pins)
