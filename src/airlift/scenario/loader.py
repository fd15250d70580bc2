"""Load a scenario file and report every problem in it at once, located in the file.

A file is read as UTF-8, parsed by :mod:`airlift.scenario.yaml_nodes` (which
keeps positions), validated by the pydantic schema, and checked for dangling
references by :mod:`airlift.scenario.references`. Whatever goes wrong becomes a
:class:`~airlift.errors.Problem` with file, line, column, field path and a
message in the user's words; all of them are raised together in one
:class:`~airlift.errors.ScenarioError`. No pydantic or YAML exception escapes.
"""

from __future__ import annotations

import os
import pathlib
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from airlift.errors import Problem, ScenarioError
from airlift.scenario.references import check_references, nearest
from airlift.scenario.schema import Scenario
from airlift.scenario.yaml_nodes import Path, Position, read_yaml

__all__ = [
    "LoadedScenario",
    "load_scenario",
    "load_scenario_text",
    "scenario_from_dict",
]

_EMPTY: Mapping[Path, Position] = types.MappingProxyType({})


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with the file it came from and where each value was written.

    ``positions`` maps a field path such as ``("flights", 0, "count")`` to the
    1-based (line, column) of its value; ``key_positions`` does the same for the
    key of each mapping entry.
    """

    scenario: Scenario
    file: str
    positions: Mapping[Path, Position] = field(default_factory=lambda: _EMPTY)
    key_positions: Mapping[Path, Position] = field(default_factory=lambda: _EMPTY)

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """The line of the value at ``path``, or of its nearest enclosing value in the file.

        A value written in short form (``count: 20``) has no ``min`` of its own, so
        ``("flights", 0, "count", "min")`` gives the line of ``count``. Returns None
        when no part of the path below the top level is in the file.
        """
        for end in range(len(path), 0, -1):
            position = self.positions.get(tuple(path[:end]))
            if position is not None:
                return position[0]
        return None


def load_scenario(path: str | os.PathLike[str]) -> LoadedScenario:
    """Read and validate a scenario file; raise :class:`ScenarioError` listing every problem."""
    file = os.fspath(path)
    try:
        raw = pathlib.Path(file).read_bytes()
    except FileNotFoundError:
        raise ScenarioError([Problem(file, None, None, (), "the file does not exist")]) from None
    except IsADirectoryError:
        raise ScenarioError([Problem(file, None, None, (), "this is a directory, not a scenario "
                                                           "file")]) from None
    except OSError as exc:
        message = f"the file cannot be read: {exc.strerror or exc}"
        raise ScenarioError([Problem(file, None, None, (), message)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        before = raw[:start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        message = (f"the file is not valid UTF-8 (byte 0x{raw[start]:02x}); save it as UTF-8")
        raise ScenarioError([Problem(file, line, column, (), message)]) from None
    return load_scenario_text(text, file)


def load_scenario_text(text: str, file: str = "<string>") -> LoadedScenario:
    """Validate scenario YAML given as text; ``file`` names it in problems."""
    document = read_yaml(text, file)
    data = document.data
    if () in document.refused:
        raise ScenarioError(document.problems)
    if data is None and () not in document.values:
        message = ("the file is empty; a scenario needs at least title, airfields, aircraft, "
                   "cargo and flights")
        raise ScenarioError([*document.problems, Problem(file, None, None, (), message)])
    if not isinstance(data, dict):
        line, column = document.values[()]
        message = (f"the top level must be a mapping of fields (title:, airfields:, ...), "
                   f"found {_describe(data)}")
        raise ScenarioError([*document.problems, Problem(file, line, column, (), message)])
    scenario = _validate(data, file, document.values, document.keys, document.refused,
                         document.problems)
    return LoadedScenario(scenario, file, types.MappingProxyType(document.values),
                          types.MappingProxyType(document.keys))


def scenario_from_dict(data: Mapping[str, Any], file: str = "<dict>") -> Scenario:
    """Validate a scenario given as plain Python data (problems carry no line numbers)."""
    if not isinstance(data, Mapping):
        message = f"a scenario must be a mapping of fields, found {_describe(data)}"
        raise ScenarioError([Problem(file, None, None, (), message)])
    return _validate(dict(data), file, {}, {}, frozenset(), [])


def _validate(
    data: dict[str, Any],
    file: str,
    values: Mapping[Path, Position],
    keys: Mapping[Path, Position],
    refused: frozenset[Path],
    problems: list[Problem],
) -> Scenario:
    """The scenario, or a ScenarioError with every shape and reference problem found."""
    found = list(problems)
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        misspelt = _misspelt_fields(errors)
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and loc in misspelt:
                continue  # "unknown field 'kinds'; did you mean 'kind'?" says it already
            problem = _problem(error, data, file, values, keys)
            if not any(problem.path[: len(r)] == r for r in refused):
                found.append(problem)

    def line_of(path: Path) -> int | None:
        position = values.get(path)
        return position[0] if position else None

    for finding in check_references(data, line_of):
        if any(finding.path[: len(r)] == r for r in refused):
            continue
        line, column = (keys if finding.at_key else values).get(finding.path, (None, None))
        found.append(Problem(file, line, column, finding.path, finding.message))
    if found or scenario is None:
        raise ScenarioError(list(set(found)))  # the error sorts them by position
    return scenario


def _misspelt_fields(errors: list[Any]) -> set[Path]:
    """Paths of missing fields that an unknown key next to them would be suggested as."""
    out: set[Path] = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            close = nearest(str(loc[-1]), _field_names(_type_at(loc[:-1])))
            if close is not None:
                out.add((*loc[:-1], close))
    return out


def _existing(data: object, loc: Path) -> Path:
    """The longest prefix of ``loc`` that names a value actually in ``data``."""
    for i, part in enumerate(loc):
        in_dict = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_dict or in_list):
            return loc[:i]
        data = data[part]  # type: ignore[index]
    return loc


def _problem(error: Any, data: dict[str, Any], file: str,
             values: Mapping[Path, Position], keys: Mapping[Path, Position]) -> Problem:
    """Turn one pydantic error into a Problem located in the file."""
    loc: Path = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        parent = _existing(data, loc[:-1])
        named = len(parent) == len(loc) - 1 and isinstance(loc[-1], str)
        path = (*parent, loc[-1]) if named else parent
        position = values.get(parent)
        message = _missing_message(loc, _get(data, parent))
    elif kind == "extra_forbidden":
        path = _existing(data, loc)
        position = keys.get(path, values.get(path))
        valid = _field_names(_type_at(loc[:-1]))
        message = _unknown_field(str(loc[-1]), valid)
    else:
        path = _existing(data, loc)
        position = values.get(path)
        message = _message(error, loc)
    line, column = position if position is not None else (None, None)
    return Problem(file, line, column, path, message)


def _get(data: object, path: Path) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def _missing_message(loc: Path, parent: object) -> str:
    if isinstance(loc[-1], int) and isinstance(parent, list):
        count = len(parent)
        return f"expected {loc[-1] + 1} items, found {count} item{'s' if count != 1 else ''}"
    return f"missing required field '{loc[-1]}'"


#: A key that is the tail of a number split at its thousands separator: ``{mass: 106,000 lb}``.
_SPLIT_NUMBER = re.compile(r"^[0-9]{3}(,[0-9]{3})*(\.[0-9]+)?\s*[A-Za-z_]*$")


def _unknown_field(name: str, valid: list[str]) -> str:
    message = f"unknown field '{name}'"
    if _SPLIT_NUMBER.match(name):
        return (f"{message}; inside {{...}} or [...] a comma separates entries, so a number "
                "with a thousands separator must be quoted there, e.g. {mass: '106,000 lb'}")
    close = nearest(name, valid)
    if close:
        message += f"; did you mean '{close}'?"
    if valid:
        message += f"{' ' if close else '; '}valid fields: {', '.join(valid)}"
    return message


def _strip(tp: Any) -> Any:
    """Remove Annotated and Optional wrappers from a type hint."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _type_at(loc: Path) -> Any:
    """The declared type at a field path of :class:`Scenario` (None if the path is foreign)."""
    tp: Any = Scenario
    for part in loc:
        tp = _strip(tp)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = {(f.alias or n): f for n, f in tp.model_fields.items()}
            if part not in fields:
                return None
            tp = fields[str(part)].annotation
        elif origin is dict:
            tp = typing.get_args(tp)[1]
        elif origin is list:
            tp = typing.get_args(tp)[0]
        elif origin is tuple and isinstance(part, int):
            args = typing.get_args(tp)
            tp = args[part] if part < len(args) else None
        else:
            return None
    return _strip(tp)


