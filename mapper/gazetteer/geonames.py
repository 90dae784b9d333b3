"""GeoNames' own dump files (download.geonames.org/export/dump), read as a stream.

Each file is told by its name and its number of tab-separated columns:

- places, 19 columns: allCountries, XX (one country), citiesN, no-country (.txt, or .zip holding
  the .txt and a readme);
- alternate names: alternateNamesV2 (10 columns) or the older alternateNames (8), .txt or .zip;
  a per-country alternatenames/XX.zip is told from a country's places by its columns;
- admin1CodesASCII.txt ("US.IL", name, ascii name, geonameid), admin2Codes.txt ("US.IL.167", ...);
- countryInfo.txt (19 columns after its # comment lines).

Rows are read one at a time (allCountries has 13M), and a file that is not one of these, or a
line that does not fit its format, is a GazetteerError naming the file and line.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from mapper.errors import GazetteerError

PLACES = "places"
ALTERNATE_NAMES = "alternate names"
ADMIN1_CODES = "admin-1 codes"
ADMIN2_CODES = "admin-2 codes"
COUNTRY_INFO = "country info"

# File name (without .txt/.zip) -> the kind each column count means.
_KINDS: list[tuple[re.Pattern[str], dict[int, str]]] = [
    (re.compile(r"allCountries|[A-Z]{2}|cities\d+|no-country", re.IGNORECASE),
     {19: PLACES, 10: ALTERNATE_NAMES, 8: ALTERNATE_NAMES}),
    (re.compile(r"alternateNames(V2)?", re.IGNORECASE), {10: ALTERNATE_NAMES, 8: ALTERNATE_NAMES}),
    (re.compile(r"admin1CodesASCII", re.IGNORECASE), {4: ADMIN1_CODES}),
    (re.compile(r"admin2Codes", re.IGNORECASE), {4: ADMIN2_CODES}),
    (re.compile(r"countryInfo", re.IGNORECASE), {19: COUNTRY_INFO}),
]
KNOWN_FILES = "allCountries, XX, citiesN, alternateNamesV2, admin1CodesASCII, admin2Codes, countryInfo"
_BUFFER = 1 << 20


@dataclass(frozen=True)
class DumpFile:
    path: Path
    kind: str
    columns: int
    member: str | None  # the table inside a zip
    size: int  # bytes on disk
    table_size: int  # bytes of the table itself, uncompressed: what progress counts

    @property
    def name(self) -> str:
        return self.path.name


class PlaceRow(NamedTuple):
    geonameid: int
    name: str
    asciiname: str
    alternate_names: list[str]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str
    admin2: str
    population: int


class AlternateName(NamedTuple):
    geonameid: int
    language: str  # an ISO code, or a pseudo-language: link, post, iata, wkdt, ...
    name: str


class AdminCode(NamedTuple):
    country_code: str
    admin1: str
    admin2: str  # "" in admin1CodesASCII
    name: str
    asciiname: str
    geonameid: int | None


class Country(NamedTuple):
    country_code: str
    name: str
    geonameid: int | None


def recognize(path: Path) -> DumpFile:
    """What kind of GeoNames file path is, from its name and first row."""
    if not path.is_file():
        raise GazetteerError(path, "no such file")
    stem, suffix = path.stem, path.suffix.lower()
    kinds = next((k for pattern, k in _KINDS if pattern.fullmatch(stem)), None)
    if kinds is None or suffix not in (".txt", ".zip"):
        raise GazetteerError(path.name, f"not a GeoNames dump mapper reads ({KNOWN_FILES}; .txt or .zip)")
    member, table_size = _member(path) if suffix == ".zip" else (None, path.stat().st_size)
    dump = DumpFile(path, "", 0, member, path.stat().st_size, table_size)
    with closing(_lines(dump)) as lines:
        first = next(lines, None)
    if first is None:
        raise GazetteerError(path.name, "holds no rows")
    number, fields = first
    if len(fields) not in kinds:
        expected = " or ".join(str(n) for n in sorted(kinds, reverse=True))
        raise GazetteerError(path.name, f"expected {expected} tab-separated columns, found {len(fields)}", number)
    return DumpFile(path, kinds[len(fields)], len(fields), member, dump.size, table_size)


def _member(path: Path) -> tuple[str, int]:
    """The table inside a GeoNames zip: the .txt named like the zip (beside a readme)."""
    try:
        with zipfile.ZipFile(path) as archive:
            wanted = f"{path.stem}.txt"
            info = next((i for i in archive.infolist() if i.filename.lower() == wanted.lower()), None)
    except (zipfile.BadZipFile, OSError) as e:
        raise GazetteerError(path.name, f"not a readable zip file ({e})") from None
    if info is None:
        raise GazetteerError(path.name, f"holds no {wanted}")
    return info.filename, info.file_size


@contextmanager
def _open(dump: DumpFile) -> Iterator[BinaryIO]:
    if dump.member is None:
        with open(dump.path, "rb", buffering=_BUFFER) as f:
            yield f
    else:
        with zipfile.ZipFile(dump.path) as archive, archive.open(dump.member) as raw:
            yield io.BufferedReader(raw, buffer_size=_BUFFER)  # type: ignore[arg-type]


class Table:
    """The rows of one dump file as lists of fields; bytes_read and rows follow the reading."""

    def __init__(self, dump: DumpFile):
        self.dump = dump
        self.bytes_read = 0
        self.rows = 0

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, fields) of each row, every row checked for its column count."""
        for number, fields in _lines(self.dump, self):
            if len(fields) != self.dump.columns:
                raise self.error(number, f"expected {self.dump.columns} tab-separated columns, found {len(fields)}")
            self.rows += 1
            yield number, fields

    def error(self, number: int, problem: str) -> GazetteerError:
        return GazetteerError(self.dump.name, problem, number)


