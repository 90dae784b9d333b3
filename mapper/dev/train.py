"""Fit the candidate ranker on gold corpora, report cross-validated accuracy, write the weights.

    python -m mapper.dev.train ../shared/eval/lgl.jsonl ../shared/eval/geovirus.jsonl

Each gold file is a corpus in the shared/eval JSONL format. Recognition runs once; then:
- 5-fold cross-validation over all documents (folds by document, seeded), each fold's
  predictions made by weights that never saw it, pooled and scored per corpus;
- across corpora: trained on all others, tested on each corpus in turn;
- the shipped weights: fitted on everything, written to mapper/data/ranker.json;
- the confidence calibrator (mapper.resolve.confidence): fitted on the cross-validation's
  out-of-fold answers, written to mapper/data/confidence.json with its calibration, reported
  cross-validated again, by document (mapper.reliability: reliability curves, ECE, Brier score,
  the shares of wrong and right pins drawn as uncertain), beside the ranker's share and a
  calibrator without the spatial-coherence features, per corpus; printed as Markdown tables.
A name's right candidate is the one nearest its gold point, if within 161 km; names with none
(the gazetteer lacks the place) teach nothing. Context features depend on the other names'
beliefs, so fitting alternates with recomputing them: ITERATIONS fits, the first on context
seen through uniform beliefs. The publishers' lexicons (mapper.resolve.lexicon) are learned the
same way, from each fit's own answers; held-out documents are predicted with all documents
resolved together, as `mapper geoparse` does, since a lexicon reads no gold.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from mapper import reliability
from mapper.evaluate import gold_records, score
from mapper.files import write_atomic
from mapper.geodesy import SAME_PLACE_KM, haversine_km
from mapper.ingest import read_articles
from mapper.model import Article, Mention, Place
from mapper.pipeline import Mapper
from mapper.recognize import Recognizer
from mapper.render.exports import prediction
from mapper.resolve import confidence
from mapper.resolve.confidence import Calibrator
from mapper.resolve.confidence import fit as fit_confidence
from mapper.resolve import Resolver, resolve_together
from mapper.resolve.choice import choices
from mapper.gazetteer.countries import radius_km
from mapper.resolve.features import FEATURES
from mapper.resolve.lexicon import LocalLexicon
from mapper.resolve.ranker import WEIGHTS_PATH, Group, Ranker, fit

FOLDS = 5
ITERATIONS = 3
RANKER_SHARE = Calibrator()  # confidence as the ranker's share, uncalibrated


@dataclass(frozen=True)
class Doc:
    corpus: str
    article: Article
    mentions: list[Mention]
    gold: dict[str, Any]


@dataclass(frozen=True)
class Answer:
    """A placed name of a held-out document: the calibrator's features, and whether its pin is right."""

    doc: str
    corpus: str
    features: list[float]
    right: bool


Predictions = tuple[dict[str, dict], list[Answer]]


def load(paths: Sequence[Path], mapper: Mapper) -> list[Doc]:
    recognizer = Recognizer(mapper.nlp, mapper.batch_size)
    docs = []
    for path in paths:
        articles = read_articles(path)
        golds = {g["id"]: g for g in gold_records(path)}
        for article, mentions in recognizer.mentions(articles):
            docs.append(Doc(path.stem, article, mentions, golds[article.id]))
    return docs


def _groups(docs: list[Doc], resolver: Resolver) -> list[Group]:
    groups = []
    for doc in docs:
        gold = {(t["start"], t["end"]): (t["lat"], t["lon"]) for t in doc.gold["toponyms"]}
        for name in resolver.rank(doc.article, doc.mentions):
            point = next((gold[(m.start, m.end)] for m in name.mentions if (m.start, m.end) in gold), None)
            if point is None or not name.candidates:
                continue
            distances = [haversine_km(*point, c.place.lat, c.place.lon) for c in name.candidates]
            right = int(np.argmin(distances))
            if distances[right] <= SAME_PLACE_KM:
                groups.append((np.asarray(name.features, dtype=float), right))
    return groups


