# The two commands a new user types: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# What `make test` passes to pytest: e.g. `make test PYTEST_ARGS=tests/domain`.
PYTEST_ARGS ?=
# The Chromium the browser tests drive; .ci/system-deps installs Debian's when it is missing.
export TRACKER_CHROMIUM ?= /usr/bin/chromium
export FLASK_APP := tracker
# Development: a secret key is generated into instance/ (production refuses to start without one).
export TRACKER_ENV ?= development
# `make run` runs the scheduler inside the development server (once: no reloader).
TRACKER_SCHEDULER ?= embedded

.PHONY: run test test-postgres lint install clean-db messages translations system-deps

# Translations: the .po files are kept in git; the .mo files the app reads are built from
# them (again whenever a .po file changes), so `make run` and `make test` always use the
# current words. `make messages` extracts the catalogue and merges it into each .po file.
LANGUAGES := ru kk
PO_FILES := $(foreach l,$(LANGUAGES),tracker/translations/$(l)/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
#: the functions whose first argument (Plural: first two) is a message; tests/i18n reads this
BABEL_KEYWORDS := _ gettext ngettext:1,2 _l lazy_gettext N_ Message ServiceError ConflictError IllegalMove RowError:2 Text Plural:1,2 counted_message:1,2

# System packages (.ci/system-deps): checked before anything is installed; as root the
# missing ones are installed, otherwise make stops with the one command to run. Every
# target needs python3-venv; the test suite also needs Chromium, openssl and wrk.
SYSTEM_DEPS := python3-venv
test test-postgres: SYSTEM_DEPS := python3-venv chromium openssl wrk
system-deps:
	@PYTHON=$(PYTHON) bash .ci/system-deps $(SYSTEM_DEPS)

# $(call quietly,COMMANDS,LOG): run COMMANDS with their output in LOG, shown only on failure.
quietly = { $(1); } >$(2) 2>&1 || { tail -n 40 $(2); echo "Failed; full log: $(2)"; exit 1; }

# (Re)install when pyproject.toml changes; creates .venv on a fresh clone. pip's output goes
# to $(VENV)/install.log.
$(STAMP): pyproject.toml | system-deps
	@echo "Installing Python packages into $(VENV) (log: $(VENV)/install.log) ..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(call quietly,$(BIN)/python -m pip install --upgrade pip && $(BIN)/python -m pip install -e '.[dev]',$(VENV)/install.log)
	@touch $(STAMP)

install: $(STAMP) translations

translations: $(MO_FILES)

tracker/translations/%/LC_MESSAGES/messages.mo: tracker/translations/%/LC_MESSAGES/messages.po $(STAMP)
	@echo "Compiling $@"
	@$(BIN)/pybabel --quiet compile -i $< -o $@

messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output \
		$(foreach k,$(BABEL_KEYWORDS),-k $(k)) -o tracker/translations/messages.pot tracker templates
	$(foreach l,$(LANGUAGES),$(BIN)/pybabel update --no-fuzzy-matching \
		-i tracker/translations/messages.pot -d tracker/translations -l $(l);)

# `flask serve` ends its start-up with the address, the demo logins, where mail goes and how
# to stop (seed-demo's own list of the logins is not shown, so they appear once, last).
# The migrations' log goes to $(VENV)/init-db.log.
run: $(STAMP) translations
	@$(call quietly,$(BIN)/flask init-db,$(VENV)/init-db.log) && tail -n 1 $(VENV)/init-db.log
	@out=$$($(BIN)/flask seed-demo --first-start) && printf '%s\n' "$$out" | sed -n 1p
	@TRACKER_SCHEDULER=$(TRACKER_SCHEDULER) $(BIN)/flask serve --host 127.0.0.1 --port 5000

# Every property test runs derandomised; those marked `explore` then explore un-derandomised
# for their share of EXPLORE_SECONDS, with the seed printed (tests/explore.py; 0: off).
EXPLORE_SECONDS ?= 60
# The suite runs in parallel (pytest-xdist): one worker per core (`auto`), each with its own
# database; a worker that runs out of tests takes some from another's queue (worksteal).
# `make test PYTEST_WORKERS=0` runs it in this one process.
PYTEST_WORKERS ?= auto
# Bytecode is written (and so read back) during the tests, even where the environment says
# not to (PYTHONDONTWRITEBYTECODE): each worker and each `flask`, gunicorn and pytest process
# the tests start would otherwise compile the app and re-rewrite the tests from source.
test test-postgres: export PYTHONDONTWRITEBYTECODE :=
PYTEST := $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal --explore-seconds=$(EXPLORE_SECONDS)

test: $(STAMP) translations
	$(PYTEST) $(PYTEST_ARGS)

# The suite on a throw-away PostgreSQL cluster on loopback (installs PostgreSQL if needed).
test-postgres: $(STAMP) translations
	TRACKER_TEST_DATABASE_URL=$$(bash .ci/start-postgres) $(PYTEST) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean-db:
	rm -f instance/tracker.db instance/tracker.db-wal instance/tracker.db-shm
