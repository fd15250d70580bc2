"""Plain results shared by the model, the analysis and the reports.

Everything here is a frozen dataclass or an enum of plain values: no solver
object ever crosses into these types, so results can be pickled, compared,
sent to other processes and rendered by pure functions. Besides them, the few
wording rules that the analysis (which writes a statement's value as text) and
the reports (which build sentences from the same numbers) must share, so that
the two never disagree: a count's noun (:func:`noun`, :func:`counted`), what one trip
of a kind of vehicle is called (:func:`trip_noun`: a flight, a sailing) and the unit an
amount is shown in (:func:`shown_unit`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field  # for classes with a field named "field"
from enum import StrEnum
from fractions import Fraction

__all__ = [
    "ANY_TRIP",
    "FLIGHTS",
    "MASS_UNIT_KG",
    "SHOWN_UNITS",
    "TRIP_NOUNS",
    "UNITS",
    "Allocation",
    "AllocationRow",
    "Amount",
    "Analysis",
    "Bound",
    "BoundKind",
    "ClaimNeed",
    "ClaimResult",
    "Conflict",
    "Correction",
    "Cutoff",
    "Explanation",
    "Extent",
    "Extreme",
    "Feasibility",
    "FlightCapacity",
    "FlightCount",
    "LaneLimit",
    "Measure",
    "RangeInput",
    "Relaxation",
    "Robust",
    "Role",
    "ScheduleBound",
    "ScheduleClaimResult",
    "ScheduleConflict",
    "ScheduleExtreme",
    "ScheduleLeg",
    "ScheduleRelaxation",
    "ScheduleResult",
    "SolveStatus",
    "StatedBound",
    "StatementKey",
    "StatementRef",
    "TippingPoint",
    "TogetherVerdict",
    "TotalSpec",
    "ValueUsed",
    "Verdict",
    "counted",
    "noun",
    "shown_unit",
    "stopped_by",
    "trip_noun",
]


def noun(n: int | Fraction, singular: str, plural: str | None = None) -> str:
    """The noun for ``n`` of something: ``singular`` for exactly one, the plural otherwise.

    Every count a report or a statement's text puts before a noun picks the noun here, so
    that "1 flight" and "0 flights" are right everywhere. ``plural`` defaults to
    ``singular`` with an ``s``; zero and fractions take the plural ("0 flights", "1.5 t").
    """
    if n == 1:
        return singular
    return plural if plural is not None else f"{singular}s"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """A whole count with its noun, thousands separated: ``1 flight``, ``1,398 flights``."""
    return f"{n:,} {noun(n, singular, plural)}"


#: What one trip of each kind of vehicle is called, by the ``vehicle`` a scenario gives it:
#: a group of ships counts sailings, where a group of aircraft counts flights.
TRIP_NOUNS: dict[str, str] = {
    "aircraft": "flight",
    "ship": "sailing",
    "truck": "trip",
    "train": "train",
}
#: One trip of vehicles of different kinds (a total over aircraft and ships counts trips).
ANY_TRIP = "trip"


def trip_noun(vehicles: Iterable[str]) -> str:
    """The singular noun for one trip of these kinds of vehicle (see :data:`TRIP_NOUNS`).

    ``flight`` for aircraft, ``sailing`` for ships; :data:`ANY_TRIP` (``trip``) when they
    are of different kinds; ``flight`` for none, as the file format speaks of flights.
    """
    nouns = {TRIP_NOUNS[v] for v in vehicles}
    if not nouns:
        return TRIP_NOUNS["aircraft"]
    return nouns.pop() if len(nouns) == 1 else ANY_TRIP


#: The units an amount in a base unit may be shown in, by base unit: unit -> base units in one.
SHOWN_UNITS: dict[str, dict[str, int]] = {"kg": {"t": 1000, "kg": 1}, "cm": {"m": 100, "cm": 1}}


def shown_unit(value: Fraction, base_unit: str) -> str:
    """The unit an exact amount in ``base_unit`` is shown in: the largest one it reaches.

    ``t`` from 1,000 kg and ``kg`` below; ``m`` from 100 cm and ``cm`` below; a count
    (``""``) or an unknown base unit is shown as it is. This is the rule
    :func:`airlift.analysis.relax.format_amount` follows for a relaxation's needed value.
    """
    units = SHOWN_UNITS.get(base_unit)
    if units is None:
        return base_unit
    return next((unit for unit, size in units.items() if value >= size), base_unit)


class SolveStatus(StrEnum):
    """What one solver call established, mapped one-to-one from CP-SAT."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"
    MODEL_INVALID = "model_invalid"


class Cutoff(StrEnum):
    """Why a solver answer was left unproven (UNKNOWN, or FEASIBLE without optimality)."""

    #: The deterministic time limit: the same answer on any machine.
    TIME_LIMIT = "time limit"
    #: A wall-clock cap or the run's budget: a faster machine may answer more.
    WALL_CLOCK = "wall-clock cap"
    #: The model would not fit the solver's 64-bit integers or pattern budget.
    TOO_LARGE = "too large"
    #: A mass total of cargo whose unit mass is a range: not monotone in that mass, so
    #: only an allocation at its least mass was tried (see ``Engine``).
    RANGED_MASS = "ranged mass"
    #: A schedule placed only some flights of a group open above (no fleet cap bounds
    #: them), and the question might need more: "impossible" there is unproven.
    OPEN_FLIGHTS = "open flights"


