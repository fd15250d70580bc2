"""The fuzz harness: its mutator, its judge of outcomes, and a short fuzz run of airlift.

The short run is the point: mutants of the shipped scenarios (missing, misspelt and re-typed
keys, edge and huge quantities, tags, alias bombs, deep nesting, byte garbage, BOM and CRLF,
JSON, thousands of flight groups) must each make airlift exit 0, or 2 with every problem
located at ``file:line``, within its budget. ``make fuzz`` runs the same over 1,000 mutants.
The other tests check the harness itself, so that a passing run means something.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest

from tests.fuzz import mutator
from tests.fuzz.mutator import FAMILIES, TEXT_FAMILIES, TREE_FAMILIES, Context, generate, mutate
from tests.fuzz.runner import ACCEPTED, Budgets, Outcome, classify, fuzz, run_mutant

#: The short run: two mutants per family as its first, a fixed seed, every fourth one solved.
SHORT_RUN_SEED = 20_261_125
SHORT_RUN_COUNT = 2 * len(FAMILIES)

CORPUS = mutator.default_corpus()


# --- the mutator -----------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(FAMILIES)))
def test_a_mutant_is_a_function_of_seed_and_index(index: int) -> None:
    first, again = generate(7, index), generate(7, index)
    assert (first.data, first.base, first.families) == (again.data, again.base, again.families)
    assert generate(8, index).data != first.data


def test_the_mutator_command_writes_the_same_bytes(tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    assert mutator.main(["--seed", "3", "--index", "4", "-o", str(out)]) == 0
    assert out.read_bytes() == generate(3, 4).data


def test_consecutive_indices_start_with_every_family() -> None:
    firsts = [generate(0, i).families for i in range(len(FAMILIES))]
    assert [FAMILIES[i] in fams for i, fams in enumerate(firsts)] == [True] * len(FAMILIES)
    assert all(1 <= len(fams) <= 3 for fams in firsts)


@pytest.mark.parametrize("as_json", [False, True])
@pytest.mark.parametrize("base", CORPUS.names)
def test_writing_back_keeps_every_value(base: str, as_json: bool) -> None:
    """Unmutated data written back reads as the same data (``NO`` stays text, ids stay ids)."""
    tree = CORPUS.trees[base]
    text = mutator.serialise(tree, Context(random.Random(1)), as_json=as_json)
    assert mutator.load_tree(text) == tree


@pytest.mark.parametrize("family", list(TREE_FAMILIES))
def test_each_tree_family_changes_the_data(family: str) -> None:
    for base in CORPUS.names:
        for k in range(5):
            original = CORPUS.trees[base]
            ctx = Context(random.Random(k))
            changed = TREE_FAMILIES[family](copy.deepcopy(original), ctx)
            # repr, not ==: a count 1 made 1.0 is equal in Python but not in the file.
            assert repr(changed) != repr(original), (family, base, k)
            assert ctx.notes, (family, base, k)


@pytest.mark.parametrize("family", list(TEXT_FAMILIES))
def test_each_text_family_changes_the_bytes(family: str) -> None:
    for base in CORPUS.names:
        for k in range(5):
            body, _, _, _ = mutate(base, (family,), random.Random(k))
            assert body != CORPUS.texts[base].encode("utf-8"), (family, base, k)


@pytest.mark.parametrize("base", CORPUS.names)
def test_the_json_family_writes_the_same_data_as_json(base: str) -> None:
    body, suffix, _, files = mutate(base, ("json",), random.Random(0), stem="m")
    assert body != CORPUS.texts[base].encode("utf-8")
    data = json.loads(body)
    assert suffix in {".json", ".yaml"}
    # A leg file the scenario includes travels with the mutant, renamed after its stem.
    expected = copy.deepcopy(CORPUS.trees[base])
    for entry in expected.get("legs") or []:
        original = CORPUS.folder / entry["file"]
        entry["file"] = f"m-{original.name}"
        assert (entry["file"], original.read_bytes()) in files
    assert data == expected


def test_huge_counts_reach_a_flight_count() -> None:
    hits = set()
    for k in range(40):
        ctx = Context(random.Random(k))
        data = mutator.huge_count(copy.deepcopy(CORPUS.trees["belarus-2022.yaml"]), ctx)
        hits.add(repr(data["flights"][0]["count"]))
    assert {repr(2**53 + 1), repr(2**63)} & hits


def test_many_groups_gives_unique_ids() -> None:
    data = mutator.many_groups(
        copy.deepcopy(CORPUS.trees["berlin-1948.yaml"]), Context(random.Random(2))
    )
    ids = [g["id"] for g in data["flights"]]
    assert len(ids) >= 100
    assert len(set(ids)) == len(ids)


# --- the judge -------------------------------------------------------------------------------

F = "/tmp/x/s1-i2.yaml"


@pytest.mark.parametrize(
    ("code", "stdout", "stderr", "expected"),
    [
        (0, "report", "", Outcome.OK),
        (0, "{}", "", Outcome.OK),
        (2, "", f"{F}:3:5: cargo.c.mass: bad unit\n{F}:9: flights: missing\n", Outcome.LOCATED),
        (2, "", f"{F}:3:5: fine\n{F}: the YAML is nested too deeply to read\n", Outcome.UNLOCATED),
        (2, "", f"{F}:0:0: a line 0 is no line\n", Outcome.UNLOCATED),
        (2, "", "/tmp/x/other.yaml:3:5: another file\n", Outcome.UNLOCATED),
        (2, "", "", Outcome.UNLOCATED),
        (2, "", f"warning: {F}:4:9: says: cut short\n{F}:5:1: x: y\n", Outcome.LOCATED),
        (2, "", f"warning: {F}:4:9: says: cut short\n", Outcome.UNLOCATED),
        (2, "", f"warning: says: cut short\n{F}:5:1: x: y\n", Outcome.UNLOCATED),
        (0, "", f"warning: {F}:4:9: says: cut short\n", Outcome.OK),
        (2, "", "Usage: airlift check [OPTIONS] FILE\nError: no such option\n", Outcome.UNLOCATED),
        (3, "", "internal error (a bug in airlift): ValueError: x\n", Outcome.CRASH),
        (1, "", "", Outcome.CRASH),
        (-9, "", "", Outcome.CRASH),
        (2, "", f"{F}:1:1: x\nTraceback (most recent call last):\n", Outcome.CRASH),
        (None, "", "", Outcome.HANG),
    ],
)
def test_outcomes_are_classified(
    code: int | None, stdout: str, stderr: str, expected: Outcome
) -> None:
    assert classify(code, stdout, stderr, F)[0] is expected


def test_json_output_must_be_json() -> None:
    assert classify(0, "not json", "", F, expect_json=True)[0] is Outcome.CRASH
    assert classify(0, '{"status": "feasible"}', "", F, expect_json=True)[0] is Outcome.OK


def test_a_run_past_its_budget_is_a_hang(tmp_path: Path) -> None:
    """A run given 0.01 s cannot even import ortools: the harness must stop it and say so."""
    mutant = generate(0, 1)
    result = run_mutant(mutant, tmp_path, solve=True, budgets=Budgets(check=0.01, solve=0.01))
    assert [run.outcome for run in result.runs] == [Outcome.HANG, Outcome.HANG]
    assert list(tmp_path.iterdir()) == []


# --- the short fuzz run ----------------------------------------------------------------------


@pytest.mark.slow
def test_short_fuzz_run_exits_0_or_2_with_a_line() -> None:
    """Every mutant exits 0, or 2 with each problem at ``file:line``, within its budget.

    ``check`` runs on every mutant and ``solve`` on every fourth; a failure's message is its
    reproducer (seed, index, families, command and the end of stderr).
    """
    results = fuzz(SHORT_RUN_SEED, range(SHORT_RUN_COUNT), solve_if=lambda i: i % 4 == 0, jobs=2)
    failing = [r for r in results if r.outcome not in ACCEPTED]
    report = "\n\n".join(r.report() for r in failing)
    failed = len(failing)  # a plain number, so pytest does not print the results' repr too
    assert failed == 0, f"{failed} of {len(results)} mutants failed:\n\n{report}"
