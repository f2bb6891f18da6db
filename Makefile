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
# `make hub`: JupyterHub's proxy, from npm (deploy/hub/package.json), and its port.
HUB_PROXY := deploy/hub/node_modules/.bin/configurable-http-proxy
HUB_PORT ?= 8000
# npm comes from Debian (nodejs npm), installed below like Chromium. Defined before the
# rules that name it: make expands a prerequisite when it reads the rule, so a later
# definition leaves it empty and npm is never installed.
NPM ?= /usr/bin/npm

.PHONY: setup app lab hub test test-fast lint typecheck figures notebooks validate bench clean

# A venv that has no working pip (a set-up cut short, or made before Debian's venv
# module was there) is made again; a venv that fails to be made is removed, so the
# next run starts clean. Debian's python3 makes venvs only with python3-venv.
$(STAMP): pyproject.toml $(TEMPLATE)
	@$(BIN)/python -c 'import pip' 2>/dev/null || $(PYTHON) -c 'import ensurepip' 2>/dev/null || { $(call debian,python3-venv); }
	$(BIN)/python -c 'import pip' 2>/dev/null || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,hub,figures]'
	touch $(STAMP)

setup: $(STAMP)

app: validate
	@echo "The course is at http://127.0.0.1:$(PORT)/voila/render/index.ipynb (Ctrl+C stops it)"
	$(BIN)/python -m widgets.server notebooks --port=$(PORT)

# The course in JupyterLab for a learner: its pages open read-only, so nothing a
# learner does there changes the repository's notebooks (widgets/server/lab.py).
LAB_PORT ?= 8888
lab: validate
	@echo "JupyterLab is at http://127.0.0.1:$(LAB_PORT)/lab (Ctrl+C stops it)"
	$(BIN)/python -m widgets.server.lab --no-browser --ServerApp.ip=127.0.0.1 \
		--port=$(LAB_PORT) --ServerApp.root_dir=notebooks

# JupyterHub for a class on this machine (docs/deploy.md): sign-in, one course
# server per learner, idle servers stopped. KCOURSE_CLASS_LIST=<file> names the class.
hub: validate $(HUB_PROXY)
	@echo "The hub is at http://127.0.0.1:$(HUB_PORT)/ (Ctrl+C stops it)"
	KCOURSE_HUB_PORT=$(HUB_PORT) $(BIN)/jupyterhub -f deploy/jupyterhub_config.py

$(HUB_PROXY): deploy/hub/package.json deploy/hub/package-lock.json | $(NPM)
	cd deploy/hub && npm ci --silent
	touch $(HUB_PROXY)

validate: setup
	$(BIN)/python -m widgets validate

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

# Draw the figures (course_data/figures.yaml) from their tables as SVG files in
# course_data/figures/ (commit the result). The same bytes every run.
figures: setup
	$(BIN)/python -m widgets build-figures

# Re-run every notebook and store its outputs (commit the result). The same bytes
# every run: a re-run with no change to the course leaves git clean. The pages show
# the figures, so they are drawn first.
notebooks: figures
	$(BIN)/python -m widgets build-notebooks

# ruff, mypy, data validation, then every test tier (docs/architecture.md): unit and
# widget tests, the layer and question-type checks, strict nbval, browser, load and
# install tests.
test: lint typecheck validate $(CHROMIUM) $(HUB_PROXY)
	$(BIN)/python -m pytest tests notebooks --nbval $(PYTEST_ARGS)

# Programs from Debian: the browser tests drive Debian's Chromium (Playwright cannot
# fetch its own here), and the hub's proxy needs Node.js and npm. As root (CI),
# install what is missing; otherwise stop with the one command to run.
$(CHROMIUM):
	@$(call debian,chromium)
$(NPM):
	@$(call debian,nodejs npm)
define debian
if [ "$$(id -u)" = 0 ]; then \
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); \
else \
  echo "make $(MAKECMDGOALS) needs $(1): run 'sudo apt-get install -y $(1)', then 'make $(MAKECMDGOALS)' again." >&2; \
  exit 1; \
fi
endef

# The unit tier only (about a minute): for local work between full runs.
test-fast: lint typecheck validate
	$(BIN)/python -m pytest tests notebooks --nbval -m "not browser and not install" $(PYTEST_ARGS)

# Benchmarks (not tests): each prints its numbers and writes bench/results/*.csv.
bench: setup $(HUB_PROXY)
	$(BIN)/python -m bench.nbval_time
	$(BIN)/python -m bench.time_to_interactive
	$(BIN)/python -m bench.kernel_memory
	$(BIN)/python -m bench.concurrency
	$(BIN)/python -m bench.crowd_repeat --runs 5
	$(BIN)/python -m bench.wire_bytes
	$(BIN)/python -m bench.burst

clean:
	rm -rf $(VENV) deploy/hub/node_modules