def stopped_by(cutoff: Cutoff | None) -> str:
    """What cut a result short, as a clause: ``the time limit ran out``.

    One wording for claim reasons and explanations alike; None means the time limit.
    """
    if cutoff is Cutoff.WALL_CLOCK:
        return "the wall clock ran out"
    if cutoff is Cutoff.TOO_LARGE:
        return "a model was too large to build"
    if cutoff is Cutoff.RANGED_MASS:
        return "a unit mass given as a range stopped the search"
    if cutoff is Cutoff.OPEN_FLIGHTS:
        return "more flights of a group open above were not tried"
    return "the time limit ran out"


class Feasibility(StrEnum):
    """Whether a set of statements can hold together."""

    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


class Verdict(StrEnum):
    """A claim judged against the observations and assumptions (the base)."""

    IMPLIED = "implied"  #: holds in every allocation consistent with the base
    CONSISTENT = "consistent"  #: holds in some allocation, fails in another
    INCONSISTENT = "inconsistent"  #: holds in no allocation consistent with the base
    UNKNOWN = "unknown"  #: the time limit ran out before either was proven


#: Kilograms in one of each mass unit a scenario may write (exact by definition).
MASS_UNIT_KG: dict[str, Fraction] = {
    "kg": Fraction(1),
    "t": Fraction(1000),
    "lb": Fraction("0.45359237"),
    "short_ton": Fraction("907.18474"),
    "long_ton": Fraction("1016.0469088"),
}


def _decimal(value: Fraction, places: int = 6) -> str | None:
    """``value`` as a thousands-separated decimal when it has at most ``places`` digits
    after the point; None when it has more (or never ends)."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    for digits in range(places + 1):
        scaled = value * 10**digits
        if scaled.denominator == 1:
            whole, frac = divmod(int(scaled), 10**digits)
            tail = f".{frac:0{digits}d}" if digits else ""
            return f"{sign}{whole:,}{tail}"
    return None


@dataclass(frozen=True, order=True)
class Amount:
    """An exact number with what it counts: ``Amount(Fraction(90208), "t")``, 264 units.

    ``unit`` is ``"flights"`` (``"sailings"``, ``"trips"``, ``"trains"`` for other
    vehicles, see :func:`trip_noun`), ``"units"`` or a mass unit (kg, t, lb, short_ton,
    long_ton). This is what the Python API hands out for a total, so that no bare
    number in kg or grains reaches a notebook.
    """

    value: Fraction
    unit: str

    @property
    def is_mass(self) -> bool:
        return self.unit in MASS_UNIT_KG

    @property
    def kg(self) -> Fraction:
        """The amount in kg (a mass only)."""
        return self.value * MASS_UNIT_KG[self.unit]

    def __str__(self) -> str:
        if self.is_mass:
            exact = _decimal(self.value)
            if exact is not None:
                return f"{exact} {self.unit}"
            return f"about {_decimal(round(self.value, 3), 3)} {self.unit}"
        n = self.value
        shown = _decimal(n) or str(n)
        return f"{shown} {noun(n, self.unit.removesuffix('s'))}"


@dataclass(frozen=True)
class Measure:
    """What the model's whole numbers of a total count, and the unit a reader sees.

    ``flights`` and ``units`` count one by one. A ``mass`` counts *grains*:
    ``grains`` of them make one kg, the least number that makes every mass of the
    scenario whole, so that no mass, bulk load or bound is ever rounded. ``unit``
    is the mass unit the file wrote (or ``t``), in which the mass is shown. A count
    of flights names one in ``trip``: a ``sailing`` when the flights are a ship's.
    """

    what: str  #: "flights", "units" or "mass"
    unit: str = ""  #: mass: "kg", "t", "lb", "short_ton" or "long_ton"
    grains: int = 1  #: mass: model integers per kg
    #: flights: what one is called for a reader (see :func:`trip_noun`).
    trip: str = "flight"

    @property
    def is_mass(self) -> bool:
        return self.what == "mass"

    @property
    def item(self) -> str:
        """What one of a count is called: ``unit``, ``flight``, ``sailing`` (a mass: its unit)."""
        if self.what == "flights":
            return self.trip
        return self.unit if self.is_mass else self.what.removesuffix("s")

    def value(self, n: int | Fraction) -> Fraction:
        """The exact amount ``n`` model integers make, in this measure's unit."""
        if not self.is_mass:
            return Fraction(n)
        return Fraction(n) / self.grains / MASS_UNIT_KG[self.unit]

    def amount(self, n: int | Fraction) -> Amount:
        """``n`` model integers as an :class:`Amount` in this measure's unit."""
        return Amount(self.value(n), self.unit if self.is_mass else noun(0, self.item))

    def text(self, n: int | Fraction) -> str:
        """``n`` for a reader, with what it counts: ``90,208 t``, ``264 units``, ``1 flight``."""
        return str(self.amount(n))

    def extent(self, lo: int, hi: int, joiner: str) -> str:
        """Two ends of a total with what they count: ``18 to 264 units``, ``0 t to 112,760 t``.

        ``joiner`` goes between the ends (``" to "``, ``" and "``, a dash). A count names its
        noun once, after the second end, plural as a range of counts is; a mass says its unit
        at each end, since either may be a fraction of it.
        """
        if self.is_mass:
            return f"{self.text(lo)}{joiner}{self.text(hi)}"
        one = lo == hi == 1
        return f"{lo:,}{joiner}{hi:,} {noun(1 if one else 0, self.item)}"


#: Counts of flights and of cargo units, which need no scale.
FLIGHTS = Measure("flights")
UNITS = Measure("units")


