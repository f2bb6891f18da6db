# Set-up, app, tests and notebook outputs. Every target sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8866
NOTEBOOKS := $(wildcard notebooks/*.ipynb)
# Voilà finds the course's page template (share/jupyter/voila/templates/kcourse) here;
# its settings are in voila.json, read from this directory.
export JUPYTER_PATH := $(CURDIR)/share/jupyter

.PHONY: setup app test lint notebooks validate bench clean

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

# Re-run every notebook and store its outputs (commit the result).
notebooks: setup
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=300 \
	  --ExecutePreprocessor.store_widget_state=False $(NOTEBOOKS)

# ruff, data validation, unit and widget tests, strict nbval, browser tests.
test: lint validate
	$(BIN)/python -m pytest tests notebooks --nbval $(PYTEST_ARGS)

# Benchmarks (not tests): each prints its numbers and writes bench/results/*.csv.
bench: setup
	$(BIN)/python -m bench.nbval_time
	$(BIN)/python -m bench.time_to_interactive
	$(BIN)/python -m bench.kernel_memory
	$(BIN)/python -m bench.concurrency
	$(BIN)/python -m bench.crowd_repeat --runs 5

clean:
	rm -rf $(VENV)
