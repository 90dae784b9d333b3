"""Geocoding services through geopy: a local fake server speaks each service's JSON; answers flow
to the map, the rate limit holds, the SQLite cache spares every second request, failures are one
clear line and lose nothing."""

import json
import multiprocessing
import re
import threading
import time

import pytest

from fake_geocoder import FakeGeocoder
from mapper.errors import ServiceConfigError, ServiceError
from mapper.pipeline import Mapper
from mapper.render import write_outputs
from mapper.resolve.services import (
    SERVICES, GeocoderCache, ServiceLookup, osm,
)

# Nominatim's /search?format=json&addressdetails=1&extratags=1, as the public server answers.
N_ALEPPO = {
    "place_id": 13414343, "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
    "osm_type": "relation", "osm_id": 5479489, "lat": "36.19924", "lon": "37.1637253",
    "class": "boundary", "type": "administrative", "place_rank": 16, "importance": 0.6720360720278163,
    "addresstype": "city", "name": "Aleppo",
    "display_name": "Aleppo, Mount Simeon Subdistrict, Mount Simeon District, Aleppo Governorate, Syria",
    "address": {"city": "Aleppo", "county": "Mount Simeon District", "state": "Aleppo Governorate",
                "ISO3166-2-lvl4": "SY-HL", "country": "Syria", "country_code": "sy"},
    "extratags": {"capital": "4", "wikidata": "Q41183", "population": "2,098,210"},
    "boundingbox": ["36.1325", "36.2735", "37.0531", "37.2528"],
}
N_ALEPPO_GOVERNORATE = {
    "place_id": 13327162, "osm_type": "relation", "osm_id": 2108936, "lat": "36.2311", "lon": "37.6328",
    "class": "boundary", "type": "administrative", "place_rank": 8, "importance": 0.52,
    "addresstype": "state", "name": "Aleppo Governorate", "display_name": "Aleppo Governorate, Syria",
    "address": {"state": "Aleppo Governorate", "country": "Syria", "country_code": "sy"},
    "extratags": {"wikidata": "Q170017"},
}
N_SYRIA = {
    "place_id": 13349217, "osm_type": "relation", "osm_id": 184840, "lat": "34.6401861", "lon": "39.0494106",
    "class": "boundary", "type": "administrative", "place_rank": 4, "importance": 0.8490169250211,
    "addresstype": "country", "name": "Syria", "display_name": "Syria",
    "address": {"country": "Syria", "country_code": "sy"},
    "extratags": {"population": "22933531"},
}
N_PARIS_FR = {
    "place_id": 88066702, "osm_type": "relation", "osm_id": 71525, "lat": "48.8534951", "lon": "2.3483915",
    "class": "boundary", "type": "administrative", "place_rank": 12, "importance": 0.8845663630228,
    "addresstype": "city", "name": "Paris", "display_name": "Paris, Île-de-France, Metropolitan France, France",
    "address": {"city": "Paris", "state": "Île-de-France", "country": "France", "country_code": "fr"},
    "extratags": {"capital": "yes", "population": "2165423"},
}
N_PARIS_TX = {
    "place_id": 297447712, "osm_type": "relation", "osm_id": 115646, "lat": "33.6617962", "lon": "-95.555513",
    "class": "boundary", "type": "administrative", "place_rank": 16, "importance": 0.5195339,
    "addresstype": "town", "name": "Paris", "display_name": "Paris, Lamar County, Texas, United States",
    "address": {"town": "Paris", "county": "Lamar County", "state": "Texas", "ISO3166-2-lvl4": "US-TX",
                "country": "United States", "country_code": "us"},
    "extratags": {"population": "24171"},
}
N_TEXAS = {
    "place_id": 297442468, "osm_type": "relation", "osm_id": 114690, "lat": "31.2638905", "lon": "-98.5456116",
    "class": "boundary", "type": "administrative", "place_rank": 8, "importance": 0.8215,
    "addresstype": "state", "name": "Texas", "display_name": "Texas, United States",
    "address": {"state": "Texas", "ISO3166-2-lvl4": "US-TX", "country": "United States", "country_code": "us"},
}
N_ORONTES = {
    "place_id": 215806221, "osm_type": "relation", "osm_id": 5567406, "lat": "35.9843", "lon": "36.4127",
    "class": "waterway", "type": "river", "place_rank": 19, "importance": 0.43, "addresstype": "river",
    "name": "Orontes", "display_name": "Orontes, Jisr al-Shughur District, Idlib Governorate, Syria",
    "address": {"river": "Orontes", "state": "Idlib Governorate", "country": "Syria", "country_code": "sy"},
}
N_ZORVANKA = {  # a made-up village: no gazetteer has it
    "place_id": 5012345, "osm_type": "node", "osm_id": 9876543210, "lat": "35.9312", "lon": "36.6339",
    "class": "place", "type": "village", "place_rank": 19, "importance": 0.1, "addresstype": "village",
    "name": "Zorvanka", "display_name": "Zorvanka, Idlib Governorate, Syria",
    "address": {"village": "Zorvanka", "state": "Idlib Governorate", "country": "Syria", "country_code": "sy"},
}

