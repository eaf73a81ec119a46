# `make build` and `make test` each bootstrap .venv on a fresh machine (Python 3.11+), then do their job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: build test check lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Node tools for the tests (awesome-lint, axe-core), pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

build: $(STAMP)
	$(BIN)/awesome-vos build

# The data only (what a pull request needs): README.md and charts/ are regenerated on main. A maintainer checks
# that the committed ones are what the data generates with `.venv/bin/awesome-vos check --fresh`.
check: $(STAMP)
	$(BIN)/awesome-vos check
	$(BIN)/awesome-vos provenance --min-pinned 95

lint: $(STAMP)
	$(BIN)/ruff check src tests .ci/pr_report.py
	$(BIN)/ruff format --check src tests .ci/pr_report.py
	$(BIN)/mypy
	$(BIN)/mypy .ci/pr_report.py

# The data check comes first, so that a contributor's errors are the first thing the log (and GitHub's
# annotations) show.
test: $(STAMP) $(NODE_STAMP) check lint
	$(BIN)/python -m pytest

# Times the build, phase by phase, against Hugo (apt-get install hugo) on synthetic corpora of 1,348, 10,000
# and 100,000 papers; prints a table and the targets, writes benchmarks/results/latest.json.
# Options go through BENCH_ARGS, e.g. make bench BENCH_ARGS="--sizes 1348,10000 --repeats 5".
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) site node_modules
