"""The number each place carries on the map, beside its mentions and on the static image."""

from __future__ import annotations

from mapper.model import MapResult


def place_numbers(result: MapResult) -> dict[str, int]:
    """Place key -> 1, 2, 3, ... in the order the article first mentions each place."""
    numbers: dict[str, int] = {}
    for r in sorted(result.resolutions, key=lambda r: (r.mention.start, r.mention.end)):
        if r.place is not None and r.place.key not in numbers:
            numbers[r.place.key] = len(numbers) + 1
    return numbers
