"""Confidence: a probability that the pin is right, calibrated on the ranker's out-of-fold answers."""

import json

import pytest

from mapper.errors import DamagedFile
from mapper.ingest import article_from_text
from mapper.model import Candidate, Mention, Place
from mapper.resolve import Resolver
from mapper.resolve.confidence import FEATURES, WEIGHTS_PATH, Calibrator, fit
from mapper.resolve.answers import _runner_up_scale, answer
from mapper.resolve.choice import choices
from mapper.resolve.features import FEATURES as RANKER_FEATURES
from mapper.resolve.features import Name


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
    with pytest.raises(DamagedFile, match="retrain"):
        Calibrator.load(path)


def test_the_shipped_calibrator_loads_and_its_calibration_was_cross_validated():
    assert len(Calibrator.load().weights) == len(FEATURES)
    shipped = json.loads(WEIGHTS_PATH.read_text())
    assert "out-of-fold" in shipped["fitted_on"]
    report = shipped["calibration (cross-validated)"]
    assert set(report) == {"ranker share", "calibrated without spatial coherence", "calibrated"}
    assert set(report["calibrated"]) == {"all", "lgl", "geovirus"}
    assert report["calibrated"]["all"]["brier"] <= report["ranker share"]["all"]["brier"]


def _confidence_of_delhi(delhi: Place) -> float:
    """A story of three Michigan towns and a "Delhi" whose one candidate is the given place."""
    def town(key, name, lat, lon, population):
        return Place(key, name, lat, lon, None, "P", "PPL", "US", "Michigan", population)
    candidates = {
        "Lansing": [Candidate(town("l", "Lansing", 42.73, -84.56, 112_644), 0.9)],
        "Mason": [Candidate(town("m", "Mason", 42.58, -84.44, 8_252), 0.9)],
        "Okemos": [Candidate(town("o", "Okemos", 42.72, -84.43, 21_369), 0.9)],
        "Delhi": [Candidate(delhi, 0.9)],
    }
    text = "Crews from Lansing and Mason worked near Delhi and Okemos."
    mentions = [Mention(n, text.index(n), text.index(n) + len(n), "GPE", "p1") for n in candidates]
    result = Resolver(lambda name: candidates.get(name, [])).resolve(article_from_text(text, id="a"), mentions)
    return next(r.confidence for r in result.resolutions if r.mention.text == "Delhi")


def test_a_small_town_far_from_the_storys_others_is_less_sure_than_one_among_them_or_a_far_city():
    near = _confidence_of_delhi(Place("n", "Delhi", 42.60, -84.60, None, "P", "PPL", "US", "Michigan", 10_755))
    far_town = _confidence_of_delhi(Place("f", "Delhi", 37.43, -120.78, None, "P", "PPL", "US", "California", 10_755))
    far_city = _confidence_of_delhi(Place("c", "Delhi", 28.65, 77.23, None, "P", "PPLA", "IN", "Delhi", 11_000_000))
    assert far_town < near and far_town < far_city


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
    [choice] = choices([name])
    found = answer(choice, Calibrator())
    assert found.place.key == "mo" and found.confidence == 0.5 and not found.pinned
    assert [(c.place.key, c.score) for c in found.runners_up] == [("ma1", 0.3), ("il", 0.2)]
