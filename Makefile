# Two commands do everything: `make run` and `make test`. Each sets up .venv on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint bench install clean

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,video]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps 'mediapipe==0.10.21'
	@touch $@

# Migrates the database, makes the local runner's account and serves the web app on
# http://127.0.0.1:8000, printing a one-time sign-in link.
run: $(INSTALLED)
	@$(BIN)/hipstride serve

lint: $(INSTALLED)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# Debian packages (poppler-utils for rendering PDFs; PostgreSQL) are installed by these
# scripts when run as root, as in CI; otherwise they say what to install.
SYSTEM_TOOLS := pdftoppm:poppler-utils chromium:chromium

# axe-core for the browser tests' accessibility checks, from package-lock.json; npm ci only
# when the lock file is newer than what node_modules holds.
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test: lint $(NODE_STAMP)
	@bash scripts/ensure-system-packages.sh $(SYSTEM_TOOLS)
	@url="$$(bash scripts/ensure-postgres.sh)" && export HIPSTRIDE_TEST_POSTGRES_URL="$$url" && $(BIN)/python -m pytest

# The web load test runs on SQLite and, through the same script as the tests, PostgreSQL.
bench: $(INSTALLED)
	@url="$$(bash scripts/ensure-postgres.sh)" && export HIPSTRIDE_TEST_POSTGRES_URL="$$url" && $(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build
