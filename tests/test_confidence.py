"""Confidence: a probability that the pin is right, calibrated on the ranker's out-of-fold answers."""

import json

import pytest

from mapper.ingest import article_from_text
from mapper.model import Candidate, Mention, Place
from mapper.resolve import Resolver
from mapper.resolve.confidence import FEATURES, WEIGHTS_PATH, Calibrator, fit
from mapper.resolve.context import _resolution_parts, _runner_up_scale
from mapper.resolve.features import FEATURES as RANKER_FEATURES
from mapper.resolve.features import Name
from mapper.resolve.ranker import WEIGHTS_PATH as RANKER_PATH


def _row(**values):
    row = [0.0] * len(FEATURES)
    row[FEATURES.index("bias")] = 1.0
    for name, value in values.items():
        row[FEATURES.index(name)] = value
    return row


def test_fit_learns_how_often_a_share_is_right():
    # A full share is right 9 times in 10, a half share 1 time in 2.
    rows = [_row(ranker_share=1.0)] * 900 + [_row(ranker_share=0.5)] * 500
    right = [True] * 810 + [False] * 90 + [True] * 250 + [False] * 250
    calibrator = fit(rows, right)
    assert calibrator.probability(_row(ranker_share=1.0)) == pytest.approx(0.9, abs=0.03)
    assert calibrator.probability(_row(ranker_share=0.5)) == pytest.approx(0.5, abs=0.05)


def test_without_weights_confidence_is_the_ranker_share():
    assert Calibrator().probability(_row(ranker_share=0.37)) == 0.37


def test_weights_for_other_features_are_refused(tmp_path):
    path = tmp_path / "confidence.json"
    path.write_text(json.dumps({"features": ["bias"], "weights": [1.0]}))
    with pytest.raises(ValueError, match="retrain"):
        Calibrator.load(path)


def test_the_shipped_calibrator_loads_and_its_calibration_was_cross_validated():
    assert len(Calibrator.load().weights) == len(FEATURES)
    assert "out-of-fold" in json.loads(WEIGHTS_PATH.read_text())["fitted_on"]
    report = json.loads(RANKER_PATH.read_text())["calibration (cross-validated)"]
    assert report["calibrated"]["brier"] <= report["ranker share"]["brier"]


@pytest.mark.parametrize("confidence, share", [(0.9, 0.6), (0.3, 0.6), (0.6, 0.6), (0.99, 0.2), (0.05, 1.0)])
def test_runners_up_never_outscore_the_winner_nor_add_up_past_certainty(confidence, share):
    scale = _runner_up_scale(confidence, share)
    runner_up = min(share, 1.0 - share)  # the largest a runner-up's share can be
    assert runner_up * scale <= confidence + 1e-9
    assert confidence + (1.0 - share) * scale <= 1.0 + 1e-9


def test_a_sea_that_only_a_town_is_named_after_is_an_uncertain_pin():
    """ "the Pacific" that the gazetteer knows only as towns in Missouri and Washington: the
    ranker is sure between the two, but NER called it a location, not a city or a state. (Beside
    "Japan", the towns would be foreign villages, and the name as good as unknown.)"""
    pacific_mo = Place("gn4402300", "Pacific", 38.48, -90.74, 4402300, "P", "PPL", "US", "Missouri", 7_161)
    pacific_wa = Place("gn5804953", "Pacific", 47.26, -122.25, 5804953, "P", "PPL", "US", "Washington", 7_123)
    text = "The storm moved across the Pacific on Monday."
    mentions = [Mention("Pacific", 30, 37, "LOC", "p1")]
    candidates = {"Pacific": [Candidate(pacific_mo, 0.45), Candidate(pacific_wa, 0.45)]}
    result = Resolver(lambda name: candidates.get(name, [])).resolve(article_from_text(text, id="a"), mentions)
    [pacific] = result.resolutions
    assert pacific.place in (pacific_mo, pacific_wa) and pacific.confidence < 0.5


def test_runners_up_are_listed_by_their_probability():
    """Two Springfields 20 km apart together outweigh a single one the ranker liked more."""
    def town(key, lat, lon):
        return Candidate(Place(key, "Springfield", lat, lon, None, "P", "PPL", "US", key, 50_000), 0.5)
    candidates = [town("mo", 37.2, -93.3), town("il", 39.8, -89.6), town("ma1", 42.1, -72.6), town("ma2", 42.2, -72.4)]
    mention = Mention("Springfield", 0, 11, "GPE", "p1")
    name = Name("Springfield", [mention], candidates, features=[[0.0] * len(RANKER_FEATURES)] * 4,
                belief=[0.5, 0.2, 0.15, 0.15])
    best, confidence, runners_up, pinned = _resolution_parts(name, Calibrator())
    assert best.key == "mo" and confidence == 0.5 and not pinned
    assert [(c.place.key, c.score) for c in runners_up] == [("ma1", 0.3), ("il", 0.2)]
