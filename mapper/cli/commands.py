"""What `map`, `geoparse`, `evaluate` and `embed` do. Imported only when one of them runs: the
package declares the commands and their options without loading spaCy, for a quick --help."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

import click
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from mapper.archive import geoparse_archive, map_archive
from mapper.archive.manifest import Done, Failed
from mapper.archive.run import Summary
from mapper.archive.sources import count
from mapper.archive.work import ServiceUse
from mapper.cli.console import err, fail
from mapper.cli.options import ARCHIVE_KEYS, limits_from_options
from mapper.errors import OptionError
from mapper.evaluate import gold_records, report, score
from mapper.gazetteer.build import default_path, is_current
from mapper.gazetteer.geocoder import place_from_location
from mapper.ingest import read_articles
from mapper.model import Article, MapResult
from mapper.pipeline import Mapper
from mapper.render import RenderOptions
from mapper.render.embed import folder_snippet
from mapper.render.exports import prediction
from mapper.render.framing import ViewRequest, parse_view
from mapper.render.sizes import check_size
from mapper.resolve.services import ServiceLookup


def map_inputs(inputs: tuple[str, ...], outdir: str, min_confidence: float, self_contained: bool, png: bool,
               svg: bool, png_size: tuple[int, int] | None, png_scale: int | None, view_text: str,
               caption: str | None, credit: str | None, source_link: str | None, theme: str, palette: str,
               base_url: str | None, **options) -> None:
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


def geoparse_inputs(inputs: tuple[str, ...], output: str | None, min_confidence: float, **options) -> None:
    archive = {key: options.pop(key) for key in ARCHIVE_KEYS}
    limits = limits_from_options(options)
    _mapper(options)
    with _Progress(inputs) as progress:
        summary = geoparse_archive(
            inputs, output, make_mapper=partial(mapper_from_options, **options), settings=options,
            min_confidence=min_confidence, on_progress=progress.update, limits=limits, **archive,
        )
    _finish(summary, output)


def evaluate_gold(gold: Path, as_json: bool, min_confidence: float, **options) -> None:
    articles = read_articles(gold)  # validates every line, with one-line errors
    gold_docs = {a.id: doc for a, doc in zip(articles, gold_records(gold))}
    results = _results(_mapper(options), articles, min_confidence)
    predictions = {p["id"]: p for p in map(prediction, results)}
    result = score(gold_docs, predictions)
    click.echo(json.dumps(result, indent=2) if as_json else report(result))


def print_embed(folder: Path, url: str | None, no_title: bool) -> None:
    click.echo(folder_snippet(folder, url, show_title=not no_title), nl=False)


def mapper_from_options(
    *, model: str | None, gazetteer: Path | None, geocoder: str | None, fallback: str | None,
    geocoder_url: str | None, user_agent: str | None, geocoder_options: tuple[str, ...],
    min_delay: float | None, geocoder_timeout: float, offline: bool, overrides: tuple[Path, ...],
    peoples: bool,
) -> Mapper:
    if geocoder and fallback:
        raise click.UsageError("give --geocoder (every name) or --fallback (names the gazetteer lacks), not both")
    service = geocoder or fallback
    if not service and (geocoder_url or geocoder_options or min_delay is not None or offline):
        raise click.UsageError("--geocoder-url, --geocoder-option, --min-delay and --offline need --geocoder or --fallback")
    lookup = None
    if service:
        lookup = ServiceLookup(
            service, url=geocoder_url, user_agent=user_agent, options=_key_values(geocoder_options),
            timeout=geocoder_timeout, min_delay=min_delay, offline=offline,
        )
    return Mapper(
        model=model, gazetteer=gazetteer, overrides=overrides or None,
        geocoder=lookup if geocoder else None, fallback=lookup if fallback else None, peoples=peoples,
    )


def _key_values(pairs: tuple[str, ...]) -> dict[str, str]:
    options = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--geocoder-option")
        options[key.strip()] = value.strip()
    return options


def service_summary(use: ServiceUse) -> str:
    """What the service cost this run: "nominatim: 12 requests, 30 answers from the cache"."""
    parts = [f"{use.requests} request{'' if use.requests == 1 else 's'}",
             f"{use.cache_hits} answer{'' if use.cache_hits == 1 else 's'} from the cache"]
    if use.offline:
        parts.append(f"{use.misses} name{'' if use.misses == 1 else 's'} not in the cache")
    return f"{use.where}: {', '.join(parts)}"


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
            fail(f"{where}: {f.reason}")
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
