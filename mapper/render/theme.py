"""The maps' colours: a light and a dark theme, and a few accent palettes, as CSS custom properties.

One source for every renderer: the pages get them as CSS (theme_css); a static image takes the
same values from LIGHT and PALETTES. page.css and embed.css only ever use the properties.

A page's <html data-theme="..."> picks the theme: "light", "dark", or "auto", which follows the
reader's system setting (prefers-color-scheme); a page without the attribute is light.
"""

from __future__ import annotations

from dataclasses import dataclass

from mapper.errors import OptionError

THEMES = ("light", "dark", "auto")
DEFAULT_THEME = "light"  # a host page with no dark mode would frame a dark map: dark is asked for


@dataclass(frozen=True)
class Palette:
    accent: str  # markers and number badges: white numbers on it keep WCAG AA contrast (4.5:1)
    accent_on_dark: str  # the accent as text and underlines on the dark theme's page: 4.5:1 too


PALETTES = {
    "red": Palette("#b3261e", "#f28b82"),
    "blue": Palette("#1a5fb4", "#8ab4f8"),
    "teal": Palette("#00695c", "#5fd3c4"),
    "purple": Palette("#6b3fa0", "#c9a8f0"),
    "ink": Palette("#1f1f1f", "#e3e3e3"),
}
DEFAULT_PALETTE = "red"

LIGHT = {
    "page": "#fff",
    "ink": "#1f1f1f",
    "muted": "#5f6368",
    "rule": "#e4e4e4",
    "highlight": "#fff1c2",  # the paragraph picked, a mention in a popup's excerpt
    "highlight-strong": "#ffd666",  # its flash; the ring of the markers it names
    "panel": "#fff",  # popups, zoom buttons, tooltips
    "panel-glass": "rgba(255, 255, 255, .92)",  # the legend and credits, over the map
    "panel-hover": "#f4f4f4",
    "shadow": "rgba(0, 0, 0, .25)",
    "focus": "#1a73e8",
    "link": "#0b65a0",
    "active-ring": "rgba(31, 31, 31, .75)",  # around the marker whose popup is open
    "tiles-filter": "none",
}
DARK = {
    "page": "#121212",  # the usual dark page (Material's): the embed's box melts into most dark hosts
    "ink": "#e8e6e3",
    "muted": "#a8a8a8",
    "rule": "#333",
    "highlight": "#47391a",
    "highlight-strong": "#b38a1d",
    "panel": "#1f1f1f",
    "panel-glass": "rgba(31, 31, 31, .92)",
    "panel-hover": "#2b2b2b",
    "shadow": "rgba(0, 0, 0, .6)",
    "focus": "#8ab4f8",
    "link": "#8ab4f8",
    "active-ring": "rgba(232, 230, 227, .85)",
    # OpenStreetMap's tiles, turned dark without turning the sea orange
    "tiles-filter": "invert(1) hue-rotate(180deg) brightness(.9) contrast(.85) saturate(.6)",
    # the outline basemap (basemap.css sets the light ones)
    "mapper-sea": "#1c2731",
    "mapper-land": "#2b2e32",
    "mapper-border": "#45494f",
    "mapper-admin1": "#3a3e44",
    "mapper-label": "#9ba0a6",
    "mapper-label-halo": "#1c2731",
}


def check_theme(theme: str, palette: str) -> None:
    if theme not in THEMES:
        raise OptionError("theme", theme, f"unknown theme {theme!r}: choose {', '.join(THEMES)}")
    if palette not in PALETTES:
        raise OptionError("palette", palette, f"unknown palette {palette!r}: choose {', '.join(PALETTES)}")


def theme_css(palette: str = DEFAULT_PALETTE) -> str:
    """Both themes' custom properties for a page, with this palette's accent."""
    colours = PALETTES[palette]
    light = {**LIGHT, "accent": colours.accent, **_pales(colours.accent, .08)}
    # --accent-ink is left unset in the light theme: page.css falls back to --accent where it is
    # used, so a page that sets --accent on an element (the combined map's stories) colours its text
    dark = {**DARK, "accent-ink": colours.accent_on_dark, **_pales(colours.accent_on_dark, .14)}
    return (
        f":root {{\n  color-scheme: light;\n{_properties(light)}}}\n"
        f':root[data-theme="dark"] {{\n  color-scheme: dark;\n{_properties(dark)}}}\n'
        "@media (prefers-color-scheme: dark) {\n"
        f':root[data-theme="auto"] {{\n  color-scheme: dark;\n{_properties(dark)}}}\n}}\n'
    )


def _pales(colour: str, alpha: float) -> dict[str, str]:
    """The accent as a faint wash behind mentions, and a stronger one under the pointer."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return {"accent-pale": f"rgba({r}, {g}, {b}, {alpha:g})", "accent-hover": f"rgba({r}, {g}, {b}, {2.5 * alpha:g})"}


def _properties(values: dict[str, str]) -> str:
    return "".join(f"  --{name}: {value};\n" for name, value in values.items())
