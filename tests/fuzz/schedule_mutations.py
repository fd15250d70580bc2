"""Fuzz families for the ``schedule:`` block: window, timing, airframes, spots, claims, counts.

Why a family per part: each part of a schedule reaches its own code (the window and the
durations the schema and the time parser, airframes and spots the placement model, flight
counts the choice between placing flights on airframes and counting them, claims the
judges), and a mutant that breaks one part leaves the others to go on to the solver.

Only the flagship has a schedule, so every family first makes sure the data has one
(:func:`ensure_schedule`: the flagship's, adapted to the scenario's aircraft and airfields,
with coordinates added where the file has none). Each family then changes one part, mostly
to values that are valid but extreme (5,000 flights, a window of two centuries, one spot)
and sometimes to ones that must be refused with a located error (a reversed window, a bare
number for a duration, an unknown airfield).
"""

from __future__ import annotations

import copy
import datetime
import random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .mutator import Context

__all__ = [
    "SCHEDULE_FAMILIES",
    "ensure_schedule",
    "schedule_added",
    "schedule_airframes",
    "schedule_claims",
    "schedule_counts",
    "schedule_spots",
    "schedule_timing",
    "schedule_window",
    "window_of",
]

# --- a schedule for any scenario --------------------------------------------------------------

#: Positions (lat, lon in degrees) of the shipped scenarios' airfields that give none: the
#: real fields, or a stand-in for a region (``western-zones``: Wiesbaden; ``abroad``: Dover).
COORDINATES: dict[str, tuple[float, float]] = {
    "western-zones": (50.05, 8.33),
    "Rhein-Main": (50.03, 8.57),
    "Tempelhof": (52.47, 13.40),
    "Gatow": (52.47, 13.14),
    "Tegel": (52.56, 13.29),
    "abroad": (39.13, -75.47),
    "Nevatim": (31.21, 35.01),
    "Ben-Gurion": (32.01, 34.89),
    "Ramon": (29.72, 35.01),
    "Ashdod": (31.80, 34.65),
    "Kabul": (34.57, 69.21),
    "Al-Udeid": (25.12, 51.32),
    "staging-bases": (49.44, 7.60),
    "Russia": (55.88, 38.06),
    "Hmeimim": (35.40, 35.95),
    "Murted": (40.08, 32.57),
}

#: A window that fits each shipped scenario, found by an airfield it has (first match wins).
WINDOWS: tuple[tuple[str, str, str], ...] = (
    ("Machulishchy", "2022-11-09T00:00Z", "2022-11-14T00:00Z"),
    ("Tempelhof", "1949-04-15T12:00Z", "1949-04-16T12:00Z"),
    ("Nevatim", "2023-10-13T00:00Z", "2023-12-25T00:00Z"),
    ("Kabul", "2021-08-14T00:00Z", "2021-08-31T00:00Z"),
    ("Chkalovsky", "2020-08-25T12:00Z", "2020-08-26T12:00Z"),
    ("Murted", "2019-07-12T00:00Z", "2019-07-26T00:00Z"),
    ("Hmeimim", "2018-09-24T00:00Z", "2018-10-02T00:00Z"),
)

_FLAGSHIP_WINDOW = (
    datetime.datetime(2022, 11, 9, tzinfo=datetime.UTC),
    datetime.datetime(2022, 11, 14, tzinfo=datetime.UTC),
)

#: Block speed and ground time by a word in the aircraft's name or catalogue entry.
TIMINGS: tuple[tuple[str, Any, str], ...] = (
    ("Il-76", {"min": "750 km/h", "max": "800 km/h"}, "2 h"),
    ("C-17", "830 km/h", "1.5 h"),
    ("An-124", "800 km/h", "3 h"),
    ("C-54", "365 km/h", "1 h"),
    ("C-47", "260 km/h", "45 min"),
    ("C-74", "340 km/h", "1 h"),
    ("747", "490 kn", "2 h"),
    ("ship", "16 kn", "24 h"),
)


def _dict(x: object) -> dict[Any, Any]:
    return x if isinstance(x, dict) else {}


def _groups(data: dict[str, Any]) -> list[dict[str, Any]]:
    flights = data.get("flights")
    return [g for g in flights if isinstance(g, dict)] if isinstance(flights, list) else []


