# Two entry points the README promises: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

# The install compiles the extraction stages with mypyc (pyproject.toml), so editing one of them
# installs again. HATCH_BUILD_NO_HOOKS=true make setup, or make pure, keeps everything pure Python.
COMPILED_SOURCES := $(wildcard src/summitry/extract/*.py src/summitry/annotate/*.py src/summitry/clean/*.py) \
	src/summitry/offsets.py src/summitry/records.py

$(BIN)/summitry: pyproject.toml hatch_build.py $(COMPILED_SOURCES)
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	@echo "installing$(if $(HATCH_BUILD_NO_HOOKS), (pure Python),; compiling the extraction stages with mypyc (3-4 minutes on 2 slow cores))"
	$(BIN)/pip install -q -e '.[test,postgresql]'
	@touch $@

setup: $(BIN)/summitry

# Pure Python: no C compiler needed, about a third more CPU per document. To compile again:
# rm .venv/bin/summitry && make setup
pure:
	find src -name '*.so' -delete
	rm -f $(BIN)/summitry
	$(MAKE) setup HATCH_BUILD_NO_HOOKS=true

demo: setup
	@mkdir -p out
	SUMMITRY_DB=out/demo.db $(BIN)/summitry ingest examples/corpus
	SUMMITRY_DB=out/demo.db $(BIN)/summitry documents
	$(BIN)/summitry extract examples/corpus --format table

test: setup
	$(BIN)/pytest

# Debian's chromium for the browser tests (tests/test_web_browser.py), which skip without it.
# Installs only as root on a machine with apt and no chromium yet; does nothing otherwise.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# A PostgreSQL server for the store tests (tests/backends.py): Debian's, installed as root when
# missing, started on 127.0.0.1, with a role for the tests. Prints the DSN; `make test` then runs
# the store tests on PostgreSQL too with SUMMITRY_TEST_POSTGRES=<that DSN>.
postgres:
	@bash .ci/postgres

bench: setup
	$(BIN)/python bench/bench_clean.py

.PHONY: setup pure demo test bench browser-deps postgres