# Photon's /api GeoJSON features.
P_ALEPPO = {
    "type": "Feature", "geometry": {"type": "Point", "coordinates": [37.1637253, 36.19924]},
    "properties": {"osm_type": "R", "osm_id": 5479489, "osm_key": "place", "osm_value": "city", "type": "city",
                   "name": "Aleppo", "countrycode": "SY", "country": "Syria", "state": "Aleppo Governorate",
                   "extent": [37.0531, 36.2735, 37.2528, 36.1325]},
}
P_SYRIA = {
    "type": "Feature", "geometry": {"type": "Point", "coordinates": [39.0494106, 34.6401861]},
    "properties": {"osm_type": "R", "osm_id": 184840, "osm_key": "place", "osm_value": "country",
                   "type": "country", "name": "Syria", "countrycode": "SY", "country": "Syria"},
}
P_ORONTES = {
    "type": "Feature", "geometry": {"type": "Point", "coordinates": [36.4127, 35.9843]},
    "properties": {"osm_type": "R", "osm_id": 5567406, "osm_key": "waterway", "osm_value": "river",
                   "type": "other", "name": "Orontes", "countrycode": "SY", "country": "Syria",
                   "state": "Idlib Governorate"},
}

# Pelias' /v1/search GeoJSON features (Who's On First).
PE_PARIS_FR = {
    "type": "Feature", "geometry": {"type": "Point", "coordinates": [2.3488, 48.85341]},
    "properties": {"id": "101751119", "gid": "whosonfirst:locality:101751119", "layer": "locality",
                   "source": "whosonfirst", "source_id": "101751119", "name": "Paris", "confidence": 1,
                   "match_type": "exact", "accuracy": "centroid", "country": "France", "country_a": "FRA",
                   "macroregion": "Ile-de-France", "region": "Paris", "locality": "Paris", "label": "Paris, France"},
}
PE_PARIS_DEPARTMENT = {
    "type": "Feature", "geometry": {"type": "Point", "coordinates": [2.342865, 48.856289]},
    "properties": {"id": "85683497", "gid": "whosonfirst:region:85683497", "layer": "region",
                   "source": "whosonfirst", "name": "Paris", "country": "France", "country_a": "FRA",
                   "country_code": "FR", "macroregion": "Ile-de-France", "region": "Paris", "label": "Paris, France"},
}
PE_PARIS_TX = {
    "type": "Feature", "geometry": {"type": "Point", "coordinates": [-95.555513, 33.661796]},
    "properties": {"id": "101725293", "gid": "whosonfirst:locality:101725293", "layer": "locality",
                   "source": "whosonfirst", "name": "Paris", "country": "United States", "country_a": "USA",
                   "country_code": "US", "region": "Texas", "region_a": "TX", "county": "Lamar County",
                   "label": "Paris, TX, USA"},
}

# GeoNames' /searchJSON records.
G_ALEPPO = {
    "adminCode1": "09", "lng": "37.16117", "geonameId": 170063, "toponymName": "Aleppo", "countryId": "163843",
    "fcl": "P", "population": 1602264, "countryCode": "SY", "name": "Aleppo",
    "fclName": "city, village,...", "countryName": "Syria",
    "fcodeName": "seat of a first-order administrative division", "adminName1": "Aleppo", "lat": "36.20124",
    "fcode": "PPLA",
}
G_ALEPPO_GOVERNORATE = {
    "adminCode1": "09", "lng": "37.66667", "geonameId": 170062, "toponymName": "Muḩāfaz̧at Ḩalab",
    "fcl": "A", "population": 4868000, "countryCode": "SY", "name": "Aleppo Governorate",
    "countryName": "Syria", "adminName1": "Aleppo", "lat": "36.25", "fcode": "ADM1",
}

