"""What goes into a gazetteer being built: mapper's embedded records, then GeoNames dump rows.

Places go straight into their table in batches. Names go first into a staging database and are
sorted into their table, deduplicated, at the end, and indexed after that: loading stays fast and
memory stays bounded however big the dump (allCountries has 13M places, alternateNamesV2 15M names).

A dump row that is a place the embedded sources already hold is merged into it: the embedded
record keeps its curated point and aliases and gains the dump's names. That is the same
geonameid, a first-level region with the same (country, admin-1 code), or a US county of the
same state and name.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from mapper.gazetteer import geonames
from mapper.gazetteer.records import PlaceRecord
from mapper.gazetteer.names import loose_key_of_normalized, normalize

SCHEMA_VERSION = 2

# meta first: its pages lead the file, so a truncated gazetteer still says what it was (build.py).
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin2_code TEXT NOT NULL,
    population INTEGER NOT NULL,
    alternate_count INTEGER NOT NULL,  -- names the source lists besides its own: fame, where no population tells
    source TEXT NOT NULL
);
CREATE TABLE admin1 (
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    name TEXT NOT NULL,
    place_id INTEGER,
    PRIMARY KEY (country_code, admin1_code)
);
CREATE TABLE admin2 (
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin2_code TEXT NOT NULL,
    name TEXT NOT NULL,
    place_id INTEGER,
    PRIMARY KEY (country_code, admin1_code, admin2_code)
);
-- GeoNames regions and counties merged into an embedded one: their geonameid -> its place
CREATE TABLE merged (geonameid INTEGER PRIMARY KEY, place_id INTEGER NOT NULL);
CREATE TABLE stage.names (norm TEXT, key TEXT, place_id INTEGER, is_main INTEGER);
CREATE TABLE stage.alternates (place_id INTEGER, norm TEXT, key TEXT);
"""

_NAMES = """
CREATE TABLE names (
    norm TEXT NOT NULL,
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places(id),
    is_main INTEGER NOT NULL,
    PRIMARY KEY (norm, place_id)
) WITHOUT ROWID;
INSERT INTO names
    SELECT norm, min(key), place_id, max(is_main) FROM stage.names GROUP BY norm, place_id;
"""

_PLACE = "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
_FILL_ADMIN2 = "UPDATE places SET admin2_code = ? WHERE id = ? AND admin2_code = ''"
_ADMIN1 = "INSERT OR IGNORE INTO admin1 VALUES (?,?,?,?)"
_ADMIN2 = "INSERT OR IGNORE INTO admin2 VALUES (?,?,?,?,?)"
_NAME = "INSERT INTO stage.names VALUES (?,?,?,?)"
_ALTERNATE = "INSERT INTO stage.alternates VALUES (?,?,?)"

BATCH = 50_000
PROGRESS_EVERY = 20_000
EMBEDDED_TASK = "embedded sources"
DUMP_SOURCE = "geonames-dump"
# GeoNames' pseudo-languages for what is no name of the place: links, postal and airport codes,
# Wikidata and UN/LOCODE ids, pronunciations, French Revolution names.
USELESS_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "tcid", "phon", "fr_1793"})
_AIRPORT_CODE = re.compile(r"^[A-Z0-9]{3,4}$")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Progress:
    task: str  # a file's name, or a step: "embedded sources", "sorting names", "indexing names"
    done: int  # bytes read
    total: int  # bytes to read; 0 for a step whose length is not known
    rows: int


ProgressCallback = Callable[[Progress], None]


@lru_cache(maxsize=1 << 16)
def _keys(name: str) -> tuple[str, str]:
    """normalize and loose_key, which take most of an import's time; many names recur."""
    norm = normalize(name)
    return norm, loose_key_of_normalized(norm)


def _useful_alternates(names: Iterable[str]) -> list[str]:
    """Drop what GeoNames lists among alternate names that is no name: airport and postal codes, links."""
    return [n for n in names if _LETTER.search(n) and not _AIRPORT_CODE.match(n) and "://" not in n]


