"""mapper evaluate: the same figures as the reference scorer, on predictions we write here."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mapper.evaluate import MAX_ERROR_KM, haversine_km, report, score

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

GOLD = {
    "a": {"id": "a", "text": "Homs and Aleppo and Paris", "toponyms": [
        {"start": 0, "end": 4, "lat": 34.73, "lon": 36.72},
        {"start": 9, "end": 15, "lat": 36.20, "lon": 37.16},
        {"start": 20, "end": 25, "lat": 48.85, "lon": 2.35},
    ]},
    "b": {"id": "b", "text": "Nowhere", "toponyms": []},
}
PRED = {
    "a": {"id": "a", "toponyms": [
        {"start": 0, "end": 4, "lat": 32.65, "lon": 14.26},  # exact span, the wrong Homs
        {"start": 9, "end": 15, "lat": 36.21, "lon": 37.17},  # exact, right
        {"start": 19, "end": 25, "lat": None, "lon": None},  # overlap only, unresolved
    ]},
    "b": {"id": "b", "toponyms": [{"start": 0, "end": 7, "lat": 0.0, "lon": 0.0}]},  # false positive
}


def test_recognition_and_resolution_by_hand():
    result = score(GOLD, PRED)
    assert result["ner_exact"]["tp"] == 2 and result["ner_overlap"]["tp"] == 3
    assert result["ner_exact"]["precision"] == pytest.approx(2 / 4)
    assert result["ner_exact"]["recall"] == pytest.approx(2 / 3)
    assert result["geo_exact"]["acc@161km"] == pytest.approx(1 / 2)
    overlap_errors = sorted([haversine_km(34.73, 36.72, 32.65, 14.26), haversine_km(36.20, 37.16, 36.21, 37.17), MAX_ERROR_KM])
    assert result["geo_overlap"]["mean_error_km"] == pytest.approx(sum(overlap_errors) / 3)
    assert result["geo_overlap"]["median_error_km"] == pytest.approx(overlap_errors[1])


def test_resolution_by_kind_of_place_predicted():
    coded = {"a": {"id": "a", "toponyms": [
        {**PRED["a"]["toponyms"][0], "feature_code": "PPL"},
        {**PRED["a"]["toponyms"][1], "feature_code": "PPLA"},
        {"start": 20, "end": 25, "lat": 46.0, "lon": 2.0, "feature_code": "PCLI"},  # France for Paris
    ]}}
    by_kind = score(GOLD, coded)["geo_exact_by_kind"]
    assert set(by_kind) == {"town", "country"}
    assert by_kind["town"]["n_matched"] == 2 and by_kind["town"]["acc@161km"] == pytest.approx(1 / 2)
    assert by_kind["country"]["acc@161km"] == 0.0
    assert score(GOLD, PRED)["geo_exact_by_kind"]["other"]["n_matched"] == 2  # no feature codes
    assert "unresolved" not in score(GOLD, PRED)["geo_exact_by_kind"]  # only the overlap match was
    assert "  country                    n=1" in report(score(GOLD, coded))


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"reference scorer not found at {REFERENCE}")
def test_agrees_with_the_reference_scorer(tmp_path):
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text("".join(json.dumps(d) + "\n" for d in GOLD.values()))
    pred_path.write_text("".join(json.dumps(d) + "\n" for d in PRED.values()))
    done = subprocess.run(
        [sys.executable, str(REFERENCE), str(gold_path), str(pred_path), "--json", "--penalize-missing-coords"],
        capture_output=True, text=True, check=True,
    )
    reference = json.loads(done.stdout)
    ours = score(GOLD, PRED)
    for mode in ("exact", "overlap"):
        for key in ("tp", "precision", "recall", "f1"):
            assert ours[f"ner_{mode}"][key] == pytest.approx(reference[f"ner_{mode}"][key])
        for key in ("acc@161km", "median_error_km", "mean_error_km", "auc"):
            assert ours[f"geo_{mode}"][key] == pytest.approx(reference[f"geo_{mode}"][key])
