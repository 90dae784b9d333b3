"""What a map shows, in words: the alt text of its static image."""

from __future__ import annotations

from mapper.model import MapResult, PlaceGroup
from mapper.render.naming import display_name
from mapper.render.numbering import place_numbers

NAMED = 10  # places named before "and 5 more": a screen reader reads alt text in one breath


def alt_text(result: MapResult) -> str:
    """"Map of 12 places in the story: 1 Goma, 2 Sake, ..., 10 Uvira and 2 more."

    Places by their numbers on the map (the order the story first names them), by the names the
    map shows.
    """
    groups = numbered_places(result)
    if not groups:
        return "Map: no place in the story could be mapped."
    count = len(groups)
    names = [f"{n} {display_name(g)}" for n, g in groups[:NAMED]]
    listed = ", ".join(names)
    if count > NAMED:
        listed += f" and {count - NAMED} more"
    return f"Map of {count} place{'' if count == 1 else 's'} in the story: {listed}."


def numbered_places(result: MapResult) -> list[tuple[int, PlaceGroup]]:
    """Each place with its number on the map, in number order."""
    numbers = place_numbers(result)
    return sorted(((numbers[g.place.key], g) for g in result.places()), key=lambda item: item[0])
