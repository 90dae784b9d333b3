"""Does a confidence of 0.8 mean right 8 times in 10? Measures of calibration for probabilities
that a yes/no answer is right (here: that a pin lies within 161 km of the place meant).

- Reliability curve: the probabilities in BINS equal-width bins ([0, 0.1), [0.1, 0.2), ...,
  [0.9, 1.0], 1.0 in the last), each with its mean probability, the share of answers right and
  how many answers it holds.
- Expected calibration error (ECE), as Naeini et al. (2015) and Guo et al. (2017) define it over
  those bins: the mean over all answers of |a bin's mean probability - its share right|, i.e.
  sum over bins of (answers in the bin / all answers) * |gap|; empty bins count nothing.
- Brier score: the mean of (probability - right)^2, right being 1 or 0; 0 is perfect.
- What a map shows: the share of wrong answers below UNCERTAIN (drawn as uncertain, as they
  should be) and of right answers below it (drawn as uncertain although right).

Hand-written with numpy, a few lines: scikit-learn's `calibration_curve` would return the same
curve without the bins' counts or the ECE, and is no dependency of mapper.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

BINS = 10
UNCERTAIN = 0.5  # maps draw a place below this confidence as uncertain (render.markers.LOW_CONFIDENCE)


def _bins(probabilities: np.ndarray) -> np.ndarray:
    return np.minimum((probabilities * BINS).astype(int), BINS - 1)


def reliability_curve(probabilities: Sequence[float], right: Sequence[bool]) -> list[dict[str, Any]]:
    """One row per non-empty bin: its range, mean probability, share right and count."""
    p, ok = np.asarray(probabilities, dtype=float), np.asarray(right, dtype=float)
    which = _bins(p)
    rows = []
    for b in range(BINS):
        inside = which == b
        if inside.any():
            rows.append({
                "bin": f"{b / BINS:.1f}-{(b + 1) / BINS:.1f}",
                "mean predicted": round(float(p[inside].mean()), 3),
                "share right": round(float(ok[inside].mean()), 3),
                "answers": int(inside.sum()),
            })
    return rows


def expected_calibration_error(probabilities: Sequence[float], right: Sequence[bool]) -> float:
    p, ok = np.asarray(probabilities, dtype=float), np.asarray(right, dtype=float)
    which = _bins(p)
    gaps = [abs(p[which == b].mean() - ok[which == b].mean()) * (which == b).sum() for b in range(BINS) if (which == b).any()]
    return float(sum(gaps) / len(p))


def brier_score(probabilities: Sequence[float], right: Sequence[bool]) -> float:
    p, ok = np.asarray(probabilities, dtype=float), np.asarray(right, dtype=float)
    return float(((p - ok) ** 2).mean())


def summary(probabilities: Sequence[float], right: Sequence[bool]) -> dict[str, Any]:
    """All of the above for one set of answers (rounded, for reports)."""
    p, ok = np.asarray(probabilities, dtype=float), np.asarray(right, dtype=bool)
    low = p < UNCERTAIN
    return {
        "answers": len(p),
        "ece": round(expected_calibration_error(p, ok), 4),
        "brier": round(brier_score(p, ok), 4),
        "wrong marked uncertain": round(float(low[~ok].mean()), 3) if (~ok).any() else None,
        "right marked uncertain": round(float(low[ok].mean()), 3) if ok.any() else None,
        "reliability": reliability_curve(p, ok),
    }


def markdown(summaries: dict[str, dict[str, Any]]) -> str:
    """Summaries side by side (one per model or corpus) as a Markdown table: the reliability
    curves (mean predicted, share right, answers per bin), then ECE, Brier score and the shares
    of wrong and right answers marked uncertain."""
    names = list(summaries)
    lines = [
        "| bin | " + " | ".join(f"{n}: predicted | right | answers" for n in names) + " |",
        "|---|" + "---|---|---|" * len(names),
    ]
    for b in range(BINS):
        label = f"{b / BINS:.1f}-{(b + 1) / BINS:.1f}"
        cells = []
        for n in names:
            row = next((r for r in summaries[n]["reliability"] if r["bin"] == label), None)
            cells += [f"{row['mean predicted']:.3f}", f"{row['share right']:.3f}", str(row["answers"])] if row else ["—", "—", "0"]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for key in ("ece", "brier", "wrong marked uncertain", "right marked uncertain"):
        cells = [cell for n in names for cell in (str(summaries[n][key]), "", "")]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
