"""``airlift import``: the leg file it writes, the summary it prints, and its errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from airlift import cli
from airlift.report.legs_text import render_leg_summary
from airlift.tracks import import_flight_data, legs_csv, read_legs, summarize

DATA = Path(__file__).resolve().parents[1] / "data" / "tracks"
OPENSKY = DATA / "opensky" / "flightlist_20200801_20200831.csv"
TRACES = sorted((DATA / "readsb").rglob("trace_full_*.json"))


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_without_output_the_leg_file_goes_to_stdout_and_the_summary_to_stderr() -> None:
    result = _run("import", "opensky", str(OPENSKY))
    assert result.exit_code == 0, result.stderr
    imported = import_flight_data("opensky", [OPENSKY])
    assert result.stdout == legs_csv(imported.legs)
    title = "Legs from 1 file read as opensky"
    assert result.stderr == render_leg_summary(
        summarize(imported.legs, imported.notes), title=title
    )


def test_with_output_it_writes_the_file_and_prints_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "legs.csv"
    result = _run("import", "adsbx", *map(str, TRACES), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    legs = read_legs(out)
    assert len(legs) == 4
    assert f"Wrote 4 legs to {out}." in result.stdout
    assert "Counts from tracking are lower bounds" in result.stdout
    assert "2 distinct airframes" in result.stdout
    # the same input gives the same bytes
    again = tmp_path / "again.csv"
    _run("import", "readsb", *map(str, TRACES), "-o", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_given_type_and_registration_reach_the_legs(tmp_path: Path) -> None:
    out = tmp_path / "legs.csv"
    fr24 = DATA / "fr24" / "Flight_RCH871_(2b8a4c1f).csv"
    result = _run(
        "import", "fr24", str(fr24), "--type", "C17", "--registration", "02-1109", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    (leg,) = read_legs(out)
    assert (leg.aircraft_type, leg.registration) == ("C17", "02-1109")
    assert "C17" in result.stdout and "C-17A" in result.stdout  # its catalogue aircraft


def test_user_errors_exit_2_with_their_file_and_row() -> None:
    result = _run("import", "opensky", str(DATA / "opensky" / "bad.csv"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(f"{DATA / 'opensky' / 'bad.csv'}:2:33: ")
    assert "Traceback" not in result.output
    result = _run("import", "opensk", str(OPENSKY))
    assert result.exit_code == 2 and "did you mean 'opensky'?" in result.stderr
    result = _run("import", "opensky", str(DATA / "nothing.csv"))
    assert result.exit_code == 2 and "does not exist" in result.stderr
