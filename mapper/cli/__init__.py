"""`mapper`: a thin command-line shell over the Python API (mapper.Mapper)."""

from __future__ import annotations

import json
import logging
import threading
import unicodedata
from dataclasses import replace
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from mapper.errors import MapperError, NothingToMap, OptionError
from mapper.ingest import read_articles
from mapper.model import Article, MapResult
from mapper.archive import geoparse_archive, map_archive
from mapper.archive.manifest import Done, Failed
from mapper.archive.run import Summary
from mapper.archive.sources import count
from mapper.cli.options import (ARCHIVE_KEYS, Parsed, archive_options, limit_options, limits_from_options,
                                mapper_from_options, resolution_options, service_summary)
from mapper.pipeline import Mapper
from mapper.render import RenderOptions
from mapper.render.framing import ViewRequest, parse_view
from mapper.render.embed import folder_snippet
from mapper.render.image import MAX_SCALE, check_size, parse_size
from mapper.render.theme import DEFAULT_PALETTE, DEFAULT_THEME, PALETTES, THEMES
from mapper.evaluate import gold_records, report, score
from mapper.render.exports import prediction
from mapper.gazetteer.build import default_path, is_current
from mapper.gazetteer.geocoder import place_from_location
from mapper.archive.work import ServiceUse

err = Console(stderr=True, highlight=False)


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {escape(_one_line(message))}", soft_wrap=True, markup=True)


def _one_line(text: str) -> str:
    """text with its control, format and line-separator characters escaped (\\n, \\u202e): a file
    name holding one still makes one line, read in its order."""
    return "".join(c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in _UNSHOWN else c
                   for c in text)


_UNSHOWN = frozenset(["Cc", "Cf", "Zl", "Zp"])


class _WarningLine(logging.Handler):
    """What mapper warns of (an input read in a guessed encoding, a damaged cache rebuilt), as one
    line on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"[yellow]warning:[/] {escape(_one_line(record.getMessage()))}", soft_wrap=True, markup=True)


@contextmanager
def _warnings_shown() -> Iterator[None]:
    logger = logging.getLogger("mapper")
    handler = _WarningLine(logging.WARNING)
    logger.addHandler(handler)
    logger.propagate = False  # shown once, here, not again by logging's last-resort handler
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = True


def _mapper(options: dict) -> Mapper:
    """The Mapper the options ask for, with its gazetteer built and overrides read up front, so a
    bad overrides file fails before any article is read."""
    mapper = mapper_from_options(**options)
    if options["gazetteer"] is None and not is_current(default_path()):
        with err.status("Building the offline gazetteer (first run only, about 30 s)..."):
            mapper.gazetteer  # noqa: B018  builds it
    mapper.overrides  # noqa: B018  reads and checks them
    return mapper


def _view(text: str, mapper: Mapper) -> ViewRequest:
    """--view, with a named place the articles may not name found in the gazetteer beforehand."""
    request = parse_view(text)
    if request.kind != "place":
        return request
    found = mapper.gazetteer.geocode(request.place, exactly_one=True)
    return replace(request, fallback=place_from_location(found) if found else None)


def _results(mapper: Mapper, articles: Iterable[Article], min_confidence: float) -> Iterator[MapResult]:
    try:
        yield from (r.confident(min_confidence) for r in mapper.map(articles))
    finally:
        if (use := ServiceUse.of(mapper)) is not None:
            err.print(service_summary(use), highlight=False, soft_wrap=True)


class _Progress:
    """How a run shows itself: on a terminal, a bar (articles done of how many, rate, failures,
    time, time left); a line per article's map on stdout (map only); a line per failure and a
    summary line on stderr."""

    def __init__(self, inputs: Sequence[str], outdir: str | None = None):
        self.inputs = inputs
        self.outdir = outdir
        self.bar: Progress | None = None

    def __enter__(self) -> _Progress:
        if err.is_terminal:
            self.bar = Progress(SpinnerColumn(), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
                                TextColumn("{task.fields[rate]:.1f}/s"), TextColumn("{task.fields[failed]} failed"),
                                TimeElapsedColumn(), TimeRemainingColumn(), console=err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("mapping", total=None, rate=0.0, failed=0)
            # Counted beside the run, which need not wait for it: the bar gets its end when known.
            threading.Thread(target=self._count, daemon=True).start()
        return self

    def _count(self) -> None:
        total = count(self.inputs)
        if total is not None and self.bar is not None:
            self.bar.update(self.task, total=total)

    def __exit__(self, *_) -> None:
        if self.bar is not None:
            self.bar.stop()

    def update(self, summary: Summary, done: Sequence[Done], failed: Sequence[Failed]) -> None:
        for f in failed:
            where = f"{f.file}:{f.line}" if f.line else f.file
            _fail(f"{where}: {f.reason}")
        if self.outdir is not None:
            for d in done:
                click.echo(f"{_joined(self.outdir, d.folder, 'map.html')}: {_counts(d.record)}")
        if self.bar is not None:
            rate = summary.mapped / summary.seconds if summary.seconds else 0.0
            self.bar.update(self.task, completed=summary.mapped + summary.skipped + summary.failed, rate=rate,
                            failed=summary.failed)


def _counts(record: dict) -> str:
    mentions = record["mentions"]
    unresolved = sum(1 for m in mentions if not m["place"])
    return f"{len(record['places'])} places, {len(mentions)} mentions, {unresolved} unresolved"


def _joined(outdir: str, *names: str) -> str:
    """A path in the output folder as the user gave it, which may be a URL (s3://bucket/maps)."""
    return "/".join([outdir.rstrip("/"), *names]) if "://" in outdir else str(Path(outdir, *names))


def _finish(summary: Summary, written: str | None) -> None:
    """The run's one-line summary on stderr (and an online geocoder's cost); exit status 1 when
    any article failed."""
    if summary.service is not None:
        err.print(service_summary(summary.service), highlight=False, soft_wrap=True)
    err.print(summary.line() + (f"; {written}" if written else ""), highlight=False, soft_wrap=True)
    if summary.failed:
        raise SystemExit(1)


_min_confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
    help="Treat places resolved with a lower confidence as not placed.",
)


