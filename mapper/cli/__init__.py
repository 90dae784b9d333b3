"""`mapper`: a thin command-line shell over the Python API (mapper.Mapper)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
from rich.console import Console

from mapper.errors import MapperError
from mapper.files import write_atomic
from mapper.ingest import article_files, read_articles
from mapper.ingest.reading import slug
from mapper.model import Article, MapResult
from mapper.cli.options import mapper_from_options, resolution_options, service_summary
from mapper.pipeline import Mapper
from mapper.render import RenderOptions, write_outputs
from mapper.render.combined import write_combined
from mapper.render.embed import folder_snippet
from mapper.render.theme import DEFAULT_PALETTE, DEFAULT_THEME, PALETTES, THEMES
from mapper.render.urls import published
from mapper.evaluate import gold_records, report, score
from mapper.render.exports import prediction
from mapper.resolve.gazetteer.build import default_path, is_current
from mapper.resolve.services import ServiceLookup

err = Console(stderr=True, highlight=False)


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True, markup=True)


def _readable(inputs: tuple[Path, ...], failures: list[str]) -> Iterator[Article]:
    """Articles of every input (a file, or a folder's article files) that can be read; the others
    are reported and skipped."""
    for given in inputs:
        try:
            paths = article_files(given)
        except MapperError as e:
            _fail(str(e))
            failures.append(str(given))
            continue
        for path in paths:
            try:
                yield from read_articles(path)
            except MapperError as e:
                _fail(str(e))
                failures.append(str(path))


def _mapper(options: dict) -> Mapper:
    """The Mapper the options ask for, with its gazetteer built and overrides read up front, so a
    bad overrides file fails before any article is read."""
    mapper = mapper_from_options(**options)
    if options["gazetteer"] is None and not is_current(default_path()):
        with err.status("Building the offline gazetteer (first run only, about 30 s)..."):
            mapper.gazetteer  # noqa: B018  builds it
    mapper.overrides  # noqa: B018  reads and checks them
    return mapper


def _results(mapper: Mapper, articles: Iterable[Article], min_confidence: float) -> Iterator[MapResult]:
    try:
        yield from (r.confident(min_confidence) for r in mapper.map(articles))
    finally:
        service = mapper.geocoder or mapper.fallback
        if isinstance(service, ServiceLookup):
            err.print(service_summary(service), highlight=False, soft_wrap=True)


def _summary(result: MapResult) -> str:
    places = len(result.places())
    mentions = len(result.resolutions)
    return f"{places} places, {mentions} mentions, {len(result.unresolved)} unresolved"


_min_confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
    help="Treat places resolved with a lower confidence as not placed.",
)


@click.group()
@click.version_option(package_name="mapper")
def cli() -> None:
    """Map where a news story happens: place names in, linked map out."""


@cli.command("map")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=click.Path(path_type=Path), default=Path("outputs"),
              show_default=True, help="Folder that gets one sub-folder per article.")
@resolution_options
@_min_confidence_option
@click.option("--self-contained", is_flag=True,
              help="One map.html with everything inlined and Natural Earth outlines instead of tiles: "
                   "it makes no request at all.")
@click.option("--png/--no-png", default=True, show_default=True,
              help="Write map.png, a static image of the map (1200x675), made offline: the embed shows it until "
                   "its map is drawn, and to readers without JavaScript.")
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
def map_command(inputs: tuple[Path, ...], outdir: Path, min_confidence: float, self_contained: bool, png: bool,
                caption: str | None, credit: str | None, source_link: str | None, theme: str, palette: str,
                base_url: str | None, **options) -> None:
    """Write OUTDIR/NAME/map.html (with its assets/), embed.html, places.geojson, mentions.csv and
    map.png for each article in INPUTS (.txt, .md, .html, .jsonl files, or folders of them); for
    two or more, also OUTDIR/index.html with them all on one map."""
    failures: list[str] = []
    used: dict[str, MapResult] = {}
    render = RenderOptions(self_contained=self_contained, png=png, caption=caption, credit=credit,
                           source_link=source_link, theme=theme, palette=palette, base_url=base_url)
    for result in _results(_mapper(options), _readable(inputs, failures), min_confidence):
        name = slug(result.article.id)
        n = 2
        while name in used:
            name, n = f"{slug(result.article.id)}-{n}", n + 1
        used[name] = result
        folder_url = published(f"{name}/", base_url) if base_url else None
        paths = write_outputs(result, outdir / name, render, base_url=folder_url)
        click.echo(f"{paths[0]}: {_summary(result)}")
    if len(used) > 1:
        path = write_combined(list(used.values()), outdir, list(used), self_contained=self_contained)
        click.echo(f"{path}: all {len(used)} articles on one map")
    if failures:
        raise SystemExit(1)


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Prediction JSONL to write (default: standard output).")
@resolution_options
@_min_confidence_option
def geoparse(source: Path, output: Path | None, min_confidence: float, **options) -> None:
    """Geoparse SOURCE.jsonl ({"id","text"} per line) into toponyms with offsets and coordinates."""
    articles = read_articles(source)
    results = _results(_mapper(options), articles, min_confidence)
    lines = (json.dumps(prediction(r), ensure_ascii=False) + "\n" for r in results)
    if output is None:
        for line in lines:
            sys.stdout.write(line)
    else:
        write_atomic(output, "".join(lines))
        click.echo(f"{output}: {len(articles)} articles")


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
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _fail("interrupted")
        raise SystemExit(130) from None
    except click.ClickException as e:
        _fail(e.format_message())
        raise SystemExit(e.exit_code) from None
    except MapperError as e:
        _fail(str(e))
        raise SystemExit(1) from None