@dataclass(frozen=True)
class AllocationRow:
    """``count`` flights of group ``flights`` landing at ``to``, each carrying ``load``.

    ``load`` maps cargo type to units per flight, in the scenario's cargo order,
    without zero entries; an empty load is an empty flight.
    """

    flights: str
    to: str
    count: int
    load: tuple[tuple[str, int], ...]
    #: Bulk cargo on each of these flights, exact kg per type (scenario cargo order).
    bulk: tuple[tuple[str, Fraction], ...] = ()
    #: What is full on each of these flights: ``"payload"``, a loading limit's name, or the
    #: id of a per-flight ``at_most`` assumption, when no cargo type the group carries could
    #: add one more unit without exceeding it (see :mod:`airlift.analysis.binding`).
    binds: tuple[str, ...] = ()

    def load_dict(self) -> dict[str, int]:
        return dict(self.load)

    def amounts(self) -> dict[str, Amount]:
        """What one flight of the row carries, by cargo type, with units: ``units`` for unit
        cargo, exact ``kg`` for bulk."""
        out = {name: Amount(Fraction(n), "units") for name, n in self.load}
        out.update({name: Amount(kg, "kg") for name, kg in self.bulk})
        return out


@dataclass(frozen=True)
class Allocation:
    """A complete assignment of every flight to a destination and a load."""

    rows: tuple[AllocationRow, ...]
    #: Flight groups flown at an end of their observed count, in scenario order:
    #: ``(group id, "max")`` when no more of its flights could have flown (max > 0),
    #: ``(group id, "min")`` when no fewer could (0 < min < max, or min > 0 and open).
    count_binds: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TotalSpec:
    """A quantity to total over flights: a cargo type, a kind, or ``flights``.

    Filters are tuples of names; ``None`` means "no filter". ``label`` is the
    short human name used in reports, e.g. ``missile to Chkalovsky``, or
    ``flights on B747F given aug24`` for a conditional bound.
    """

    total: str
    to: tuple[str, ...] | None = None
    from_: tuple[str, ...] | None = None
    aircraft: tuple[str, ...] | None = None
    flights: tuple[str, ...] | None = None
    #: Set when the total is a mass (bulk cargo, or a bound written as a mass): how
    #: the model's integers read. None: the total counts flights or units.
    mass: Measure | None = None
    #: Ids of claims or assumptions a bound of this total is taken under, besides the
    #: base (a conditional bound); None: the base alone. Only estimate rows set it.
    given: tuple[str, ...] | None = None
    #: What one of the flights the total selects is called (``sailing`` for ships, ``trip``
    #: for vehicles of several kinds; see :func:`trip_noun`): words only, never compared.
    trip: str = field(default="flight", compare=False)

    @property
    def measure(self) -> Measure:
        """What this total's numbers count."""
        if self.mass is not None:
            return self.mass
        if self.total != "flights":
            return UNITS
        return FLIGHTS if self.trip == FLIGHTS.trip else Measure("flights", trip=self.trip)

    @property
    def label(self) -> str:
        parts = [noun(0, self.trip) if self.total == "flights" else self.total]
        for word, names in (
            ("to", self.to),
            ("from", self.from_),
            ("on", self.aircraft),
            ("in", self.flights),
        ):
            if names is not None:
                parts.append(f"{word} {' or '.join(names)}")
        if self.given is not None:
            parts.append(f"given {', '.join(self.given)}")
        return " ".join(parts)


@dataclass(frozen=True)
class Extreme:
    """The minimum or maximum of a total, as a certified interval.

    The true extreme lies in ``[lo, hi]``. It is proven when ``lo == hi``.
    For a maximum, ``hi is None`` means unbounded when ``unbounded`` is set
    and "no finite bound is known" otherwise. ``witness`` is an allocation
    consistent with the base whose total is ``witness_value``.
    """

    sense: str  # "min" or "max"
    lo: int | None
    hi: int | None
    status: SolveStatus
    unbounded: bool = False
    witness: Allocation | None = None
    witness_value: int | None = None
    #: Why an unproven extreme is unproven (None when proven or infeasible).
    cutoff: Cutoff | None = None

    @property
    def proven(self) -> bool:
        return self.unbounded or (self.lo is not None and self.lo == self.hi)


@dataclass(frozen=True)
class Bound:
    """The range of one total over all allocations consistent with the base."""

    spec: TotalSpec
    min: Extreme
    max: Extreme

    @property
    def proven(self) -> bool:
        return self.min.proven and self.max.proven

    @property
    def outer(self) -> tuple[int | None, int | None]:
        """A certified outer range ``[lowest possible, highest possible]``, in model integers."""
        return self.min.lo, self.max.hi

    @property
    def amounts(self) -> tuple[Amount | None, Amount | None]:
        """:attr:`outer` as amounts with their unit (``90,208 t``, ``264 units``); None
        where nothing is known (or, above, when unbounded)."""
        m = self.spec.measure
        lo, hi = self.outer
        return (None if lo is None else m.amount(lo), None if hi is None else m.amount(hi))