FIXTURES = {
    "nominatim": {
        "Aleppo": [N_ALEPPO, N_ALEPPO_GOVERNORATE], "Syria": [N_SYRIA], "Paris": [N_PARIS_FR, N_PARIS_TX],
        "Texas": [N_TEXAS], "Orontes River": [N_ORONTES], "Zorvanka": [N_ZORVANKA],
    },
    "photon": {"Aleppo": [P_ALEPPO], "Syria": [P_SYRIA], "Orontes River": [P_ORONTES]},
    "pelias": {"Paris": [PE_PARIS_FR, PE_PARIS_DEPARTMENT, PE_PARIS_TX]},
    "geonames": {"Aleppo": [G_ALEPPO, G_ALEPPO_GOVERNORATE]},
}

ARTICLE = (
    "Rebels shelled Aleppo in northern Syria on Tuesday.\n\n"
    "In Paris, Texas, the city council met to discuss the flood of the Orontes River."
)
SAFE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@pytest.fixture
def server():
    with FakeGeocoder(FIXTURES) as fake:
        yield fake


@pytest.fixture
def cache_path(tmp_path):
    return tmp_path / "geocoder-cache.sqlite"


def _mapper(shared: Mapper, **lookups) -> Mapper:
    """A Mapper with these lookups, on the session's spaCy pipeline (loaded once for the suite)."""
    mapper = Mapper(gazetteer=shared.gazetteer, **lookups)
    mapper.nlp = shared.nlp
    return mapper


def _placed(result):
    return {r.mention.text: r.place for r in result.resolutions if r.place is not None}


def test_nominatim_answers_flow_through_geopy_to_the_map(server, cache_path, tmp_path, mapper):
    lookup = ServiceLookup("nominatim", url=server.url, cache=GeocoderCache(cache_path))
    result = _mapper(mapper, geocoder=lookup).map_text(ARTICLE, title="Shelling")
    placed = _placed(result)
    assert {m: p.key for m, p in placed.items()} == {
        "Aleppo": "nominatim_R5479489", "Syria": "nominatim_R184840", "Paris": "nominatim_R115646",
        "Texas": "nominatim_R114690", "Orontes River": "nominatim_R5567406",
    }  # "Paris, Texas": the article's own words pick the Texan town over the capital
    aleppo, paris, river = placed["Aleppo"], placed["Paris"], placed["Orontes River"]
    assert (aleppo.lat, aleppo.lon, aleppo.source) == (36.19924, 37.1637253, "nominatim")
    assert (aleppo.feature_class, aleppo.feature_code, aleppo.country_code) == ("P", "PPLA", "SY")
    assert (aleppo.admin1, aleppo.population) == ("Aleppo Governorate", 2098210)
    assert (placed["Syria"].feature_code, placed["Texas"].feature_code) == ("PCLI", "ADM1")
    assert (paris.lat, paris.lon, paris.country_code, paris.admin1, paris.admin2) == (
        33.6617962, -95.555513, "US", "Texas", "Lamar County",
    )
    assert (river.feature_class, river.feature_code, river.name) == ("H", "STM", "Orontes")
    assert {r.name for r in server.requests} == {"Aleppo", "Syria", "Paris", "Texas", "Orontes River"}
    assert all(r.path == "/search" and r.params["limit"] == ["10"] and r.params["addressdetails"] == ["1"]
               and r.params["accept-language"] == ["en"] for r in server.requests)

    write_outputs(result, tmp_path / "out")
    geojson = json.loads((tmp_path / "out" / "places.geojson").read_text())
    points = {f["id"]: f["geometry"]["coordinates"] for f in geojson["features"]}
    assert points["nominatim_R5479489"] == [37.1637253, 36.19924]
    assert points["nominatim_R115646"] == [-95.555513, 33.6617962]
    assert set(points) == {p.key for p in placed.values()}


