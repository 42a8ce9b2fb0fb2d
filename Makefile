# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run test lint system-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Serve the demo on the embedded SQLite database at http://127.0.0.1:8000
run: setup
	$(BIN)/propcore migrate
	$(BIN)/propcore demo --if-empty
	$(BIN)/propcore serve

# Every test: unit, integration (SQLite, PostgreSQL), end to end (API, Chromium)
test: setup system-deps
	$(BIN)/pytest

LINTED := $(wildcard src tests examples benchmarks)

lint: setup
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/ruff check $(LINTED)

# Chromium and CJK fonts come from Debian, not pip
system-deps:
	scripts/system-deps.sh

bench: setup
	@ls benchmarks/*.py >/dev/null 2>&1 && for b in benchmarks/*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
