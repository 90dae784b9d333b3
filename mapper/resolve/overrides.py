"""A user's pins: a name that always means one place, in every article or in one of them.

A CSV file with a header row, or a YAML list of mappings, with these fields:

    name       the name as articles write it (compared the way the gazetteer compares names)
    geonameid  the place, by its GeoNames id (`mapper gazetteer lookup NAME` lists them), or
    lat, lon   a point of your own, with an optional `label` to show on the map
    article    the id of the one article the pin is for (empty: every article)

A pin for one article beats a pin for all. Pins are applied before disambiguation, so a pinned
"Georgia" (the US state) also tells the resolver that "Atlanta" is most likely in Georgia.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from mapper.errors import MapperError
from mapper.model import Place
from mapper.resolve.names import normalize

PlaceById = Callable[[int], Place | None]
FIELDS = ("name", "geonameid", "lat", "lon", "label", "article")


class OverridesError(MapperError):
    """An overrides file that cannot be read; the message names the file and the entry."""


@dataclass(frozen=True)
class Pin:
    name: str
    place: Place
    article: str = ""  # "" pins the name in every article


class Overrides:
    def __init__(self, pins: Iterable[Pin] = ()):
        self.pins = tuple(pins)
        self._places = {(pin.article, normalize(pin.name)): pin.place for pin in self.pins}

    def __len__(self) -> int:
        return len(self.pins)

    def place_for(self, article_id: str, name: str) -> Place | None:
        key = normalize(name)
        return self._places.get((article_id, key)) or self._places.get(("", key))

    @classmethod
    def load(cls, path: str | Path, place_by_id: PlaceById) -> Overrides:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")  # spreadsheets often save a BOM
        except (OSError, UnicodeDecodeError) as e:
            raise OverridesError(f"{path}: cannot read the overrides file ({e})") from None
        entries = _yaml_entries(path, text) if path.suffix.lower() in (".yaml", ".yml") else _csv_entries(path, text)
        pins: dict[tuple[str, str], tuple[str, Pin]] = {}
        for where, entry in entries:
            pin = _pin(f"{path}: {where}", entry, place_by_id)
            key = (pin.article, normalize(pin.name))
            if key in pins:
                raise OverridesError(f"{path}: {where} pins {pin.name!r} again (first at {pins[key][0]})")
            pins[key] = (where, pin)
        return cls(pin for _, pin in pins.values())


def _csv_entries(path: Path, text: str) -> list[tuple[str, dict]]:
    rows = csv.DictReader(io.StringIO(text))
    if not rows.fieldnames or "name" not in rows.fieldnames:
        raise OverridesError(f"{path}: the first line must be a header with a 'name' column ({', '.join(FIELDS)})")
    return [(f"line {rows.line_num}", row) for row in rows if any((v or "").strip() for v in row.values())]


def _yaml_entries(path: Path, text: str) -> list[tuple[str, dict]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise OverridesError(f"{path}: not valid YAML ({' '.join(str(e).split())})") from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise OverridesError(f"{path}: expected a list of entries like '- name: Georgia' with 'geonameid: 4197000'")
    return [(f"entry {i}", entry) for i, entry in enumerate(data, 1)]


def _pin(where: str, entry: dict, place_by_id: PlaceById) -> Pin:
    fields = {k: str(v).strip() for k, v in entry.items() if k is not None and v is not None}
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise OverridesError(f"{where}: unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})")
    name = fields.get("name", "")
    if not normalize(name):
        raise OverridesError(f"{where}: no name to pin")
    if fields.get("geonameid"):
        place = _gazetteer_place(where, fields["geonameid"], place_by_id)
    elif fields.get("lat") and fields.get("lon"):
        place = _point(where, name, fields)
    else:
        raise OverridesError(f"{where}: give {name!r} a geonameid, or lat and lon")
    return Pin(name, place, fields.get("article", ""))


def _gazetteer_place(where: str, value: str, place_by_id: PlaceById) -> Place:
    if not value.isdigit():
        raise OverridesError(f"{where}: geonameid must be a number, not {value!r}")
    place = place_by_id(int(value))
    if place is None:
        raise OverridesError(
            f"{where}: GeoNames id {value} is not in the gazetteer; give lat and lon instead, "
            "or import GeoNames (mapper gazetteer build --geonames)"
        )
    return place


def _point(where: str, name: str, fields: dict[str, str]) -> Place:
    try:
        lat, lon = float(fields["lat"]), float(fields["lon"])
    except ValueError:
        raise OverridesError(f"{where}: lat and lon must be numbers") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise OverridesError(f"{where}: lat {lat}, lon {lon} is not a point on Earth")
    label = fields.get("label") or name
    digest = hashlib.sha256(f"{label}\0{lat}\0{lon}".encode()).hexdigest()[:12]
    return Place(key=f"pin_{digest}", name=label, lat=lat, lon=lon, source="override")
