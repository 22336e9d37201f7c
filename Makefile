# Gương: `make run` serves the demo, `make test` runs the whole suite (SQLite, then PostgreSQL
# with the browser tests). Both start from nothing: they create .venv and install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1:8000

.PHONY: run test install lint format assets messages bench clean

$(BIN)/guong: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip setuptools wheel
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/guong

install: $(BIN)/guong

run: install
	$(BIN)/guong migrate --no-input -v 0
	$(BIN)/guong demo --if-empty
	$(BIN)/guong runserver $(HOST)

test: install
	$(BIN)/ruff check src tests bench
	GUONG_DATABASE_URL= $(BIN)/pytest -q -m "not browser"
	GUONG_DATABASE_URL=$(PG_URL) $(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Front-end assets come from the npm registry and are vendored under src/guong/static/vendor.
assets:
	cd assets && npm ci --no-audit --no-fund && node copy.mjs

messages: install
	cd src/guong && ../../$(BIN)/guong makemessages -l vi --no-obsolete && ../../$(BIN)/guong compilemessages -l vi

bench: install
	GUONG_DATABASE_URL=$(PG_URL) $(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var
