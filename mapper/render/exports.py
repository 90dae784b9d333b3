"""Data exports: the places as GeoJSON, every mention as a CSV row, toponyms as evaluation JSON."""

from __future__ import annotations

import csv
import io
from typing import Any

from mapper.model import MapResult, PlaceGroup, Resolution

CSV_COLUMNS = (
    *("article_id", "paragraph_id", "start", "end", "mention", "label"),
    *("place_name", "geonameid", "lat", "lon", "feature_code", "country_code", "confidence", "pinned"),
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets may run as a formula
# ...and the apostrophe that neutralizes one: text that starts with one gets another, so that
# dropping one leading apostrophe always gives the text back ("'=" is never both "=" and "'=").
_QUOTED_STARTS = (*_FORMULA_STARTS, "'")


def places_geojson(result: MapResult) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: one Point per place, coordinates in [lon, lat] order."""
    return {"type": "FeatureCollection", "features": [_feature(group) for group in result.places()]}


def _feature(group: PlaceGroup) -> dict[str, Any]:
    place = group.place
    mentions = [
        {"text": m.text, "paragraph_id": m.paragraph_id, "start": m.start, "end": m.end}
        for m in (r.mention for r in _in_text_order(group.resolutions))
    ]
    return {
        "type": "Feature",
        "id": place.key,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "name": place.name,
            "geonameid": place.geonameid,
            "country": place.country_code,
            "feature_code": place.feature_code,
            "confidence": round(group.confidence, 3),
            "pinned": group.pinned,  # placed by the user's overrides file
            "mention_count": len(group.resolutions),
            "mentions": mentions,
        },
    }


def mentions_csv(result: MapResult) -> str:
    """One row per mention, placed or not; text cells cannot start a spreadsheet formula."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in _in_text_order(result.resolutions):
        m, p = r.mention, r.place
        place = (p.name, p.geonameid, p.lat, p.lon, p.feature_code, p.country_code) if p else ("",) * 6
        row = (result.article.id, m.paragraph_id, m.start, m.end, m.text, m.label, *place)
        writer.writerow([_cell(value) for value in (*row, round(r.confidence, 3), int(r.pinned))])
    return out.getvalue()


def prediction(result: MapResult) -> dict[str, Any]:
    """One line of the evaluation format (shared/eval/README.md); unresolved: null coordinates."""
    toponyms = []
    for r in _in_text_order(result.resolutions):
        m, p = r.mention, r.place
        toponyms.append({
            "start": m.start, "end": m.end, "name": m.text,
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "geonameid": p.geonameid if p else None,
            "feature_code": p.feature_code if p else None,
            "country_code": p.country_code if p else None,
            "score": r.confidence,
        })
    return {"id": result.article.id, "toponyms": toponyms}


def _in_text_order(resolutions: tuple[Resolution, ...]) -> list[Resolution]:
    return sorted(resolutions, key=lambda r: (r.mention.start, r.mention.end))


def _cell(value: object) -> object:
    """Text starting like a formula (or with an apostrophe) gets a leading apostrophe; numbers
    (say, -33.9) stay numbers."""
    if isinstance(value, str) and value.startswith(_QUOTED_STARTS):
        return "'" + value
    return value
