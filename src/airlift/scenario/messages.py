"""Turn pydantic's validation errors into problems located in the file, in the user's words.

Used by the scenario loader and the catalogue loader: both validate plain data read by
:mod:`airlift.scenario.yaml_nodes` against a pydantic model (the *root*), and both must say
``file:line:column: field: message`` for every problem, suggesting the nearest valid field
name for a misspelt one.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Collection, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from airlift.errors import Problem
from airlift.scenario.numeric import show_number
from airlift.scenario.quoting import quoted, shorten, yaml_quoted
from airlift.scenario.references import nearest
from airlift.scenario.schema import BOUND_EXPECTED, FREE_TEXT
from airlift.scenario.yaml_nodes import Path, Position

__all__ = ["describe", "is_free_text", "validation_problems"]


def validation_problems(
    exc: ValidationError,
    root: type[BaseModel],
    data: dict[str, Any],
    file: str,
    values: Mapping[Path, Position],
    keys: Mapping[Path, Position],
    refused: Collection[Path] = (),
    flow: Collection[Path] = (),
) -> list[Problem]:
    """Every error of ``exc`` (validating ``data`` as ``root``) as a located Problem.

    Problems under a ``refused`` path are dropped: something there was already reported.
    ``flow`` holds the paths of mappings written as ``{...}``, where a comma in unquoted
    text starts a new entry: an unknown field there may be the rest of a text.
    """
    found = []
    errors = exc.errors(include_url=False)
    misspelt = _misspelt_fields(errors, root)
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] in _MISSING and loc in misspelt:
            continue  # "unknown field 'kinds'; did you mean 'kind'?" says it already
        problem = _problem(error, root, data, file, values, keys, flow)
        if not any(problem.path[: len(r)] == r for r in refused):
            found.append(problem)
    return found


def _misspelt_fields(errors: list[Any], root: type[BaseModel]) -> set[Path]:
    """Paths of missing fields that an unknown key next to them would be suggested as."""
    out: set[Path] = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            close = nearest(str(loc[-1]), _field_names(_type_at(loc[:-1], root)))
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


def _problem(
    error: Any,
    root: type[BaseModel],
    data: dict[str, Any],
    file: str,
    values: Mapping[Path, Position],
    keys: Mapping[Path, Position],
    flow: Collection[Path],
) -> Problem:
    """Turn one pydantic error into a Problem located in the file."""
    loc: Path = tuple(error["loc"])
    kind = error["type"]
    if kind in _MISSING:
        parent = _existing(data, loc[:-1])
        named = len(parent) == len(loc) - 1 and isinstance(loc[-1], str)
        path = (*parent, loc[-1]) if named else parent
        position = values.get(parent)
        if kind == "missing":
            message = _missing_message(loc, _get(data, parent))
        else:
            message = str(error["msg"])
    elif kind == "extra_forbidden":
        path = _existing(data, loc)
        position = keys.get(path, values.get(path))
        valid = _field_names(_type_at(loc[:-1], root))
        message = _unknown_field(str(loc[-1]), valid)
        if loc[:-1] in flow:
            message = _rest_of_text(loc, root, data, valid) or message
    else:
        path = _existing(data, loc)
        position = values.get(path)
        if loc[-1:] == ("[key]",):  # a mapping key that is a value (a discrete value)
            position = keys.get(path, position)
        message = _message(error, loc, root)
    line, column = position if position is not None else (None, None)
    return Problem(file, line, column, path, message)


#: Error types of a field left out: located at the mapping it is missing from.
_MISSING = frozenset({"missing", "missing_mass"})


def _get(data: object, path: Path) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def _missing_message(loc: Path, parent: object) -> str:
    if isinstance(loc[-1], int) and isinstance(parent, list):
        count = len(parent)
        return f"expected {loc[-1] + 1} items, found {count} item{'s' if count != 1 else ''}"
    return f"missing required field {quoted(loc[-1])}"


#: A key that is the tail of a number split at its thousands separator: ``{mass: 106,000 lb}``.
_SPLIT_NUMBER = re.compile(r"^[0-9]{3}(,[0-9]{3})*(\.[0-9]+)?\s*[A-Za-z_]*$")


def _rest_of_text(loc: Path, root: type[BaseModel], data: object, valid: list[str]) -> str | None:
    """For an unknown key of a ``{...}`` mapping that follows free text, say to quote it.

    ``{id: a, says: 84 missiles, 9 flights}`` reads as ``says: 84 missiles`` and a key
    ``9 flights``: the comma ended the text. None when no free-text field comes before the
    unknown key (with only other unknown keys between them).
    """
    parent = _get(data, loc[:-1])
    if not isinstance(parent, dict) or loc[-1] not in parent:
        return None
    names = list(parent)
    at = names.index(loc[-1])
    start = at
    while start > 0 and names[start - 1] not in valid:
        start -= 1
    if start == 0 or not is_free_text((*loc[:-1], names[start - 1]), root):
        return None
    field = names[start - 1]
    end = at + 1
    while end < len(names) and names[end] not in valid:
        end += 1
    parts = [parent[field], *(_entry_text(k, parent[k]) for k in names[start:end])]
    if not all(isinstance(part, str) for part in parts):
        return None
    text = str(parts[0])
    for part in parts[1:]:
        split_number = text[-1:].isdigit() and _SPLIT_NUMBER.match(str(part)) is not None
        text += ("," if split_number else ", ") + str(part)  # 1,000 was split at its comma
    return (
        f"unknown field {quoted(loc[-1])}; inside {{...}} a comma ends a text, so is this "
        f"the rest of {field}? Put the text in quotes: {field}: {yaml_quoted(shorten(text))}"
    )


def _entry_text(key: str, value: object) -> str | None:
    """How ``key: value`` was most likely written, as text; None for a list or mapping."""
    if value is None:
        return key
    if isinstance(value, bool):
        return f"{key}: {str(value).lower()}"
    if isinstance(value, str | int | float):
        return f"{key}: {value}"
    return None


def is_free_text(path: Path, root: type[BaseModel]) -> bool:
    """Whether ``path`` names a free-text field of ``root`` (``says``, ``note``...)."""
    if not path:
        return False
    model = _type_at(path[:-1], root)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return False
    fields = {(f.alias or n): f for n, f in model.model_fields.items()}
    found = fields.get(str(path[-1]))
    return found is not None and (FREE_TEXT in found.metadata or _marked(found.annotation))


def _marked(tp: Any) -> bool:
    """Whether a type hint carries the FREE_TEXT mark, in Annotated or inside Optional."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is typing.Annotated:
        return FREE_TEXT in args[1:] or _marked(args[0])
    return any(_marked(a) for a in args)


