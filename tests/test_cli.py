"""The command line as a user runs it: real files, exit codes and one-line errors. The commands run
in the test process (tests/cli_runner.py); one test per command runs it as a process of its own,
through `python -m mapper`."""

import csv
import json
import subprocess
import sys
from pathlib import Path

from tests.cli_runner import run_mapper as run
from tests.conftest import SAMPLE


def run_process(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "mapper", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


def test_map_writes_map_geojson_and_csv(tmp_path):
    done = run("map", SAMPLE, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "missile-workshop-near-aleppo"
    assert sorted(p.name for p in folder.iterdir()) == [
        "assets", "embed-snippet.html", "embed.html", "map.html", "map.png", "mentions.csv", "oembed.json",
        "places.geojson",
    ]
    assert done.stdout.startswith(str(folder / "map.html"))
    assert "places" in done.stdout and "mentions" in done.stdout and "unresolved" in done.stdout
    geojson = json.loads((folder / "places.geojson").read_text())
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) >= 12
    rows = list(csv.DictReader((folder / "mentions.csv").open()))
    assert sum(f["properties"]["mention_count"] for f in geojson["features"]) == sum(
        1 for r in rows if r["lat"]
    )


def test_bad_input_is_one_line_and_loses_nothing(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")  # an image saved under a text file's name
    done = run("map", bad, SAMPLE, tmp_path / "missing.md", "-o", tmp_path / "out")
    assert done.returncode == 1
    *errors, summary = done.stderr.strip().splitlines()
    assert len(errors) == 2 and summary.startswith("3 articles: 1 mapped")
    assert "broken.txt" in errors[0] and "not a text file" in errors[0]
    assert "missing.md" in errors[1]
    assert (tmp_path / "out" / "missile-workshop-near-aleppo" / "map.html").exists()


def test_map_reads_a_folders_article_files(tmp_path):
    folder = tmp_path / "archive"
    (folder / "march").mkdir(parents=True)
    (folder / "march" / "strike.txt").write_text("Strike\n\nMissiles hit a workshop near Aleppo.\n")
    (folder / "flood.md").write_text("# Floods\n\nRain fell on Texas.\n")
    (folder / "notes.pdf").write_bytes(b"%PDF")  # not an article file: left alone
    (folder / "empty").mkdir()
    done = run("map", folder, folder / "empty", "-o", tmp_path / "out")
    assert done.returncode == 1  # the empty folder is an input that gave nothing
    error, summary = done.stderr.strip().splitlines()
    assert "no article files" in error and summary.startswith("3 articles: 2 mapped")
    assert (tmp_path / "out" / "flood" / "map.html").exists()
    assert (tmp_path / "out" / "strike" / "map.html").exists()
    assert (tmp_path / "out" / "index.html").exists()


def test_unknown_model_is_a_clear_error(tmp_path):
    done = run("map", SAMPLE, "--model", "xx_no_such_model", "-o", tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "xx_no_such_model" in done.stderr and "not installed" in done.stderr


def test_geoparse_writes_the_evaluation_format(tmp_path):
    texts = {"d1": "Shelling hit the city of Homs in central Syria on Monday.", "d2": "Nothing to see here."}
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()))
    done = run("geoparse", source, "-o", tmp_path / "pred.jsonl")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in (tmp_path / "pred.jsonl").read_text().splitlines()]
    assert [line["id"] for line in lines] == ["d1", "d2"]
    assert lines[1]["toponyms"] == []
    for t in lines[0]["toponyms"]:
        assert texts["d1"][t["start"]:t["end"]] == t["name"]
        assert set(t) == {"start", "end", "name", "lat", "lon", "geonameid", "feature_code", "country_code", "score"}
    homs = next(t for t in lines[0]["toponyms"] if t["name"] == "Homs")
    assert (homs["country_code"], homs["geonameid"]) == ("SY", 169577)


def test_geoparse_to_stdout_in_a_process_of_its_own(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "text": "Rain in Oslo."}) + "\n")
    done = run_process("geoparse", source)
    assert done.returncode == 0
    assert json.loads(done.stdout)["toponyms"][0]["name"] == "Oslo"


