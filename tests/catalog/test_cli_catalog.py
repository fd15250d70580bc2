"""`airlift catalog` lists and shows entries; `airlift new` writes a skeleton that validates."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from airlift.cli import main
from airlift.scenario import load_scenario


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_catalog_lists_aircraft_then_cargo_with_sources_or_estimate() -> None:
    code, out, _ = _run("catalog")
    assert code == 0
    assert (
        out.index("Aircraft")
        < out.index("Il-76MD")
        < out.index("Cargo")
        < out.index("48N6-canister")
    )
    assert "40 t - 48 t" in out and "ESTIMATE" in out and "britannica" in out
    assert all(len(line) <= 100 for line in out.splitlines())
    assert out == _run("catalog")[1]  # the same bytes every time


def test_catalog_name_shows_the_entry_and_its_sources() -> None:
    code, out, _ = _run("catalog", "C-17A")
    assert code == 0
    assert 'payload: {min: "164,900 lb", max: "170,900 lb"}' in out
    assert "limits: {pallet_positions: 18, seats: 102}" in out
    assert "bloomberg-c17: Bloomberg, 2016-01-29" in out
    assert "aircraft: {C-17A: {catalog: C-17A}}" in out
    code, out, _ = _run("catalog", "48N6-canister")
    assert code == 0 and "estimate: No public figure for a loaded canister" in out


def test_an_unknown_catalogue_name_is_a_user_error_with_a_suggestion() -> None:
    code, out, err = _run("catalog", "C17A")
    assert code == 2 and out == ""
    assert err.startswith("error: unknown catalogue entry 'C17A'; did you mean 'C-17A'?")
    assert "Traceback" not in err


def test_new_writes_a_skeleton_that_validates_and_uses_the_catalogue(tmp_path: Path) -> None:
    code, out, _ = _run("new")
    assert code == 0 and out.startswith("# A new airlift scenario.")
    target = tmp_path / "case.yaml"
    code, _, err = _run("new", "-o", str(target))
    assert code == 0 and "airlift check" in err
    assert target.read_text(encoding="utf-8") == out
    loaded = load_scenario(target)
    assert {a.catalog for a in loaded.scenario.aircraft.values()} == {"Il-76MD"}
    assert all(c.catalog for c in loaded.scenario.cargo.values())
    code, out, _ = _run("check", str(target))
    assert code == 0 and out.endswith(": ok (1 flight group, 2 claims)\n")
    code, _, err = _run("new", "-o", str(target))
    assert code == 2 and "exists" in err
    assert _run("new", "-o", str(target), "--force")[0] == 0
