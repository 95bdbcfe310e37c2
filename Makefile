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

.PHONY: run install install-test lock migrate revision openapi lint fmt test contract bench bench-notify bench-pbp bench-postings eval-postings eval-replies train-readers clean

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Touchbase needs Python 3.11 or newer on the PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The locks pin every package with its hashes; pyproject.toml names the direct dependencies.
LOCK := backend/requirements.lock
LOCK_TEST := backend/requirements-test.lock

# Stamps re-install when the lock or the project changes. The project itself goes in without
# dependencies: everything it needs comes from the lock.
$(VENV)/.installed: $(VENV)/bin/python $(LOCK) backend/pyproject.toml
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e backend
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed $(LOCK_TEST)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK_TEST)
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# uv resolves for every platform and Python from 3.11 on, keeping the pins it already has;
# the app's lock is held to the test lock's versions, so both install the same packages.
UV_COMPILE = $(BIN)/uv pip compile backend/pyproject.toml --quiet --generate-hashes --universal \
	--python-version 3.11 --custom-compile-command 'make lock'

lock: install-test  ## re-resolve both locks after a change to pyproject.toml's dependencies
	$(UV_COMPILE) --extra test -o $(LOCK_TEST)
	$(UV_COMPILE) -c $(LOCK_TEST) -o $(LOCK)

migrate: install  ## apply migrations to TOUCHBASE_DATABASE_URL (default: data/touchbase.db)
	cd backend && .venv/bin/alembic upgrade head

run: migrate  ## serve the API under /api and the frontend at / on http://$(HOST):$(PORT)
	cd backend && .venv/bin/uvicorn app.main:create_app --factory --host $(HOST) --port $(PORT)

revision: install  ## make revision m="add a column": a migration from the models
	@test -n "$(m)" || { echo 'usage: make revision m="what changes"'; exit 1; }
	cd backend && .venv/bin/alembic revision --autogenerate -m "$(m)"

openapi: install  ## write openapi.yaml from the app
	cd backend && .venv/bin/python -m app.openapi ../openapi.yaml

lint: install-test  ## ruff, the format check and mypy --strict on the app (pyproject's [tool.mypy])
	cd backend && .venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy app

fmt: install-test
	cd backend && .venv/bin/ruff format . && .venv/bin/ruff check --fix .

TEST_WORKERS ?= 2
# worksteal, not xdist's default load: load hands out tests by count, so the worker whose share
# held the browser tests ran 250 s after the other had finished; worksteal splits the suite in
# two and an idle worker takes half of what the other has left.
test: install-test  ## the whole suite on SQLite, and on PostgreSQL where TOUCHBASE_TEST_POSTGRES_URL is set
	cd backend && .venv/bin/python -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

CONTRACT_EXAMPLES ?= 200
contract: install-test  ## schemathesis, every check and phase, many examples, on each database
	cd backend && TOUCHBASE_CONTRACT_EXAMPLES=$(CONTRACT_EXAMPLES) \
		TOUCHBASE_CONTRACT_COVERAGE=sqlite,postgresql .venv/bin/python -m pytest \
		tests/test_schemathesis.py $(PYTEST_ARGS)

bench: install-test
	cd backend && .venv/bin/python ../bench/run.py $(BENCH_ARGS)

bench-notify: install-test  ## digests and webhook deliveries with 1 and 3 worker processes, on PostgreSQL
	cd backend && .venv/bin/python ../bench/notify.py $(BENCH_ARGS)

bench-pbp: install-test  ## the peer tracker MadGapun/PBP under bench's load (BENCH_ARGS="--touchbase-results data/bench/results.json")
	cd backend && .venv/bin/python ../bench/pbp.py $(BENCH_ARGS)

bench-postings: install  ## median milliseconds the posting reader takes (a typical posting, 50,000 characters)
	cd backend && .venv/bin/python ../bench/postings.py $(BENCH_ARGS)

eval-postings: install  ## how well the posting analyzer reads the labelled corpus, both splits
	cd backend && .venv/bin/python -m tests.reading.eval_postings $(EVAL_ARGS)

eval-replies: install-test  ## how well the reply reader reads the labelled replies, both splits
	cd backend && .venv/bin/python -m tests.reading.eval_replies $(EVAL_ARGS)

train-readers: install-test  ## retrain the readers' models (app/reading/models/*.json) from the dev split only
	cd backend && .venv/bin/python -m tests.reading.training

clean:  ## remove the virtualenv, caches and build leftovers; the database in data/ stays
	rm -rf $(VENV) backend/build backend/*.egg-info test-results \
		backend/.pytest_cache backend/.mypy_cache backend/.ruff_cache backend/.hypothesis
	find backend bench -name __pycache__ -type d -prune -exec rm -rf {} +