def _timing(name: str, entry: object) -> tuple[Any, str]:
    """The block speed and ground time of ``TIMINGS`` for an aircraft (default 600 km/h, 2 h)."""
    words = f"{name} {_dict(entry).get('catalog', '')} {_dict(entry).get('vehicle', '')}"
    for word, speed, ground in TIMINGS:
        if word.lower() in words.lower():
            # A copy: later families change the data in place, and a shared object would
            # also be written as a YAML alias.
            return copy.deepcopy(speed), ground
    return "600 km/h", "2 h"


def _add_coordinates(data: dict[str, Any], rng: random.Random) -> None:
    """Give every airfield without ``lat`` and ``lon`` a position (known, else drawn)."""
    for name, entry in _dict(data.get("airfields")).items():
        if not isinstance(entry, dict) or ("lat" in entry and "lon" in entry):
            continue
        lat, lon = COORDINATES.get(name, (rng.uniform(-60, 70), rng.uniform(-180, 180)))
        entry.setdefault("lat", round(lat, 3))
        entry.setdefault("lon", round(lon, 3))


def _new_schedule(data: dict[str, Any]) -> dict[str, Any]:
    """The flagship's schedule shape, for this scenario's aircraft and airfields."""
    fields = _dict(data.get("airfields"))
    start, end = next(((s, e) for f, s, e in WINDOWS if f in fields), WINDOWS[0][1:])
    per_type = {}
    for name, entry in _dict(data.get("aircraft")).items():
        speed, ground = _timing(str(name), entry)
        per_type[name] = {"block_speed": speed, "block_extra": "30 min", "ground_time": ground}
    claims = []
    origins = sorted({g["from"] for g in _groups(data) if isinstance(g.get("from"), str)})
    if origins:
        claims.append({"id": "fuzz-flights", "what": "flights", "from": origins[0], "at_least": 1})
    return {"window": {"start": start, "end": end}, "aircraft": per_type, "claims": claims}


def ensure_schedule(data: Any, ctx: Context) -> dict[str, Any] | None:
    """The data's ``schedule:`` mapping, added (with airfield positions) when there is none.

    None when the data is no mapping, or its schedule is no mapping (an earlier family's
    doing), so that a family leaves such data alone.
    """
    if not isinstance(data, dict):
        return None
    if "schedule" not in data:
        _add_coordinates(data, ctx.rng)
        data["schedule"] = _new_schedule(data)
        ctx.note("schedule", ("schedule",), "added")
    schedule = data["schedule"]
    return schedule if isinstance(schedule, dict) else None


def _parse(text: object) -> datetime.datetime | None:
    """A moment the format may accept (with a zone), or None."""
    try:
        moment = datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def window_of(schedule: dict[str, Any]) -> tuple[datetime.datetime, datetime.datetime]:
    """The schedule's window as datetimes, or the flagship's when it cannot be read or lies
    within a few years of the calendar's ends (families move times years beyond it)."""
    window = _dict(schedule.get("window"))
    start, end = _parse(window.get("start")), _parse(window.get("end"))
    if start is None or end is None or end <= start or start.year < 10 or end.year > 9990:
        return _FLAGSHIP_WINDOW
    return start, end


def utc(moment: datetime.datetime) -> str:
    """``2022-11-09T00:00Z`` (seconds only when there are any), as the format writes times."""
    text = f"{moment.year:04d}-{moment:%m-%dT%H:%M}"
    return f"{text}:{moment.second:02d}Z" if moment.second else f"{text}Z"


