# The front door. `make site` and `make test` work on a fresh machine: they create
# .venv and install the pinned dependencies (requirements.lock) first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The extract modules compiled with mypyc (generator/native.py): rebuilt when a source
# changes; if compiling fails, the same Python sources run (slower), so `-` goes on.
NATIVE := generator/_native/manifest.json

.PHONY: site serve test build offline lint clean browser-deps native

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c requirements.lock -e '.[test,native]'
	touch $(STAMP)

$(NATIVE): $(STAMP) $(wildcard generator/extract/*.py) generator/models.py generator/native.py
	-$(PY) -m generator native build

## native: compile the extraction with mypyc (make site/serve/test do it when needed)
native: $(NATIVE)

## site: build the site from seeds/ into site/ (strict: every warning fails)
site: $(STAMP) $(NATIVE)
	$(VENV)/bin/mkdocs build --strict

## serve: live preview on 127.0.0.1:8000; seeds/ and tables are watched too
serve: $(STAMP) $(NATIVE)
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

## build: only write the generated Markdown into docs/ (for builders without plugins)
build: $(STAMP) $(NATIVE)
	$(PY) -m generator build

## browser-deps: Debian's chromium + chromedriver for the browser tests
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

## test: the whole test suite (set-up included)
test: $(STAMP) $(NATIVE) browser-deps
	$(VENV)/bin/mkdocs build --strict
	$(PY) -m pytest

## offline: a copy that works opened from disk (file://), search included, packed as a zip
offline: $(STAMP) $(NATIVE)
	$(VENV)/bin/mkdocs build --strict -f mkdocs.offline.yml
	rm -f dist/dossier-offline.zip
	$(PY) -m zipfile -c dist/dossier-offline.zip dist/offline/

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests bench

clean:
	rm -rf site dist
