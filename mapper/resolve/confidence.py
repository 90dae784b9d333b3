"""How sure to be that a name's pin is right: a calibrated probability.

The ranker's share for the winner says how the winner compares with the other candidates, not
whether the name means any of them: "the Middle East", which the embedded gazetteer knows only as
a hamlet in Maryland, gets all of the ranker's belief. A logistic model over what the name and its
winner look like, and with where the winner lies among the article's other places
(mapper.resolve.coherence), turns that share into the probability that the pin lies within
SAME_PLACE_KM of the right place. `mapper.dev.train` fits it on the ranker's out-of-fold answers and reports
its calibration cross-validated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mapper.model import Match
from mapper.resolve import coherence
from mapper.resolve.features import FEATURES as RANKER_FEATURES
from mapper.resolve.features import Name
from mapper.resolve.ranker import fit_weights, load_weights

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "confidence.json"

FEATURES = (
    "bias",
    "ranker_share",  # the ranker's probability for the candidates near the winner
    "population",  # the winner's, log10(population + 1) / 8
    "town",
    "country",
    "admin_region",
    "other_name",  # the winner matched by one of its alternate names, or loosely
    "said_loc",  # share of the mentions NER called LOC: seas, regions, landmarks more than towns
    "said_other",  # share called neither GPE nor LOC (FAC, or a person or organization repaired)
    "one_candidate",
    "candidates",  # log of how many places the name may be
    "mentions",  # log of how often the article names it
    "named_container",  # "Name, Region": the text itself confirms the winner
    "nearest_km",  # how far the nearest other place of the article is (coherence.closeness)
    "alone",  # the article has no other place to compare the winner with
    "far_small",  # a town or county far from all the others, and small (coherence.far_and_small)
)
SPATIAL = ("nearest_km", "alone", "far_small")
_SHARE = FEATURES.index("ranker_share")
_NAMED_CONTAINER = RANKER_FEATURES.index("named_container")


def features(name: Name, best: int, share: float, nearest_km: float | None) -> list[float]:
    """nearest_km: to the nearest other place of the article (coherence.nearest_km), None if none."""
    place = name.candidates[best].place
    labels = [m.label for m in name.mentions]
    code = place.feature_code
    return [
        1.0,
        share,
        place.population_scale,
        float(place.is_town),
        float(code.startswith("PCL") or code == "CONT"),
        float(code.startswith("ADM")),
        float(name.candidates[best].match in (Match.ALTERNATE, Match.LOOSE)),
        labels.count("LOC") / len(labels),
        sum(label not in ("GPE", "LOC") for label in labels) / len(labels),
        float(len(name.candidates) == 1),
        math.log(len(name.candidates)),
        math.log(len(name.mentions)),
        name.features[best][_NAMED_CONTAINER],
        coherence.closeness(nearest_km),
        float(nearest_km is None),
        coherence.far_and_small(place, nearest_km),
    ]


@dataclass(frozen=True)
class Calibrator:
    """P(right) = sigmoid(weights · features); without weights, the ranker's share as it is."""

    weights: tuple[float, ...] = ()

    def probability(self, row: list[float]) -> float:
        if not self.weights:
            return row[_SHARE]
        return 1.0 / (1.0 + math.exp(-float(np.dot(self.weights, row))))

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> Calibrator:
        return cls(load_weights(path, FEATURES))


def fit(rows: list[list[float]], right: list[bool]) -> Calibrator:
    """Logistic regression, as a choice between the row and a zero row: one optimizer for both models."""
    zero = [0.0] * len(rows[0])
    groups = [(np.asarray([row, zero], dtype=float), 0 if ok else 1) for row, ok in zip(rows, right)]
    return Calibrator(tuple(float(w) for w in fit_weights(groups)))
