"""Throughput of the whole pipeline against bare spaCy NER on the same texts, in one run.

    python -m mapper.dev.speed ../shared/eval/lgl.jsonl

Machines here are noisy, so the figure to quote is the ratio: end-to-end articles per second
(read, recognize with the gazetteer's repairs, resolve in context) over the articles per second of
spaCy's own `nlp.pipe`, both warmed up, in one process: once against the full default pipeline
(what a user of spaCy would run) and once against the NER components alone (what mapper runs, so
the ratio is the cost of the gazetteer and the resolver).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy
from spacy.language import Language

from mapper.ingest import read_articles
from mapper.pipeline import Mapper
from mapper.recognize import default_model, load_pipeline


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def _spacy_rate(nlp: Language, texts: list[str]) -> float:
    list(nlp.pipe(texts[:5]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return _rate(len(texts), time.perf_counter() - start)


def main(path: str) -> None:
    articles = read_articles(Path(path))
    texts = [a.text for a in articles]
    model = default_model()
    full = _spacy_rate(spacy.load(model), texts)
    ner_only = _spacy_rate(load_pipeline(model), texts)
    mapper = Mapper(model=model)
    list(mapper.map(articles[:5]))  # loads the model and opens the gazetteer
    start = time.perf_counter()
    for _ in mapper.map(articles):
        pass
    ours = _rate(len(articles), time.perf_counter() - start)
    print(f"{path}: {len(articles)} articles, {model}. spaCy nlp.pipe: full pipeline {full:.1f}/s, "
          f"NER only {ner_only:.1f}/s; mapper end to end {ours:.1f}/s. "
          f"Ratios: {ours / full:.2f} of the full pipeline, {ours / ner_only:.2f} of NER alone")


if __name__ == "__main__":
    main(sys.argv[1])