def test_map_runs_from_any_folder_in_a_process_of_its_own(tmp_path):
    done = run_process("map", Path(SAMPLE).resolve(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "outputs" / "missile-workshop-near-aleppo" / "map.html").exists()


def test_evaluate_prints_recognition_and_resolution_in_a_process_of_its_own(tmp_path):
    text = "Shelling hit the city of Homs in central Syria on Monday."
    gold = {"id": "g1", "text": text, "toponyms": [
        {"start": text.index("Homs"), "end": text.index("Homs") + 4, "lat": 34.72682, "lon": 36.72339},
        {"start": text.index("Syria"), "end": text.index("Syria") + 5, "lat": 35.0, "lon": 38.0},
    ]}
    source = tmp_path / "gold.jsonl"
    source.write_text(json.dumps(gold) + "\n")
    done = run_process("evaluate", source, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["ner_exact"]["f1"] == 1.0
    assert result["geo_exact"]["acc@161km"] == 1.0
    assert "acc@161km" in run("evaluate", source).stdout


AMBIGUOUS = "Rain fell on Springfield. Shelling hit Homs in Syria."  # Springfield: a dozen US towns


def test_min_confidence_leaves_uncertain_places_off_the_map(tmp_path):
    source = tmp_path / "rain.txt"
    source.write_text(f"Rain\n\n{AMBIGUOUS}\n")
    done = run("map", source, "-o", tmp_path, "--min-confidence", "0.5")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "rain"
    features = json.loads((folder / "places.geojson").read_text())["features"]
    assert "Syria" in {f["properties"]["name"] for f in features}
    assert all(f["properties"]["confidence"] >= 0.5 for f in features)
    rows = {r["mention"]: r for r in csv.DictReader((folder / "mentions.csv").open())}
    assert rows["Springfield"]["lat"] == "" and float(rows["Springfield"]["confidence"]) < 0.5
    assert ">Springfield</span>" in (folder / "map.html").read_text()  # in the text, not placed
    assert "unresolved" in done.stdout and " 0 unresolved" not in done.stdout


def test_geoparse_min_confidence_nulls_coordinates_but_keeps_spans(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "d1", "text": AMBIGUOUS}) + "\n")
    done = run("geoparse", source, "--min-confidence", "0.5")
    assert done.returncode == 0, done.stderr
    toponyms = {t["name"]: t for t in json.loads(done.stdout)["toponyms"]}
    springfield = toponyms["Springfield"]
    assert springfield["score"] < 0.5
    assert AMBIGUOUS[springfield["start"]:springfield["end"]] == "Springfield"
    assert springfield["lat"] is springfield["lon"] is springfield["geonameid"] is None
    assert toponyms["Syria"]["country_code"] == "SY" and toponyms["Syria"]["lat"] is not None
    for t in toponyms.values():
        assert (t["lat"] is None) == (t["score"] < 0.5)


def test_evaluate_min_confidence_counts_uncertain_places_as_found_but_not_resolved(tmp_path):
    start = AMBIGUOUS.index("Springfield")
    gold = {"id": "g1", "text": AMBIGUOUS, "toponyms": [
        {"start": start, "end": start + 11, "lat": 39.80172, "lon": -89.64371},  # Springfield, Illinois
    ]}
    source = tmp_path / "gold.jsonl"
    source.write_text(json.dumps(gold) + "\n")
    done = run("evaluate", source, "--json", "--min-confidence", "0.5")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["ner_exact"]["tp"] == 1  # found...
    assert result["geo_exact"]["mean_error_km"] == 20039.0  # ...but not resolved


def test_min_confidence_outside_0_to_1_is_a_one_line_error(tmp_path):
    done = run("geoparse", tmp_path / "in.jsonl", "--min-confidence", "1.5")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--min-confidence" in done.stderr


def test_map_writes_a_static_image_beside_the_map(tmp_path):
    done = run("map", SAMPLE, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    image = (tmp_path / "missile-workshop-near-aleppo" / "map.png").read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(image[16:20], "big") == 1200 and int.from_bytes(image[20:24], "big") == 675