def test_photon_answers_flow_to_the_map(server, cache_path, tmp_path, mapper):
    lookup = ServiceLookup("photon", url=server.url, cache=GeocoderCache(cache_path))
    result = _mapper(mapper, geocoder=lookup).map_text(ARTICLE)
    placed = _placed(result)
    assert {m: p.key for m, p in placed.items()} == {
        "Aleppo": "photon_R5479489", "Syria": "photon_R184840", "Orontes River": "photon_R5567406",
    }
    assert (placed["Aleppo"].lat, placed["Aleppo"].lon, placed["Aleppo"].source) == (36.19924, 37.1637253, "photon")
    assert [(p.feature_class, p.feature_code, p.country_code) for p in placed.values()] == [
        ("P", "PPL", "SY"), ("A", "PCLI", "SY"), ("H", "STM", "SY"),
    ]
    assert set(server.names("/api")) >= {"Aleppo", "Syria", "Paris", "Texas"}  # unknown ones: no candidate

    write_outputs(result, tmp_path / "out")
    geojson = json.loads((tmp_path / "out" / "places.geojson").read_text())
    assert {f["id"]: f["geometry"]["coordinates"] for f in geojson["features"]}["photon_R184840"] == [
        39.0494106, 34.6401861,
    ]


def test_fallback_answers_only_what_the_gazetteer_lacks(server, cache_path, mapper):
    fallback = ServiceLookup("nominatim", url=server.url, cache=GeocoderCache(cache_path))
    result = _mapper(mapper, fallback=fallback).map_text("Residents of Zorvanka, Syria fled the shelling of Aleppo.")
    placed = _placed(result)
    assert placed["Zorvanka"].key == "nominatim_N9876543210"
    assert (placed["Zorvanka"].lat, placed["Zorvanka"].source) == (35.9312, "nominatim")
    assert placed["Syria"].key == "gn163843" and placed["Aleppo"].key == "gn170063"  # the gazetteer's
    assert "Zorvanka" in server.names() and not {"Syria", "Aleppo"} & set(server.names())


def test_the_rate_limit_holds_between_requests(server, cache_path):
    """Each request reaches the service at least min_delay after the previous lookup began: its
    turn comes min_delay after the previous one's, which came no earlier than that lookup began.
    (Arrivals alone can come closer: a request sent or received late by a busy machine shortens
    the gap to the next one, which keeps its turn.) Unpaced, the gaps would be near 0."""
    delay = 0.5
    lookup = ServiceLookup("nominatim", url=server.url, min_delay=delay, cache=GeocoderCache(cache_path))
    began = []
    for name in ("Aleppo", "Syria", "Paris", "Texas"):
        began.append(time.monotonic())
        lookup(name)
    times = [r.at for r in server.requests]
    assert len(times) == 4 and lookup.requests == 4
    for start, arrival in zip(began, times[1:]):
        assert arrival - start >= delay
    assert times[-1] - began[0] >= 3 * delay


def test_workers_sharing_a_cache_keep_the_rate_together(server, cache_path):
    """Two workers (two connections to one cache file, as two processes have) ask in parallel;
    the service still sees one request per min_delay: the cache gives out turns min_delay apart,
    the first no earlier than the workers began, so the n-th request to arrive arrives at least
    (n - 1) * min_delay after that, however late a busy machine sends or receives any of them.
    Unpaced workers would send at once, the first two near 0 apart."""
    names = [["Aleppo", "Syria", "Paris"], ["Texas", "Homs", "Zorvanka"]]
    delay = 0.5
    lookups = [ServiceLookup("nominatim", url=server.url, min_delay=delay, cache=GeocoderCache(cache_path))
               for _ in names]
    workers = [threading.Thread(target=lambda lookup=lookup, asked=asked: [lookup(n) for n in asked])
               for lookup, asked in zip(lookups, names)]
    began = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    times = sorted(r.at for r in server.requests)
    assert len(times) == 6
    for n, arrival in enumerate(times):
        assert arrival - began >= n * delay


def test_politeness_defaults_public_one_a_second_self_hosted_none(server, cache_path):
    cache = GeocoderCache(cache_path)
    assert ServiceLookup("nominatim", user_agent="newsroom-maps/1.0", cache=cache).min_delay == 1.0
    assert ServiceLookup("nominatim", url=server.url, cache=cache).min_delay == 0.0
    assert ServiceLookup("photon", cache=cache).min_delay == 1.0
    assert SERVICES["nominatim"].public_min_delay == 1.0


