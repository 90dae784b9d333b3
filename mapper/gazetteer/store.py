"""Read-only access to a built gazetteer: name -> candidate places."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mapper.errors import DamagedFile
from mapper.model import Place
from mapper.gazetteer.names import loose_key, normalize

# Candidates per name, best prior first: a full GeoNames import has hundreds of Springfields.
MAX_CANDIDATES = 50


@dataclass(frozen=True)
class NameMatch:
    place: Place
    exact: bool  # the normalized name matched, not only its loose key
    main_name: bool  # the name is the place's own name, not an alternate
    alternate_count: int = 0  # names the source lists for the place besides its own


# Rows one lookup reads, biggest places first: a bound on the work for names that thousands of
# streams, schools and churches share in a full GeoNames import.
MAX_MATCHES = 1000

_COLUMNS = """p.id, p.geonameid, p.name, p.lat, p.lon, p.feature_class, p.feature_code, p.country_code,
    p.admin1_code, p.population, p.source, a1.name, a2.name, p.alternate_count"""
_ADMIN_NAMES = """
LEFT JOIN admin1 a1 ON a1.country_code = p.country_code AND a1.admin1_code = p.admin1_code
LEFT JOIN admin2 a2 ON a2.country_code = p.country_code AND a2.admin1_code = p.admin1_code
    AND a2.admin2_code = p.admin2_code
"""
_BY_NAME = f"""
SELECT {_COLUMNS}, p.is_main
FROM (
    SELECT places.*, n.is_main FROM names n JOIN places ON places.id = n.place_id
    WHERE n.{{column}} = ?
    ORDER BY places.population DESC, places.alternate_count DESC, n.is_main DESC, places.id
    LIMIT {MAX_MATCHES}
) p {_ADMIN_NAMES}
"""
# A geonameid is the id of its place, or of a GeoNames region merged into an embedded one.
_BY_GEONAMEID = f"""
SELECT {_COLUMNS} FROM places p {_ADMIN_NAMES}
WHERE p.id = coalesce((SELECT place_id FROM merged WHERE geonameid = ?1), ?1)
"""


class GazetteerStore:
    """One open SQLite gazetteer; lookups are memoized per process."""

    def __init__(self, path: Path):
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)

    def _rows(self, column: str, value: str) -> list[tuple]:
        try:
            return self._db.execute(_BY_NAME.format(column=column), (value,)).fetchall()
        except sqlite3.DatabaseError as e:  # garbled after it was opened and checked
            raise DamagedFile(self.path, str(e), "delete it and run again, which builds it again "
                                                 "(import it again if it was a GeoNames import)") from e

    def _lookup(self, name: str) -> tuple[NameMatch, ...]:
        norm = normalize(name)
        if not norm:
            return ()
        exact = self._rows("norm", norm)
        rows = exact or self._rows("key", loose_key(name))
        matches = {}
        for row in rows:
            place = _place(row)
            held = matches.get(place.key)
            if held is None or (row[14] and not held.main_name):
                matches[place.key] = NameMatch(place, exact=bool(exact), main_name=bool(row[14]),
                                               alternate_count=row[13])
        return tuple(matches.values())

    def place(self, geonameid: int) -> Place | None:
        """The place of a GeoNames id: `mapper gazetteer lookup` lists them, overrides pin them."""
        if geonameid <= 0:  # the ids of places GeoNames lacks are negative: they are no geonameid
            return None
        row = self._db.execute(_BY_GEONAMEID, (geonameid,)).fetchone()
        return _place(row) if row else None

    def counts(self) -> dict[str, int]:
        """Places per feature class, and "names", "admin1", "admin2": counted when it was built."""
        return json.loads(self._db.execute("SELECT value FROM meta WHERE key = 'counts'").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def open_store(path: Path) -> GazetteerStore:
    """One open gazetteer per file and process, shared by the recognizer and the resolver."""
    return _open_resolved(path.resolve())


@lru_cache(maxsize=None)
def _open_resolved(path: Path) -> GazetteerStore:
    return GazetteerStore(path)


def _place(row: tuple) -> Place:
    (pid, geonameid, name, lat, lon, fclass, fcode, cc, admin1_code, population, source,
     admin1_name, admin2_name, *_) = row
    return Place(
        key=f"gn{pid}" if pid > 0 else f"x{-pid}",
        name=name, lat=lat, lon=lon, geonameid=geonameid, feature_class=fclass,
        feature_code=fcode, country_code=cc, admin1=admin1_name or admin1_code,
        admin2=admin2_name or "", population=population, source=source,
    )
