"""`mapper`: a thin command-line shell over the Python API (mapper.Mapper).

This module declares the commands and their options; what they do is in commands.py, imported
when one runs, so that `mapper --help` answers without loading spaCy."""

from __future__ import annotations

from pathlib import Path

import click

from mapper.cli.console import fail, warnings_shown
from mapper.cli.options import Parsed, archive_options, limit_options, resolution_options
from mapper.errors import MapperError, NothingToMap, OptionError
from mapper.render.sizes import MAX_SCALE, parse_size
from mapper.render.theme import DEFAULT_PALETTE, DEFAULT_THEME, PALETTES, THEMES

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
def map_command(**arguments) -> None:
    """Write OUTDIR/NAME/map.html (with its assets/), embed.html, places.geojson, mentions.csv and
    map.png for each article in INPUTS (.txt, .md, .html, .jsonl or .jsonl.gz files, folders of
    them, globs, or - for JSONL on stdin); for two or more, also OUTDIR/index.html with them all on
    one map, one OUTDIR/_assets/ that every page loads, and the run's places.geojson,
    mentions.parquet and manifest.sqlite (a rerun skips what is done), failures.jsonl if any failed."""
    from mapper.cli.commands import map_inputs

    map_inputs(**arguments)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", help="Prediction JSONL to write (default: standard output); or an fsspec URL.")
@resolution_options
@_min_confidence_option
@archive_options
@limit_options
def geoparse(**arguments) -> None:
    """Geoparse INPUTS (JSONL files of {"id","text"} per line, also .jsonl.gz; article files,
    folders, globs, or - for stdin) into one line of toponyms with offsets and coordinates per
    article, in input order."""
    from mapper.cli.commands import geoparse_inputs

    geoparse_inputs(**arguments)


@cli.command()
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@resolution_options
@_min_confidence_option
def evaluate(**arguments) -> None:
    """Geoparse GOLD.jsonl's texts and score them against its toponyms (see shared/eval/README.md)."""
    from mapper.cli.commands import evaluate_gold

    evaluate_gold(**arguments)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--url", help="Where FOLDER/embed.html will be published (default: FOLDER/embed.html).")
@click.option("--no-title", is_flag=True, help="Show no title in the embed: the host page has the headline.")
def embed(**arguments) -> None:
    """Print the HTML that puts FOLDER's map (written by `mapper map`) in a news page: an <iframe>
    and a few lines of script that keep its height fitted to the page's column."""
    from mapper.cli.commands import print_embed

    print_embed(**arguments)


from mapper.cli.gazetteer import gazetteer  # noqa: E402  (its own module; registered here)
cli.add_command(gazetteer)


def main() -> None:
    """Exit status: 0 every input mapped; 1 some failed (the others written); 2 a usage error, or
    nothing at all could be read (nothing written)."""
    try:
        with warnings_shown():
            cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        fail("interrupted")
        raise SystemExit(130) from None
    except click.ClickException as e:
        fail(e.format_message())
        raise SystemExit(e.exit_code) from None
    except MapperError as e:
        for line in e.lines if isinstance(e, NothingToMap) else [str(e)]:
            fail(line)
        raise SystemExit(e.exit_code) from None
