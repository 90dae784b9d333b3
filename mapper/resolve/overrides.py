"""A user's word on names: the place a name always means, or that it is no place at all, in every
article or in one of them.

A CSV file with a header row, or a YAML list of mappings, with these fields:

    name         the name as articles write it (compared the way the gazetteer compares names)
    geonameid    the place, by its GeoNames id (`mapper gazetteer lookup NAME` lists them), or
    lat, lon     a point of your own, with an optional `label` to show on the map; beside a
                 geonameid, the point the gazetteer lacks that id
    not_a_place  yes (or true, 1): the name is no place, and is dropped before resolution
    article      the id of the one article the entry is for (empty: every article)

An entry for one article beats an entry for all; of several files, a later one's entry beats an
earlier one's for the same article and name. Pins are applied before disambiguation, so a pinned
"Georgia" (the US state) also tells the resolver that "Atlanta" is most likely in Georgia.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

import yaml

from mapper.errors import OverridesError
from mapper.model import Mention, Pin, Place
from mapper.gazetteer.names import normalize

PlaceById = Callable[[int], Place | None]
FIELDS = ("name", "geonameid", "lat", "lon", "label", "article", "not_a_place")
_YES, _NO = ("yes", "true", "1", "y"), ("no", "false", "0", "n", "")


class _Where(NamedTuple):
    """An entry of an overrides file, for the errors that name it."""

    path: Path
    entry: str  # "line 3" (CSV), "entry 2" (YAML)

    def error(self, problem: str) -> OverridesError:
        return OverridesError(self.path, problem, self.entry)


class Overrides:
    """Pins by article and name; of two for the same article and name, the later one counts."""

    def __init__(self, pins: Iterable[Pin] = ()):
        self._pins = {(pin.article, normalize(pin.name)): pin for pin in pins}
        self.pins = tuple(self._pins.values())

    def __len__(self) -> int:
        return len(self.pins)

    def _pin(self, article_id: str, name: str) -> Pin | None:
        key = normalize(name)
        return self._pins.get((article_id, key)) or self._pins.get(("", key))

    def place_for(self, article_id: str, name: str) -> Place | None:
        pin = self._pin(article_id, name)
        return pin.place if pin else None

    def is_no_place(self, article_id: str, name: str) -> bool:
        pin = self._pin(article_id, name)
        return pin is not None and pin.place is None

    def drops(self, article_id: str, mention: Mention) -> bool:
        """Whether the mention is no place: by the name the article writes, or the one it stands
        for ("Athens" in "Athens and Meigs counties" stands for "Athens County")."""
        return any(self.is_no_place(article_id, name) for name in {mention.text, mention.name})

    def for_article(self, article_id: str) -> tuple[Pin, ...]:
        """The pins for this article alone, not those for every article."""
        return tuple(pin for pin in self.pins if article_id and pin.article == article_id)

    @classmethod
    def load_all(cls, paths: Iterable[str | Path], place_by_id: PlaceById) -> Overrides:
        """Several files as one: a later file's pin beats an earlier one's for the same article and name."""
        return cls(pin for path in paths for pin in cls.load(path, place_by_id).pins)

    @classmethod
    def load(cls, path: str | Path, place_by_id: PlaceById) -> Overrides:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")  # spreadsheets often save a BOM
        except (OSError, UnicodeDecodeError) as e:
            raise OverridesError(path, f"cannot read the overrides file ({e})") from None
        entries = _yaml_entries(path, text) if path.suffix.lower() in (".yaml", ".yml") else _csv_entries(path, text)
        pins: dict[tuple[str, str], tuple[str, Pin]] = {}
        for where, entry in entries:
            pin = _pin(_Where(path, where), entry, place_by_id)
            key = (pin.article, normalize(pin.name))
            if key in pins:
                raise OverridesError(path, f"names {pin.name!r} again (first at {pins[key][0]})", where)
            pins[key] = (where, pin)
        return cls(pin for _, pin in pins.values())


def _csv_entries(path: Path, text: str) -> list[tuple[str, dict]]:
    rows = csv.DictReader(io.StringIO(text))
    if not rows.fieldnames or "name" not in rows.fieldnames:
        raise OverridesError(path, f"the first line must be a header with a 'name' column ({', '.join(FIELDS)})")
    return [(f"line {rows.line_num}", row) for row in rows if any((v or "").strip() for v in row.values())]


def _yaml_entries(path: Path, text: str) -> list[tuple[str, dict]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise OverridesError(path, f"not valid YAML ({' '.join(str(e).split())})") from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise OverridesError(path, "expected a list of entries like '- name: Georgia' with 'geonameid: 4197000'")
    return [(f"entry {i}", entry) for i, entry in enumerate(data, 1)]


def _pin(where: _Where, entry: dict, place_by_id: PlaceById) -> Pin:
    fields = {k: str(v).strip() for k, v in entry.items() if k is not None and v is not None}
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise where.error(f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})")
    name = fields.get("name", "")
    if not normalize(name):
        raise where.error("no name to pin")
    article = fields.get("article", "")
    point = bool(fields.get("lat") and fields.get("lon"))
    if _is_no_place(where, fields.get("not_a_place", "")):
        given = [f for f in ("geonameid", "lat", "lon", "label") if fields.get(f)]
        if given:
            raise where.error(f"{name!r} is not a place, so it takes no {given[0]}")
        return Pin(name, None, article)
    if fields.get("geonameid"):
        place = _gazetteer_place(where, fields["geonameid"], place_by_id, has_point=point)
        return Pin(name, place or _point(where, name, fields), article)
    if point:
        return Pin(name, _point(where, name, fields), article)
    raise where.error(f"give {name!r} a geonameid, or lat and lon, or not_a_place: yes")


def _is_no_place(where: _Where, value: str) -> bool:
    if value.lower() in _YES:
        return True
    if value.lower() in _NO:
        return False
    raise where.error(f"not_a_place must be yes or no (true/false, 1/0), not {value!r}")


def _gazetteer_place(where: _Where, value: str, place_by_id: PlaceById, *, has_point: bool) -> Place | None:
    """The gazetteer's place for the id; None when it lacks the id and the entry gives a point instead."""
    if not value.isdigit():
        raise where.error(f"geonameid must be a number, not {value!r}")
    place = place_by_id(int(value))
    if place is None and not has_point:
        raise where.error(f"GeoNames id {value} is not in the gazetteer; give lat and lon instead, "
                          "or import GeoNames (mapper gazetteer build --geonames)")
    return place


