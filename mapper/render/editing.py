"""The reading view's edit mode (templates/edit.js): what a reader needs to fix the map's pins and
download them as an overrides file (mapper.resolve.overrides) that the next run applies.

Only map.html has it, never the embed. The page carries the article's own entries from the
overrides of its run, so the downloaded file keeps them: one file per article, overwritten at will.
"""

from __future__ import annotations

import shlex
from typing import Any

from mapper.slugs import slug
from mapper.model import MapResult, Place, PlaceGroup
from mapper.render.naming import display_name
from mapper.render.popups import alternatives, place_label
from mapper.gazetteer.names import normalize
from mapper.resolve.overrides import FIELDS, entry, place_fields


def edit_data(result: MapResult) -> dict[str, Any]:
    """The JSON of the page's #mapper-edit: names are keyed as the overrides loader compares them,
    so that an edit replaces the run's entry for the same name instead of repeating it."""
    article = result.article
    file = f"{slug(article.id)}-overrides.csv"
    story = shlex.quote(article.source) if article.source else "STORY"
    return {
        "article": article.id,
        "file": file,
        "command": f"mapper map {story} --overrides {file}",
        "fields": list(FIELDS),
        "kept": [{"key": normalize(pin.name), "row": entry(pin, _label(pin.place))} for pin in result.overrides],
        "places": {g.place.key: _place(g) for g in result.places()},
    }


def _label(place: Place | None) -> str:
    return place_label(place) if place else ""


def _place(group: PlaceGroup) -> dict[str, Any]:
    names: dict[str, str] = {}
    for r in sorted(group.resolutions, key=lambda r: r.mention.start):
        names.setdefault(normalize(r.mention.name), r.mention.name)
    return {
        "name": display_name(group),
        "names": [{"key": key, "name": name} for key, name in names.items()],
        "candidates": [
            {"label": place_label(c.place), "lat": c.place.lat, "lon": c.place.lon,
             "fields": place_fields(c.place, place_label(c.place))}
            for c in alternatives(group)
        ],
    }
