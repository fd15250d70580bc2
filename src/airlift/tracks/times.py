"""Times in UTC: how leg files write them, and how tracking exports write theirs.

A leg file writes every time as ISO-8601 in UTC with a ``Z`` (``2020-08-25T21:40:00Z``),
to the second, so that the same legs give the same bytes. Exports differ: OpenSky writes
``2018-12-31 00:43:16+00:00`` or Unix seconds, readsb and Flightradar24 Unix seconds, the
Flightradar24 API ``2023-01-27T05:15:22`` (UTC without a zone), and pandas' ``to_json``
Unix milliseconds. Every one of these sources is UTC; a local time must be converted before
it is written down.
"""

from __future__ import annotations

import datetime
import re

__all__ = ["UTC", "TimeError", "format_utc", "from_epoch", "parse_export_time", "parse_leg_time"]

UTC = datetime.UTC

_LEG_TIME = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2}))?"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?$"
)
_EPOCH = re.compile(r"^\d{9,11}(\.\d+)?$")
#: 13 digits: Unix milliseconds (2001-09-09 to 2286-11-20), as pandas' ``to_json`` writes
#: times; as seconds they would fall after the year 30,000, so they cannot be misread.
_EPOCH_MS = re.compile(r"^\d{13}(\.\d+)?$")


class TimeError(ValueError):
    """A time that cannot be read; the message says what to write instead."""


def format_utc(moment: datetime.datetime) -> str:
    """``2020-08-25T21:40:00Z``: the leg file's way of writing a time, the year in four
    digits (``%Y`` gives ``1`` for the year 1 on Linux, which no reader takes back)."""
    utc = moment.astimezone(UTC)
    return f"{utc.year:04d}-{utc:%m-%dT%H:%M:%S}Z"


def from_epoch(seconds: float) -> datetime.datetime:
    """A Unix time in seconds as a UTC datetime, rounded to the nearest second."""
    return datetime.datetime.fromtimestamp(round(seconds), UTC)


def parse_leg_time(text: str) -> datetime.datetime:
    """A leg file's time: ISO-8601 in UTC, written with ``Z`` (``+00:00`` is accepted).

    Seconds may be left out. A time with another offset or with none is refused, with the
    UTC time it stands for where that can be known.
    """
    match = _LEG_TIME.match(text.strip())
    if match is None:
        raise TimeError("expected a UTC time such as 2020-08-25T21:40:00Z (ISO-8601 with Z)")
    zone = match["zone"]
    try:
        moment = datetime.datetime.fromisoformat(
            f"{match['date']}T{match['hour']}:{match['minute']}:{match['second'] or '00'}"
        )
    except ValueError as exc:
        raise TimeError(f"not a date and time of the calendar ({exc})") from None
    if zone is None:
        raise TimeError(
            "the time has no zone: leg files hold UTC, written with Z "
            f"({format_utc(moment.replace(tzinfo=UTC))} if this is UTC); convert a local "
            "time first (Minsk and Moscow are UTC+3)"
        )
    if zone == "Z":
        return moment.replace(tzinfo=UTC)
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if offset:
        utc = (moment - sign * offset).replace(tzinfo=UTC)
        raise TimeError(
            f"leg files hold UTC: {text.strip()} is {format_utc(utc)}; write that instead"
        )
    return moment.replace(tzinfo=UTC)


def parse_export_time(text: str) -> datetime.datetime:
    """A time in a tracking export: Unix seconds, Unix milliseconds (13 digits), or ISO-8601
    (a space or ``T`` between date and time). The exports are UTC by definition, so a time
    without an offset is UTC; one with a non-zero offset is converted."""
    text = text.strip()
    if _EPOCH.match(text):
        return from_epoch(float(text))
    if _EPOCH_MS.match(text):
        return from_epoch(float(text) / 1000)
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise TimeError(
            "expected a time such as 2018-12-31 00:43:16+00:00 or Unix seconds"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return moment.replace(microsecond=0) + datetime.timedelta(
        seconds=1 if moment.microsecond >= 500_000 else 0
    )