def test_nominatim_public_server_needs_a_user_agent(server, cache_path):
    cache = GeocoderCache(cache_path)
    with pytest.raises(ServiceConfigError) as refused:
        ServiceLookup("nominatim", cache=cache)
    message = str(refused.value)
    assert "\n" not in message and "user agent" in message and "--user-agent" in message
    for sample in ("geopy/2.5.0", "my-application"):  # geopy's own list of sample agents
        with pytest.raises(ServiceConfigError, match="user_agent"):
            ServiceLookup("nominatim", user_agent=sample, cache=cache)
    with pytest.raises(ServiceConfigError, match="one request a second"):
        ServiceLookup("nominatim", user_agent="newsroom-maps/1.0", min_delay=0.2, cache=cache)
    ServiceLookup("nominatim", offline=True, cache=cache)  # makes no request: nothing to refuse

    ServiceLookup("nominatim", url=server.url, cache=cache)("Syria")  # self-hosted: no agent needed
    ServiceLookup("nominatim", url=server.url, user_agent="newsroom-maps/1.0", cache=cache)("Aleppo")
    assert [r.user_agent for r in server.requests] == ["geopy/2.5.0", "newsroom-maps/1.0"]


def test_second_run_and_offline_make_no_request(server, cache_path, mapper):
    first = ServiceLookup("nominatim", url=server.url, cache=GeocoderCache(cache_path))
    result = _mapper(mapper, geocoder=first).map_text(ARTICLE)
    asked = len(server.requests)
    assert first.requests == asked > 0

    again = ServiceLookup("nominatim", url=server.url, cache=GeocoderCache(cache_path))
    assert _mapper(mapper, geocoder=again).map_text(ARTICLE) == result
    offline = ServiceLookup("nominatim", url=server.url, offline=True, cache=GeocoderCache(cache_path))
    assert _mapper(mapper, geocoder=offline).map_text(ARTICLE) == result
    assert len(server.requests) == asked and again.requests == offline.requests == 0
    assert again.cache_hits > 0 and offline.offline_misses == 0

    assert offline("Zorvanka") == [] and offline("Zorvanka") == [] and offline("Homs") == []
    assert offline.offline_misses == 2 and len(server.requests) == asked


def test_no_result_is_cached_and_geocoders_do_not_share_answers(server, cache_path):
    cache = GeocoderCache(cache_path)
    nominatim = ServiceLookup("nominatim", url=server.url, cache=cache)
    assert nominatim("Atlantis") == [] and nominatim("Atlantis") == []
    assert nominatim.requests == 1 and nominatim.cache_hits == 1
    photon = ServiceLookup("photon", url=server.url, cache=cache)
    assert [c.place.key for c in photon("Aleppo")] == ["photon_R5479489"]
    assert [c.place.key for c in nominatim("Aleppo")] == ["nominatim_R5479489", "nominatim_R2108936"]
    assert server.names() == ["Atlantis", "Aleppo", "Aleppo"]
    assert cache.count("nominatim " + server.url) == 2 and cache.count() == 3


def test_a_failing_server_is_one_clear_line_and_keeps_what_was_cached(server, cache_path):
    lookup = ServiceLookup("nominatim", url=server.url, backoff=0.01, cache=GeocoderCache(cache_path))
    lookup("Aleppo")
    lookup("Syria")
    server.status = 500
    with pytest.raises(ServiceError) as failed:
        lookup("Paris")
    assert str(failed.value) == (
        f'nominatim at {server.url} failed on "Paris": HTTP 500 after 3 tries; '
        "2 answers are cached, run again to go on"
    )
    assert server.names() == ["Aleppo", "Syria", "Paris", "Paris", "Paris"] and lookup.requests == 5

    offline = ServiceLookup("nominatim", url=server.url, offline=True, cache=GeocoderCache(cache_path))
    assert offline("Aleppo")[0].place.key == "nominatim_R5479489"
    assert offline("Syria")[0].place.feature_code == "PCLI"
    assert offline("Paris") == [] and offline.offline_misses == 1


def test_transient_errors_are_retried_with_backoff_honouring_retry_after(server, cache_path):
    server.failures = [(503, {}), (429, {"Retry-After": "1"})]
    lookup = ServiceLookup("nominatim", url=server.url, backoff=0.05, cache=GeocoderCache(cache_path))
    assert lookup("Syria")[0].place.key == "nominatim_R184840"
    times = [r.at for r in server.requests]
    assert len(times) == 3 and times[1] - times[0] >= 0.05 - 0.01 and times[2] - times[1] >= 1.0 - 0.01


