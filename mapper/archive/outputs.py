"""A run's own outputs, read back from its manifest and streamed to disk, each file atomic:
the predictions (one JSON line per article), places.geojson (places merged across articles, each
listing its articles), mentions.parquet (one row per mention) and failures.jsonl."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from mapper.archive.manifest import Manifest
from mapper.files import atomic_writer

PLACES = "places.geojson"
MENTIONS = "mentions.parquet"
FAILURES = "failures.jsonl"
ROW_GROUP = 50_000  # mentions per Parquet row group: what the writer holds in memory

MENTION_COLUMNS = (
    ("article", "string"), ("paragraph", "string"), ("start", "int64"), ("end", "int64"), ("text", "string"),
    ("place", "string"), ("place_name", "string"), ("lat", "float64"), ("lon", "float64"),
    ("feature_code", "string"), ("country", "string"), ("geonameid", "int64"), ("confidence", "float64"),
)


def write_predictions(manifest: Manifest, path: Path | None) -> None:
    """One line per article in the evaluation format (shared/eval/README.md), in input order;
    to stdout without a path."""
    if path is None:
        _predictions(manifest, sys.stdout)
        return
    with atomic_writer(path) as out:
        _predictions(manifest, out)


def _predictions(manifest: Manifest, out: IO[str]) -> None:
    for _, _, record in manifest.records():
        out.write(json.dumps(record["prediction"], ensure_ascii=False) + "\n")


def write_places(manifest: Manifest, path: Path) -> Path:
    """An RFC 7946 FeatureCollection of the run's places, each with its articles."""
    with atomic_writer(path) as out:
        out.write('{"type": "FeatureCollection", "features": [')
        for n, feature in enumerate(_place_features(manifest)):
            out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        out.write("\n]}\n")
    return path


def _place_features(manifest: Manifest) -> Iterator[dict[str, Any]]:
    for key, name, lat, lon, code, country, geonameid, mentions, confidence, articles in manifest.places():
        yield {
            "type": "Feature", "id": key,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"name": name, "geonameid": geonameid, "country": country, "feature_code": code,
                           "confidence": round(confidence, 3), "mention_count": mentions,
                           "article_count": len(articles), "articles": articles},
        }


def write_mentions(manifest: Manifest, path: Path) -> Path:
    """One row per mention of the run, placed or not, readable by pandas, DuckDB or Arrow."""
    import pyarrow as pa  # here: geoparse never needs it, and it costs a cold start
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in MENTION_COLUMNS])
    with atomic_writer(path, "wb") as out:
        writer = pq.ParquetWriter(out, schema)
        rows: list[dict[str, Any]] = []
        for _, _, record in manifest.records():
            article = record["prediction"]["id"]
            rows.extend({"article": article, **m} for m in record["mentions"])
            if len(rows) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema))
                rows = []
        writer.write_table(pa.Table.from_pylist(rows, schema))
        writer.close()
    return path


def write_failures(manifest: Manifest, path: Path) -> Path | None:
    """failures.jsonl: file, line, id and reason of each article the run could not map; no file
    (and none left from an earlier run) when every article was mapped."""
    if manifest.failure_count() == 0:
        path.unlink(missing_ok=True)
        return None
    with atomic_writer(path) as out:
        out.writelines(_failure_lines(manifest))
    return path


def _failure_lines(manifest: Manifest) -> Iterator[str]:
    for f in manifest.failures():
        yield json.dumps({"file": f.file, "line": f.line, "id": f.id, "reason": f.reason}, ensure_ascii=False) + "\n"
