# Two entry points the README promises: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/summitry: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

setup: $(BIN)/summitry

demo: setup
	@mkdir -p out
	SUMMITRY_DB=out/demo.db $(BIN)/summitry ingest examples/corpus
	SUMMITRY_DB=out/demo.db $(BIN)/summitry documents
	$(BIN)/summitry extract examples/corpus --format table

test: setup
	$(BIN)/pytest

bench: setup
	$(BIN)/python bench/bench_clean.py

.PHONY: setup demo test bench