@click.group(epilog="Exit status: 0 every article mapped; 1 some inputs failed (each named on stderr, the others "
                    "written); 2 a usage error, or no input readable (nothing written).")
@click.version_option(package_name="mapper")
def cli() -> None:
    """Map where a news story happens: place names in, linked map out."""


@cli.command("map")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--outdir", default="outputs", show_default=True,
              help="Folder that gets one sub-folder per article; or an fsspec URL (s3://bucket/maps).")
@resolution_options
@_min_confidence_option
@click.option("--self-contained", is_flag=True,
              help="One map.html with everything inlined and Natural Earth outlines instead of tiles: "
                   "it makes no request at all.")
@click.option("--png/--no-png", default=True, show_default=True,
              help="Write map.png, a static image of the map, made offline: the embed shows it until its map "
                   "is drawn, and to readers without JavaScript.")
@click.option("--svg", is_flag=True, help="Also write map.svg: map.png's picture as vector graphics, for print.")
@click.option("--png-size", type=Parsed("size", parse_size, (OptionError,)), metavar="WxH",
              help="map.png's (and map.svg's) size in pixels: 1200x675 (the default), 1080x1080, 1080x1350, "
                   "1920x1080...")
@click.option("--png-scale", type=click.IntRange(1, MAX_SCALE), metavar="N",
              help="map.png with N times the pixels of --png-size, the same picture: 3 for print "
                   "(1200x675 becomes 3600x2025, 12 inches wide at 300 dpi).")
@click.option("--view", "view_text", default="auto", show_default=True, metavar="auto|all|S,W,N,E|PLACE",
              help="What the maps open on: the places the story is about (auto), every pin (all), a box "
                   "in degrees (south,west,north,east), or a place's name.")
@click.option("--caption", metavar="TEXT", help="A sentence under the map.")
@click.option("--credit", metavar="TEXT", help="A credit line under the map, e.g. 'Map: The Courier · Source: GeoNames'.")
@click.option("--source-link", metavar="URL", help="An http(s) link for the credit line.")
@click.option("--theme", type=click.Choice(THEMES), default=DEFAULT_THEME, show_default=True,
              help="The pages' colours; auto follows the reader's light or dark system setting.")
@click.option("--palette", type=click.Choice(list(PALETTES)), default=DEFAULT_PALETTE, show_default=True,
              help="The markers' colour.")
@click.option("--base-url", metavar="URL",
              help="Where OUTDIR will be published (https://news.example/maps/): the embed snippets, oembed.json "
                   "and its thumbnail get absolute URLs.")
