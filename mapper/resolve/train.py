"""Fit the candidate ranker on gold corpora, report cross-validated accuracy, write the weights.

    python -m mapper.resolve.train ../shared/eval/lgl.jsonl ../shared/eval/geovirus.jsonl

Each gold file is a corpus in the shared/eval JSONL format. Recognition runs once; then:
- 5-fold cross-validation over all documents (folds by document, seeded), each fold's
  predictions made by weights that never saw it, pooled and scored per corpus;
- across corpora: trained on all others, tested on each corpus in turn;
- the shipped weights: fitted on everything, written to mapper/data/ranker.json.
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
from pathlib import Path
from typing import Any

import numpy as np

from mapper.evaluate import gold_records, score
from mapper.files import write_atomic
from mapper.geodesy import haversine_km
from mapper.ingest import read_articles
from mapper.model import Article, Mention
from mapper.pipeline import Mapper
from mapper.recognize import Recognizer
from mapper.render.exports import prediction
from mapper.resolve.context import Resolver, resolve_together
from mapper.resolve.features import FEATURES
from mapper.resolve.lexicon import LocalLexicon
from mapper.resolve.ranker import WEIGHTS_PATH, Group, Ranker, fit

FOLDS = 5
ITERATIONS = 3
ACCURATE_KM = 161.0


@dataclass(frozen=True)
class Doc:
    corpus: str
    article: Article
    mentions: list[Mention]
    gold: dict[str, Any]


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
            if distances[right] <= ACCURATE_KM:
                groups.append((np.asarray(name.features, dtype=float), right))
    return groups


def _lexicon(docs: list[Doc], ranker: Ranker, mapper: Mapper) -> LocalLexicon:
    """The publishers' lexicons as this ranker's answers teach them: unsupervised, as in use."""
    lexicon = LocalLexicon()
    resolver = Resolver(mapper.candidates, ranker)
    for d in docs:
        lexicon.learn(resolver.resolve(d.article, d.mentions))
    return lexicon


def train(docs: list[Doc], mapper: Mapper) -> Ranker:
    ranker = Ranker((0.0,) * len(FEATURES))
    for _ in range(ITERATIONS):
        lexicon = _lexicon(docs, ranker, mapper)
        ranker = fit(_groups(docs, Resolver(mapper.candidates, ranker, lexicon=lexicon)))
    return ranker


def _predict(docs: list[Doc], ranker: Ranker, mapper: Mapper, wanted: set[str] | None = None) -> dict[str, dict]:
    """Predictions as `mapper geoparse` makes them: all the documents resolved together, so
    each publisher's lexicon is learned from all its articles (without their gold). Only the
    `wanted` documents' predictions are returned."""
    resolver = Resolver(mapper.candidates, ranker, lexicon=LocalLexicon())
    recognized = [(d.article, d.mentions) for d in docs]
    return {
        r.article.id: prediction(r) for r in resolve_together(resolver, recognized)
        if wanted is None or r.article.id in wanted
    }


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


def cross_validate(docs: list[Doc], mapper: Mapper) -> tuple[dict[str, dict], dict[str, dict]]:
    order = list(range(len(docs)))
    random.Random(0).shuffle(order)
    predictions: dict[str, dict] = {}
    for k in range(FOLDS):
        held = {i for n, i in enumerate(order) if n % FOLDS == k}
        ranker = train([d for i, d in enumerate(docs) if i not in held], mapper)
        predictions |= _predict(docs, ranker, mapper, wanted={docs[i].article.id for i in held})
    return _scores(docs, predictions), predictions


def across_corpora(docs: list[Doc], mapper: Mapper) -> dict[str, dict]:
    results = {}
    for corpus in sorted({d.corpus for d in docs}):
        test = [d for d in docs if d.corpus == corpus]
        ranker = train([d for d in docs if d.corpus != corpus], mapper)
        results |= _scores(test, _predict(test, ranker, mapper))
    return results


def calibration(docs: list[Doc], predictions: dict[str, dict]) -> list[dict[str, Any]]:
    """Share of right places among exact-span matches, by confidence band: does 0.8 mean 80%?"""
    bands = [(0.0, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01)]
    tallies = {band: [0, 0] for band in bands}
    for d in docs:
        gold = {(t["start"], t["end"]): (t["lat"], t["lon"]) for t in d.gold["toponyms"]}
        for t in predictions[d.article.id]["toponyms"]:
            point = gold.get((t["start"], t["end"]))
            if point is None or t["lat"] is None:
                continue
            band = next(b for b in bands if b[0] <= t["score"] < b[1])
            tallies[band][0] += 1
            tallies[band][1] += haversine_km(*point, t["lat"], t["lon"]) <= ACCURATE_KM
    return [{"confidence": f"{lo:.2f}-{min(hi, 1.0):.2f}", "places": n, "right": round(right / n, 3) if n else None}
            for (lo, hi), (n, right) in tallies.items()]


def main(paths: list[str]) -> None:
    mapper = Mapper()
    docs = load([Path(p) for p in paths], mapper)
    cv, predictions = cross_validate(docs, mapper)
    report = {
        f"{FOLDS}-fold cross-validation": cv,
        "trained on the other corpus": across_corpora(docs, mapper),
        "calibration (cross-validated)": calibration(docs, predictions),
    }
    ranker = train(docs, mapper)
    data = {
        "features": list(FEATURES),
        "weights": [round(w, 4) for w in ranker.weights],
        "trained_on": {Path(p).name: sum(d.corpus == Path(p).stem for d in docs) for p in paths},
        **report,
    }
    write_atomic(WEIGHTS_PATH, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(data, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
