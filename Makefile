# Set-up, app, tests and notebook outputs. Every target sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8866
# Voilà finds the course's page template (share/jupyter/voila/templates/kcourse) here;
# its settings are in voila.json, read from this directory.
export JUPYTER_PATH := $(CURDIR)/share/jupyter

.PHONY: setup app test test-fast lint typecheck notebooks validate bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

app: validate
	@echo "The course is at http://127.0.0.1:$(PORT)/voila/render/index.ipynb (Ctrl+C stops it)"
	$(BIN)/voila notebooks --port=$(PORT)

validate: setup
	$(BIN)/python -m widgets validate

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

# Re-run every notebook and store its outputs (commit the result). The same bytes
# every run: a re-run with no change to the course leaves git clean.
notebooks: setup
	$(BIN)/python -m widgets build-notebooks

# ruff, mypy, data validation, then every test tier (docs/architecture.md): unit and
# widget tests, the layer and question-type checks, strict nbval, browser, load and
# install tests.
test: lint typecheck validate
	$(BIN)/python -m pytest tests notebooks --nbval $(PYTEST_ARGS)

# The unit tier only (about a minute): for local work between full runs.
test-fast: lint typecheck validate
	$(BIN)/python -m pytest tests notebooks --nbval -m "not browser and not install" $(PYTEST_ARGS)

# Benchmarks (not tests): each prints its numbers and writes bench/results/*.csv.
bench: setup
	$(BIN)/python -m bench.nbval_time
	$(BIN)/python -m bench.time_to_interactive
	$(BIN)/python -m bench.kernel_memory
	$(BIN)/python -m bench.concurrency
	$(BIN)/python -m bench.crowd_repeat --runs 5

clean:
	rm -rf $(VENV)
