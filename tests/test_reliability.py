"""Calibration measures: reliability curve, expected calibration error, Brier score, shares marked uncertain."""

import pytest

from mapper.reliability import brier_score, expected_calibration_error, markdown, reliability_curve, summary

# Four answers given 0.25, one of them right: calibrated. Six given 0.9, only three right: 0.4 too sure.
TOY_P = [0.25] * 4 + [0.9] * 6
TOY_RIGHT = [True, False, False, False] + [True, True, True, False, False, False]


def test_ece_weighs_each_bins_gap_by_its_share_of_the_answers():
    assert expected_calibration_error(TOY_P, TOY_RIGHT) == pytest.approx(0.6 * 0.4)


def test_a_calibrated_set_has_no_calibration_error():
    p = [0.1] * 10 + [0.7] * 10
    right = [True] + [False] * 9 + [True] * 7 + [False] * 3
    assert expected_calibration_error(p, right) == pytest.approx(0.0)


def test_brier_score_is_the_mean_squared_gap():
    assert brier_score(TOY_P, TOY_RIGHT) == pytest.approx((0.75**2 + 3 * 0.25**2 + 3 * 0.1**2 + 3 * 0.9**2) / 10)
    assert brier_score([1.0, 0.0], [True, False]) == 0.0


def test_reliability_curve_has_ten_equal_bins_and_certainty_falls_in_the_last():
    curve = reliability_curve([0.0, 0.1, 0.19, 0.95, 1.0], [False, True, False, True, True])
    assert curve == [
        {"bin": "0.0-0.1", "mean predicted": 0.0, "share right": 0.0, "answers": 1},
        {"bin": "0.1-0.2", "mean predicted": 0.145, "share right": 0.5, "answers": 2},
        {"bin": "0.9-1.0", "mean predicted": 0.975, "share right": 1.0, "answers": 2},
    ]


def test_summary_says_which_wrong_and_right_answers_a_map_draws_as_uncertain():
    found = summary([0.2, 0.45, 0.7, 0.3, 0.9, 0.95], [False, False, False, True, True, True])
    assert found["wrong marked uncertain"] == pytest.approx(2 / 3, abs=0.001)
    assert found["right marked uncertain"] == pytest.approx(1 / 3, abs=0.001)
    assert found["answers"] == 6


def test_markdown_puts_models_side_by_side_with_empty_bins_shown():
    table = markdown({"before": summary(TOY_P, TOY_RIGHT), "after": summary([0.5] * 10, TOY_RIGHT)})
    lines = table.splitlines()
    assert lines[0].startswith("| bin | before: predicted | right | answers | after: predicted")
    assert "| 0.2-0.3 | 0.250 | 0.250 | 4 | — | — | 0 |" in lines
    assert "| 0.5-0.6 | — | — | 0 | 0.500 | 0.400 | 10 |" in lines
    assert "| ece | 0.24 |  |  | 0.1 |  |  |" in lines