def _lines(dump: DumpFile, table: Table | None = None) -> Iterator[tuple[int, list[str]]]:
    comments = dump.path.stem.lower() == "countryinfo"
    number = 0
    try:
        with _open(dump) as f:
            for raw in f:
                number += 1
                if table is not None:
                    table.bytes_read += len(raw)
                line = raw.decode("utf-8").rstrip("\r\n")
                if line and not (comments and line.startswith("#")):
                    yield number, line.split("\t")
    except UnicodeDecodeError:
        raise GazetteerError(dump.name, "not UTF-8 text", number) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise GazetteerError(dump.name, f"the zip file is damaged ({e})", number) from None


def _number(table: Table, line: int, column: str, text: str, kind: type, empty: int | None = None):
    """text as a number; empty is what an empty field means (None: a required field)."""
    if not text:
        if empty is None:
            raise table.error(line, f"no {column}")
        return empty
    try:
        return kind(text)
    except ValueError:
        raise table.error(line, f"{column} {text!r} is not a number") from None


def places(table: Table) -> Iterator[PlaceRow]:
    for line, f in table:
        try:
            yield PlaceRow(
                int(f[0]), f[1], f[2], f[3].split(",") if f[3] else [], float(f[4]), float(f[5]),
                f[6], f[7], f[8], f[10], f[11], int(f[14]) if f[14] else 0,
            )
        except ValueError:  # the slow path, only to say which field is wrong
            for column, i, kind in (("geonameid", 0, int), ("latitude", 4, float), ("longitude", 5, float)):
                _number(table, line, column, f[i], kind)
            _number(table, line, "population", f[14], int, 0)
            raise


def alternate_names(table: Table) -> Iterator[AlternateName]:
    for line, f in table:
        yield AlternateName(_number(table, line, "geonameid", f[1], int), f[2], f[3])


def admin_codes(table: Table) -> Iterator[AdminCode]:
    parts = 2 if table.dump.kind == ADMIN1_CODES else 3
    for line, f in table:
        code = f[0].split(".")
        if len(code) != parts or not all(code):
            example = "US.IL" if parts == 2 else "US.IL.167"
            raise table.error(line, f"code {f[0]!r} is not like {example!r}")
        geonameid = _number(table, line, "geonameid", f[3], int, 0) or None
        yield AdminCode(code[0], code[1], code[2] if parts == 3 else "", f[1], f[2], geonameid)


def countries(table: Table) -> Iterator[Country]:
    for line, f in table:
        yield Country(f[0], f[4], _number(table, line, "geonameid", f[16], int, 0) or None)


def place_line(
    geonameid: int, name: str, lat: float, lon: float, feature_class: str, feature_code: str,
    country_code: str, admin1: str = "", admin2: str = "", population: int = 0,
    alternate_names: tuple[str, ...] = (), asciiname: str | None = None,
) -> str:
    """One row of the places table as GeoNames writes it, for tests and benchmarks."""
    fields = [
        str(geonameid), name, name if asciiname is None else asciiname, ",".join(alternate_names),
        f"{lat:.5f}", f"{lon:.5f}", feature_class, feature_code, country_code, "", admin1, admin2, "", "",
        str(population), "", "0", "UTC", "2024-01-01",
    ]
    return "\t".join(fields) + "\n"


def zipped(table_name: str, text: str) -> bytes:
    """A zip like GeoNames': the table and a readme, for tests and benchmarks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(table_name, text)
        archive.writestr("readme.txt", "synthetic GeoNames dump\n")
    return buffer.getvalue()
