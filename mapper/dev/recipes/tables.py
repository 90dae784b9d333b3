"""The CSV files a recipe writes into mapper/data."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def write_table(path: Path, header: list[str], rows: list[list]) -> None:
    """A point table as mapper/data keeps them: CSV, coordinates to 4 decimals (about 10 m)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([f"{v:.4f}" if isinstance(v, float) else v for v in row])
    path.write_text(out.getvalue(), encoding="utf-8")
