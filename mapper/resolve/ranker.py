"""A linear ranker over a name's candidates: softmax of weights · features.

This is a conditional logit model, the classic choice model: among the candidates of one name,
P(candidate) = exp(w·x) / Σ exp(w·x'). Its weights are fitted by `mapper.dev.train` on gold
corpora (with cross-validation) and shipped in mapper/data/ranker.json; fitting is Newton's
method on the L2-penalized log-likelihood, which for a dozen features converges in a few steps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mapper.errors import DamagedFile
from mapper.resolve.features import FEATURES

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "ranker.json"


@dataclass(frozen=True)
class Ranker:
    weights: tuple[float, ...]

    def beliefs(self, features: list[list[float]]) -> list[float]:
        scores = np.asarray(features, dtype=float) @ np.asarray(self.weights)
        return _softmax(scores).tolist()

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> Ranker:
        return cls(load_weights(path, FEATURES))


def load_weights(path: Path, features: tuple[str, ...]) -> tuple[float, ...]:
    """A model's weights as `make train` wrote them, refused if fitted on other features."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != features:
        raise DamagedFile(path, "trained on other features", "retrain with `make train`")
    return tuple(data["weights"])


def _softmax(scores: np.ndarray) -> np.ndarray:
    e = np.exp(scores - scores.max())
    return e / e.sum()


Group = tuple[np.ndarray, int]  # one name's candidate features, and the index of the right one


def fit(groups: list[Group], l2: float = 1.0) -> Ranker:
    """Maximum-likelihood weights for the right candidates of these names, L2-penalized."""
    return Ranker(tuple(float(v) for v in fit_weights(groups, l2)))


def fit_weights(groups: list[Group], l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """The conditional logit's weights by Newton's method: each group is one choice among its rows."""
    w = np.zeros(groups[0][0].shape[1])
    for _ in range(steps):
        gradient = -2 * l2 * w
        hessian = -2 * l2 * np.eye(len(w))
        for x, right in groups:
            p = _softmax(x @ w)
            mean = p @ x
            gradient += x[right] - mean
            hessian -= (x * p[:, None]).T @ x - np.outer(mean, mean)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w
