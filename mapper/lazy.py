"""A package's public names loaded on first use (PEP 562), so that importing the package, or a
small module of it, loads none of the heavy ones (spaCy, folium)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_names(package: dict[str, Any], homes: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The package's __getattr__ and __dir__, given its globals() and each public name's module."""

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package['__name__']!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(homes[name]), name)
        package[name] = value  # found there from now on, without this call
        return value

    def __dir__() -> list[str]:
        return sorted({*package, *homes})

    return __getattr__, __dir__
