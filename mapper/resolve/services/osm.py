"""OpenStreetMap's kinds of places as GeoNames feature classes and codes.

Nominatim and Photon both describe a place by its main OSM tag (Nominatim's class/type, Photon's
osm_key/osm_value) and by its rank in an address (Nominatim's addresstype, Photon's type). The
resolver reasons in GeoNames terms (a country is A/PCLI, a town P/PPL, a river H/STM), so both
services' answers go through this one table.
"""

from __future__ import annotations

Feature = tuple[str, str]

_TOWN: Feature = ("P", "PPL")
_SECTION: Feature = ("P", "PPLX")

BY_TAG: dict[tuple[str, str], Feature] = {
    ("place", "continent"): ("L", "CONT"),
    ("place", "country"): ("A", "PCLI"),
    ("place", "state"): ("A", "ADM1"),
    ("place", "province"): ("A", "ADM1"),
    ("place", "region"): ("L", "RGN"),
    ("place", "county"): ("A", "ADM2"),
    ("place", "municipality"): ("A", "ADM3"),
    **{("place", t): _TOWN for t in ("city", "town", "village", "hamlet", "isolated_dwelling")},
    **{("place", t): _SECTION for t in ("borough", "suburb", "quarter", "neighbourhood", "city_block")},
    ("place", "locality"): ("L", "LCTY"),
    ("place", "island"): ("T", "ISL"),
    ("place", "islet"): ("T", "ISL"),
    ("place", "archipelago"): ("T", "ISLS"),
    ("place", "sea"): ("H", "SEA"),
    ("place", "ocean"): ("H", "OCN"),
    ("waterway", "river"): ("H", "STM"),
    ("waterway", "stream"): ("H", "STM"),
    ("waterway", "canal"): ("H", "CNL"),
    ("waterway", "dam"): ("S", "DAM"),
    ("natural", "water"): ("H", "LK"),
    ("natural", "bay"): ("H", "BAY"),
    ("natural", "strait"): ("H", "STRT"),
    ("natural", "glacier"): ("H", "GLCR"),
    ("natural", "peak"): ("T", "PK"),
    ("natural", "volcano"): ("T", "VLC"),
    ("natural", "mountain_range"): ("T", "MTS"),
    ("natural", "ridge"): ("T", "RDGE"),
    ("natural", "valley"): ("T", "VAL"),
    ("natural", "cape"): ("T", "CAPE"),
    ("natural", "peninsula"): ("T", "PEN"),
    ("natural", "desert"): ("T", "DSRT"),
    ("natural", "island"): ("T", "ISL"),
    ("natural", "wood"): ("V", "FRST"),
    ("landuse", "forest"): ("V", "FRST"),
    ("boundary", "national_park"): ("L", "PRK"),
    ("leisure", "park"): ("L", "PRK"),
    ("aeroway", "aerodrome"): ("S", "AIRP"),
    ("railway", "station"): ("S", "RSTN"),
    ("amenity", "hospital"): ("S", "HSP"),
    ("amenity", "university"): ("S", "UNIV"),
    ("amenity", "school"): ("S", "SCH"),
    ("man_made", "bridge"): ("S", "BDG"),
    ("historic", "castle"): ("S", "CSTL"),
}

# What an administrative boundary is, by its rank in addresses (Nominatim addresstype, Photon type).
BY_KIND: dict[str, Feature] = {
    "country": ("A", "PCLI"),
    "state": ("A", "ADM1"),
    "province": ("A", "ADM1"),
    "region": ("A", "ADM1"),
    "state_district": ("A", "ADM2"),
    "county": ("A", "ADM2"),
    "municipality": ("A", "ADM3"),
    **{kind: _TOWN for kind in ("city", "town", "village", "hamlet")},
    **{kind: _SECTION for kind in ("city_district", "district", "borough", "suburb", "quarter", "neighbourhood")},
}

BY_KEY: dict[str, Feature] = {
    "place": _TOWN,
    "boundary": ("A", ""),
    "waterway": ("H", "STM"),
    "water": ("H", ""),
    "natural": ("T", ""),
    "landuse": ("L", ""),
    "leisure": ("L", ""),
    "highway": ("R", "RD"),
    "railway": ("R", "RR"),
    **{key: ("S", "") for key in ("amenity", "building", "tourism", "shop", "office", "historic",
                                   "military", "aeroway", "man_made")},
}

# Nominatim's place_rank for a boundary whose kind it does not name: 4 a country, 8 a state, ...
_BY_RANK: tuple[tuple[int, Feature], ...] = (
    (4, ("A", "PCLI")), (9, ("A", "ADM1")), (12, ("A", "ADM2")), (15, ("A", "ADM3")),
    (19, _TOWN), (22, _SECTION),
)

# OSM's capital tag: "yes" or 2 for a country's capital, 4 for a state's.
_CAPITAL = {"yes": "PPLC", "2": "PPLC", "4": "PPLA"}


def feature(key: str, value: str, kind: str = "", rank: int | None = None, capital: str = "") -> Feature:
    """The GeoNames (class, code) of an OSM object; ("", "") for what this table does not know."""
    found = BY_TAG.get((key, value)) or BY_KIND.get(kind)
    if found is None and key == "boundary" and rank is not None:
        found = next((f for top, f in _BY_RANK if rank <= top), None)
    found = found or BY_KEY.get(key, ("", ""))
    if found == _TOWN and capital in _CAPITAL:
        return "P", _CAPITAL[capital]
    return found
