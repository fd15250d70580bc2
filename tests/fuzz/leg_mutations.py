"""Fuzz family for leg files: a small CSV of legs written next to the mutant, and ``legs:``.

Why: a scenario that includes a leg file reaches the leg reader, the matching of types and
airfields, the grouping of legs into flight groups, and, with a schedule, legs fixed in time
(takeoffs and landings, first and last seen), airframes named by registration, and ends
that may be several airfields. The leg file is one of the mutant's extra files
(:attr:`Context.files`), written beside it under a name made from the mutant's stem, so
that mutants run side by side in one scratch folder never share one.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
from typing import TYPE_CHECKING, Any

from .schedule_mutations import ensure_schedule, utc, window_of

if TYPE_CHECKING:
    from .mutator import Context

__all__ = ["LEG_FAMILIES", "leg_file"]

_COLUMNS = (
    "type",
    "registration",
    "icao24",
    "callsign",
    "from",
    "to",
    "departure_utc",
    "departure_kind",
    "arrival_utc",
    "arrival_kind",
    "source",
    "note",
)
#: ICAO designators by a word in an aircraft's name or catalogue entry.
_DESIGNATORS = (("Il-76", "IL76"), ("C-17", "C17"), ("An-124", "A124"), ("747", "B748"))


def _dict(x: object) -> dict[Any, Any]:
    return x if isinstance(x, dict) else {}


def _type_names(data: dict[str, Any], rng: random.Random, clean: bool) -> list[str]:
    """Ways a leg may name each scenario aircraft: its name, its designator, any case; and
    unless ``clean``, names that match nothing."""
    names: list[str] = []
    for name, entry in _dict(data.get("aircraft")).items():
        names.append(str(name))
        words = f"{name} {_dict(entry).get('catalog', '')}"
        names += [code for word, code in _DESIGNATORS if word in words]
    names = names or ["IL76"]
    if clean:
        return names
    return [*names, *names, rng.choice(names).lower(), "unknown", "ZZZZ"]


def _end(fields: list[str], rng: random.Random, clean: bool) -> str:
    """A leg's end: a scenario airfield, ``unknown``, alternatives, or (unless ``clean``) a
    name the scenario lacks or an empty cell."""
    draw = rng.random()
    if draw < 0.7 and fields:
        return rng.choice(fields)
    if draw < 0.85:
        return "unknown"
    if (draw < 0.95 or clean) and len(fields) >= 2:
        return "|".join(rng.sample(fields, 2))
    if clean:
        return fields[0] if fields else "unknown"
    return rng.choice(("ZZZZ", "Nowhere", "", "unknown|ZZZZ"))


def _times(
    rng: random.Random, start: datetime.datetime, end: datetime.datetime, clean: bool
) -> tuple[str, str, str, str]:
    """Departure and arrival times and kinds: mostly inside the window and in order,
    sometimes left out, or (unless ``clean``) reversed, outside the window, without a zone
    or one without the other's kind."""
    span = max(int((end - start).total_seconds()), 60)
    takeoff = start + datetime.timedelta(seconds=rng.randrange(0, span, 60))
    landing = takeoff + datetime.timedelta(minutes=rng.randint(20, 8 * 60))
    dep_kind = rng.choice(("takeoff", "takeoff", "first_seen"))
    arr_kind = rng.choice(("landing", "landing", "last_seen"))
    draw = rng.random()
    if draw < 0.25:
        return "", "", "", ""
    if draw < 0.35:
        return utc(takeoff), dep_kind, "", ""
    if draw < 0.45:
        return "", "", utc(landing), arr_kind
    if clean or draw >= 0.66:
        return utc(takeoff), dep_kind, utc(landing), arr_kind
    if draw < 0.5:
        return utc(landing), dep_kind, utc(takeoff), arr_kind
    if draw < 0.55:
        early = start - datetime.timedelta(days=2)
        return utc(early), dep_kind, utc(early + datetime.timedelta(hours=3)), arr_kind
    if draw < 0.6:
        return utc(takeoff).rstrip("Z"), dep_kind, utc(landing), arr_kind
    if draw < 0.63:
        return utc(takeoff), "", utc(landing), "landed"
    return utc(takeoff), dep_kind, utc(takeoff), arr_kind


def _row(
    rng: random.Random,
    types: list[str],
    fields: list[str],
    registrations: list[str],
    window: tuple[datetime.datetime, datetime.datetime],
    clean: bool,
) -> dict[str, str]:
    """One leg row; a ``clean`` one only of values a leg file may hold."""
    departure, dep_kind, arrival, arr_kind = _times(rng, *window, clean)
    registration = rng.choice(registrations) if registrations and rng.random() < 0.7 else ""
    icao24s = ("", "", "15400a", "~1a2b3c", f"{rng.randrange(1 << 24):06x}")
    # An origin must be one airfield, so a clean one is never unknown (which may map to two).
    origin = rng.choice(fields) if clean and fields else _end(fields, rng, clean)
    return {
        "type": rng.choice(types),
        "registration": registration,
        "icao24": rng.choice(icao24s if clean else (*icao24s, "xyz")),
        "callsign": rng.choice(("", "RFF8041", "RCH871", "RIF6804")),
        "from": origin,
        "to": _end(fields, rng, clean),
        "departure_utc": departure,
        "departure_kind": dep_kind,
        "arrival_utc": arrival,
        "arrival_kind": arr_kind,
        "source": rng.choice(("", "fuzz, row", 'a "quoted" post', "https://example.org/p?x=1")),
        "note": rng.choice(("", "", "first seen at 2,000 m", "line\nbreak")),
    }


