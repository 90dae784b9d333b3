"""Just enough of the ESRI shapefile format to read Natural Earth's polygons, lines and their
attributes: the .shp's polygon and polyline records (shape types 5 and 3, laid out alike) and the
.dbf's character and number fields. Standard
library only, so regenerating a data file needs nothing that mapper does not already install."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

Ring = list[tuple[float, float]]  # (lon, lat) points
_POLYLINE = 3
_POLYGON = 5


def records(dbf: Path, encoding: str = "utf-8") -> Iterator[dict[str, str]]:
    """Each record of a dBASE table as {field name (lower case): text, stripped}."""
    data = dbf.read_bytes()
    count, header_size, record_size = struct.unpack_from("<IHH", data, 4)
    fields = []  # (name, width)
    at = 32
    while data[at] != 0x0D:
        name = data[at:at + 11].split(b"\0", 1)[0].decode("ascii").lower()
        fields.append((name, data[at + 16]))
        at += 32
    for n in range(count):
        start = header_size + n * record_size
        if data[start:start + 1] == b"*":  # deleted
            continue
        row, at = {}, start + 1
        for name, width in fields:
            row[name] = data[at:at + width].decode(encoding, errors="replace").strip()
            at += width
        yield row


def polygons(shp: Path) -> Iterator[list[Ring]]:
    """Each record's rings (outer and holes alike), in file order; [] for a null shape."""
    return _parts(shp, _POLYGON)


def lines(shp: Path) -> Iterator[list[Ring]]:
    """Each record's parts, each a line of (lon, lat) points, in file order; [] for a null shape."""
    return _parts(shp, _POLYLINE)


def _parts(shp: Path, shape: int) -> Iterator[list[Ring]]:
    data = shp.read_bytes()
    at = 100
    while at < len(data):
        _, words = struct.unpack_from(">ii", data, at)
        content = at + 8
        at = content + 2 * words
        (shape_type,) = struct.unpack_from("<i", data, content)
        if shape_type != shape:
            yield []
            continue
        parts, points = struct.unpack_from("<ii", data, content + 36)
        starts = list(struct.unpack_from(f"<{parts}i", data, content + 44)) + [points]
        xy = struct.unpack_from(f"<{2 * points}d", data, content + 44 + 4 * parts)
        yield [[(xy[2 * i], xy[2 * i + 1]) for i in range(a, b)] for a, b in zip(starts, starts[1:])]