def _point(where: _Where, name: str, fields: dict[str, str]) -> Place:
    try:
        lat, lon = float(fields["lat"]), float(fields["lon"])
    except ValueError:
        raise where.error("lat and lon must be numbers") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise where.error(f"lat {lat}, lon {lon} is not a point on Earth")
    label = fields.get("label") or name
    digest = hashlib.sha256(f"{label}\0{lat}\0{lon}".encode()).hexdigest()[:12]
    return Place(key=f"pin_{digest}", name=label, lat=lat, lon=lon, source="override")


def entry(pin: Pin, label: str = "") -> dict[str, str]:
    """The pin as a file's fields, which load reads back as the same pin."""
    fields = {"name": pin.name, "article": pin.article}
    if pin.place is None:
        return {**fields, "not_a_place": "yes"}
    return {**fields, **place_fields(pin.place, label)}


def place_fields(place: Place, label: str = "") -> dict[str, str]:
    """The fields that pin a name to the place: a point of the user's own, with its label; or a
    gazetteer place's GeoNames id, with its point and `label` (default: its name) beside it, for a
    gazetteer that lacks the id and for a person reading the file."""
    own = place.source == "override"
    fields = {"lat": str(place.lat), "lon": str(place.lon), "label": place.name if own else label or place.name}
    if own or place.geonameid is None:
        return fields
    return {"geonameid": str(place.geonameid), **fields}
