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

.PHONY: run test test-postgres lint install clean-db messages translations

# Translations: the .po files are kept in git; the .mo files the app reads are built from
# them (again whenever a .po file changes), so `make run` and `make test` always use the
# current words. `make messages` extracts the catalogue and merges it into each .po file.
LANGUAGES := ru kk
PO_FILES := $(foreach l,$(LANGUAGES),tracker/translations/$(l)/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
#: the functions whose first argument (Plural: first two) is a message; tests/i18n reads this
BABEL_KEYWORDS := _ gettext ngettext:1,2 _l lazy_gettext N_ Message ServiceError ConflictError IllegalMove RowError:2 Text Plural:1,2

# (Re)install when pyproject.toml changes; creates .venv on a fresh clone.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) translations

translations: $(MO_FILES)

tracker/translations/%/LC_MESSAGES/messages.mo: tracker/translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output \
		$(foreach k,$(BABEL_KEYWORDS),-k $(k)) -o tracker/translations/messages.pot tracker templates
	$(foreach l,$(LANGUAGES),$(BIN)/pybabel update --no-fuzzy-matching \
		-i tracker/translations/messages.pot -d tracker/translations -l $(l);)

run: $(STAMP) translations
	$(BIN)/flask init-db
	$(BIN)/flask seed-demo --first-start
	@echo ""
	@echo "Accord Tracker is starting on http://127.0.0.1:5000 (Ctrl+C to stop)."
	TRACKER_SCHEDULER=$(TRACKER_SCHEDULER) $(BIN)/flask serve --host 127.0.0.1 --port 5000

test: $(STAMP) translations
	$(BIN)/python -m pytest

# The suite on a throw-away PostgreSQL cluster on loopback (installs PostgreSQL if needed).
test-postgres: $(STAMP) translations
	TRACKER_TEST_DATABASE_URL=$$(bash .ci/start-postgres) $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean-db:
	rm -f instance/tracker.db instance/tracker.db-wal instance/tracker.db-shm
