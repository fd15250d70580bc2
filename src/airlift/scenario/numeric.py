"""The numbers a scenario may hold: the largest the engine decides exactly, and how long
numbers are read and shown without Python's limits getting in the way.

The engine (CP-SAT) computes in 64-bit integers and keeps every variable's domain within
about ±2**62. A count of flights or units, or a mass, length or amount in its base unit
(kg, cm, units), above :data:`LARGEST` could not be decided exactly, so the schema refuses it
at its place in the file rather than letting the engine fail or round. A value's exact
fraction in its base unit must also have a numerator and a denominator of at most
:data:`LARGEST`, or it could not be scaled to integers the engine holds.

Python refuses to convert a decimal string of more than 4,300 digits to an int (and can be
set to refuse from 640), and converting is slow for long strings. So no text of more than
:data:`MAX_DIGITS` significant digits is ever converted, and no number is ever turned back
into a long decimal string: :func:`show_number` formats without ``str()`` of a huge int.
"""

from __future__ import annotations

import math
import re

__all__ = [
    "LARGEST",
    "MAX_DIGITS",
    "WHOLE_TEXT",
    "decimal_digits",
    "show_number",
    "significant_digits",
    "too_large",
    "written_count",
]

#: The largest count, bound, or base-unit amount (kg, cm, units) a scenario may hold: 2**62.
LARGEST = 2**62
#: The most significant digits a number's text may have to be converted at all. Any value
#: this long is far above :data:`LARGEST`; its text is kept and refused as too large.
MAX_DIGITS = 100
#: A whole number written as text, with or without thousands separators: ``1,398``.
WHOLE_TEXT = re.compile(r"\s*[+-]?(\d{1,3}(,\d{3})+|\d+)\s*")
#: Numbers up to this many bits are shown in full, with thousands separators.
_SHOWN_BITS = 256


def significant_digits(digits: str) -> int:
    """How many digits of a run of decimal digits count, leading zeros left out."""
    return len(digits.lstrip("0"))


def decimal_digits(n: int) -> int:
    """How many decimal digits ``abs(n)`` has, computed without converting it to text."""
    m = abs(n)
    if m == 0:
        return 1
    estimate = max(1, int(m.bit_length() * math.log10(2)))
    return estimate + 1 if m >= 10**estimate else estimate


def show_number(n: int) -> str:
    """``n`` with thousands separators; a huge ``n`` as its first and last digits and length.

    ``9,223,372,036,854,775,808``; ``999,…,999 (4,301 digits)``. Safe for any int, where
    ``str()`` of a long one raises ValueError.
    """
    m = abs(n)
    if m.bit_length() <= _SHOWN_BITS:
        return f"{n:,}"
    sign = "-" if n < 0 else ""
    digits = decimal_digits(m)
    head, tail = m // 10 ** (digits - 3), m % 1000
    return f"{sign}{head},…,{tail:03d} ({digits:,} digits)"


def too_large(what: str, shown: str) -> str:
    """``count 9,223,372,036,854,775,808 is too large: the largest accepted count is ...``"""
    return f"{what} {shown} is too large: the largest accepted {what} is {LARGEST:,}"


def written_count(raw: object) -> int | None:
    """The count ``raw`` writes (``20``, ``'1,398'``) if it is one a scenario accepts: whole,
    at least zero and at most :data:`LARGEST`; None for anything else (a mass, a negative
    or too large number, text)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str) and WHOLE_TEXT.fullmatch(raw) is not None:
        text = raw.strip()
        digits = text.lstrip("+-").replace(",", "").lstrip("0") or "0"
        if (text.startswith("-") and digits != "0") or len(digits) > len(str(LARGEST)):
            return None
        raw = int(digits)
    if isinstance(raw, int) and 0 <= raw <= LARGEST:
        return raw
    return None
