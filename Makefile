# Two commands: `make demo` and `make test`. Both create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEEDS := corpora/seeds/xa-hoang-cat-2024-giam-ngheo-ve-thong-tin.txt corpora/seeds/huyen-luc-nam-2022-truyen-thong-giam-ngheo.txt
# Debian packages used when present: LibreOffice reads legacy .doc files; Chromium (headless)
# opens the --format html page in a test and takes its screenshot.
APT_PACKAGES := libreoffice-writer-nogui tesseract-ocr tesseract-ocr-vie fonts-liberation2 chromium

.PHONY: demo test install system-deps evaluate bench regression clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# A regular (non-editable) install: what users get, data files included.
$(STAMP): pyproject.toml $(shell find analyzer -type f) cli.py | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Installs the Debian packages when running as root and they are missing; never fatal.
system-deps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then echo "apt-get install$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing) >/dev/null 2>&1 \
	    || echo "warning: could not install$$missing (the .doc, OCR and screenshot tests will skip)"; fi; \
	else echo "not root: skipping apt packages ($(APT_PACKAGES))"; fi

demo: install
	$(BIN)/kehoach analyze $(SEEDS)
	@echo
	$(BIN)/kehoach analyze corpora/seeds/xa-hoang-cat-2024-giam-ngheo-ve-thong-tin.txt --format md

test: install system-deps
	$(BIN)/python -m pytest -q

evaluate: install
	$(BIN)/kehoach evaluate corpora/gold

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/nlp.py
	$(BIN)/python bench/activities.py

# Extraction gained/lost against a revision: make regression REV=HEAD~1
REV ?= HEAD
regression: install
	$(BIN)/python bench/regression.py $(REV)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
