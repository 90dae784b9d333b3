"""The error tree (mapper/errors.py): each error a user can act on is a class of its own, exported
from mapper, carrying its facts as fields and saying them in one line."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import mapper
from mapper import errors
from mapper.ingest import jsonl
from mapper.limits import Limits, parse_size
from mapper.render.framing import parse_view

ERROR_CLASSES = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, Exception)]
# Raised for a programmer's mistake, never for a user's: a page template without its charset.
PROGRAMMING_ERRORS = {("mapper/render/csp.py", "ValueError")}


def test_every_error_is_a_mapper_error_exported_from_mapper():
    assert {c.__name__ for c in ERROR_CLASSES} <= set(mapper.__all__)
    assert all(issubclass(c, errors.MapperError) for c in ERROR_CLASSES)


def _raised_names(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and isinstance(node.exc.func, ast.Name):
            names.append(node.exc.func.id)
    return names


def test_library_code_raises_a_subclass_with_fields_not_a_bare_or_builtin_error():
    package = Path(mapper.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package.parent).as_posix()
        if where.startswith("mapper/dev/"):  # developer tooling, not the product
            continue
        found += [(where, name) for name in _raised_names(path)
                  if name in ("MapperError", "ValueError", "TypeError", "RuntimeError", "Exception")
                  and (where, name) not in PROGRAMMING_ERRORS]
    assert found == []


def test_an_input_error_names_the_file_and_line(tmp_path):
    path = tmp_path / "week.jsonl"
    path.write_text('{"id": "a", "text": "Paris"}\n{"id": "b", "text": 3}\n', encoding="utf-8")
    with pytest.raises(errors.InputError) as raised:
        jsonl.read(path)
    error = raised.value
    assert (error.path, error.line, error.exit_code) == (str(path), 2, 2)
    assert error.problem == '"text" must be a string, not a number'
    assert str(error) == f'{path}:2: "text" must be a string, not a number'


def test_a_limit_names_the_line_it_refused(tmp_path):
    path = tmp_path / "week.jsonl"
    path.write_text('{"text": "Paris"}\n{"text": "' + "x" * 50 + '"}\n', encoding="utf-8")
    errors_by_line = [(n, e) for n, e in jsonl.lines(path, path.read_text().split("\n"), Limits(article_size=20))
                      if isinstance(e, errors.InputError)]
    assert [(n, e.line, e.path) for n, e in errors_by_line] == [(2, 2, str(path))]


@pytest.mark.parametrize(("call", "option", "value"), [
    (lambda: parse_size("lots"), "size", "lots"),
    (lambda: parse_view("91,0,92,1"), "--view", "91,0,92,1"),
])
def test_an_option_error_carries_the_option_and_the_value(call, option, value):
    with pytest.raises(errors.OptionError) as raised:
        call()
    assert (raised.value.option, raised.value.value) == (option, value)
    assert repr(value) in str(raised.value)


def test_a_service_error_carries_the_service_the_query_and_the_status():
    error = errors.ServiceError("nominatim at http://127.0.0.1:9", 'failed on "Aleppo": HTTP 503',
                                query="Aleppo", status=503, tries=3)
    assert (error.service, error.query, error.status, error.tries) == ("nominatim at http://127.0.0.1:9", "Aleppo", 503, 3)
    assert str(error) == 'nominatim at http://127.0.0.1:9 failed on "Aleppo": HTTP 503'


def test_a_model_error_names_the_pipeline():
    from mapper.recognize.pipelines import load_pipeline

    with pytest.raises(errors.ModelError) as raised:
        load_pipeline("no_such_pipeline_xyz")
    assert raised.value.name == "no_such_pipeline_xyz"
    assert str(raised.value) == "spaCy pipeline 'no_such_pipeline_xyz' is not installed (give a package name or a path)"


def test_a_gazetteer_error_names_the_dump_and_line(tmp_path):
    from mapper.gazetteer.geonames import recognize

    dump = tmp_path / "SY.txt"
    dump.write_text("1\tx\ty\t35.0\n", encoding="utf-8")
    with pytest.raises(errors.GazetteerError) as raised:
        recognize(dump)
    assert (raised.value.path, raised.value.line) == ("SY.txt", 1)


def test_an_overrides_error_names_the_entry(tmp_path):
    from mapper.resolve.overrides import Overrides

    path = tmp_path / "pins.csv"
    path.write_text("name,geonameid\nGeorgia,abc\n", encoding="utf-8")
    with pytest.raises(errors.OverridesError) as raised:
        Overrides.load(path, lambda _: None)
    assert (raised.value.path, raised.value.entry) == (str(path), "line 2")
    assert str(raised.value) == f"{path}: line 2: geonameid must be a number, not 'abc'"