class Role(StrEnum):
    """What kind of statement of a scenario a :class:`StatementKey` names."""

    CLAIM = "claim"
    ASSUMPTION = "assumption"
    FLIGHTS = "flights"  #: a flight group's count
    PAYLOAD = "payload"  #: an aircraft type's payload
    LIMIT = "limit"  #: one of an aircraft type's loading limits
    MASS = "mass"  #: a cargo type's mass per item
    USES = "uses"  #: how much of one loading limit an item of a cargo type uses

    @property
    def physical(self) -> bool:
        """Whether statements of this role are values of an aircraft or cargo entry."""
        return self in _PHYSICAL

    @property
    def section(self) -> str:
        """The scenario section a physical statement's entry is in: aircraft or cargo."""
        if self in (Role.PAYLOAD, Role.LIMIT):
            return "aircraft"
        if self in (Role.MASS, Role.USES):
            return "cargo"
        raise ValueError(f"a {self.value} is not a physical value")


_PHYSICAL = frozenset({Role.PAYLOAD, Role.LIMIT, Role.MASS, Role.USES})
#: Roles whose statements name a loading limit besides their entry.
_NAMES_A_LIMIT = frozenset({Role.LIMIT, Role.USES})


@dataclass(frozen=True, order=True)
class StatementKey:
    """One statement of a scenario: its role, the entry that holds it, and the field within.

    ``entry`` is the id of a claim, an assumption or a flight group, or the name of an
    aircraft type (payload, limit) or a cargo type (mass, uses); ``field`` is the loading
    limit's name for a limit or a use, and None otherwise. Names are kept as written and
    compared whole, so they may hold dots, spaces, quotes and any script: code asks the
    fields, never the text (:attr:`text` is for display only). Keys sort by role name,
    then entry, then field.
    """

    role: Role
    entry: str
    field: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.role, Role):
            raise TypeError(f"a statement key's role must be a Role, not {self.role!r}")
        if (self.role in _NAMES_A_LIMIT) != (self.field is not None):
            raise ValueError(f"a {self.role.value} key names a limit exactly when it is one")

    @property
    def physical(self) -> bool:
        """Whether this is a value of an aircraft or cargo entry (not a claim, etc.)."""
        return self.role.physical

    @property
    def path(self) -> tuple[str, ...]:
        """Where a physical value is written: ``("aircraft", "Il-76MD", "limits", "slots")``."""
        section = self.role.section
        if self.field is not None:
            return (
                section,
                self.entry,
                "limits" if self.role is Role.LIMIT else "uses",
                self.field,
            )
        return (section, self.entry, self.role.value)

    @property
    def text(self) -> str:
        """The key as reports and the JSON ``id`` show it, never to be split again.

        A claim's, an assumption's or a flight group's id as written; a physical value's
        field path, e.g. ``aircraft.Il-76MD.payload`` or ``cargo.48N6-canister.uses.slots``.
        """
        return ".".join(self.path) if self.physical else self.entry


