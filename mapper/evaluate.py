"""Score toponym predictions against gold, with the definitions of shared/eval/score.py.

Recognition: micro P/R/F1 over one-to-one span matches, exact (same start and end) and overlap
(greedy by largest overlap, then smallest start distance). Resolution, on matched gold toponyms:
acc@161km, median and mean error (haversine, R = 6371.0088 km) and the AUC of Gritta et al.;
a matched toponym left unresolved counts as 20,039 km off, so abstaining is never free.

Beyond score.py: resolution on exact matches by the kind of place predicted (country, region,
town, ...), read from the feature_code mapper writes with each toponym. Countries and continents
are where gold corpora disagree on the point (GeoNames' or Wikipedia's), towns where they agree.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from mapper.geodesy import SAME_PLACE_KM, haversine_km

MAX_ERROR_KM = 20039.0

Span = tuple[int, int, float | None, float | None]  # start, end, lat, lon
KINDS = ("country", "region", "continent or world region", "town", "other", "unresolved")


def gold_records(path: Path) -> Iterator[dict[str, Any]]:
    """The gold file's records in order, blank lines skipped (as the JSONL reader does)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def auc(errors_km: list[float]) -> float | None:
    if not errors_km:
        return None
    y = sorted(math.log(1.0 + max(0.0, e)) for e in errors_km)
    if len(y) == 1:
        return y[0] / math.log(MAX_ERROR_KM)
    area = sum((y[i] + y[i + 1]) / 2.0 for i in range(len(y) - 1))
    return area / ((len(y) - 1) * math.log(MAX_ERROR_KM))


def _spans(toponyms: Iterable[Mapping[str, Any]]) -> list[Span]:
    def number(x: Any) -> float | None:
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)

    return [(int(t["start"]), int(t["end"]), number(t.get("lat")), number(t.get("lon"))) for t in toponyms]


def place_kind(toponym: Mapping[str, Any]) -> str:
    """The kind of place a predicted toponym was resolved to, from its GeoNames feature code."""
    code = toponym.get("feature_code") or ""
    if toponym.get("lat") is None or toponym.get("lon") is None:
        return "unresolved"
    if code.startswith("PCL"):
        return "country"
    if code.startswith("ADM"):
        return "region"
    if code in ("CONT", "RGN"):
        return "continent or world region"
    return "town" if code.startswith("PPL") else "other"


def _resolution(errors_km: list[float]) -> dict[str, Any]:
    return {
        "n_matched": len(errors_km),
        "acc@161km": sum(e <= SAME_PLACE_KM for e in errors_km) / len(errors_km) if errors_km else None,
        "median_error_km": statistics.median(errors_km) if errors_km else None,
        "mean_error_km": statistics.fmean(errors_km) if errors_km else None,
        "auc": auc(errors_km),
    }


def match_exact(gold: list[Span], pred: list[Span]) -> list[tuple[int, int]]:
    free: dict[tuple[int, int], list[int]] = {}
    for j, p in enumerate(pred):
        free.setdefault((p[0], p[1]), []).append(j)
    return [(i, free[(g[0], g[1])].pop(0)) for i, g in enumerate(gold) if free.get((g[0], g[1]))]


def match_overlap(gold: list[Span], pred: list[Span]) -> list[tuple[int, int]]:
    candidates = sorted(
        (-(min(g[1], p[1]) - max(g[0], p[0])), abs(g[0] - p[0]), i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(pred)
        if min(g[1], p[1]) > max(g[0], p[0])
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def score(gold_docs: Mapping[str, dict], pred_docs: Mapping[str, dict]) -> dict[str, Any]:
    """Gold toponyms without coordinates are left out; documents missing from pred predict nothing."""
    counts = {"gold": 0, "pred": 0}
    tp = {"exact": 0, "overlap": 0}
    errors: dict[str, list[float]] = {"exact": [], "overlap": []}
    by_kind: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for doc_id, doc in gold_docs.items():
        gold = [g for g in _spans(doc.get("toponyms", [])) if g[2] is not None and g[3] is not None]
        pred_toponyms = pred_docs.get(doc_id, {}).get("toponyms", [])
        pred = _spans(pred_toponyms)
        counts["gold"] += len(gold)
        counts["pred"] += len(pred)
        for mode, match in (("exact", match_exact), ("overlap", match_overlap)):
            pairs = match(gold, pred)
            tp[mode] += len(pairs)
            for i, j in pairs:
                (_, _, glat, glon), (_, _, plat, plon) = gold[i], pred[j]
                unresolved = plat is None or plon is None
                error = MAX_ERROR_KM if unresolved else haversine_km(glat, glon, plat, plon)
                errors[mode].append(error)
                if mode == "exact":
                    by_kind[place_kind(pred_toponyms[j])].append(error)
    result: dict[str, Any] = {"gold_toponyms": counts["gold"], "pred_toponyms": counts["pred"]}
    for mode in ("exact", "overlap"):
        precision = tp[mode] / counts["pred"] if counts["pred"] else 0.0
        recall = tp[mode] / counts["gold"] if counts["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[f"ner_{mode}"] = {"tp": tp[mode], "precision": precision, "recall": recall, "f1": f1}
        result[f"geo_{mode}"] = _resolution(errors[mode])
    result["geo_exact_by_kind"] = {kind: _resolution(errs) for kind, errs in by_kind.items() if errs}
    return result


def report(result: dict[str, Any]) -> str:
    lines = [
        f"toponyms: gold={result['gold_toponyms']} predicted={result['pred_toponyms']}",
        "recognition      P        R        F1",
    ]
    for mode in ("exact", "overlap"):
        n = result[f"ner_{mode}"]
        lines.append(f"  {mode:8s} {n['precision']:7.2%}  {n['recall']:7.2%}  {n['f1']:7.2%}")
    lines.append("resolution (matched gold; unresolved = 20,039 km)  acc@161km  median km  mean km  AUC")
    for mode in ("exact", "overlap"):
        g = result[f"geo_{mode}"]
        if g["n_matched"]:
            lines.append(
                f"  {mode:8s} n={g['n_matched']:<6d} {g['acc@161km']:10.2%}  {g['median_error_km']:9.1f}"
                f"  {g['mean_error_km']:7.1f}  {g['auc']:.4f}"
            )
        else:
            lines.append(f"  {mode:8s} n=0")
    lines.append("resolution by kind of place predicted (exact matches)        acc@161km  median km")
    for kind, g in result["geo_exact_by_kind"].items():
        lines.append(f"  {kind:26s} n={g['n_matched']:<6d} {g['acc@161km']:10.2%}  {g['median_error_km']:9.1f}")
    return "\n".join(lines)
