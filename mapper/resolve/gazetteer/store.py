"""Read-only access to a built gazetteer: name -> candidate places."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mapper.model import Place
from mapper.resolve.names import loose_key, normalize


@dataclass(frozen=True)
class NameMatch:
    place: Place
    exact: bool  # the normalized name matched, not only its loose key
    main_name: bool  # the name is the place's own name, not an alternate


_SELECT = """
SELECT p.id, p.geonameid, p.name, p.lat, p.lon, p.feature_class, p.feature_code,
       p.country_code, p.admin1_code, p.population, p.source, a.name, n.is_main
FROM names n
JOIN places p ON p.id = n.place_id
LEFT JOIN admin1 a ON a.country_code = p.country_code AND a.admin1_code = p.admin1_code
WHERE n.{column} = ?
"""


class GazetteerStore:
    """One open SQLite gazetteer; lookups are memoized per process."""

    def __init__(self, path: Path):
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)

    def _rows(self, column: str, value: str) -> list[tuple]:
        return self._db.execute(_SELECT.format(column=column), (value,)).fetchall()

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
            if held is None or (row[12] and not held.main_name):
                matches[place.key] = NameMatch(place, exact=bool(exact), main_name=bool(row[12]))
        return tuple(matches.values())

    def counts(self) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT feature_class, count(*) FROM places GROUP BY feature_class"
        ).fetchall()
        counts = {cls: n for cls, n in rows}
        counts["names"] = self._db.execute("SELECT count(*) FROM names").fetchone()[0]
        return counts

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
     admin1_name, _) = row
    return Place(
        key=f"gn{pid}" if pid > 0 else f"x{-pid}",
        name=name, lat=lat, lon=lon, geonameid=geonameid, feature_class=fclass,
        feature_code=fcode, country_code=cc, admin1=admin1_name or admin1_code,
        population=population, source=source,
    )
