# The two commands a new user types: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export FLASK_APP := tracker
# Development: a secret key is generated into instance/ (production refuses to start without one).
export TRACKER_ENV ?= development
# `make run` runs the scheduler inside the development server (once: no reloader).
TRACKER_SCHEDULER ?= embedded

.PHONY: run test test-postgres lint install clean-db

# (Re)install when pyproject.toml changes; creates .venv on a fresh clone.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/flask init-db
	$(BIN)/flask seed-demo --first-start
	@echo ""
	@echo "Accord Tracker is starting on http://127.0.0.1:5000 (Ctrl+C to stop)."
	TRACKER_SCHEDULER=$(TRACKER_SCHEDULER) $(BIN)/flask serve --host 127.0.0.1 --port 5000

test: $(STAMP)
	$(BIN)/python -m pytest

# The suite on a throw-away PostgreSQL cluster on loopback (installs PostgreSQL if needed).
test-postgres: $(STAMP)
	TRACKER_TEST_DATABASE_URL=$$(bash .ci/start-postgres) $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean-db:
	rm -f instance/tracker.db instance/tracker.db-wal instance/tracker.db-shm
