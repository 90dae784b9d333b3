"""`mapper gazetteer`: build the offline gazetteer (from GeoNames' own dumps too), inspect it, look names up.

The commands import the gazetteer's builder when they run, not with this module: `mapper --help`
stays quick."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich import filesize
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from mapper.errors import GazetteerError, OptionError
from mapper.paths import gazetteer_path
from mapper.gazetteer.store import MAX_CANDIDATES

if TYPE_CHECKING:
    from mapper.gazetteer.geocoder import Gazetteer
    from mapper.gazetteer.load import Progress as LoadProgress

CLASS_LABELS = {
    "A": "countries and regions", "P": "towns", "H": "water", "T": "terrain", "L": "areas",
    "S": "spots and buildings", "V": "vegetation", "R": "roads and railways", "U": "undersea",
    "": "unclassified",
}
_NOT_CLASSES = ("names", "admin1", "admin2")

_gazetteer_option = click.option(
    "--gazetteer", "path", type=click.Path(path_type=Path, dir_okay=False),
    help="Gazetteer file (default: $MAPPER_GAZETTEER, else the one in the user cache).",
)


@click.group()
def gazetteer() -> None:
    """The offline gazetteer: build it (also from GeoNames' dumps), inspect it, look names up."""


@gazetteer.command()
@click.option("--geonames", "files", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              metavar="FILE",
              help="A GeoNames dump to import besides the embedded sources: allCountries.zip, XX.zip, "
                   "citiesN.zip, alternateNamesV2.zip, admin1CodesASCII.txt, admin2Codes.txt, "
                   "countryInfo.txt (.txt or .zip). Repeat for several.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write it (default: $MAPPER_GAZETTEER, else the one in the user cache).")
def build(files: tuple[Path, ...], output: Path | None) -> None:
    """Build the gazetteer from mapper's embedded sources, and import GeoNames dumps if given.

    The file is replaced only when the build succeeds. An imported gazetteer is never rebuilt
    behind your back: after an upgrade that changes its schema, mapper asks you to import again.
    """
    from mapper.gazetteer import build as building

    path = output or gazetteer_path()
    with _ProgressBars(Console(stderr=True)) as bars:
        building.build(path, geonames_files=files, progress=bars.report)
    counts = json.loads(building.read_meta(path)["counts"])
    places = sum(n for key, n in counts.items() if key not in _NOT_CLASSES)
    imported = ", ".join(f.name for f in files)
    click.echo(f"{path}: {places:,} places, {counts['names']:,} names, from the embedded sources"
               + (f" and {imported}" if imported else ""))


@gazetteer.command()
@_gazetteer_option
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
def info(path: Path | None, as_json: bool) -> None:
    """What a gazetteer holds: its sources or imported files, when it was built, its places by kind."""
    from mapper.gazetteer import build as building

    path = path or gazetteer_path()
    meta = building.read_meta(path)
    if not meta:
        raise GazetteerError(path, "no gazetteer there; make one with `mapper gazetteer build`")
    facts = {
        "path": str(path),
        "size": path.stat().st_size,
        "kind": meta.get("kind", building.EMBEDDED),
        "schema": int(meta.get("schema", 1)),
        "current": building.is_current(path),
        "built": meta.get("built"),
        "sources": json.loads(meta.get("sources", "{}")),
        "files": building.imported_files(meta),
        "counts": json.loads(meta.get("counts", "{}")),
    }
    if as_json:
        click.echo(json.dumps(facts, indent=2))
    else:
        Console(highlight=False).print(_info_table(facts))


def _info_table(facts: dict) -> Table:
    from mapper.gazetteer.build import IMPORTED

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    kind = "GeoNames import" if facts["kind"] == IMPORTED else "embedded (mapper's own sources)"
    state = "" if facts["current"] else " [red](out of date: run `mapper gazetteer build`)[/]"
    table.add_row("Gazetteer", f"{facts['path']} ({filesize.decimal(facts['size'])})")
    table.add_row("Kind", f"{kind}, schema {facts['schema']}{state}")
    table.add_row("Built", facts["built"] or "unknown")
    table.add_row("Sources", ", ".join(f"{name} {version}" for name, version in facts["sources"].items()))
    for i, f in enumerate(facts["files"]):
        rows = f"{f['rows']:,} row{'s' if f['rows'] != 1 else ''}"
        table.add_row("" if i else "Imported", f"{f['name']} ({filesize.decimal(f['size'])}, {rows})")
    counts = facts["counts"]
    classes = sorted(((n, cls) for cls, n in counts.items() if cls not in _NOT_CLASSES), reverse=True)
    for i, (n, cls) in enumerate(classes):
        table.add_row("" if i else "Places", f"{n:>12,}  {CLASS_LABELS.get(cls, 'other')} ({cls or '-'})")
    table.add_row("Names", f"{counts.get('names', 0):>12,}")
    table.add_row("Regions", f"{counts.get('admin1', 0):>12,}  admin-1 (states, provinces)")
    table.add_row("", f"{counts.get('admin2', 0):>12,}  admin-2 (counties, districts)")
    return table


@gazetteer.command()
@click.argument("name")
@_gazetteer_option
@click.option("--limit", type=click.IntRange(min=1), default=MAX_CANDIDATES, show_default=True,
              help="Show at most this many candidates.")
def lookup(name: str, path: Path | None, limit: int) -> None:
    """The places NAME may mean, best prior first, with the keys overrides use."""
    if path is not None and not path.is_file():
        raise GazetteerError(path, f"no gazetteer there; make one with `mapper gazetteer build --output {path}`")
    locations = _opened(path).geocode(name, exactly_one=False, limit=limit)
    if not locations:
        raise OptionError("NAME", name, f"{name!r}: no place of that name in the gazetteer")
    table = Table(title=f"{name}: {len(locations)} candidates, best prior first", title_justify="left")
    for column in ("key", "geonameid", "name", "code", "country", "admin1", "admin2"):
        table.add_column(column, overflow="fold")
    table.add_column("population", justify="right")
    table.add_column("prior", justify="right")
    for loc in locations:
        raw = loc.raw
        table.add_row(raw["key"], str(raw["geonameid"] or ""), raw["name"], raw["feature_code"],
                      raw["country_code"], raw["admin1"], raw["admin2"], f"{raw['population']:,}",
                      f"{raw['prior']:.2f}")
    console = Console(highlight=False)
    if not console.is_terminal:  # a file or a pipe: room for every column rather than 80
        console = Console(highlight=False, width=160)
    console.print(table)


def _opened(path: Path | None) -> Gazetteer:
    """The gazetteer, built first if it is the embedded one and missing or out of date."""
    from mapper.gazetteer.build import is_current
    from mapper.gazetteer.geocoder import Gazetteer

    if is_current(path or gazetteer_path()):
        return Gazetteer(path)
    with Console(stderr=True).status("Building the offline gazetteer (first run only, about 30 s)..."):
        return Gazetteer(path)


class _RowsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        rows, elapsed = task.fields.get("rows", 0), task.elapsed
        if not rows:
            return Text("")
        speed = f", {rows / elapsed:,.0f} rows/s" if elapsed else ""
        return Text(f"{rows:,} rows{speed}", style="progress.data.speed")


class _BytesColumn(DownloadColumn):
    def render(self, task: Task) -> Text:
        return Text("") if task.fields["step"] else super().render(task)


class _ProgressBars:
    """One rich progress bar per file read (over its bytes, so the time left on allCountries is
    the extrapolation to all its 13M rows) and per finishing step."""

    def __init__(self, console: Console):
        self.bars = Progress(
            TextColumn("{task.description}"), BarColumn(), _BytesColumn(), _RowsPerSecond(),
            TimeRemainingColumn(elapsed_when_finished=True), console=console,
        )
        self.current: str | None = None

    def __enter__(self) -> _ProgressBars:
        self.bars.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop_current()
        self.bars.stop()

    def report(self, progress: LoadProgress) -> None:
        if progress.task != self.current:
            self._stop_current()
            self.current = progress.task
            self.bars.add_task(progress.task, total=progress.total or None, rows=0, step=not progress.total)
        task = self.bars.task_ids[-1]
        self.bars.update(task, completed=progress.done, rows=progress.rows)

    def _stop_current(self) -> None:
        if self.current is not None:
            task = self.bars.task_ids[-1]
            if self.bars.tasks[-1].fields["step"]:
                self.bars.update(task, total=1, completed=1)  # done: stop its pulsing
            self.bars.stop_task(task)