class BoundKind(StrEnum):
    """Which of its four bounds a claim or an assumption states, named as in the scenario."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    EQUALS = "equals"
    BETWEEN = "between"


@dataclass(frozen=True)
class StatedBound:
    """The bound a claim or an assumption states, as numbers, never read back out of its words.

    ``numbers`` holds the one number of ``at_least``, ``at_most`` and ``equals``, or the
    two ends of ``between``. ``total`` is what it counts, as written (a cargo type, a kind,
    or ``flights``), and ``flights`` says whether that is the number of flights rather
    than units of cargo; ``per_flight`` says the bound holds on each flight it selects
    rather than summed over them. Totals are user names: they may read like a bound
    themselves (a cargo called ``crate at most 2``), which is why code asks these fields.
    """

    kind: BoundKind
    numbers: tuple[int | Fraction, ...]
    total: str
    flights: bool = False
    per_flight: bool = False
    #: The mass unit a bound written as a mass was written in (``numbers`` are then
    #: exact amounts in that unit); None for a count of units or flights.
    unit: str | None = None
    #: What one of the flights the statement selects is called: ``flight``, ``sailing``
    #: for ships (see :func:`trip_noun`).
    trip: str = "flight"

    def __post_init__(self) -> None:
        if len(self.numbers) != (2 if self.kind is BoundKind.BETWEEN else 1):
            raise ValueError(f"{self.kind.value} takes {self.numbers!r}: one number, two between")

    def _shown(self, n: int | Fraction) -> str:
        return str(Amount(Fraction(n), self.unit)) if self.unit is not None else f"{n:,}"

    @property
    def words(self) -> str:
        """The bound in words, without what it counts: ``at least 84``, ``between 90 and 99``,
        ``at least 90,000 t`` (a mass says its unit)."""
        if self.kind is BoundKind.BETWEEN:
            return f"between {self._shown(self.numbers[0])} and {self._shown(self.numbers[1])}"
        said = {
            BoundKind.AT_LEAST: "at least",
            BoundKind.AT_MOST: "at most",
            BoundKind.EQUALS: "exactly",
        }
        return f"{said[self.kind]} {self._shown(self.numbers[0])}"

    def noun_after(self, singular: str, plural: str | None = None) -> str:
        """The noun after the bound: ``at most 1 flight``, ``between 0 and 1 flights``.

        Singular when the bound speaks of exactly one (``at least 1``, ``exactly 1``);
        a between of two different ends speaks of a range, so its noun is plural.
        """
        one = all(n == 1 for n in self.numbers)
        return noun(1 if one else 0, singular, plural)


@dataclass(frozen=True)
class FlightCount:
    """A flight group's count as numbers: ``min`` to ``max`` flights, ``max`` None when open.

    ``trip`` is what one is called: ``flight``, or ``sailing`` for a group of ships.
    """

    min: int
    max: int | None
    trip: str = "flight"

    @property
    def words(self) -> str:
        """The count without its noun: ``20``, ``18-22``, ``at least 9``."""
        if self.max is None:
            return f"at least {self.min:,}"
        if self.min == self.max:
            return f"{self.min:,}"
        return f"{self.min:,}-{self.max:,}"

    def noun_after(self, singular: str, plural: str | None = None) -> str:
        """The noun after :attr:`words`: ``1 flight``, ``at least 1 flight``, ``1-2 flights``."""
        one = self.min == 1 and self.max in (1, None)
        return noun(1 if one else 0, singular, plural)


#: Stands for "derive the key from ``role`` and ``id``" in :class:`StatementRef`.
_FROM_ID = StatementKey(Role.CLAIM, "\x00derived from role and id")


@dataclass(frozen=True)
class StatementRef:
    """Where a statement (assumption, claim or flight group) was written.

    ``key`` is its identity: code that needs the entry or the limit a statement is
    about asks ``key``, never ``id``. For a claim, an assumption or a flight group it
    follows from ``role`` and ``id`` and may be left out; a physical value must give it
    (build one with :meth:`of`). ``id`` and ``role`` are always ``key.text`` and
    ``key.role``: the text reports and the JSON show.
    """

    id: str
    #: "claim", "assumption" or "flights" (a flight group's count); in conflicts also
    #: the physical values "payload", "limit", "mass" and "uses".
    role: str
    says: str | None
    line: int | None
    source: str | None  # the source id
    source_label: str | None  # e.g. "Daily Mirror, 2022-11-17"
    #: The value as written, e.g. "between 90 and 99", "18-22 flights", "48 t": for display
    #: and the JSON only; sentences take the numbers from ``bound`` and ``count``.
    written: str | None = None
    key: StatementKey = field(default=_FROM_ID, kw_only=True)
    #: What a claim or an assumption states, as numbers; None for other roles or when unknown.
    bound: StatedBound | None = field(default=None, kw_only=True)
    #: A flight group's count, as numbers; None for other roles or when unknown.
    count: FlightCount | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        if self.key is _FROM_ID:
            role = Role(self.role)
            if role.physical:
                raise ValueError(f"a {role.value} reference needs its key: see StatementRef.of")
            object.__setattr__(self, "key", StatementKey(role, self.id))
        elif (self.id, self.role) != (self.key.text, self.key.role.value):
            raise ValueError(f"reference {self.id!r} ({self.role}) does not match {self.key}")
        if self.bound is not None and self.key.role not in (Role.CLAIM, Role.ASSUMPTION):
            raise ValueError(f"a {self.role} states no bound: {self.key}")
        if self.count is not None and self.key.role is not Role.FLIGHTS:
            raise ValueError(f"a {self.role} has no flight count: {self.key}")

    @classmethod
    def of(
        cls,
        key: StatementKey,
        says: str | None,
        line: int | None,
        source: str | None,
        source_label: str | None,
        written: str | None = None,
        *,
        bound: StatedBound | None = None,
        count: FlightCount | None = None,
    ) -> StatementRef:
        """A reference to the statement ``key`` names, its id and role taken from the key."""
        return cls(
            key.text,
            key.role.value,
            says,
            line,
            source,
            source_label,
            written,
            key=key,
            bound=bound,
            count=count,
        )


@dataclass(frozen=True)
class RangeInput:
    """One number of a scenario written as a range: the inputs robust verdicts range over."""

    field: str  #: ``cargo.48N6-canister.mass``
    lo: Fraction  #: exact, in ``unit``
    hi: Fraction
    unit: str  #: kg, cm, units or flights
    lo_text: str  #: as the scenario writes it
    hi_text: str
    #: Which end lets more be carried: ``high`` (payload, limits), ``low`` (mass, uses) or
    #: ``none`` (a flight count).
    favours: str


@dataclass(frozen=True)
class TippingPoint:
    """The exact value of one input at which a claim turns possible or impossible.

    With every other input held at ``others_at`` (``least_favourable`` or
    ``most_favourable`` to loads), the claim is possible exactly when ``field`` is
    ``at_most`` / ``at_least`` ``value`` (in ``unit``: kg, cm, units or flights), on the
    model's grid (1 kg, 1 cm, one unit): possible at ``value``, not one step beyond.
    """

    field: str
    value: Fraction
    unit: str
    others_at: str  #: "least_favourable" or "most_favourable"
    direction: str  #: "at_most" or "at_least"
    #: ``value`` as a reader sees it (``4,000 kg``; a range end as the file writes it).
    text: str
    #: The other inputs' values it was found with, as ``(field, text)``, in file order.
    others: tuple[tuple[str, str], ...] = ()


class Extent(StrEnum):
    """For how many of the values inside the stated ranges something holds."""

    EVERY = "every"  #: for every value in the ranges
    SOME = "some"  #: for some values, not all
    NONE = "none"  #: for no value
    UNKNOWN = "unknown"  #: not decided (why: :attr:`Robust.why`)


@dataclass(frozen=True)
class Robust:
    """A claim's verdict over every value inside the scenario's ranges.

    ``possible``: for which values some allocation satisfies the claim; ``implied``: for
    which values every allocation does. Decided at the two corners of the ranges (see
    :mod:`airlift.analysis.robust`), exactly: a packing only gets easier as a payload or
    a limit grows and a mass or a use shrinks.
    """

    possible: Extent
    implied: Extent
    #: Why something is unknown, in words; None when both are decided.
    why: str | None = None
    tipping: tuple[TippingPoint, ...] = ()
    #: Flight counts (``(group id, flights)`` per vector, as tried) at which the claim is
    #: impossible at the restrictive end of every other range: set when counts matter.
    failing_counts: tuple[tuple[tuple[str, int], ...], ...] = ()
    #: False when flight counts were too many to try one by one: "every value" then means
    #: every value of the other ranges, with some flight count in each count's range.
    counts_each: bool = True
    #: Why counts were taken as ranges, in words (None when ``counts_each``).
    counts_note: str | None = None

    @property
    def steady(self) -> bool:
        """Whether no value inside the stated ranges changes the verdict."""
        decided = (Extent.EVERY, Extent.NONE)
        return self.possible in decided and self.implied in decided


@dataclass(frozen=True)
class ClaimResult:
    """One claim's verdict with the allocations that prove it."""

    ref: StatementRef
    verdict: Verdict
    #: False when the verdict is right but not the strongest one that may hold
    #: (e.g. consistent, but the time limit stopped the check for implied).
    settled: bool
    reason: str
    holds: Allocation | None = None  #: an allocation where the claim holds
    fails: Allocation | None = None  #: an allocation where the claim fails
    #: For a claim on a sum: how low and how high that sum can go over the base.
    range: Bound | None = None
    #: The verdict over every value inside the ranges; None when not asked.
    robust: Robust | None = None