def _unknown_field(name: str, valid: list[str]) -> str:
    message = f"unknown field {quoted(name)}"
    if _SPLIT_NUMBER.match(name):
        return (
            f"{message}; inside {{...}} or [...] a comma separates entries, so a number "
            "with a thousands separator must be quoted there, e.g. {mass: '106,000 lb'}"
        )
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


def _type_at(loc: Path, root: type[BaseModel]) -> Any:
    """The declared type at a field path of ``root`` (None if the path is foreign)."""
    tp: Any = root
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


def describe(value: object) -> str:
    """What a value is, as a user would say it."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int):
        return f"the number {show_number(value)}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


#: What the user should have written, for pydantic's type errors.
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of names to values",
    "bound_type": BOUND_EXPECTED,
}
#: How to write a value of a schema class, for "expected ..." messages.
_HOW_TO_WRITE = {
    "CountRange": "a whole number of flights or a range such as {min: 18, max: 22}",
    "MassRange": "a mass such as '48 t' or a range such as {min: 40 t, max: 48 t}",
    "AmountRange": "an amount such as 12, '20 m' or '2 t', or a range {min: ..., max: ...}",
    "LengthRange": "a length such as '7.5 m' or a range such as {min: 20 m, max: 24.5 m}",
}
#: pydantic error types whose message was written for users in schema.py or units.py.
_OWN_MESSAGES = {
    "unit",
    "positive",
    "non_negative",
    "range_order",
    "bound",
    "dimension",
    "payload_range",
    "too_large",
    "not_finite",
    "bulk_mass",
    "bulk_size",
    "bulk_uses",
    "bound_mass",
    "bound_mix",
    "bound_unit",
}


def _split_numbers(items: object) -> bool:
    """Whether a list looks like numbers split at their thousands separators: ``[1, 0, 2, 0]``
    from ``[1,000, 2,000]`` (a number of three digits or fewer after another number)."""
    if not isinstance(items, list | tuple):
        return False
    whole = [isinstance(x, int) and not isinstance(x, bool) for x in items]
    return any(whole[i] and whole[i - 1] and 0 <= items[i] < 1000 for i in range(1, len(items)))


def _message(error: Any, loc: Path, root: type[BaseModel]) -> str:
    """A pydantic error's message in the user's words."""
    kind, ctx, found = error["type"], error.get("ctx") or {}, describe(error.get("input"))
    if kind in _OWN_MESSAGES:
        return str(error["msg"])
    if kind in ("model_type", "model_attributes_type"):
        tp = _type_at(loc, root)
        name = str(ctx.get("class_name") or getattr(tp, "__name__", ""))
        how = _HOW_TO_WRITE.get(name) or f"a mapping with fields {', '.join(_field_names(tp))}"
        return f"expected {how}, found {found}"
    if kind == "list_type" and _type_at(loc, root) == list[str]:
        return f"expected a name or a list of names, found {found}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, found {found}"
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, found {found}"
    if kind in ("too_short", "too_long"):
        message = (
            f"expected {ctx.get('max_length', ctx.get('min_length'))} items, found "
            f"{ctx.get('actual_length')}"
        )
        if kind == "too_long" and _split_numbers(error.get("input")):
            message += (
                "; inside [...] a comma separates items, so a number with a thousands "
                'separator must be quoted there, e.g. ["1,000", "2,000"]'
            )
        return message
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "less_than_equal": ("at most", "le"),
        "greater_than": ("more than", "gt"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {ctx.get(key)}, found {found}"
    text = str(error["msg"])
    return text[:1].lower() + text[1:]