def test_a_refusal_is_not_retried(server, cache_path):
    server.failures = [(403, {})]
    lookup = ServiceLookup("nominatim", url=server.url, backoff=0.01, cache=GeocoderCache(cache_path))
    with pytest.raises(ServiceError, match=r'failed on "Aleppo": HTTP 403; 0 answers are cached'):
        lookup("Aleppo")
    server.failures = [(429, {"Retry-After": "3600"})]  # over quota for an hour: stop now, not wait
    with pytest.raises(ServiceError, match=r'failed on "Syria": HTTP 429, asked to wait 3600 s; 0 answers'):
        lookup("Syria")
    assert len(server.requests) == 2


def test_a_hanging_server_times_out_with_a_clear_error(server, cache_path):
    server.hang = True
    lookup = ServiceLookup(
        "nominatim", url=server.url, timeout=0.5, retries=1, backoff=0.01, cache=GeocoderCache(cache_path),
    )
    start = time.monotonic()
    with pytest.raises(ServiceError) as failed:
        lookup("Aleppo")
    assert time.monotonic() - start < 10  # two 0.5 s timeouts, not the server's hang
    assert str(failed.value) == (
        f'nominatim at {server.url} failed on "Aleppo": no answer within 0.5 s after 2 tries; '
        "0 answers are cached, run again to go on"
    )
    assert len(server.requests) == 2  # geopy's HTTP client adds no retries of its own


def test_pelias_answers_become_places(server, cache_path):
    lookup = ServiceLookup("pelias", url=server.url, cache=GeocoderCache(cache_path))
    found = lookup("Paris")
    assert [c.place.key for c in found] == [
        "pelias_whosonfirst_locality_101751119", "pelias_whosonfirst_region_85683497",
        "pelias_whosonfirst_locality_101725293",
    ]
    fr, department, tx = (c.place for c in found)
    assert (fr.lat, fr.lon, fr.admin1, fr.feature_code) == (48.85341, 2.3488, "Ile-de-France", "PPL")
    assert fr.country_code == "FR"  # from Pelias' alpha-3 "FRA"
    assert (department.feature_class, department.feature_code) == ("A", "ADM2")  # under a macroregion
    assert (tx.country_code, tx.admin1, tx.admin2, tx.source) == ("US", "Texas", "Lamar County", "pelias")
    assert fr.admin2 == "Paris"  # the département
    assert [c.score for c in found] == [1.0, 0.5, pytest.approx(1 / 3)]  # Pelias' own order
    assert server.requests[0].path == "/v1/search"
    with pytest.raises(ServiceConfigError, match="no public server"):
        ServiceLookup("pelias", cache=GeocoderCache(cache_path))


def test_geonames_answers_keep_their_gazetteer_keys(server, cache_path):
    with pytest.raises(ServiceConfigError, match="username=NAME"):
        ServiceLookup("geonames", url=server.url, cache=GeocoderCache(cache_path))
    cache = GeocoderCache(cache_path)
    lookup = ServiceLookup("geonames", url=server.url, options={"username": "newsroom"}, cache=cache)
    city, region = (c.place for c in lookup("Aleppo"))
    assert (city.key, city.geonameid, city.feature_code, city.population) == ("gn170063", 170063, "PPLA", 1602264)
    assert (city.lat, city.lon, city.admin1, city.country_code) == (36.20124, 37.16117, "Aleppo", "SY")
    assert (region.feature_code, region.source) == ("ADM1", "geonames")
    assert server.requests[0].params["username"] == ["newsroom"]


def test_any_other_geopy_service_through_the_generic_converter(server, cache_path):
    # geopy's GeocodeEarth speaks Pelias: the fake server answers it
    lookup = ServiceLookup("geocodeearth", url=server.url, options={"api_key": "k123"}, cache=GeocoderCache(cache_path))
    found = lookup("Paris")
    assert [c.place.name for c in found] == ["Paris", "Paris", "Paris"]
    assert found[0].place.lat == 48.85341 and found[0].place.source == "geocodeearth"
    assert found[0].place.key.startswith("geocodeearth_") and len({c.place.key for c in found}) == 3
    assert [c.place.key for c in lookup("Paris")] == [c.place.key for c in found]  # stable
    assert server.requests[0].params["api_key"] == ["k123"]
    with pytest.raises(ServiceConfigError, match='unknown geocoding service "mapquestx"'):
        ServiceLookup("mapquestx", cache=GeocoderCache(cache_path))