@dataclass(frozen=True)
class ValueUsed:
    """A scenario value and the exact value the model used for it, with why.

    ``key`` names the value (a payload, limit, mass or use); ``field`` is its text,
    ``key.text``, for display and JSON. The model scales every value to whole numbers
    exactly, so ``used`` is exact (12.5 kg is 12.5 kg, never 12).
    """

    field: str  # e.g. "aircraft.Il-76MD.payload"
    written: str  # e.g. "{min: 40 t, max: 48 t}"
    used: Fraction  #: the value taken, exact, in ``unit``
    unit: str  # "kg", "cm" or "" for counts
    #: "max" when the largest value is the permissive one (payload, limits),
    #: "min" when the smallest is (item mass, uses).
    side: str
    line: int | None = None  #: where the value is written in the scenario file
    source: str | None = None  #: the label of the source the entry cites
    #: The catalogue entry the value came from (``line`` is then that of the scenario's
    #: ``catalog:`` reference); None when the scenario wrote the value itself.
    catalog: str | None = None
    key: StatementKey = dataclass_field(kw_only=True)
    #: The value taken as the scenario (or the catalogue) wrote it: the permissive end's
    #: text, e.g. ``48 t``, ``12.5 kg``, ``12``; empty when not known.
    used_text: str = dataclass_field(default="", kw_only=True)

    def __post_init__(self) -> None:
        if not self.key.physical or self.field != self.key.text:
            raise ValueError(f"value used {self.field!r} does not match {self.key}")


@dataclass(frozen=True)
class LaneLimit:
    """The payload limit of one lane set by its aircraft's payload-range points.

    ``payload`` is in kg, rounded up to a whole kilogram for display when the exact
    limit is not whole (the permissive side); ``structural`` is the aircraft's maximum.
    """

    flights: str  #: the flight group's id
    aircraft: str
    from_: str
    to: str
    distance_km: int  #: great-circle, rounded down to whole km
    payload: int
    structural: int
    #: The distance is beyond the aircraft's last payload-range point, whose payload is used.
    beyond: bool = False


@dataclass(frozen=True)
class Relaxation:
    """How far one number of a conflict must move, the rest of the conflict fixed, to end it.

    ``needed`` is the nearest value in ``direction`` at which the conflict's
    statements hold together; the next value toward ``current`` does not.
    Values are exact, in ``unit`` ("kg", "cm" or "" for counts).
    """

    statement: StatementRef
    field: str  #: which number moves: "at_least", "at_most", "count.max", "payload", …
    direction: str  #: "up" or "down"
    unit: str
    current: Fraction
    needed: Fraction | None  #: None: no value in that direction restores consistency
    current_text: str  #: e.g. "48 t", "22"
    needed_text: str | None  #: e.g. "61.2 t", "26"
    #: Both halves proven: ``needed`` feasible (with ``witness``) and the next value
    #: toward ``current`` infeasible. False when a time limit cut a search short.
    proven: bool
    witness: Allocation | None = None
    #: What cut an unproven search short (None when proven).
    cutoff: Cutoff | None = None
    #: The unit ``current_text`` is written in, as the scenario wrote it (``lb``, ``t``; ``""``
    #: for a count); None when the analysis did not say.
    current_unit: str | None = dataclass_field(default=None, kw_only=True)

    @property
    def needed_unit(self) -> str | None:
        """The unit ``needed_text`` shows the exact ``needed`` in (``t``, ``kg``, ``m``, ``cm``).

        ``""`` for a count; None when there is no needed value. Derived from the exact
        value by :func:`shown_unit`, the rule the analysis formats it by, never read back
        out of the text.
        """
        return None if self.needed is None else shown_unit(self.needed, self.unit)


@dataclass(frozen=True)
class AlikeMembers:
    """Members of a conflict that are interchangeable: flight groups (or claims, or
    assumptions) that differ only in their id and that no statement tells apart.

    Swapping two of them maps the scenario onto itself, so the first one's relaxations
    are each one's, and its witnesses, with the two ids exchanged, are each one's too.
    """

    #: The members, in the conflict's order (two or more, unless ``among`` is larger).
    keys: tuple[StatementKey, ...]
    #: How many flight groups of the scenario are alike these: any ``len(keys)`` of them
    #: would make the same conflict. Equal to ``len(keys)`` for claims and assumptions.
    among: int


