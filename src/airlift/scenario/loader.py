"""Load a scenario file and report every problem in it at once, located in the file.

A file is read as UTF-8, parsed by :mod:`airlift.scenario.yaml_nodes` (which
keeps positions), validated by the pydantic schema, and checked for dangling
references by :mod:`airlift.scenario.references`. Whatever goes wrong becomes a
:class:`~airlift.errors.Problem` with file, line, column, field path and a
message in the user's words; all of them are raised together in one
:class:`~airlift.errors.ScenarioError`. No pydantic or YAML exception escapes.

A file that loads may still hold something its writer probably did not mean: free text
(``says``, ``note``...) cut short by a comment (``says: 84 missiles #2 report`` reads as
``84 missiles``). These are :attr:`LoadedScenario.warnings`, located like problems, for
the caller to show; they never stop a file from loading.
"""

from __future__ import annotations

import os
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from airlift.errors import Problem, ScenarioError, decode_input, read_input
from airlift.scenario.catalog import CatalogOrigin, resolve_catalog
from airlift.scenario.legs import expand_legs
from airlift.scenario.messages import describe, is_free_text, validation_problems
from airlift.scenario.quoting import quoted, shorten, yaml_quoted
from airlift.scenario.references import Finding, check_references
from airlift.scenario.schedule_checks import check_schedule, leg_airframe_problems
from airlift.scenario.schema import Scenario
from airlift.scenario.uncertainty_checks import check_uncertainty
from airlift.scenario.yaml_nodes import Path, Position, YamlDocument, read_yaml
from airlift.tracks import Leg

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
    key of each mapping entry. A value taken from the catalogue is located at the
    ``catalog:`` reference that brought it in, and ``origins`` says which catalogue
    entry it came from (see :meth:`origin_of`).

    ``warnings`` are things in the file that load but were probably not meant, in file
    order, each a :class:`~airlift.errors.Problem` (``str()`` gives
    ``file:line:column: field: message``); the file is valid with them.
    """

    scenario: Scenario
    file: str
    positions: Mapping[Path, Position] = field(default_factory=lambda: _EMPTY)
    key_positions: Mapping[Path, Position] = field(default_factory=lambda: _EMPTY)
    origins: Mapping[Path, CatalogOrigin] = field(
        default_factory=lambda: types.MappingProxyType({})
    )
    warnings: tuple[Problem, ...] = ()
    #: The legs each flight group made from a leg file (``legs:``) stands for, by group id,
    #: each with the file and row it was read from.
    legs: Mapping[str, tuple[Leg, ...]] = field(default_factory=lambda: types.MappingProxyType({}))

    def origin_of(self, path: tuple[str | int, ...]) -> CatalogOrigin | None:
        """The catalogue entry a field's value came from; None when the scenario wrote it.

        ``("aircraft", "Il-76MD", "limits", "seats")`` is from the catalogue when the
        scenario referred to a catalogue entry and did not write that limit itself.
        """
        for end in range(len(path), 2, -1):
            origin = self.origins.get(tuple(path[:end]))
            if origin is not None:
                return origin
        return None

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
    raw = read_input(file, "scenario file")
    text = decode_input(raw, file)
    return load_scenario_text(text, file)


def load_scenario_text(text: str, file: str = "<string>") -> LoadedScenario:
    """Validate scenario YAML given as text; ``file`` names it in problems."""
    document = read_yaml(text, file)
    data = document.data
    if () in document.refused:
        raise ScenarioError(document.problems)
    if data is None and () not in document.values:
        message = (
            "the file is empty; a scenario needs at least title, airfields, aircraft, "
            "cargo and flights"
        )
        raise ScenarioError([*document.problems, Problem(file, 1, 1, (), message)])
    if not isinstance(data, dict):
        line, column = document.values[()]
        message = (
            f"the top level must be a mapping of fields (title:, airfields:, ...), "
            f"found {describe(data)}"
        )
        raise ScenarioError([*document.problems, Problem(file, line, column, (), message)])
    resolved = resolve_catalog(data, file, document.values, document.keys)
    expanded = expand_legs(resolved.data, file, resolved.values, resolved.keys)
    scenario = _validate(
        expanded.data,
        file,
        expanded.values,
        expanded.keys,
        document.refused | resolved.refused,
        [*document.problems, *resolved.problems, *expanded.problems],
        document.flow,
    )
    airframe_problems = leg_airframe_problems(scenario, expanded.legs)
    if airframe_problems:
        raise ScenarioError(airframe_problems)
    return LoadedScenario(
        scenario,
        file,
        types.MappingProxyType(expanded.values),
        types.MappingProxyType(expanded.keys),
        types.MappingProxyType(resolved.origins),
        _comment_warnings(document, file),
        types.MappingProxyType(expanded.legs),
    )


def _comment_warnings(document: YamlDocument, file: str) -> tuple[Problem, ...]:
    """A warning for each free-text value that a comment on its line cut short."""
    found = []
    for path, comment in document.comments.items():
        value = _raw_value(document.data, path)
        if not isinstance(value, str) or not is_free_text(path, Scenario):
            continue
        rest = comment.text
        if path[:-1] in document.flow:  # in {...} the comment hid the entries after it too
            rest = rest.split(",")[0].split("}")[0].rstrip()
        key = str(path[-1])
        message = (
            f"read as {quoted(value)}: ' #' starts a comment, so {quoted(rest)} is not "
            "part of the text; if it should be, put the text in quotes: "
            f"{key}: {yaml_quoted(shorten(f'{value} {rest}'))}"
        )
        found.append(Problem(file, comment.line, comment.column, path, message))
    return tuple(sorted(found))


def _raw_value(data: object, path: Path) -> object:
    """The value at ``path`` of plain data read from YAML; None where there is none."""
    for part in path:
        in_dict = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_dict or in_list):
            return None
        data = data[part]  # type: ignore[index]
    return data


def scenario_from_dict(data: Mapping[str, Any], file: str = "<dict>") -> Scenario:
    """Validate a scenario given as plain Python data (problems carry no line numbers).

    Leg files (``legs:``) are read relative to the working directory."""
    if not isinstance(data, Mapping):
        message = f"a scenario must be a mapping of fields, found {describe(data)}"
        raise ScenarioError([Problem(file, None, None, (), message)])
    resolved = resolve_catalog(dict(data), file, {}, {})
    expanded = expand_legs(resolved.data, file, {}, {})
    return _validate(
        expanded.data,
        file,
        {},
        {},
        frozenset(resolved.refused),
        [*resolved.problems, *expanded.problems],
    )


def _finding_position(
    finding: Finding, values: Mapping[Path, Position], keys: Mapping[Path, Position]
) -> Position | None:
    """Where a reference problem is: at its key or value, else at the nearest enclosing
    value the file has, as a field left out is located at the mapping it is missing from
    (``schedule.aircraft`` misspelt leaves the flown types without a schedule)."""
    position = (keys if finding.at_key else values).get(finding.path)
    for end in range(len(finding.path) - 1, 0, -1):
        if position is not None:
            break
        position = values.get(finding.path[:end])
    return position


def _validate(
    data: dict[str, Any],
    file: str,
    values: Mapping[Path, Position],
    keys: Mapping[Path, Position],
    refused: frozenset[Path],
    problems: list[Problem],
    flow: frozenset[Path] = frozenset(),
) -> Scenario:
    """The scenario, or a ScenarioError with every shape and reference problem found."""
    found = list(problems)
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        found += validation_problems(exc, Scenario, data, file, values, keys, refused, flow)

    def line_of(path: Path) -> int | None:
        position = values.get(path)
        return position[0] if position else None

    findings = [*check_references(data, line_of), *check_uncertainty(data, scenario)]
    findings += check_schedule(data)
    for finding in findings:
        if any(finding.path[: len(r)] == r for r in refused):
            continue
        line, column = _finding_position(finding, values, keys) or (None, None)
        found.append(Problem(file, line, column, finding.path, finding.message))
    if found or scenario is None:
        raise ScenarioError(list(set(found)))  # the error sorts them by position
    return scenario
