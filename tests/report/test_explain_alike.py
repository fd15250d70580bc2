"""Alike groups and cut-short results, as the explanation's sentences and JSON say them.

Hand-built results (no solver): 300 alike groups that all take part in a conflict, six of
3,000 that are enough, and results the wall clock or the time limit cut short.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from fractions import Fraction
from typing import Any

from airlift.report import render_explanation
from airlift.report.blocks import CODE_CLOSE, CODE_OPEN, TEXT_GLYPHS
from airlift.report.explain_blocks import (
    conflict_sentence,
    correction_sentence,
    explanation_blocks,
    need_sentence,
    relaxation_sentence,
)
from airlift.report.text import text_of_blocks
from airlift.result import (
    AlikeMembers,
    ClaimNeed,
    Conflict,
    Correction,
    Cutoff,
    Explanation,
    Relaxation,
    StatementRef,
)
from tests.report.explain_fixtures import ALMOST_100, HAJUN_84, LOADED, PAYLOAD, SHUTTLE, WITNESS


def _plain(text: str) -> str:
    """Text as a reader sees it, without code marks and line breaks."""
    text = text.replace(CODE_OPEN, "").replace(CODE_CLOSE, "")
    return re.sub(r"\s+", " ", text).strip()


def _groups(n: int) -> list[StatementRef]:
    return [
        replace(SHUTTLE, id=f"g{i}", key=replace(SHUTTLE.key, entry=f"g{i}"), line=30 + i)
        for i in range(n)
    ]


def _count_relaxation(ref: StatementRef, **changes: Any) -> Relaxation:
    fields: dict[str, Any] = {
        "statement": ref,
        "field": "count.max",
        "direction": "up",
        "unit": "",
        "current": Fraction(22),
        "needed": Fraction(26),
        "current_text": "22",
        "needed_text": "26",
        "proven": True,
        "witness": WITNESS,
    }
    fields.update(changes)
    return Relaxation(**fields)


def _all_alike(n: int = 300) -> Conflict:
    groups = _groups(n)
    return Conflict(
        "claim:hajun-84",
        (HAJUN_84, *groups, PAYLOAD),
        True,
        (_count_relaxation(groups[0]),),
        alike=(AlikeMembers(tuple(g.key for g in groups), n),),
    )


def _some_alike() -> Conflict:
    groups = _groups(6)
    return Conflict(
        "claim:almost-100",
        (ALMOST_100, LOADED, *groups),
        True,
        (_count_relaxation(groups[0], field="count.min", direction="down", needed=Fraction(9)),),
        alike=(AlikeMembers(tuple(g.key for g in groups), 3000),),
    )


def test_every_alike_group_is_named_once_as_a_class() -> None:
    sentence = _plain(conflict_sentence(_all_alike()))
    assert sentence == (
        "hajun-84 (line 43, Belarusian Hajun, quoted by dziennik.pl, 2022-11-15) cannot hold "
        "with the 18-22 flights each of the 300 alike groups g0, g1, ... g299 (lines 30 to "
        "329, Daily Mirror, 2022-11-17) and the Il-76MD payload of 48 t (line 20, "
        "Encyclopaedia Britannica)."
    )


def test_some_of_many_alike_groups_say_any_of_them_would_do() -> None:
    sentence = _plain(conflict_sentence(_some_alike()))
    assert "the 18-22 flights each of any 6 of the 3,000 alike groups, such as g0, g1, ... g5" in (
        sentence
    )


def test_one_relaxation_is_said_of_each_alike_group() -> None:
    c = _all_alike(3)
    others = [m for m in c.members if m.id in ("g1", "g2")]
    sentence = _plain(relaxation_sentence(c.relaxations[0], others))
    assert sentence == (
        "Each of the 3 alike groups g0, g1 and g2 would need at least 26 flights; each count is "
        "18-22 flights (lines 30, 31 and 32)"
    )
    blocks = _plain(text_of_blocks(explanation_blocks(Explanation(conflicts=(c,)), TEXT_GLYPHS)))
    assert "Alike groups are flight groups identical but for their id" in blocks
    assert "Each of the 3 alike groups" in blocks


def test_the_json_gives_every_alike_member_its_entry_and_one_witness() -> None:
    e = Explanation(conflicts=(_all_alike(300),))
    data = json.loads(render_explanation(e, "json", title="T"))["explanation"]
    (conflict,) = data["conflicts"]
    assert conflict["alike"] == [{"members": [f"g{i}" for i in range(300)], "among": 300}]
    relaxations = data["relaxations"]
    assert [r["id"] for r in relaxations] == [f"g{i}" for i in range(300)]
    first, *rest = relaxations
    assert first["same_as"] is None and first["witness"] is not None
    assert all(r["same_as"] == "g0" and r["witness"] is None for r in rest)
    assert {(r["needed"], r["line"]) for r in rest} == {(26, 30 + i) for i in range(1, 300)}


def test_a_wall_clock_cut_is_worded_so() -> None:
    c = replace(_all_alike(2), proven=False, cutoff=Cutoff.WALL_CLOCK)
    assert conflict_sentence(c).startswith(
        "Not proven (found when the wall clock ran out; may not be minimal):"
    )
    r = _count_relaxation(SHUTTLE, proven=False, cutoff=Cutoff.WALL_CLOCK)
    assert relaxation_sentence(r).startswith(
        "Not proven (found when the wall clock ran out; the nearest value may differ):"
    )
    none = replace(r, needed=None, needed_text=None, witness=None)
    assert relaxation_sentence(none).startswith("Not proven (the wall clock ran out):")
    correction = Correction((HAJUN_84,), False, None, Cutoff.WALL_CLOCK)
    assert correction_sentence(correction).startswith("Not proven (found when the wall clock")
    need = ClaimNeed(HAJUN_84, "missile", 84, 8, False, (18, 22), None, None, Cutoff.WALL_CLOCK)
    assert "(not proven: the wall clock ran out)" in need_sentence(need, TEXT_GLYPHS)
    text = _plain(text_of_blocks(explanation_blocks(Explanation(conflicts=(c,)), TEXT_GLYPHS)))
    assert "what the search had found when the wall clock ran out" in text


def test_a_time_limit_is_still_worded_as_before() -> None:
    r = _count_relaxation(SHUTTLE, proven=False, cutoff=Cutoff.TIME_LIMIT)
    assert relaxation_sentence(r).startswith("Not proven (found when the time limit ran out;")
    c = replace(_all_alike(2), proven=False, cutoff=None)
    assert conflict_sentence(c).startswith("Not proven (found when the time limit ran out;")