@dataclass(frozen=True)
class Conflict:
    """A minimal set of statements that cannot all hold: dropping any one of them lets the rest.

    ``context`` names what was being checked: ``"base"`` (the observations and
    assumptions), ``"claim:<id>"`` (one claim against the base) or ``"claims"``
    (all claims together).
    """

    context: str
    members: tuple[StatementRef, ...]
    #: Infeasibility and minimality both proven; False when a time limit ran out,
    #: in which case the set is a conflict that may not be minimal, or not proven.
    proven: bool
    #: One relaxation per number of each member, except that members alike one before
    #: them (see ``alike``) have none of their own: the first one's serves them all.
    relaxations: tuple[Relaxation, ...] = ()
    #: The members alike one another (see :class:`AlikeMembers`): whatever holds of the
    #: first of a class holds of each of the others with the two swapped.
    alike: tuple[AlikeMembers, ...] = ()
    #: What left an unproven conflict unproven (None when proven).
    cutoff: Cutoff | None = None


@dataclass(frozen=True)
class Correction:
    """The fewest claims to drop so that the rest hold together with the base."""

    drop: tuple[StatementRef, ...]
    proven: bool  #: the minimum number was proven (not cut by a time limit)
    example: Allocation | None = None  #: satisfies the base and every claim kept
    #: What left an unproven correction unproven (None when proven).
    cutoff: Cutoff | None = None


@dataclass(frozen=True)
class FlightCapacity:
    """The most units of one cargo type one flight of an aircraft type can carry, and why.

    ``allowed_by`` gives, per resource (``"payload"`` or a limit's name), how many
    units that resource alone would allow; ``binds`` names those that stop the
    next unit. ``most`` is None when nothing bounds it.
    """

    aircraft: str
    cargo: str
    most: int | Fraction | None
    binds: tuple[str, ...]
    allowed_by: tuple[tuple[str, int | Fraction | None], ...]
    #: What the numbers count: units, or for bulk cargo exact kg (``Measure("mass", "t")``
    #: with one grain a kg, shown in t).
    measure: Measure = UNITS
    #: What one flight of the aircraft is called: ``sailing`` for a ship (see :func:`trip_noun`).
    trip: str = "flight"


@dataclass(frozen=True)
class ClaimNeed:
    """What a claim's lower bound on a cargo total asks of the flights it counts."""

    claim: StatementRef
    total: str  #: the total's label, e.g. "missile to Millerovo"
    amount: int  #: the claim's lower bound
    #: The fewest flights (of those the claim selects) that could carry ``amount``,
    #: given what one flight can carry, ignoring the observed counts; None: none can.
    fewest_flights: int | None
    fewest_proven: bool
    #: How many flights the claim selects the base allows (observations and assumptions),
    #: ``[min, max]``; the observations alone when the base is inconsistent.
    flights_seen: tuple[int, int | None]
    #: ``amount`` spread over the most flights seen, and the most one of those
    #: flights can carry on average; None where a count is open.
    mean_needed: Fraction | None
    mean_capacity: Fraction | None
    #: What left ``fewest_flights`` unproven (None when proven).
    fewest_cutoff: Cutoff | None = None
    #: What ``amount``, ``mean_needed`` and ``mean_capacity`` count (model integers).
    measure: Measure = UNITS

    @property
    def share(self) -> Fraction | None:
        """The mean load needed as a share of the mean capacity (1 = every flight full)."""
        if self.mean_needed is None or not self.mean_capacity:
            return None
        return self.mean_needed / self.mean_capacity