@cache
def _calibrator() -> Calibrator:
    """The shipped calibrator, which decides as in use which answers teach the publishers'
    lexicons; the ranker's share when it was fitted on other features (then train twice)."""
    try:
        return Calibrator.load()
    except (OSError, ValueError):
        return RANKER_SHARE


def _lexicon(docs: list[Doc], ranker: Ranker, mapper: Mapper) -> LocalLexicon:
    """The publishers' lexicons as this ranker's answers teach them: unsupervised, as in use."""
    lexicon = LocalLexicon()
    resolver = Resolver(mapper.candidates, ranker, calibrator=_calibrator())
    for d in docs:
        lexicon.learn(resolver.resolve(d.article, d.mentions))
    return lexicon


def train(docs: list[Doc], mapper: Mapper) -> Ranker:
    ranker = Ranker((0.0,) * len(FEATURES))
    for _ in range(ITERATIONS):
        lexicon = _lexicon(docs, ranker, mapper)
        ranker = fit(_groups(docs, Resolver(mapper.candidates, ranker, lexicon=lexicon, calibrator=_calibrator())))
    return ranker


def _predict(docs: list[Doc], ranker: Ranker, mapper: Mapper, wanted: set[str] | None = None) -> Predictions:
    """Predictions as `mapper geoparse` makes them: all the documents resolved together, so
    each publisher's lexicon is learned from all its articles (without their gold). Only the
    `wanted` documents' predictions are returned, with the answers the calibrator learns from:
    each name's confidence features and whether its winner is right (the names ranked once more)."""
    resolver = Resolver(mapper.candidates, ranker, lexicon=LocalLexicon(), calibrator=_calibrator())
    recognized = [(d.article, d.mentions) for d in docs]
    predictions = {
        r.article.id: prediction(r) for r in resolve_together(resolver, recognized)
        if wanted is None or r.article.id in wanted
    }
    answers = [a for d in docs if wanted is None or d.article.id in wanted for a in _answers(d, resolver)]
    return predictions, answers


def _answers(doc: Doc, resolver: Resolver) -> list[Answer]:
    gold = {(t["start"], t["end"]): (t["lat"], t["lon"]) for t in doc.gold["toponyms"]}
    answers = []
    for choice in choices(resolver.rank(doc.article, doc.mentions)):
        name = choice.name
        point = next((gold[(m.start, m.end)] for m in name.mentions if (m.start, m.end) in gold), None)
        if point is None or name.mentions[0].is_people:
            continue
        place = name.candidates[choice.best].place
        right = haversine_km(*point, place.lat, place.lon) <= _right_within_km(place)
        answers.append(Answer(doc.article.id, doc.corpus, choice.confidence_features, right))
    return answers


def _scores(docs: list[Doc], predictions: dict[str, dict]) -> dict[str, dict]:
    results = {}
    for corpus in sorted({d.corpus for d in docs}):
        gold = {d.article.id: d.gold for d in docs if d.corpus == corpus}
        s = score(gold, predictions)
        results[corpus] = {
            "f1": round(s["ner_exact"]["f1"], 4),
            "acc@161km": round(s["geo_exact"]["acc@161km"], 4),
            "median_km": round(s["geo_exact"]["median_error_km"], 1),
            "auc": round(s["geo_exact"]["auc"], 4),
        }
    return results


def _right_within_km(place: Place) -> float:
    """How far from the gold point a pin is still the place meant. A country's point is a
    convention (GeoNames', Wikipedia's and the CIA's differ by up to 1,000 km for Canada): it is
    right wherever the story's point lies within the country's extent."""
    if place.is_country:
        return max(SAME_PLACE_KM, radius_km(place.country_code))
    return SAME_PLACE_KM


def cross_validate(docs: list[Doc], mapper: Mapper) -> tuple[dict[str, dict], list[Answer]]:
    order = list(range(len(docs)))
    random.Random(0).shuffle(order)
    predictions: dict[str, dict] = {}
    answers: list[Answer] = []
    for k in range(FOLDS):
        held = {i for n, i in enumerate(order) if n % FOLDS == k}
        ranker = train([d for i, d in enumerate(docs) if i not in held], mapper)
        fold_predictions, fold_answers = _predict(docs, ranker, mapper, wanted={docs[i].article.id for i in held})
        predictions |= fold_predictions
        answers += fold_answers
    return _scores(docs, predictions), answers


