# make site   install what is needed (pinned), then build the whole site into site/
# make test   run every test, browser tests included (installs Debian's chromium and fonts if missing),
#             then lists its 20 slowest tests
# make test-fast  tests/unit and tests/story: no site build, no browser (about a minute)
# make lint   ruff: lint and format check (`make format` rewrites the files)
# make serve  preview at http://127.0.0.1:8000 with live reload
# make refresh-check  ask the live UNHCR API whether it still answers as `make refresh` reads it
# make refresh  fetch a new UNHCR release into data/raw/ (see below)
# make bench   measure build times, page weights, Lighthouse and axe-core scores
# make shots  screenshots of the built site (desktop and phone, light and dark) in build/screenshots/

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEPS := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Python keeps the project's compiled modules in build/pycache/, out of the source tree, even where
# the environment asks it to write none (PYTHONDONTWRITEBYTECODE): recompiling the generator on every
# run would cost each build about a tenth of a second; the installed packages are compiled already.
export PYTHONPYCACHEPREFIX := $(CURDIR)/build/pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: site test test-fast lint format serve shots chart-shots bench pipeline refresh refresh-check lock chromium fonts clean

# The fonts every tool draws the site's Latin text with, so that a page, a print and a chart are laid
# out alike on every machine: Liberation Sans, which vl-convert bundles and lays the static drawings
# out with, and which fontconfig gives chromium for the theme's Helvetica and Arial; DejaVu for
# glyphs it lacks. (Debian installs chromium's recommended fonts-liberation only without
# --no-install-recommends; vl-convert reads no system font for Latin text.)
DEBIAN_FONTS := fonts-liberation2 fonts-dejavu-core

site: $(DEPS) fonts
	$(BIN)/python -m scripts.generator.build_site

# --durations: what each change costs in time shows in every run.
test: $(DEPS) chromium
	$(BIN)/python -m pytest --durations=20

test-fast: $(DEPS)
	$(BIN)/python -m pytest tests/unit tests/story

lint: $(DEPS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEPS)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

serve: $(DEPS)
	$(BIN)/mkdocs serve --livereload

shots: $(DEPS) chromium
	$(BIN)/python -m tools.screenshots site build/screenshots "" $(PAGES)

# Every chart, desktop and phone, light and dark, static and interactive, into build/screenshots/charts/.
chart-shots: $(DEPS) chromium
	$(BIN)/python -m tools.screenshots --charts site build/screenshots/charts

# Build times, page weights, Lighthouse and axe-core scores, against the targets of
# issue 7; figures on screen and in build/bench/. Installs Lighthouse in bench/.
bench: $(DEPS) chromium
	$(BIN)/python -m tools.bench $(ARGS)

pipeline: $(DEPS)
	$(BIN)/python -m scripts.generator.pipeline

# Fetch a new release from the UNHCR API into data/raw/ (all or nothing):
#   make refresh ARGS="--release 2026.6.1"      (add --yes to accept a release that drops rows)
refresh: $(DEPS)
	$(BIN)/python -m scripts.unhcr.refresh $(ARGS)

# Before a refresh: one small page of each endpoint from the live API, every field the
# refresh reads checked; prints what differs (exit 1) or that the API is out of reach (exit 2).
refresh-check: $(DEPS)
	$(BIN)/python -m scripts.unhcr.refresh_check $(ARGS)

# The virtual environment. Debian ships venv apart from Python (python3-venv).
$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); \
	  scripts/install_debian_packages.sh python3-venv && $(PYTHON) -m venv $(VENV); }

# Pinned Python packages, the project itself (editable: `scripts` and `charts` import from
# anywhere), then the JavaScript the site serves (npm, from the lock file).
$(DEPS): requirements.txt pyproject.toml package.json package-lock.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-virtualenv -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-virtualenv --no-deps --no-build-isolation -e .
	$(BIN)/npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Playwright's own Node.js, which drives chromium, needs libatomic1, which a minimal Debian lacks.
chromium: fonts
	@scripts/install_debian_packages.sh chromium libatomic1

fonts:
	@scripts/install_debian_packages.sh $(DEBIAN_FONTS)

# Re-pin requirements.txt after changing requirements.in.
lock: | $(BIN)/python
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned: every package the build and the tests use, with its exact version."; \
	  echo "# Generated from requirements.in by \`make lock\`; do not edit by hand."; \
	  build/lock-venv/bin/pip freeze --all | grep -v '^pip=='; } > requirements.txt

clean:
	rm -rf build site
