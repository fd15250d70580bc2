"""Statement keys: a role, an entry's name and a limit's name, never one string split again."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from airlift.result import Role, StatementKey, StatementRef, ValueUsed

FLOOR = StatementKey(Role.LIMIT, "Il-76.MD", "floor length")


def test_a_key_keeps_names_whole_and_renders_the_report_id() -> None:
    assert (FLOOR.role, FLOOR.entry, FLOOR.field) == (Role.LIMIT, "Il-76.MD", "floor length")
    assert FLOOR.path == ("aircraft", "Il-76.MD", "limits", "floor length")
    assert FLOOR.text == "aircraft.Il-76.MD.limits.floor length"
    assert StatementKey(Role.PAYLOAD, "Il-76MD").text == "aircraft.Il-76MD.payload"
    assert StatementKey(Role.MASS, "box.v2").path == ("cargo", "box.v2", "mass")
    uses = StatementKey(Role.USES, 'ящик "Ω"', "slots.main")
    assert uses.text == 'cargo.ящик "Ω".uses.slots.main'
    assert StatementKey(Role.CLAIM, "hajun.84").text == "hajun.84"
    assert StatementKey(Role.FLIGHTS, "belarus shuttle").text == "belarus shuttle"


def test_keys_that_read_alike_are_different_statements() -> None:
    one = StatementKey(Role.LIMIT, "A", "x.limits.y")
    other = StatementKey(Role.LIMIT, "A.limits.x", "y")
    payload = StatementKey(Role.PAYLOAD, "A.limits.b")
    limit = StatementKey(Role.LIMIT, "A", "b.payload")
    assert one.text == other.text and payload.text == limit.text  # the same text ...
    assert len({one, other, payload, limit}) == 4  # ... but four statements
    assert StatementKey(Role.CLAIM, "g") != StatementKey(Role.FLIGHTS, "g")


def test_keys_are_frozen_hashable_ordered_and_picklable() -> None:
    keys = [
        StatementKey(Role.MASS, "b"),
        StatementKey(Role.CLAIM, "z"),
        StatementKey(Role.MASS, "a"),
        FLOOR,
    ]
    assert sorted(keys) == [keys[1], FLOOR, keys[2], keys[0]]  # role name, entry, field
    assert {k: 1 for k in keys}[StatementKey(Role.MASS, "a")] == 1
    assert pickle.loads(pickle.dumps(FLOOR)) == FLOOR
    with pytest.raises(AttributeError):
        FLOOR.entry = "other"  # type: ignore[misc]


def test_a_key_names_a_limit_exactly_when_its_role_has_one() -> None:
    with pytest.raises(ValueError):
        StatementKey(Role.LIMIT, "A")
    with pytest.raises(ValueError):
        StatementKey(Role.PAYLOAD, "A", "slots")
    with pytest.raises(TypeError):
        StatementKey("claim", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        _ = StatementKey(Role.CLAIM, "x").path  # a claim has no field path of its own


def test_roles_say_which_statements_are_values_of_entries() -> None:
    assert [r for r in Role if r.physical] == [Role.PAYLOAD, Role.LIMIT, Role.MASS, Role.USES]
    assert (Role.LIMIT.section, Role.USES.section) == ("aircraft", "cargo")


def test_a_reference_carries_its_key() -> None:
    claim = StatementRef("hajun.84", "claim", "84 missiles", 3, None, None)
    assert claim.key == StatementKey(Role.CLAIM, "hajun.84")
    floor = StatementRef.of(FLOOR, None, 9, "s", "Source", "20 m")
    assert (floor.id, floor.role, floor.key) == (FLOOR.text, "limit", FLOOR)
    assert pickle.loads(pickle.dumps(floor)) == floor
    moved = replace(floor, line=10)
    assert moved.key == FLOOR


def test_a_reference_never_disagrees_with_its_key() -> None:
    with pytest.raises(ValueError):  # a physical value's key cannot be read off its id
        StatementRef("aircraft.A.payload", "payload", None, None, None, None)
    with pytest.raises(ValueError):
        StatementRef("other", "limit", None, None, None, None, key=FLOOR)
    with pytest.raises(ValueError):
        replace(StatementRef("a", "claim", None, None, None, None), id="b")


def test_a_value_used_carries_its_key() -> None:
    used = ValueUsed(FLOOR.text, "20 m", 2000, "cm", "max", key=FLOOR)
    assert used.key == FLOOR
    with pytest.raises(ValueError):
        ValueUsed("aircraft.Il-76.MD.payload", "20 m", 2000, "cm", "max", key=FLOOR)
    with pytest.raises(ValueError):
        ValueUsed("c", "1", 1, "", "max", key=StatementKey(Role.CLAIM, "c"))
