# Set-up, app, tests and notebook outputs. Every target sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8866
CHROMIUM ?= /usr/bin/chromium
# Voilà reads its settings from voila.json in this directory; the install puts the
# course's page template where Voilà looks (pyproject.toml, shared-data).
TEMPLATE := $(wildcard share/jupyter/voila/templates/kcourse/*)

.PHONY: setup app test test-fast lint typecheck notebooks validate bench clean

$(STAMP): pyproject.toml $(TEMPLATE)
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
test: lint typecheck validate $(CHROMIUM)
	$(BIN)/python -m pytest tests notebooks --nbval $(PYTEST_ARGS)

# The browser tests drive Debian's Chromium (Playwright cannot fetch its own here).
# As root (CI), install it; otherwise stop before the tests with the one command to run.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && apt-get install -y -qq chromium; \
	else \
	  echo "make test needs Chromium for its browser tests: run 'sudo apt-get install -y chromium', then 'make test' again." >&2; \
	  exit 1; \
	fi

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
