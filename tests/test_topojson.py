"""TopoJSON and GeoJSON shapes (mapper/render/topojson.py, admin1.py): centroids, borders, state lines."""

import json

import pytest

from mapper.render.admin1 import read as read_admin1
from mapper.render.topojson import centroid, decode_arcs, lines, mainland_centroid, shared_arcs


def _topology(*rings):
    """A TopoJSON topology with one arc per ring, delta-encoded with an identity transform."""
    arcs = []
    for ring in rings:
        deltas, x0, y0 = [], 0, 0
        for x, y in ring:
            deltas.append([x - x0, y - y0])
            x0, y0 = x, y
        arcs.append(deltas)
    return {"transform": {"scale": [1, 1], "translate": [0, 0]}, "arcs": arcs}


def test_centroid_of_a_square():
    topology = _topology([(10, 20), (12, 20), (12, 22), (10, 22), (10, 20)])
    lat, lon = centroid({"type": "Polygon", "arcs": [[0]]}, decode_arcs(topology))
    assert (lat, lon) == pytest.approx((21, 11))


def test_islands_across_the_antimeridian_stay_there():
    east = [(178, 50), (179, 50), (179, 51), (178, 51), (178, 50)]
    west = [(-179, 50), (-178, 50), (-178, 51), (-179, 51), (-179, 50)]
    topology = _topology(east, west)
    lat, lon = centroid({"type": "MultiPolygon", "arcs": [[[0]], [[1]]]}, decode_arcs(topology))
    assert lat == pytest.approx(50.5)
    assert abs(lon) == pytest.approx(180)


def test_states_counties_lie_inside_the_states_bounds():
    from mapper.gazetteer.sources import us_counties

    counties = list(us_counties())
    assert len(counties) > 3000
    pacific_territories = {"AS", "GU", "MP"}  # south of the equator or west of the date line
    for c in counties:
        if c.admin1_code in pacific_territories:
            continue
        assert 17 < c.lat < 72, c  # Puerto Rico to the North Slope
        assert c.lon < -64 or c.lon > 172, c  # the Virgin Islands to the western Aleutians


def test_mainland_centroid_ignores_overseas_islands():
    mainland = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    island = [(50, 50), (51, 50), (51, 51), (50, 51), (50, 50)]
    topology = _topology(mainland, island)
    lat, lon = mainland_centroid({"type": "MultiPolygon", "arcs": [[[0]], [[1]]]},
                                 decode_arcs(topology))
    assert (lat, lon) == pytest.approx((5, 5))


def test_an_archipelago_has_no_mainland():
    islands = [[(x, 0), (x + 1, 0), (x + 1, 1), (x, 1), (x, 0)] for x in (0, 2, 4)]
    geometry = {"type": "MultiPolygon", "arcs": [[[0]], [[1]], [[2]]]}
    assert mainland_centroid(geometry, decode_arcs(_topology(*islands))) is None


def test_mainland_centroid_outside_its_crescent_is_none():
    crescent = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 9), (9, 9), (9, 1), (0, 1), (0, 0)]
    geometry = {"type": "Polygon", "arcs": [[0]]}
    assert mainland_centroid(geometry, decode_arcs(_topology(crescent))) is None


def test_shared_arcs_are_the_borders_between_shapes():
    # two squares side by side: arc 0 is their common side, 1 and 2 the rest of each
    topology = _topology([(1, 0), (1, 1)], [(1, 1), (0, 1), (0, 0), (1, 0)], [(1, 0), (2, 0), (2, 1), (1, 1)])
    arcs = decode_arcs(topology)
    left = {"type": "Polygon", "arcs": [[0, 1]]}
    right = {"type": "Polygon", "arcs": [[2, ~0]]}
    assert shared_arcs([left, right], arcs) == [arcs[0]]
    assert shared_arcs([left], arcs) == []


def test_lines_of_a_line_and_a_multiline():
    arcs = decode_arcs(_topology([(0, 0), (1, 1)], [(1, 1), (2, 1)], [(5, 5), (6, 6)]))
    assert lines({"type": "LineString", "arcs": [0, 1]}, arcs) == [[(0, 0), (1, 1), (2, 1)]]
    assert lines({"type": "MultiLineString", "arcs": [[0], [2]]}, arcs) == [arcs[0], arcs[2]]


def _square(x, y):
    return [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]


def test_admin1_lines_are_the_sides_two_states_of_a_country_share(tmp_path):
    features = [
        ("AAA", "West", _square(0, 0)),
        ("AAA", "East", _square(1, 0)),
        ("BBB", "Beyond", _square(2, 0)),  # another country: the side it shares is a border, not a state line
    ]
    path = tmp_path / "admin1.json"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
         "properties": {"adm0_a3": country, "name": name, "latitude": 0.5, "longitude": ring[0][0] + 0.5,
                        "min_label": 4.5}}
        for country, name, ring in features
    ]}), encoding="utf-8")
    admin1 = read_admin1(path)
    assert [line for line in admin1.lines("AAA")] == [[(1, 0), (1, 1)]]
    assert admin1.lines("BBB") == []
    assert [(r.name, r.country, r.label, r.width) for r in admin1.regions][:2] == [
        ("West", "AAA", (0.5, 0.5), 1), ("East", "AAA", (0.5, 1.5), 1)]
    assert admin1.zooms == {"AAA": 4.5, "BBB": 4.5}
