# The two quickstart commands:  make run  ·  make test
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-core
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench serve clean system-deps

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## make run: install, then ingest + extract + index corpus/ into the embedded SQLite index
run: $(STAMP)
	$(BIN)/vanban run

## make test: system packages the tests need (tesseract, antiword, chromium), test deps, the suite
test: $(TEST_STAMP) system-deps
	$(BIN)/python -m pytest -q -p no:cacheprovider

system-deps:
	bash scripts/system-deps.sh

## make bench: the performance table (bench/results.json too)
bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py

## make bench-index: index scale table, SQLite 1k/10k/100k + osmem 1k/10k (var/bench/index_scale.json)
.PHONY: bench-index
bench-index: $(TEST_STAMP)
	$(BIN)/python bench/index_scale.py $(INDEX_SCALE_ARGS)

serve: $(STAMP)
	$(BIN)/vanban serve

clean:
	rm -rf var .pytest_cache build *.egg-info