def across_corpora(docs: list[Doc], mapper: Mapper) -> dict[str, dict]:
    results = {}
    for corpus in sorted({d.corpus for d in docs}):
        test = [d for d in docs if d.corpus == corpus]
        ranker = train([d for d in docs if d.corpus != corpus], mapper)
        results |= _scores(test, _predict(test, ranker, mapper)[0])
    return results


def calibration(answers: list[Answer]) -> dict[str, dict]:
    """Does 0.8 mean 80%? For the ranker's share, for a calibrator without the spatial-coherence
    features (confidence.SPATIAL) and for the calibrator, each cross-validated: the answers are
    the ranker's out-of-fold ones, and each calibrator is fitted five times, by document, on the
    answers of the other folds. Per corpus, and over all."""
    without = [i for i, f in enumerate(confidence.FEATURES) if f not in confidence.SPATIAL]
    models = {
        "ranker share": [RANKER_SHARE.probability(a.features) for a in answers],
        "calibrated without spatial coherence": _out_of_fold(answers, without),
        "calibrated": _out_of_fold(answers, list(range(len(confidence.FEATURES)))),
    }
    corpora = ["all", *sorted({a.corpus for a in answers})]
    return {
        model: {
            corpus: reliability.summary(
                [p for p, a in zip(probabilities, answers) if corpus in ("all", a.corpus)],
                [a.right for a in answers if corpus in ("all", a.corpus)],
            )
            for corpus in corpora
        }
        for model, probabilities in models.items()
    }


def _out_of_fold(answers: list[Answer], columns: list[int]) -> list[float]:
    """Each answer's probability from a calibrator over these feature columns fitted on the other
    folds' documents."""
    ids = sorted({a.doc for a in answers})
    random.Random(0).shuffle(ids)
    fold_of = {doc_id: n % FOLDS for n, doc_id in enumerate(ids)}
    rows = [[a.features[c] for c in columns] for a in answers]
    probabilities = [0.0] * len(answers)
    for k in range(FOLDS):
        train_on = [i for i, a in enumerate(answers) if fold_of[a.doc] != k]
        model = fit_confidence([rows[i] for i in train_on], [answers[i].right for i in train_on])
        for i, a in enumerate(answers):
            if fold_of[a.doc] == k:
                probabilities[i] = model.probability(rows[i])
    return probabilities


def calibration_tables(report: dict[str, dict]) -> str:
    """The calibration report as Markdown: per corpus, the three models side by side."""
    corpora = next(iter(report.values()))
    return "\n\n".join(
        f"Calibration, cross-validated: {corpus}\n\n" + reliability.markdown({m: report[m][corpus] for m in report})
        for corpus in corpora
    )


def main(paths: list[str]) -> None:
    mapper = Mapper()
    docs = load([Path(p) for p in paths], mapper)
    cv, answers = cross_validate(docs, mapper)
    report = {
        f"{FOLDS}-fold cross-validation": cv,
        "trained on the other corpus": across_corpora(docs, mapper),
    }
    calibrated = calibration(answers)
    ranker = train(docs, mapper)
    data = {
        "features": list(FEATURES),
        "weights": [round(w, 4) for w in ranker.weights],
        "trained_on": {Path(p).name: sum(d.corpus == Path(p).stem for d in docs) for p in paths},
        **report,
    }
    calibrator = fit_confidence([a.features for a in answers], [a.right for a in answers])
    confidence_data = {
        "features": list(confidence.FEATURES),
        "weights": [round(w, 4) for w in calibrator.weights],
        "fitted_on": f"{len(answers)} names: the ranker's {FOLDS}-fold out-of-fold answers",
        "calibration (cross-validated)": calibrated,
    }
    write_atomic(WEIGHTS_PATH, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    write_atomic(confidence.WEIGHTS_PATH, json.dumps(confidence_data, indent=1) + "\n")
    print(json.dumps(data, indent=1, ensure_ascii=False))
    print(calibration_tables(calibrated))


if __name__ == "__main__":
    main(sys.argv[1:])