def _csv(rows: list[dict[str, str]], columns: list[str], rng: random.Random, clean: bool) -> bytes:
    """The rows as CSV under ``columns``, sometimes with a BOM, CRLF or (unless ``clean``)
    a stray byte."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    body = out.getvalue().encode("utf-8")
    damage = rng.random()
    if damage < 0.04:
        return b"\xef\xbb\xbf" + body
    if damage < 0.08:
        return body.replace(b"\n", b"\r\n")
    if damage < 0.1 and not clean:
        at = rng.randrange(len(body))
        return body[:at] + rng.choice((b"\xff", b"\x00", b'"')) + body[at:]
    return body


def _columns(rng: random.Random, clean: bool) -> list[str]:
    """The header: every column, most often; else without times, shuffled, or (unless
    ``clean``) misspelt or without a required column."""
    draw = rng.random()
    if draw < 0.75:
        return list(_COLUMNS)
    if clean:
        return rng.sample(_COLUMNS, len(_COLUMNS))
    if draw < 0.85:
        return [c for c in _COLUMNS if "_utc" not in c and "_kind" not in c]
    if draw < 0.92:
        return rng.sample(_COLUMNS, len(_COLUMNS))
    if draw < 0.96:
        return [c if c != "arrival_utc" else "arival_utc" for c in _COLUMNS]
    return [c for c in _COLUMNS if c != rng.choice(("type", "from", "to"))]


def _fleet(data: dict[str, Any], schedule: dict[str, Any] | None, rng: random.Random) -> list[str]:
    """Registrations the legs use: the schedule's list when one is given, else a few new ones,
    which sometimes become a type's list (leaving one out, so its rows must be refused)."""
    for entry in _dict(_dict(schedule).get("aircraft")).values():
        listed = _dict(entry).get("airframes")
        if isinstance(listed, list) and all(isinstance(r, str) for r in listed) and listed:
            return [*listed, *(["RA-99999"] if rng.random() < 0.2 else [])]
    fleet = [f"RA-{78_800 + k}" for k in range(rng.choice((1, 2, 3, 5)))]
    entries = [e for e in _dict(_dict(schedule).get("aircraft")).values() if isinstance(e, dict)]
    if entries and rng.random() < 0.4:
        rng.choice(entries)["airframes"] = fleet[: max(1, len(fleet) - (rng.random() < 0.2))]
    return fleet


def leg_file(data: Any, ctx: Context) -> Any:
    """Write a leg file of 1 to 600 rows beside the mutant and add it under ``legs:``: rows
    with takeoff and landing times or first and last seen, registrations (in or out of the
    schedule's list), unknown and alternative ends, odd headers and cells.

    Most files are *clean* (every cell one a leg file may hold, ``unknown`` ends mapped), so
    that they reach the schedule; the others break cells at random, one in a few rows.
    """
    if not isinstance(data, dict):
        return data
    rng = ctx.rng
    clean = rng.random() < 0.6
    schedule = ensure_schedule(data, ctx) if rng.random() < 0.85 else None
    fields = list(_dict(data.get("airfields")))
    types = _type_names(data, rng, clean)
    fleet = _fleet(data, schedule, rng)
    window = window_of(schedule or {})
    count = rng.choice((1, 2, 3, 5, 8, 12, 40, 130, 600))
    rows = [
        _row(rng, types, fields, fleet, window, clean or rng.random() < 0.8) for _ in range(count)
    ]
    name = f"{ctx.stem}-legs{len(ctx.files)}.csv"
    ctx.files[name] = _csv(rows, _columns(rng, clean), rng, clean)
    entry: dict[str, Any] = {"file": name}
    if (clean or rng.random() < 0.6) and fields:
        entry["airfields"] = {"unknown": rng.sample(fields, min(len(fields), rng.randint(1, 2)))}
    if rng.random() < 0.4:
        entry["complete"] = rng.random() < 0.5
    if rng.random() < 0.3:
        entry["id"] = rng.choice(("fuzz-legs", "caravan", "a/b"))
    legs = data.get("legs")
    data["legs"] = [
        *(legs if isinstance(legs, list) else []),
        entry if rng.random() < 0.9 else name,
    ]
    if not isinstance(data.get("flights"), list):
        data["flights"] = []
    ctx.note("leg_file", ("legs",), f"{name}: {count} {'clean ' if clean else ''}rows")
    return data


#: The leg-file families, in the order they are applied.
LEG_FAMILIES = {"leg_file": leg_file}
