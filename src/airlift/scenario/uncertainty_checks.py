"""Checks of the ``uncertainty:`` block against the ranges of its scenario.

The schema (:mod:`airlift.scenario.uncertainty`) reads the block on its own; what only the
scenario can tell is checked here: that each key names a range (a whole name, which may hold
dots: it is compared with the names of :func:`~airlift.scenario.inputs.ranges_of`, never
split), that the range has two ends to weight between, that every mode, mean and discrete
value lies inside it in its unit, and that ``same_quantile_as`` names another range that
follows no other input itself (so no chain and no cycle).

Each problem is a :class:`~airlift.scenario.references.Finding`, which the loader locates
in the file like every reference problem. When the rest of the file is malformed, the checks
still run on the parts that can be read: an entry that fails its own validation is not
judged, and keys under it are not called unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from airlift.scenario.inputs import Input, ranges_of
from airlift.scenario.quoting import quoted
from airlift.scenario.references import Finding, Path, unknown_name
from airlift.scenario.schema import Aircraft, Cargo, FlightGroup, Scenario
from airlift.scenario.uncertainty import Weighting, WeightingField
from airlift.scenario.units import Dimension, Quantity

__all__ = ["check_uncertainty"]

_BLOCK: Path = ("uncertainty", "inputs")
_WEIGHTING: TypeAdapter[Weighting] = TypeAdapter(WeightingField)


def check_uncertainty(data: Mapping[str, Any], scenario: Scenario | None) -> list[Finding]:
    """Every problem of the raw document's ``uncertainty:`` block that needs the scenario's
    ranges. ``scenario`` is the validated scenario, or None when the file has other
    problems; then only the entries that validate on their own are checked."""
    raw = data.get("uncertainty")
    if not isinstance(raw, dict) or not isinstance(raw.get("inputs"), dict):
        return []
    if scenario is not None and scenario.uncertainty is not None:
        weightings = dict(scenario.uncertainty.inputs)
        return _Checker(weightings, ranges_of(scenario), _open_counts(scenario), ()).run()
    weightings = {}
    for name, entry in raw["inputs"].items():
        try:
            weightings[name] = _WEIGHTING.validate_python(entry)
        except ValidationError:
            continue  # the schema reports it
    partial, unread = _readable_part(data)
    return _Checker(weightings, ranges_of(partial), _open_counts(partial), unread).run()


def _open_counts(scenario: Scenario) -> dict[str, int]:
    """The names of the flight counts open above (``{min: 9}``), with their least count."""
    return {f"flights.{g.id}.count": g.count.min for g in scenario.flights if g.count.max is None}


def _readable_part(data: Mapping[str, Any]) -> tuple[Scenario, tuple[str, ...]]:
    """The aircraft, cargo and flight groups of a malformed file that validate on their own,
    as a scenario (not validated as a whole), and the name prefixes of those that do not."""
    unread: list[str] = []
    parts: dict[str, Any] = {}
    for section, model in (("aircraft", Aircraft), ("cargo", Cargo)):
        entries = data.get(section)
        good: dict[str, Any] = {}
        if not isinstance(entries, dict):
            unread.append(f"{section}.")
            entries = {}
        for name, entry in entries.items():
            try:
                good[name] = model.model_validate(entry)
            except ValidationError:
                unread.append(f"{section}.{name}.")
        parts[section] = good
    groups = data.get("flights")
    flights = []
    for group in groups if isinstance(groups, list) else [None]:
        try:
            flights.append(FlightGroup.model_validate(group))
        except ValidationError:
            ident = group.get("id") if isinstance(group, dict) else None
            unread.append(f"flights.{ident}." if isinstance(ident, str) else "flights.")
    return Scenario.model_construct(**parts, flights=flights), tuple(unread)


@dataclass
class _Checker:
    """Collects the problems of one block's weightings against one scenario's ranges."""

    weightings: dict[str, Weighting]
    ranges: Sequence[Input]
    open_counts: Mapping[str, int]
    unread: tuple[str, ...]

    def __post_init__(self) -> None:
        self.by_name = {r.name: r for r in self.ranges}
        self.out: list[Finding] = []

    def run(self) -> list[Finding]:
        for name, weighting in self.weightings.items():
            path = (*_BLOCK, name)
            found = self.weightable(name, path, at_key=True)
            if found is not None:
                self.parameters(found, weighting, path)
            if weighting.same_quantile_as is not None:
                self.follows(name, weighting.same_quantile_as, (*path, "same_quantile_as"))
        return self.out

    def add(self, path: Path, message: str, at_key: bool = False) -> None:
        self.out.append(Finding(path, message, at_key))

    def weightable(self, name: str, path: Path, at_key: bool) -> Input | None:
        """The range called ``name`` if a distribution can weight it; else say why not
        (unknown, exact, open above) and return None."""
        found = self.by_name.get(name)
        if found is not None and found.lo != found.hi:
            return found
        if found is not None:
            self.add(
                path,
                f"{quoted(name)} is exact ({found.lo_text}); only a range can carry a distribution",
                at_key,
            )
        elif name in self.open_counts:
            least = self.open_counts[name]
            self.add(
                path,
                f"{quoted(name)} is open above (at least {least:,} flights): no top to draw "
                "from; give the count a max to weight it",
                at_key,
            )
        elif not any(name.startswith(prefix) for prefix in self.unread):
            self.add(path, self.unknown(name), at_key)
        return None

    def unknown(self, name: str) -> str:
        valid = [r.name for r in self.ranges if r.lo != r.hi]
        if not valid:
            return (
                f"unknown input {quoted(name)}; the scenario writes no value as a range, so "
                "there is nothing to weight"
            )
        return unknown_name("input", name, valid, "inputs")

    def parameters(self, found: Input, weighting: Weighting, path: Path) -> None:
        """Each mode, mean, sd and discrete value is in the input's unit, inside its range."""
        for kind in ("triangular", "pert"):
            shape = getattr(weighting, kind)
            if shape is not None:
                self.inside(found, shape.mode, (*path, kind, "mode"), "the mode")
        if weighting.normal is not None:
            self.inside(found, weighting.normal.mean, (*path, "normal", "mean"), "the mean")
            self.unit(found, weighting.normal.sd, (*path, "normal", "sd"))
        seen: dict[object, str] = {}
        for text, value, _ in weighting.points():
            here = (*path, "discrete", text)
            if not self.inside(found, value, here, "the value", at_key=True):
                continue
            if value.value.denominator != 1 and found.dimension is Dimension.COUNT:
                self.add(
                    here,
                    f"{quoted(text)} is not a whole number; {quoted(found.name)} is counted "
                    f"in whole {found.unit}",
                    True,
                )
                continue
            if value.value in seen:
                first = seen[value.value]
                self.add(here, f"{quoted(text)} is the same value as {quoted(first)}", True)
            seen.setdefault(value.value, text)

    def inside(
        self, found: Input, q: Quantity, path: Path, what: str, at_key: bool = False
    ) -> bool:
        """Whether ``q`` is in ``found``'s unit and range; if not, say so."""
        if not self.unit(found, q, path, at_key):
            return False
        if found.lo <= q.value <= found.hi:
            return True
        self.add(
            path,
            f"{what} {quoted(q.text)} is outside the range of {quoted(found.name)} "
            f"({found.lo_text} to {found.hi_text}); uncertainty weights values inside a range, "
            "it never widens one",
            at_key,
        )
        return False

    def unit(self, found: Input, q: Quantity, path: Path, at_key: bool = False) -> bool:
        """Whether ``q`` measures what ``found`` measures; if not, say what to write."""
        want, got = found.dimension, q.dimension
        if want is got:
            return True
        name = quoted(found.name)
        if got is Dimension.COUNT:
            unit = "t" if want is Dimension.MASS else "m"
            message = (
                f"{quoted(q.text)} has no unit, but {name} is a {want}; write it with a unit, "
                f"such as '{q.text} {unit}'"
            )
        elif want is Dimension.COUNT:
            message = (
                f"{quoted(q.text)} is a {got}, but {name} is counted in {found.unit}; write a "
                "plain number, such as 10"
            )
        else:
            message = f"{quoted(q.text)} is a {got}, but {name} is a {want}"
        self.add(path, message, at_key)
        return False

    def follows(self, name: str, leader: str, path: Path) -> None:
        """``name`` may follow another range that follows no input itself."""
        if leader == name:
            self.add(
                path,
                f"{quoted(name)} cannot follow its own quantile; name another input, or give "
                "it a distribution of its own",
            )
            return
        found = self.by_name.get(leader)
        if found is not None and found.lo == found.hi:
            self.add(path, f"{quoted(leader)} is exact ({found.lo_text}): no quantile to follow")
            return
        if found is None:
            self.weightable(leader, path, at_key=False)
            return
        chain = [name, leader]
        step = self.weightings.get(leader)
        while step is not None and step.same_quantile_as is not None:
            if step.same_quantile_as in chain:
                cycle = " -> ".join(quoted(n) for n in [*chain, step.same_quantile_as])
                self.add(
                    path,
                    f"the inputs follow each other in a cycle ({cycle}), so none has a "
                    "quantile to start from; give one of them a distribution of its own",
                )
                return
            chain.append(step.same_quantile_as)
            step = self.weightings.get(step.same_quantile_as)
        if len(chain) > 2:
            self.add(
                path,
                f"{quoted(leader)} itself follows {quoted(chain[2])}; name the input at the "
                f"head of the chain instead: same_quantile_as: {chain[-1]}",
            )