def _field_names(tp: Any) -> list[str]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or n for n, f in tp.model_fields.items()]
    return []


def _describe(value: object) -> str:
    """What a value is, as a user would say it."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value if len(value) <= 40 else value[:37] + '...'}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


#: What the user should have written, for pydantic's type errors.
_EXPECTED = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
    "tuple_type": "a list", "dict_type": "a mapping of names to values",
}
#: How to write a value of a schema class, for "expected ..." messages.
_HOW_TO_WRITE = {
    "CountRange": "a whole number of flights or a range such as {min: 18, max: 22}",
    "MassRange": "a mass such as '48 t' or a range such as {min: 40 t, max: 48 t}",
    "AmountRange": "an amount such as 12, '20 m' or '2 t', or a range {min: ..., max: ...}",
}
#: pydantic error types whose message was written for users in schema.py or units.py.
_OWN_MESSAGES = {"unit", "positive", "non_negative", "range_order", "bound", "dimension"}


def _message(error: Any, loc: Path) -> str:
    """A pydantic error's message in the user's words."""
    kind, ctx, found = error["type"], error.get("ctx") or {}, _describe(error.get("input"))
    if kind in _OWN_MESSAGES:
        return str(error["msg"])
    if kind in ("model_type", "model_attributes_type"):
        tp = _type_at(loc)
        name = str(ctx.get("class_name") or getattr(tp, "__name__", ""))
        how = _HOW_TO_WRITE.get(name) or f"a mapping with fields {', '.join(_field_names(tp))}"
        return f"expected {how}, found {found}"
    if kind == "list_type" and _type_at(loc) == list[str]:
        return f"expected a name or a list of names, found {found}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, found {found}"
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, found {found}"
    if kind in ("too_short", "too_long"):
        return f"expected {ctx.get('max_length', ctx.get('min_length'))} items, found " \
               f"{ctx.get('actual_length')}"
    bounds = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
              "greater_than": ("more than", "gt"), "less_than": ("less than", "lt")}
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {ctx.get(key)}, found {found}"
    text = str(error["msg"])
    return text[:1].lower() + text[1:]
