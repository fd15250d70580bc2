# Set-up is part of every target: a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SCENARIO ?= scenarios/belarus-2022.yaml

.PHONY: run test bench lint check clean fuzz screenshot

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/airlift solve $(SCENARIO)

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The benchmarks also need the `bench` extra (scipy, for the MILP reference of bench/milp.py).
bench: $(STAMP)
	$(BIN)/python -c 'import scipy' 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m pytest bench -q --benchmark-only --benchmark-columns=min,mean,max,rounds

# Static checks only (fast; no tests): lint, format, types, import layers (pyproject.toml).
check: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(BIN)/lint-imports --no-cache

lint: check

# The README's picture of the flagship's HTML report, taken by the browser tests' own run
# (tests/browser; needs Debian's chromium: apt-get install chromium).
screenshot: $(STAMP)
	AIRLIFT_SCREENSHOT=docs/html-report.png $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/browser -k flagship

# A long fuzz run: FUZZ_COUNT mutants of the shipped scenarios through airlift check and
# solve, each within its budget (a short run is part of make test: tests/test_fuzz.py).
# FUZZ_FIRST=schedule_,leg_ runs only mutants whose first family is a schedule or leg one.
FUZZ_COUNT ?= 1000
FUZZ_SEED ?= 0
FUZZ_FIRST ?=
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz.runner --count $(FUZZ_COUNT) --seed $(FUZZ_SEED) \
		--first "$(FUZZ_FIRST)"

clean:
	rm -rf $(VENV) .pytest_cache .benchmarks build src/*.egg-info