def _within(
    rng: random.Random, start: datetime.datetime, end: datetime.datetime
) -> datetime.datetime:
    """A whole minute between ``start`` and ``end``."""
    minutes = max(int((end - start).total_seconds() // 60), 0)
    return start + datetime.timedelta(minutes=rng.randint(0, minutes))


def _type_entries(schedule: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The per-type entries of the schedule that are mappings."""
    return [(k, v) for k, v in _dict(schedule.get("aircraft")).items() if isinstance(v, dict)]


# --- the families -------------------------------------------------------------------------------


def schedule_added(data: Any, ctx: Context) -> Any:
    """Add the flagship's schedule to a scenario, adapted to its aircraft and airfields; on
    the flagship, rebuild it from scratch. Sometimes an airfield keeps no position (which
    must be refused at that airfield) or a flown type gets no timing (refused too)."""
    if isinstance(data, dict):
        data.pop("schedule", None)
    schedule = ensure_schedule(data, ctx)
    if schedule is None:
        return data
    draw = ctx.rng.random()
    fields = [(k, v) for k, v in _dict(data.get("airfields")).items() if isinstance(v, dict)]
    if draw < 0.1 and fields:
        name, entry = ctx.rng.choice(fields)
        entry.pop(ctx.rng.choice(("lat", "lon")), None)
        ctx.note("schedule_added", ("airfields", name), "a position left out")
    elif draw < 0.2 and schedule["aircraft"]:
        dropped = ctx.rng.choice(list(schedule["aircraft"]))
        del schedule["aircraft"][dropped]
        ctx.note("schedule_added", ("schedule", "aircraft", dropped), "<deleted>")
    else:
        ctx.note("schedule_added", ("schedule", "window"), schedule["window"])
    return data


def _moment_texts(ctx: Context, start: datetime.datetime) -> list[Any]:
    """Ways to write (or miswrite) a moment near ``start``."""
    day = start.strftime("%Y-%m-%d")
    return [
        utc(start),
        f"{day}T{start:%H:%M}",  # no zone
        day,  # a date only
        f"{day}T{start:%H:%M}+03:00",
        f"{day}T{start:%H:%M}+00:00",
        f"{day}T{start:%H:%M}:59Z",
        f"{day}T{start:%H:%M}:00.5Z",
        f"{day} {start:%H:%M}Z",
        "2022-02-30T00:00Z",
        "0001-01-01T00:00Z",
        "9999-12-31T23:59Z",
        "1970-01-01T00:00Z",
        int(start.timestamp()),
        start.year,
        None,
        "",
        "yesterday",
    ]


def schedule_window(data: Any, ctx: Context) -> Any:
    """Change the window: reversed, zero length, two centuries or one second long, a time
    without a zone, a date only, another offset, a calendar day that does not exist."""
    schedule = ensure_schedule(data, ctx)
    if schedule is None:
        return data
    start, end = window_of(schedule)
    rng = ctx.rng
    hour, day = datetime.timedelta(hours=1), datetime.timedelta(days=1)
    valid: list[Any] = [
        {"start": utc(start), "end": utc(start + datetime.timedelta(seconds=1))},
        {"start": utc(start), "end": utc(start + hour)},
        {"start": utc(start), "end": utc(start + 6 * hour)},
        {"start": utc(start - 3 * 365 * day), "end": utc(end)},
        {"start": "1900-01-01T00:00Z", "end": "2100-01-01T00:00Z"},
        {"start": utc(start + 400 * day), "end": utc(end + 400 * day)},
        {"start": f"{utc(start)[:-1]}:00Z", "end": f"{utc(end)[:-1]}:59+00:00"},
    ]
    invalid: list[Any] = [
        {"start": utc(end), "end": utc(start)},
        {"start": utc(start), "end": utc(start)},
        {"start": utc(start)},
        f"{utc(start)} to {utc(end)}",
        {
            "start": rng.choice(_moment_texts(ctx, start)),
            "end": rng.choice((utc(end), *_moment_texts(ctx, end))),
        },
    ]
    value = rng.choice(valid if rng.random() < 0.6 else invalid)
    schedule["window"] = value
    ctx.note("schedule_window", ("schedule", "window"), value)
    return data


#: Speeds a schedule may hold, extreme ones first, then ones it must refuse.
_SPEEDS: tuple[Any, ...] = (
    "0.000000001 km/h",
    "1 km/h",
    "99999999999 km/h",
    "300,000 km/h",
    "405 kn",
    "750.123456789 km/h",
    {"min": "1 kn", "max": "2,000 kn"},
    {"min": "100 km/h", "max": "100 km/h"},
)
_BAD_SPEEDS: tuple[Any, ...] = (
    {"min": "800 km/h", "max": "750 km/h"},
    {"min": "750 km/h"},
    "0 km/h",
    "1e3 km/h",
    750,
    "750",
    "750 m/s",
    "750 kmh",
    "405 knots",
    "-750 km/h",
)
#: Durations a schedule may hold, then ones it must refuse.
_DURATIONS: tuple[Any, ...] = (
    "0 h",
    "0 min",
    "0.000000001 min",
    "1 min",
    "999999 h",
    "10,000 h",
    "1.5 h",
    "4,611,686,018,427,387,904 min",
    {"min": "0 min", "max": "1,000 h"},
    {"min": "1 min", "max": "1 min"},
)
_BAD_DURATIONS: tuple[Any, ...] = (
    {"min": "6.5 h", "max": "3.5 h"},
    {"max": "2 h"},
    2,
    "2",
    "2 hours",
    "2 hr",
    "2 s",
    "-1 h",
)


def schedule_timing(data: Any, ctx: Context) -> Any:
    """Change a type's block speed, block extra, ground time or a ground time at a field:
    reversed ranges, 0, huge, tiny, bare numbers, wrong or misspelt units, or a
    ``ground_time_at`` for an airfield the scenario lacks."""
    schedule = ensure_schedule(data, ctx)
    entries = _type_entries(schedule) if schedule is not None else []
    if not entries:
        return data
    rng = ctx.rng
    name, entry = rng.choice(entries)
    key = rng.choice(("block_speed", "block_extra", "ground_time", "ground_time_at"))
    good = rng.random() < 0.65
    speeds, durations = (_SPEEDS, _DURATIONS) if good else (_BAD_SPEEDS, _BAD_DURATIONS)
    if key == "block_speed":
        value: Any = copy.deepcopy(rng.choice(speeds))
        entry[key] = value
    elif key != "ground_time_at":
        value = copy.deepcopy(rng.choice(durations))
        entry[key] = value
    else:
        fields = list(_dict(data.get("airfields")))
        field = rng.choice(fields) if fields and (good or rng.random() < 0.5) else "Nowhere"
        value = {field: copy.deepcopy(rng.choice(durations))}
        entry.setdefault("ground_time_at", {})
        if isinstance(entry["ground_time_at"], dict):
            entry["ground_time_at"].update(value)
    ctx.note("schedule_timing", ("schedule", "aircraft", name, key), value)
    return data


def _registrations(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct registrations, in the styles trackers write them."""
    styles = ("RA-{:05d}", "RF-{:05d}", "{:02d}-1109", "4X-{:03d}", "UR-{:05d}")
    style = rng.choice(styles)
    return [style.format(76_000 + k if "05d" in style else k + 1) for k in range(count)]


def schedule_airframes(data: Any, ctx: Context) -> Any:
    """Set a type's airframes: 0, one, a count, a range (open, reversed), huge, a list of
    registrations (empty, repeated, or many), or something of another type."""
    schedule = ensure_schedule(data, ctx)
    entries = _type_entries(schedule) if schedule is not None else []
    if not entries:
        return data
    rng = ctx.rng
    name, entry = rng.choice(entries)
    regs = _registrations(rng, rng.choice((1, 2, 3, 8)))
    valid: list[Any] = [
        0,
        1,
        2,
        rng.randint(3, 30),
        10**6,
        2**62,
        {"min": 2},
        {"min": 2, "max": 8},
        {"max": 3},
        {"min": 0, "max": 0},
        regs,
        {"registrations": regs},
        _registrations(rng, 150),
        "8",
    ]
    invalid: list[Any] = [2**63, {"min": 8, "max": 2}, [], [regs[0], regs[0]], "eight", 2.5]
    value = rng.choice(valid if rng.random() < 0.75 else invalid)
    entry["airframes"] = value
    ctx.note("schedule_airframes", ("schedule", "aircraft", name, "airframes"), value)
    return data


def schedule_spots(data: Any, ctx: Context) -> Any:
    """Set spots (aircraft turned at once) at an airfield: 0, 1, 2, huge, negative, text, or
    at an airfield the scenario lacks; or make ``spots`` no mapping."""
    schedule = ensure_schedule(data, ctx)
    if schedule is None:
        return data
    rng = ctx.rng
    fields = list(_dict(data.get("airfields")))
    origins = [g.get("from") for g in _groups(data) if isinstance(g.get("from"), str)]
    if rng.random() < 0.75:
        field = rng.choice([*origins, *origins, *fields] or ["Nowhere"])
        value: Any = rng.choice((1, 1, 2, 3, 10**6, "2"))
    else:
        field = rng.choice([*fields, "Nowhere"])
        value = rng.choice((0, 2**63, -1, 2.5, None, 1))
    if rng.random() < 0.05:
        schedule["spots"] = rng.choice((2, [field], "all"))
        ctx.note("schedule_spots", ("schedule", "spots"), schedule["spots"])
        return data
    if not isinstance(schedule.get("spots"), dict):
        schedule["spots"] = {}
    schedule["spots"][field] = value
    ctx.note("schedule_spots", ("schedule", "spots", field), value)
    return data


_WHATS = ("airframes", "flights", "completion", "sorties_per_airframe_per_day")


def _claim_bound(
    what: str, ctx: Context, window: tuple[datetime.datetime, datetime.datetime], valid: bool
) -> Any:
    """A bound for a claim on ``what``: of its own kind when ``valid``, else of any kind or
    out of range (negative, 2**63, a fraction written as one)."""
    rng = ctx.rng
    start, end = window
    counts: list[Any] = [0, 1, 2, 8, 20, 121, 500, 5_000, 10**6, 2**62, "1,000"]
    times: list[Any] = [
        utc(_within(rng, start, end)),
        utc(start - datetime.timedelta(days=1)),
        utc(end + datetime.timedelta(days=30)),
        utc(start),
        utc(end),
    ]
    rates: list[Any] = [
        0,
        1,
        1.5,
        "2.5",
        "0.000000001",
        10**6,
        "20000.000000001",
        "4611686018427387904",
    ]
    if valid:
        return rng.choice(
            {"airframes": counts, "flights": counts, "completion": times}[what]
            if what != "sorties_per_airframe_per_day"
            else rates
        )
    bad: list[Any] = [2**63, -1, f"{start:%Y-%m-%d}", "1e3", 10**20, "1/3", None]
    return rng.choice([*counts, *times, *rates, *bad])


def _order(bounds: list[Any]) -> list[Any]:
    """Two bounds of one kind, low first (times as text in one format sort as times)."""
    try:
        return sorted(
            bounds,
            key=lambda b: b if isinstance(b, str) and "T" in b else float(str(b).replace(",", "")),
        )
    except (TypeError, ValueError):
        return bounds


def _period(ctx: Context, window: tuple[datetime.datetime, datetime.datetime], valid: bool) -> Any:
    """A claim's period: inside the window, outside it, around it, open at one end; unless
    ``valid``, reversed, empty or a date only."""
    rng = ctx.rng
    start, end = window
    a, b = sorted((_within(rng, start, end), _within(rng, start, end)))
    day = datetime.timedelta(days=1)
    good: list[Any] = [
        {"start": utc(a), "end": utc(b + datetime.timedelta(minutes=1))},
        {"start": utc(start - 10 * day), "end": utc(start - day)},
        {"start": utc(end + day), "end": utc(end + 10 * day)},
        {"start": utc(start - day), "end": utc(end + day)},
        {"start": utc(a)},
        {"end": utc(b)},
        {},
    ]
    bad: list[Any] = [
        {"start": utc(b + day), "end": utc(a)},
        {"start": utc(a), "end": utc(a)},
        {"start": f"{a:%Y-%m-%d}"},
        "the first half of November",
    ]
    return rng.choice(good if valid else bad)


def _claim(data: dict[str, Any], schedule: dict[str, Any], ctx: Context, k: int) -> dict[str, Any]:
    """One schedule claim: any ``what``, any bound key, filters naming scenario things; one
    in four breaks something (a bound of the wrong kind, a reversed period, an unknown
    name, a second bound, ``counting`` on a claim that is not on flights)."""
    rng = ctx.rng
    window = window_of(schedule)
    valid = rng.random() < 0.75
    what = rng.choice(_WHATS) if valid or rng.random() < 0.9 else "landings"
    claim: dict[str, Any] = {"id": f"fuzz-claim-{k}", "what": what}
    key = rng.choice(("at_least", "at_most", "equals", "between"))
    kind = what if what in _WHATS else "flights"
    if key == "between":
        pair = _order([_claim_bound(kind, ctx, window, valid) for _ in range(2)])
        claim[key] = pair if valid or rng.random() < 0.5 else pair[:1]
    else:
        claim[key] = _claim_bound(kind, ctx, window, valid)
    if not valid and rng.random() < 0.2:
        claim["at_most" if key != "at_most" else "at_least"] = 1
    if what == "flights" or (not valid and rng.random() < 0.3):
        if rng.random() < 0.7:
            claim["period"] = _period(ctx, window, valid or rng.random() < 0.5)
        if rng.random() < 0.5:
            claim["counting"] = rng.choice(("landing", "takeoff", "landing", "arrival"))
            if valid and claim["counting"] == "arrival":
                claim["counting"] = "landing"
    fields = list(_dict(data.get("airfields")))
    groups = [g.get("id") for g in _groups(data) if isinstance(g.get("id"), str)]
    names = {
        "from": fields,
        "to": fields,
        "aircraft": list(_dict(data.get("aircraft"))),
        "flights": groups,
    }
    for filter_key, names_of in names.items():
        if rng.random() < 0.3:
            known = (
                rng.choice(names_of)
                if names_of and (valid or rng.random() < 0.5)
                else f"unknown-{filter_key}"
            )
            claim[filter_key] = known if rng.random() < 0.7 else [known, *names_of[:1]]
    if not valid and rng.random() < 0.1:
        claim["id"] = rng.choice(
            [c.get("id") for c in schedule.get("claims") or [] if isinstance(c, dict)] or ["x"]
        )
    return claim


def schedule_claims(data: Any, ctx: Context) -> Any:
    """Add one to four schedule claims: every ``what``, every bound key, periods outside the
    window or reversed, ``at_least`` far above the flights, counting landings, filters naming
    things the scenario lacks, a time where a count belongs."""
    schedule = ensure_schedule(data, ctx)
    if schedule is None or not isinstance(data, dict):
        return data
    claims = schedule.get("claims")
    if not isinstance(claims, list):
        claims = schedule["claims"] = []
    start = len(claims)
    for k in range(ctx.rng.randint(1, 4)):
        claim = _claim(data, schedule, ctx, start + k)
        claims.append(claim)
        ctx.note("schedule_claims", ("schedule", "claims", start + k), claim)
    return data


def _count(rng: random.Random) -> Any:
    """A flight count that picks a model: open, past 120 (placement refused when flights are
    not independent), hundreds to thousands (counted), past 20,000 (too large)."""
    return rng.choice(
        (
            {"min": rng.randint(1, 30)},
            {"min": 0},
            120,
            121,
            rng.randint(121, 200),
            {"min": 100, "max": 200},
            500,
            1_000,
            5_000,
            20_000,
            20_001,
            {"min": 0, "max": 5_000},
            {"min": 5_000},
            0,
        )
    )


def schedule_counts(data: Any, ctx: Context) -> Any:
    """Give scheduled flight groups counts that choose the schedule model: open above, 121 to
    200, 500 to 20,001; sometimes with airframes or spots set, so that flights are no longer
    independent and the counting model cannot take them."""
    schedule = ensure_schedule(data, ctx)
    if schedule is None or not isinstance(data, dict):
        return data
    rng = ctx.rng
    groups = _groups(data)
    if not groups:
        aircraft, fields = list(_dict(data.get("aircraft"))), list(_dict(data.get("airfields")))
        if not aircraft or len(fields) < 2:
            return data
        group = {"id": "fuzz-group", "aircraft": aircraft[0], "from": fields[0], "to": fields[1]}
        data["flights"] = groups = [group]
    chosen = rng.sample(groups, rng.randint(1, len(groups)))
    for group in chosen:
        group["count"] = _count(rng)
        ctx.note("schedule_counts", ("flights", groups.index(group), "count"), group["count"])
    entries = _type_entries(schedule)
    if entries and rng.random() < 0.3:
        name, entry = rng.choice(entries)
        entry["airframes"] = rng.choice((2, {"min": 1, "max": 20}, _registrations(rng, 3)))
        ctx.note("schedule_counts", ("schedule", "aircraft", name, "airframes"), entry["airframes"])
    elif rng.random() < 0.2 and chosen and isinstance(chosen[0].get("from"), str):
        schedule["spots"] = {chosen[0]["from"]: rng.choice((1, 2, 4))}
        ctx.note("schedule_counts", ("schedule", "spots"), schedule["spots"])
    return data


#: The schedule families, in the order they are applied.
SCHEDULE_FAMILIES = {
    "schedule_added": schedule_added,
    "schedule_window": schedule_window,
    "schedule_timing": schedule_timing,
    "schedule_airframes": schedule_airframes,
    "schedule_spots": schedule_spots,
    "schedule_claims": schedule_claims,
    "schedule_counts": schedule_counts,
}
