# The two commands a new user runs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# What mypy checks (check_untyped_defs, settings in pyproject.toml): the core and every business
# module's services, queries and permissions, found by glob so a new module is covered by itself.
MYPY_SCOPE = sujarit/core $(filter-out sujarit/core/%,$(wildcard sujarit/*/services sujarit/*/services.py \
	sujarit/*/queries sujarit/*/queries.py sujarit/*/permissions sujarit/*/permissions.py))

.PHONY: run test lint install install-test messages migrate demo bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

messages: install
	$(BIN)/sujarit compilemessages-py

migrate: messages
	$(BIN)/sujarit migrate --noinput

demo: migrate
	$(BIN)/sujarit demo load

# A development server: DEBUG on, so it accepts the development SECRET_KEY (docs/OPERATIONS.md).
run: demo
	DEBUG=1 $(BIN)/sujarit runserver $(HOST)

test: install-test messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sujarit makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/mypy $(MYPY_SCOPE)

bench: install-test messages
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .pytest_cache build dist sujarit.egg-info
