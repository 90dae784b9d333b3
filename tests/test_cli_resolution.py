"""`mapper map` with a geocoding service, the offline cache and overrides, as a user runs it:
against the local fake server, its geocoder cache in a temporary folder."""

import json

import pytest

from fake_geocoder import FakeGeocoder
from test_services import FIXTURES
from tests.cli_runner import Run, run_mapper

STORY = "Shelling resumes\n\nRebels shelled Aleppo in northern Syria on Tuesday.\n"
OTHER = "Council meets\n\nIn Paris, Texas, the city council met on Monday.\n"


@pytest.fixture
def server():
    with FakeGeocoder(FIXTURES) as fake:
        yield fake


@pytest.fixture
def run(tmp_path, mapper):
    """Run `mapper` with its own geocoder cache and the suite's already-built gazetteer."""
    env = {"MAPPER_CACHE_DIR": str(tmp_path / "cache"), "MAPPER_GAZETTEER": str(mapper.gazetteer.store.path)}

    def run(*args: object) -> Run:
        return run_mapper(*args, env=env, cwd=tmp_path)
    return run


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _places(folder):
    collection = json.loads((folder / "places.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["name"]: f for f in collection["features"]}


def test_a_service_answers_then_the_cache_then_offline_with_no_request(tmp_path, run, server):
    story = _write(tmp_path, "story.txt", STORY)
    service = ["--geocoder", "nominatim", "--geocoder-url", server.url]
    first = run("map", story, "-o", "out", *service)
    assert first.returncode == 0, first.stderr
    places = _places(tmp_path / "out" / "story")
    assert places["Aleppo"]["id"] == "nominatim_R5479489"
    assert places["Aleppo"]["geometry"]["coordinates"] == [37.1637253, 36.19924]
    assert f"nominatim at {server.url}: 2 requests, 0 answers from the cache" in first.stderr
    assert (tmp_path / "cache" / "geocoder-cache.sqlite").exists()

    again = run("map", story, "-o", "again", *service)
    offline = run("map", story, "-o", "offline", *service, "--offline")
    assert again.returncode == offline.returncode == 0, again.stderr + offline.stderr
    assert "0 requests, 2 answers from the cache" in again.stderr
    assert "0 requests, 2 answers from the cache, 0 names not in the cache" in offline.stderr
    assert len(server.requests) == 2
    for folder in ("again", "offline"):
        same = (tmp_path / folder / "story" / "places.geojson").read_bytes()
        assert same == (tmp_path / "out" / "story" / "places.geojson").read_bytes()


def test_a_failing_service_stops_the_run_keeping_every_map_and_answer_already_made(tmp_path, run, server):
    story, other = _write(tmp_path, "story.txt", STORY), _write(tmp_path, "other.txt", OTHER)
    service = ["--geocoder", "nominatim", "--geocoder-url", server.url]
    assert run("map", story, "-o", "warm", *service).returncode == 0
    server.status = 500
    failed = run("map", story, other, "-o", "out", *service)
    assert failed.returncode == 1
    error = [line for line in failed.stderr.splitlines() if line.startswith("error:")]
    assert error == [
        f'error: nominatim at {server.url} failed on "Paris": HTTP 500 after 3 tries; '
        "2 answers are cached, run again to go on"
    ]
    assert "Aleppo" in _places(tmp_path / "out" / "story")  # the article mapped before the failure
    assert not (tmp_path / "out" / "other").exists()


def test_fallback_asks_the_service_only_for_what_the_gazetteer_lacks(tmp_path, run, server):
    story = _write(tmp_path, "story.txt", "Flight\n\nResidents of Zorvanka, Syria fled the shelling of Aleppo.\n")
    done = run("map", story, "-o", "out", "--fallback", "nominatim", "--geocoder-url", server.url)
    assert done.returncode == 0, done.stderr
    places = _places(tmp_path / "out" / "story")
    assert places["Zorvanka"]["id"] == "nominatim_N9876543210"
    assert places["Aleppo"]["id"] == "gn170063" and places["Syria"]["id"] == "gn163843"
    assert server.names() == ["Zorvanka"]


def test_overrides_pin_names_on_the_map(tmp_path, run):
    story = _write(tmp_path, "story.txt", "Flood watch\n\nOfficials in Paris said the river was rising.\n")
    pins = _write(tmp_path, "pins.csv", "name,geonameid,article\nParis,4717560,story\n")
    done = run("map", story, "-o", "out", "--overrides", pins)
    assert done.returncode == 0, done.stderr
    paris = _places(tmp_path / "out" / "story")["Paris"]
    assert paris["id"] == "gn4717560" and paris["properties"]["country"] == "US"
    assert paris["properties"]["pinned"] is True and paris["properties"]["confidence"] == 1.0
    assert "pinned by your overrides" in (tmp_path / "out" / "story" / "map.html").read_text(encoding="utf-8")


def test_several_overrides_files_a_later_one_winning(tmp_path, run):
    story = _write(tmp_path, "story.txt", "Flood watch\n\nOfficials in Paris said the river near Dallas was rising.\n")
    _write(tmp_path, "general.csv", "name,geonameid\nParis,4717560\n")
    _write(tmp_path, "story.csv", "name,article,not_a_place\nParis,story,yes\n")
    _write(tmp_path, "story-2.csv", "name,geonameid,article\nParis,2988507,story\n")
    done = run("map", story, "-o", "out", "--overrides", "general.csv", "--overrides", "story.csv")
    assert done.returncode == 0, done.stderr
    places = _places(tmp_path / "out" / "story")
    assert "Dallas" in places and "Paris" not in places  # this article's entry beats the one for all
    assert "Paris" not in (tmp_path / "out" / "story" / "mentions.csv").read_text(encoding="utf-8")
    done = run("map", story, "-o", "again", "--overrides", "general.csv", "--overrides", "story.csv",
               "--overrides", "story-2.csv")
    assert done.returncode == 0, done.stderr
    assert _places(tmp_path / "again" / "story")["Paris"]["id"] == "gn2988507"  # the later of the two


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--overrides", "pins.csv"], 1, "pins.csv: line 2: GeoNames id 1 is not in the gazetteer"),
    (["--geocoder", "nominatim", "--fallback", "photon"], 2, "not both"),
    (["--offline"], 2, "need --geocoder or --fallback"),
    (["--gazetteer", "no-such.sqlite"], 2, "does not exist"),
    (["--geocoder", "nominatim"], 1, "requires a user agent"),
    (["--geocoder", "nominatim", "--geocoder-url", "http://x", "--geocoder-option", "oops"], 2,
     "'oops' is not KEY=VALUE"),
])
def test_bad_resolution_options_are_one_line_before_any_work(tmp_path, run, args, code, message):
    story = _write(tmp_path, "story.txt", STORY)
    _write(tmp_path, "pins.csv", "name,geonameid\nAleppo,1\n")
    done = run("map", story, "-o", "out", *args)
    assert done.returncode == code
    assert message in done.stderr and len(done.stderr.strip().splitlines()) <= 3
    assert not (tmp_path / "out").exists()
