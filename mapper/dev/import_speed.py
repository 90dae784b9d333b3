"""How fast a GeoNames import runs: `python -m mapper.dev.import_speed [ROWS]`.

Writes a synthetic allCountries.zip of ROWS rows (default 200,000) in GeoNames' exact format, with
about the real file's mix of feature classes and alternate names, imports it into a temporary
gazetteer, and prints the rows per second and what that extrapolates to for the real allCountries
(13M rows). The embedded sources are left out: they add the same half minute to every build. The
extrapolation is linear; sorting the names at the end grows a little faster than that.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from mapper.files import write_atomic
from mapper.gazetteer.build import build
from mapper.gazetteer.geonames import place_line, zipped
from mapper.gazetteer.load import Progress

ALL_COUNTRIES_ROWS = 13_000_000
# (feature class, a typical code, share of allCountries' rows)
_MIX = [("P", "PPL", 0.37), ("S", "SCH", 0.19), ("H", "STM", 0.18), ("T", "MT", 0.15), ("A", "ADM3", 0.05),
        ("L", "PRK", 0.04), ("V", "FRST", 0.01), ("R", "RD", 0.01)]
_SYLLABLES = "ka la ma ra sa ta na po li ve do mu ri go an el ber ton ville burg dorf qal at".split()
_SCRIPTS = ["Латин", "قرية", "村庄", "Ωμέγα"]


def _name(rng: random.Random) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    return word + rng.choice(["", "", "", " Creek", " School", " Hill", "é"])


def synthetic_rows(count: int, seed: int = 0) -> Iterator[str]:
    """Rows like allCountries': most without alternate names, a few with many."""
    rng = random.Random(seed)
    classes, weights = [(c, code) for c, code, _ in _MIX], [w for *_, w in _MIX]
    for i in range(count):
        feature_class, code = rng.choices(classes, weights)[0]
        alternates = rng.choices([0, rng.randint(1, 4), rng.randint(5, 30)], [0.7, 0.25, 0.05])[0]
        names = tuple(_name(rng) if rng.random() < 0.8 else rng.choice(_SCRIPTS) + str(j) for j in range(alternates))
        population = int(rng.paretovariate(1.2) * 100) if feature_class == "P" else 0
        yield place_line(
            20_000_000 + i, _name(rng), rng.uniform(-60, 70), rng.uniform(-180, 180), feature_class, code,
            rng.choice(["US", "FR", "SY", "IQ", "CN", "BR"]), f"{rng.randint(1, 30):02d}",
            str(rng.randint(1, 200)), population, names,
        )


def measure(rows: int, folder: Path) -> dict[str, float]:
    dump = write_atomic(folder / "allCountries.zip", zipped("allCountries.txt", "".join(synthetic_rows(rows))))
    seen: dict[str, float] = {}

    def note(progress: Progress) -> None:
        seen.setdefault(f"first {progress.task}", time.perf_counter())
        seen[progress.task] = time.perf_counter()

    start = time.perf_counter()
    build(folder / "gazetteer.sqlite", records=(), geonames_files=[dump], progress=note)
    end = time.perf_counter()
    return {"rows": rows, "zip_mb": dump.stat().st_size / 1e6, "loading_s": seen[dump.name] - start,
            "finishing_s": end - seen["first sorting names"], "total_s": end - start}


def main(rows: int = 200_000) -> None:
    with tempfile.TemporaryDirectory(prefix="mapper-import-speed-") as folder:
        m = measure(rows, Path(folder))
    rate = m["rows"] / m["loading_s"]
    scale = ALL_COUNTRIES_ROWS / m["rows"]
    estimate = ALL_COUNTRIES_ROWS / rate + m["finishing_s"] * scale
    print(f"synthetic allCountries.zip: {rows:,} rows, {m['zip_mb']:.1f} MB zipped")
    print(f"reading and loading the dump: {m['loading_s']:.1f} s = {rate:,.0f} rows/s")
    print(f"sorting and indexing all names: {m['finishing_s']:.1f} s")
    print(f"whole import: {m['total_s']:.1f} s")
    print(f"allCountries ({ALL_COUNTRIES_ROWS:,} rows), extrapolated: {estimate / 60:.0f} min "
          f"({ALL_COUNTRIES_ROWS / rate / 60:.0f} min loading at {rate:,.0f} rows/s, "
          f"{m['finishing_s'] * scale / 60:.0f} min sorting and indexing), plus ~30 s of embedded sources")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