class Loader:
    """Loads one gazetteer being built; db has SCHEMA, with the staging database attached as `stage`."""

    def __init__(self, db: sqlite3.Connection, progress: ProgressCallback | None = None):
        self.db = db
        self.progress = progress or (lambda _: None)
        self._pending: dict[str, list[tuple]] = defaultdict(list)
        self._embedded: set[int] = set()
        self._regions: dict[tuple[str, str], int] = {}  # embedded (country, admin-1 code) -> place id
        self._counties: dict[tuple[str, str], int] = {}  # embedded US (state, county name) -> place id
        self._merged: dict[int, int] = {}  # dump geonameid -> the embedded place it is

    def load(self, records: Iterable[PlaceRecord], dumps: Iterable[geonames.DumpFile]) -> list[dict]:
        """Load everything and finish the tables; returns each dump's name, size and rows."""
        self.progress(Progress(EMBEDDED_TASK, 0, 0, 0))
        n = 0
        for n, record in enumerate(records, 1):
            self._record(record)
            if n % PROGRESS_EVERY == 0:
                self.progress(Progress(EMBEDDED_TASK, 0, 0, n))
        self._flush()
        self.progress(Progress(EMBEDDED_TASK, 0, 0, n))
        files = [self._dump(dump) for dump in dumps]
        self._finish()
        return files

    def _dump(self, dump: geonames.DumpFile) -> dict:
        table = geonames.Table(dump)
        read, add = {
            geonames.ADMIN1_CODES: (geonames.admin_codes, self._admin_code),
            geonames.ADMIN2_CODES: (geonames.admin_codes, self._admin_code),
            geonames.COUNTRY_INFO: (geonames.countries, self._country),
            geonames.PLACES: (geonames.places, self._place),
            geonames.ALTERNATE_NAMES: (geonames.alternate_names, self._alternate),
        }[dump.kind]
        self.progress(Progress(dump.name, 0, dump.table_size, 0))
        for i, row in enumerate(read(table), 1):
            add(row)
            if i % PROGRESS_EVERY == 0:
                self.progress(Progress(dump.name, table.bytes_read, dump.table_size, table.rows))
        self._flush()
        self.progress(Progress(dump.name, table.bytes_read, dump.table_size, table.rows))
        return {"name": dump.name, "size": dump.size, "rows": table.rows}

    def _add(self, sql: str, row: tuple) -> None:
        rows = self._pending[sql]
        rows.append(row)
        if len(rows) >= BATCH:
            self.db.executemany(sql, rows)
            rows.clear()

    def _flush(self) -> None:
        for sql, rows in self._pending.items():
            self.db.executemany(sql, rows)
            rows.clear()

    def _names(self, place_id: int, name: str, others: Iterable[str], own: bool) -> None:
        """Stage a place's names; own: name is the place's own name (not a merged namesake's)."""
        seen: set[str] = set()
        for i, raw in enumerate(dict.fromkeys((name, *others))):
            norm, key = _keys(raw)
            if norm and norm not in seen:
                seen.add(norm)
                self._add(_NAME, (norm, key, place_id, int(own and i == 0)))

    def _record(self, r: PlaceRecord) -> None:
        self._add(_PLACE, (r.id, r.geonameid, r.name, r.lat, r.lon, r.feature_class, r.feature_code,
                           r.country_code, r.admin1_code, r.admin2_code, r.population,
                           len(r.alternate_names), r.source))
        # A town's alternate names include its airport's code; a country's "USA" or "DRC" is a name.
        alternates = _useful_alternates(r.alternate_names) if r.feature_class == "P" else r.alternate_names
        self._names(r.id, r.name, alternates, own=True)
        self._embedded.add(r.id)
        if r.feature_code == "ADM1" and r.admin1_code:
            self._add(_ADMIN1, (r.country_code, r.admin1_code, r.name, r.id))
            self._regions.setdefault((r.country_code, r.admin1_code), r.id)
        if r.feature_code == "ADM2" and r.admin2_code:
            self._add(_ADMIN2, (r.country_code, r.admin1_code, r.admin2_code, r.name, r.id))
            if r.country_code == "US":
                self._counties.setdefault((r.admin1_code, normalize(r.name)), r.id)

    def _embedded_place(self, row: geonames.PlaceRow) -> int | None:
        """The embedded place a dump row is, if any."""
        gid = row.geonameid
        if gid in self._embedded:
            return gid
        if gid in self._merged:
            return self._merged[gid]
        if row.feature_code == "ADM1":
            return self._regions.get((row.country_code, row.admin1))
        if row.feature_code == "ADM2" and row.country_code == "US":
            return self._counties.get((row.admin1, normalize(row.name)))
        return None

    def _place(self, row: geonames.PlaceRow) -> None:
        gid = row.geonameid
        others = [row.asciiname, *_useful_alternates(row.alternate_names)]
        embedded = self._embedded_place(row)
        if embedded is not None:
            if embedded != gid:
                self._merged[gid] = embedded
            elif row.admin2:
                self._add(_FILL_ADMIN2, (row.admin2, gid))
            self._names(embedded, row.name, others, own=False)
            return
        self._add(_PLACE, (gid, gid, row.name, row.lat, row.lon, row.feature_class, row.feature_code,
                           row.country_code, row.admin1, row.admin2, row.population,
                           len(row.alternate_names), DUMP_SOURCE))
        self._names(gid, row.name, others, own=True)
        if row.feature_code == "ADM1" and row.admin1:
            self._add(_ADMIN1, (row.country_code, row.admin1, row.name, gid))
        elif row.feature_code == "ADM2" and row.admin2:
            self._add(_ADMIN2, (row.country_code, row.admin1, row.admin2, row.name, gid))

    def _admin_code(self, code: geonames.AdminCode) -> None:
        """A region's name from admin1CodesASCII/admin2Codes; read before the places, so these
        names win over the dump's ADM1/ADM2 rows (the embedded regions' names win over both)."""
        cc = code.country_code
        if code.admin2:
            held = self._counties.get((code.admin1, normalize(code.name))) if cc == "US" else None
            self._add(_ADMIN2, (cc, code.admin1, code.admin2, code.name, held or code.geonameid))
        else:
            held = self._regions.get((cc, code.admin1))
            if held is None:
                self._add(_ADMIN1, (cc, code.admin1, code.name, code.geonameid))
        if held is not None:
            if code.geonameid and code.geonameid != held:
                self._merged[code.geonameid] = held
            self._names(held, code.name, [code.asciiname], own=False)

    def _country(self, country: geonames.Country) -> None:
        if country.geonameid:
            self._stage_alternate(country.geonameid, country.name)

    def _alternate(self, alternate: geonames.AlternateName) -> None:
        if alternate.language not in USELESS_LANGUAGES and _LETTER.search(alternate.name):
            self._stage_alternate(alternate.geonameid, alternate.name)

    def _stage_alternate(self, geonameid: int, name: str) -> None:
        """A name of a geonameid that may be no place here (cities500 with the world's names)."""
        norm, key = _keys(name)
        if norm:
            self._add(_ALTERNATE, (self._merged.get(geonameid, geonameid), norm, key))

    def _finish(self) -> None:
        self._flush()
        self.progress(Progress("sorting names", 0, 0, 0))
        self.db.execute(
            "INSERT INTO stage.names SELECT a.norm, a.key, a.place_id, 0"
            " FROM stage.alternates a JOIN places p ON p.id = a.place_id"
        )
        self.db.executemany("INSERT INTO merged VALUES (?, ?)", self._merged.items())
        self.db.executescript(_NAMES)
        self.progress(Progress("indexing names", 0, 0, 0))
        self.db.execute("CREATE INDEX names_key ON names(key)")


def counts(db: sqlite3.Connection) -> dict[str, int]:
    """Places per feature class, names, and admin-1 and admin-2 regions with a name."""
    found = dict(db.execute("SELECT feature_class, count(*) FROM places GROUP BY feature_class").fetchall())
    for table in ("names", "admin1", "admin2"):
        found[table] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return found
