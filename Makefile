# Touchbase: `make run` serves the app, `make test` passes the tests. Each installs what it needs.
SHELL := /bin/bash
# The newest Python 3.11+ that actually runs (a pyenv shim can exist without its version).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { command -v $$p; break; }; done)
VENV := backend/.venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
PYTEST_ARGS ?=

.PHONY: run install install-test migrate revision openapi lint fmt test contract bench clean

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Touchbase needs Python 3.11 or newer on the PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-install when the dependency list changes.
$(VENV)/.installed: $(VENV)/bin/python backend/pyproject.toml
	$(BIN)/pip install --quiet -e backend
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e 'backend[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install  ## apply migrations to TOUCHBASE_DATABASE_URL (default: data/touchbase.db)
	cd backend && .venv/bin/alembic upgrade head

run: migrate  ## serve the API under /api and the frontend at / on http://$(HOST):$(PORT)
	cd backend && .venv/bin/uvicorn app.main:create_app --factory --host $(HOST) --port $(PORT)

revision: install  ## make revision m="add a column": a migration from the models
	@test -n "$(m)" || { echo 'usage: make revision m="what changes"'; exit 1; }
	cd backend && .venv/bin/alembic revision --autogenerate -m "$(m)"

openapi: install  ## write openapi.yaml from the app
	cd backend && .venv/bin/python -m app.openapi ../openapi.yaml

lint: install-test
	cd backend && .venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy app

fmt: install-test
	cd backend && .venv/bin/ruff format . && .venv/bin/ruff check --fix .

test: install-test  ## the whole suite on SQLite, and on PostgreSQL where TOUCHBASE_TEST_POSTGRES_URL is set
	cd backend && .venv/bin/python -m pytest $(PYTEST_ARGS)

CONTRACT_EXAMPLES ?= 200
contract: install-test  ## schemathesis, every check, many examples, on each database (as make test)
	cd backend && TOUCHBASE_CONTRACT_EXAMPLES=$(CONTRACT_EXAMPLES) .venv/bin/python -m pytest \
		tests/test_schemathesis.py $(PYTEST_ARGS)

bench: install-test
	cd backend && .venv/bin/python ../bench/run.py $(BENCH_ARGS)

clean:  ## remove the virtualenv, caches and build leftovers; the database in data/ stays
	rm -rf $(VENV) backend/build backend/*.egg-info test-results \
		backend/.pytest_cache backend/.mypy_cache backend/.ruff_cache backend/.hypothesis
	find backend bench -name __pycache__ -type d -prune -exec rm -rf {} +
