"""The options that choose how names are resolved, shared by `map`, `geoparse` and `evaluate`, and
those of the archive runs and their limits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from mapper.errors import OptionError
from mapper.limits import Limits, parse_size

_OPTIONS = [
    click.option("--model", help="Any installed spaCy pipeline (default: en_core_web_sm, else its re-upload)."),
    click.option("--gazetteer", type=click.Path(path_type=Path, dir_okay=False, exists=True),
                 help="Gazetteer file to use (default: $MAPPER_GAZETTEER, else the one in the user cache; "
                      "`mapper gazetteer build` makes them)."),
    click.option("--geocoder", metavar="SERVICE",
                 help="Resolve every name with this geocoding service instead of the gazetteer: "
                      "nominatim, photon, pelias, geonames, or any geopy service name."),
    click.option("--fallback", metavar="SERVICE",
                 help="Ask this geocoding service only for the names the gazetteer does not know."),
    click.option("--geocoder-url", metavar="URL",
                 help="The service's address, for a self-hosted server (e.g. http://localhost:8080)."),
    click.option("--user-agent", envvar="MAPPER_USER_AGENT",
                 help="Who is asking, e.g. 'newsroom-maps/1.0 (you@example.org)'; public Nominatim "
                      "requires one [env: MAPPER_USER_AGENT]."),
    click.option("--geocoder-option", "geocoder_options", metavar="KEY=VALUE", multiple=True,
                 help="Passed to geopy's geocoder class, e.g. username=NAME for geonames, api_key=KEY."),
    click.option("--min-delay", type=click.FloatRange(min=0), metavar="SECONDS",
                 help="Least time between two requests (default: the service's policy; Nominatim 1 s)."),
    click.option("--geocoder-timeout", type=click.FloatRange(min=0, min_open=True), default=10.0,
                 show_default=True, metavar="SECONDS", help="How long to wait for one answer of the service."),
    click.option("--offline", is_flag=True,
                 help="Answer from the geocoder cache only: no request; names not in it stay unplaced."),
    click.option("--overrides", type=click.Path(path_type=Path, dir_okay=False), multiple=True,
                 help="CSV or YAML file pinning names to places, or saying they are no place, for "
                      "every article or one; repeatable, a later file beating an earlier one "
                      "(see README: Overrides)."),
    click.option("--peoples", is_flag=True,
                 help="Also give a people's or nationality's word (\"Russian\", \"Nigerians\") as a "
                      "toponym of its country, as some gold corpora count them; by default such words "
                      "only help resolve the other names."),
]


def resolution_options(command: Callable) -> Callable:
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


ARCHIVE_KEYS = ("workers", "engine", "scheduler", "redo")


def _cores() -> int:
    from mapper.archive.engines import default_workers  # the archive engines load spaCy: not for --help

    return default_workers()


_ARCHIVE_OPTIONS = [
    click.option("--workers", type=click.IntRange(min=1), default=_cores, show_default="the cores",
                 help="Worker processes (or, with --engine dask, the batches each cluster worker runs at once)."),
    click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                 help="Where the articles are mapped: this machine, or a Dask cluster (--scheduler)."),
    click.option("--scheduler", metavar="tcp://HOST:PORT",
                 help="The Dask scheduler to run on, with --engine dask."),
    click.option("--redo", is_flag=True,
                 help="Map every article again, even those the output's manifest has as done."),
]


def archive_options(command: Callable) -> Callable:
    for option in reversed(_ARCHIVE_OPTIONS):
        command = option(command)
    return command


class Parsed(click.ParamType):
    """An option's text read by `parse`; the errors it raises are click's one-line usage errors."""

    def __init__(self, name: str, parse: Callable[[str], object],
                 errors: tuple[type[Exception], ...] = (OptionError,)):
        self.name, self.parse, self.errors = name, parse, errors

    def convert(self, value, param, ctx):
        if not isinstance(value, str):  # a default, already read
            return value
        try:
            return self.parse(value)
        except self.errors as e:
            self.fail(str(e), param, ctx)


_DEFAULT_LIMITS = Limits()
_LIMIT_OPTIONS = [
    click.option("--max-article-size", type=Parsed("size", parse_size), default=_DEFAULT_LIMITS.article_size,
                 show_default=True, metavar="SIZE",
                 help="Refuse an article longer than this, in characters (its text, title, id and URL): 500k, "
                      "2MB... A file is refused unread past 4 times this on disk, an HTML page past 10 times."),
    click.option("--max-paragraphs", type=click.IntRange(min=1), default=_DEFAULT_LIMITS.paragraphs,
                 show_default=True, metavar="N", help="Refuse an article of more paragraphs."),
    click.option("--max-mentions", type=click.IntRange(min=1), default=_DEFAULT_LIMITS.mentions, show_default=True,
                 metavar="N", help="Refuse an article that names places more times."),
    click.option("--article-timeout", type=click.FloatRange(min=0), default=_DEFAULT_LIMITS.timeout,
                 show_default=True, metavar="SECONDS",
                 help="Give up an article that takes longer to read or to map; 0: no limit."),
]


def limit_options(command: Callable) -> Callable:
    for option in reversed(_LIMIT_OPTIONS):
        command = option(command)
    return command


def limits_from_options(options: dict) -> Limits:
    """The Limits the limit options ask for, taken out of options."""
    return Limits(article_size=options.pop("max_article_size"), paragraphs=options.pop("max_paragraphs"),
                  mentions=options.pop("max_mentions"), timeout=options.pop("article_timeout"))
