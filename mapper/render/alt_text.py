"""What a map shows, in words: the alt text of its static image."""

from __future__ import annotations

from mapper.model import MapResult, PlaceGroup
from mapper.render.framing import Frame
from mapper.render.naming import display_name
from mapper.render.numbering import place_numbers

NAMED = 10  # places named before "and 5 more": a screen reader reads alt text in one breath


def alt_text(result: MapResult, view: Frame | None = None) -> str:
    """"Map of 12 places in the story: 1 Goma, 2 Sake, ..., 10 Uvira and 2 more."

    Places by their numbers on the map (the order the story first names them), by the names the
    map shows. With the view the image opens on, the places it leaves out are said apart, as the
    map's strip says them: "Map of 9 of the story's 12 places: 1 Isabela, ... Outside the map:
    10 Vietnam, 11 Hainan, 12 Hong Kong."
    """
    groups = numbered_places(result)
    if not groups:
        return "Map: no place in the story could be mapped."
    count = len(groups)
    outside = set(view.outside) if view else set()
    shown = [(n, g) for n, g in groups if g.place.key not in outside]
    left_out = [(n, g) for n, g in groups if g.place.key in outside]
    if not left_out:
        return f"Map of {count} place{'' if count == 1 else 's'} in the story: {_listed(shown, NAMED)}."
    listed = _listed(shown, NAMED)
    room = max(NAMED - len(shown), 3)
    return (f"Map of {len(shown)} of the story's {count} places: {listed}. "
            f"Outside the map: {_listed(left_out, room)}.")


def _listed(groups: list[tuple[int, PlaceGroup]], named: int) -> str:
    listed = ", ".join(f"{n} {display_name(g)}" for n, g in groups[:named])
    return listed + (f" and {len(groups) - named} more" if len(groups) > named else "")


def numbered_places(result: MapResult) -> list[tuple[int, PlaceGroup]]:
    """Each place with its number on the map, in number order."""
    numbers = place_numbers(result)
    return sorted(((numbers[g.place.key], g) for g in result.places()), key=lambda item: item[0])
