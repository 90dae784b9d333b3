"""`make data`: remake the CSV files of mapper/data from their pinned sources (sources.toml).

    python -m mapper.dev.recipes [--data FOLDER]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mapper.dev.recipes.sources import DATA, RecipeError, make


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m mapper.dev.recipes", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the folder to write them into (default: mapper/data)")
    try:
        make(parser.parse_args().data)
    except RecipeError as e:
        sys.exit(f"error: {e}")


if __name__ == "__main__":
    main()