@archive_options
@limit_options
def map_command(inputs: tuple[str, ...], outdir: str, min_confidence: float, self_contained: bool, png: bool,
                svg: bool, png_size: tuple[int, int] | None, png_scale: int | None, view_text: str,
                caption: str | None, credit: str | None, source_link: str | None, theme: str, palette: str,
                base_url: str | None, **options) -> None:
    """Write OUTDIR/NAME/map.html (with its assets/), embed.html, places.geojson, mentions.csv and
    map.png for each article in INPUTS (.txt, .md, .html, .jsonl or .jsonl.gz files, folders of
    them, globs, or - for JSONL on stdin); for two or more, also OUTDIR/index.html with them all on
    one map, one OUTDIR/_assets/ that every page loads, and the run's places.geojson,
    mentions.parquet and manifest.sqlite (a rerun skips what is done), failures.jsonl if any failed."""
    archive = {key: options.pop(key) for key in ARCHIVE_KEYS}
    limits = limits_from_options(options)
    size = RenderOptions.png_size if png_size is None else png_size
    try:
        check_size(*size, png_scale or 1)
    except OptionError as e:
        raise click.BadParameter(str(e), param_hint="'--png-scale'") from None
    mapper = _mapper(options)
    render = RenderOptions(self_contained=self_contained, png=png or bool(png_size or png_scale), svg=svg,
                           png_size=size, png_scale=png_scale or 1, caption=caption, credit=credit,
                           source_link=source_link, theme=theme, palette=palette, base_url=base_url,
                           view=_view(view_text, mapper))
    with _Progress(inputs, outdir) as progress:
        summary = map_archive(
            inputs, outdir, make_mapper=partial(mapper_from_options, **options), settings=options, render=render,
            min_confidence=min_confidence, on_progress=progress.update, limits=limits, **archive,
        )
    _finish(summary, _joined(outdir, "index.html") if summary.mapped + summary.skipped > 1 else None)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", help="Prediction JSONL to write (default: standard output); or an fsspec URL.")
@resolution_options
@_min_confidence_option
@archive_options
@limit_options
def geoparse(inputs: tuple[str, ...], output: str | None, min_confidence: float, **options) -> None:
    """Geoparse INPUTS (JSONL files of {"id","text"} per line, also .jsonl.gz; article files,
    folders, globs, or - for stdin) into one line of toponyms with offsets and coordinates per
    article, in input order."""
    archive = {key: options.pop(key) for key in ARCHIVE_KEYS}
    limits = limits_from_options(options)
    _mapper(options)
    with _Progress(inputs) as progress:
        summary = geoparse_archive(
            inputs, output, make_mapper=partial(mapper_from_options, **options), settings=options,
            min_confidence=min_confidence, on_progress=progress.update, limits=limits, **archive,
        )
    _finish(summary, output)


@cli.command()
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@resolution_options
@_min_confidence_option
def evaluate(gold: Path, as_json: bool, min_confidence: float, **options) -> None:
    """Geoparse GOLD.jsonl's texts and score them against its toponyms (see shared/eval/README.md)."""
    articles = read_articles(gold)  # validates every line, with one-line errors
    gold_docs = {a.id: doc for a, doc in zip(articles, gold_records(gold))}
    results = _results(_mapper(options), articles, min_confidence)
    predictions = {p["id"]: p for p in map(prediction, results)}
    result = score(gold_docs, predictions)
    click.echo(json.dumps(result, indent=2) if as_json else report(result))


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--url", help="Where FOLDER/embed.html will be published (default: FOLDER/embed.html).")
@click.option("--no-title", is_flag=True, help="Show no title in the embed: the host page has the headline.")
def embed(folder: Path, url: str | None, no_title: bool) -> None:
    """Print the HTML that puts FOLDER's map (written by `mapper map`) in a news page: an <iframe>
    and a few lines of script that keep its height fitted to the page's column."""
    click.echo(folder_snippet(folder, url, show_title=not no_title), nl=False)


from mapper.cli.gazetteer import gazetteer  # noqa: E402  (its own module; registered here)
cli.add_command(gazetteer)


def main() -> None:
    """Exit status: 0 every input mapped; 1 some failed (the others written); 2 a usage error, or
    nothing at all could be read (nothing written)."""
    try:
        with _warnings_shown():
            cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _fail("interrupted")
        raise SystemExit(130) from None
    except click.ClickException as e:
        _fail(e.format_message())
        raise SystemExit(e.exit_code) from None
    except MapperError as e:
        for line in e.lines if isinstance(e, NothingToMap) else [str(e)]:
            _fail(line)
        raise SystemExit(e.exit_code) from None