def test_every_key_is_safe_and_every_prior_in_0_1(server, cache_path):
    cache = GeocoderCache(cache_path)
    lookups = [
        ServiceLookup("nominatim", url=server.url, cache=cache), ServiceLookup("photon", url=server.url, cache=cache),
        ServiceLookup("pelias", url=server.url, cache=cache),
        ServiceLookup("geonames", url=server.url, options={"username": "u"}, cache=cache),
    ]
    found = [c for lookup in lookups for name in ("Aleppo", "Paris", "Orontes River") for c in lookup(name)]
    assert len(found) == 12
    assert all(SAFE_KEY.match(c.place.key) and 0 <= c.score <= 1 for c in found)
    nominatim_paris = lookups[0]("Paris")
    assert [c.score for c in nominatim_paris] == [0.8845663630228, 0.5195339]  # Nominatim's importance


@pytest.mark.parametrize(("tags", "expected"), [
    (("boundary", "administrative", "city", 16, "yes"), ("P", "PPLC")),
    (("boundary", "administrative", "", 8, ""), ("A", "ADM1")),  # an old Nominatim: rank only
    (("place", "hamlet", "hamlet", 20, ""), ("P", "PPL")),
    (("natural", "peak", "peak", 18, ""), ("T", "PK")),
    (("highway", "primary", "road", 26, ""), ("R", "RD")),
    (("shop", "bakery", "shop", 30, ""), ("S", "")),
    (("unknown", "thing", "", None, ""), ("", "")),
])
def test_osm_tags_become_geonames_features(tags, expected):
    assert osm.feature(*tags) == expected


def _write_answers(path, writer, count, start):
    start.wait()
    with GeocoderCache(path) as cache:
        for n in range(count):
            cache.put(f"nominatim {writer}", f"name {n}", {"limit": 10}, [{"writer": writer, "n": n}])
            cache.put("shared", f"name {n}", {"limit": 10}, [{"writer": writer}])


def test_two_processes_writing_one_cache_lose_nothing(cache_path):
    context = multiprocessing.get_context("fork")
    start = context.Event()
    writers = [context.Process(target=_write_answers, args=(cache_path, w, 300, start)) for w in ("a", "b")]
    for p in writers:
        p.start()
    start.set()  # both open the new file and write at once
    for p in writers:
        p.join(60)
    assert [p.exitcode for p in writers] == [0, 0]
    with GeocoderCache(cache_path) as cache:
        assert cache.count() == 900
        assert all(cache.get(f"nominatim {w}", f"name {n}", {"limit": 10}) == [{"writer": w, "n": n}]
                   for w in ("a", "b") for n in range(300))
        assert cache.get("shared", "name 7", {"limit": 10}) in ([{"writer": "a"}], [{"writer": "b"}])


def test_processes_creating_one_new_cache_at_once_all_open_it(tmp_path):
    # Switching a new file to WAL: SQLite refuses all but one process at once, busy timeout or not.
    context = multiprocessing.get_context("fork")
    for attempt in range(10):
        path = tmp_path / f"cache-{attempt}.sqlite"
        start = context.Event()
        openers = [context.Process(target=_write_answers, args=(path, w, 1, start)) for w in "abcdef"]
        for p in openers:
            p.start()
        start.set()
        for p in openers:
            p.join(60)
        assert [p.exitcode for p in openers] == [0] * 6
        with GeocoderCache(path) as cache:
            assert cache.count() == 7


def test_cache_keys_on_canonical_parameters(cache_path):
    with GeocoderCache(cache_path) as cache:
        cache.put("nominatim http://x", "Aleppo", {"limit": 10, "language": "en"}, [])
        assert cache.get("nominatim http://x", "Aleppo", {"language": "en", "limit": 10}) == []
        assert cache.get("nominatim http://x", "Aleppo", {"language": "fr", "limit": 10}) is None
        assert cache.get("nominatim http://y", "Aleppo", {"language": "en", "limit": 10}) is None