@dataclass(frozen=True)
class Explanation:
    """Why claims fail and what it would take: conflicts, relaxations and thresholds."""

    conflicts: tuple[Conflict, ...] = ()
    correction: Correction | None = None
    capacities: tuple[FlightCapacity, ...] = ()
    needs: tuple[ClaimNeed, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Everything `airlift solve` answers about one scenario."""

    title: str
    file: str | None
    base_status: Feasibility
    status: Feasibility  #: the base and all claims together
    claims: tuple[ClaimResult, ...]
    bounds: tuple[Bound, ...]
    example: Allocation | None  #: satisfies the base and every claim
    values_used: tuple[ValueUsed, ...]
    assumptions: tuple[StatementRef, ...]
    flight_groups: tuple[StatementRef, ...]
    settings: dict[str, object] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    explanation: Explanation | None = None
    #: Lanes whose payload limit payload-range sets, in flight-group order.
    lane_limits: tuple[LaneLimit, ...] = ()
    #: The scenario's ranges, in file order: what "for every value" ranges over.
    ranges: tuple[RangeInput, ...] = ()
    #: For which values in the ranges the observations and assumptions hold together;
    #: None when not asked.
    base_holds: Extent | None = None
    #: What the scenario's schedule (``schedule:``) allows; None without one.
    schedule: ScheduleResult | None = None


# --- schedules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleLeg:
    """One leg of a timetable: a flight of a group, or a positioning leg (no group)."""

    airframe: str  #: a registration, or ``airframe 1``, ``airframe 2`` in order of first takeoff
    flight_group: str | None  #: None for a positioning leg (empty, to where the next flight leaves)
    origin: str
    destination: str
    takeoff: str  #: UTC, ISO-8601 with Z
    landing: str
    row: str | None = None  #: ``file:line`` of the leg row the flight was read from


@dataclass(frozen=True)
class ScheduleExtreme:
    """A schedule quantity's least or most value, as a certified interval ``[lo, hi]`` in the
    bound's unit (a UTC time as ISO text); proven when ``lo == hi``. ``hi`` None: no finite
    bound is known (``unbounded`` when proven so)."""

    lo: int | str | None
    hi: int | str | None
    status: SolveStatus
    cutoff: Cutoff | None = None
    unbounded: bool = False

    @property
    def proven(self) -> bool:
        return self.unbounded or (self.lo is not None and self.lo == self.hi)


@dataclass(frozen=True)
class ScheduleBound:
    """One thing the schedule decides: fewest airframes, most flights, earliest completion,
    spots needed at an airfield, most sorties one airframe can fly.

    ``fastest`` is at the fast end of every range (fastest block speed, shortest ground
    time): the best case, which decides what is possible at all; ``slowest`` at the other
    end. ``unit`` names what the numbers count: ``airframes``, ``flights``, ``spots`` or
    ``UTC``."""

    key: str  #: airframes, flights, completion, spots, sorties_per_airframe
    label: str
    sense: str  #: "min" or "max"
    unit: str
    fastest: ScheduleExtreme
    slowest: ScheduleExtreme | None = None
    airfield: str | None = None  #: for ``spots``
    #: A timetable attaining ``fastest`` (the fast end of the ranges).
    witness: tuple[ScheduleLeg, ...] = ()


@dataclass(frozen=True)
class ScheduleRelaxation:
    """The nearest value of one schedule input at which something failing would hold,
    the other inputs at their fast end: ``needed`` as text with its unit."""

    field: str  #: e.g. ``schedule.aircraft.Il-76MD.ground_time_at.Machulishchy``
    written: str
    needed: str
    line: int | None
    text: str  #: the sentence a report shows


@dataclass(frozen=True)
class ScheduleConflict:
    """Leg rows and scenario values that cannot hold together, cited by place."""

    rows: tuple[str, ...]  #: ``file:line`` of each leg row
    lines: tuple[int, ...]  #: scenario lines of the values involved
    text: str


@dataclass(frozen=True)
class ScheduleClaimResult:
    """A schedule claim's verdict, for some value in the ranges (the fast end) and for every
    value (the slow end), with timetables where it holds and fails."""

    ref: StatementRef
    what: str  #: airframes, flights, completion, sorties_per_airframe_per_day
    verdict: Verdict
    #: Whether it is possible at every value in the ranges; None when not decided.
    every_value: bool | None
    reason: str
    holds: tuple[ScheduleLeg, ...] = ()
    fails: tuple[ScheduleLeg, ...] = ()
    relaxations: tuple[ScheduleRelaxation, ...] = ()
    cutoff: Cutoff | None = None


@dataclass(frozen=True)
class TogetherVerdict:
    """A claim judged over the loads and the schedule together, in one model: the flights
    an allocation carries its loads on must be flown on a timetable (at the fast end of the
    schedule's ranges, so "impossible" holds at every value)."""

    ref: StatementRef
    kind: str  #: ``load`` (a claim of ``claims:``) or ``schedule`` (of ``schedule.claims``)
    alone: Verdict  #: the verdict of its own model (loads, or schedule)
    together: Verdict
    reason: str
    settled: bool = True  #: False: right, but not proven the strongest (see ClaimResult)
    #: Made impossible by the other model: the nearest schedule values at which it would hold.
    relaxations: tuple[ScheduleRelaxation, ...] = ()


@dataclass(frozen=True)
class ScheduleResult:
    """What a scenario's schedule allows, decided exactly on its own, and with the loads."""

    window: tuple[str, str]  #: UTC start and end
    #: Whether the flights can be flown in the window at all, at the fast end of the ranges.
    base_status: Feasibility
    #: ... and at the slow end (so for every value in the ranges).
    base_every_value: Feasibility
    claims: tuple[ScheduleClaimResult, ...]
    bounds: tuple[ScheduleBound, ...]
    #: A timetable (fast end), one row per leg, airframe by airframe: the joint answer's
    #: when loads and schedule hold together with every claim, else one on the fewest
    #: airframes, else the base's.
    timetable: tuple[ScheduleLeg, ...] = ()
    #: What ``timetable`` is, as the end of a sentence: ``on the fewest airframes``.
    timetable_is: str = "on the fewest airframes"
    #: Why ``base_status`` is unknown (None: it is not, or the time limit).
    base_cutoff: Cutoff | None = None
    conflicts: tuple[ScheduleConflict, ...] = ()
    relaxations: tuple[ScheduleRelaxation, ...] = ()
    #: Loads and schedule together, decided in one model: whether some allocation meeting
    #: every load claim is flown on a timetable meeting every schedule claim.
    joint_status: Feasibility = Feasibility.UNKNOWN
    #: ... and with no claim: whether the loads and the schedule agree on their own.
    joint_base: Feasibility = Feasibility.UNKNOWN
    #: Every claim, load and schedule, judged with the other model's statements too.
    together: tuple[TogetherVerdict, ...] = ()
    #: The allocation of the joint answer (every claim), when there is one.
    joint_example: Allocation | None = None
    #: When loads and schedule contradict each other: the nearest schedule values at
    #: which they would agree.
    joint_relaxations: tuple[ScheduleRelaxation, ...] = ()
    notes: tuple[str, ...] = ()
    values: tuple[tuple[str, str, int | None], ...] = ()  #: (field, as written, line)
