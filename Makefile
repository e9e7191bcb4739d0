# make install | make demo | make test  — everything goes into .venv
PYTHON ?= python3
VENV ?= .venv
# The CPU build of torch (2.13.0 lies on local disk here); override e.g. TORCH_SPEC='torch==2.5.1'.
TORCH_SPEC ?= torch==2.13.0
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint clean browser

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23"
	$(BIN)/python -m pip install --quiet "$(TORCH_SPEC)"
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $(STAMP)

demo: install
	$(BIN)/kg build -o output

# The browser test drives Debian's chromium headless; install it when missing (needs root, as in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

test: install browser
	KG_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q

lint: install
	$(BIN)/python -m ruff check kg tests

clean:
	rm -rf $(VENV) output/*.html output/*.graphml output/*.gexf output/*.csv output/*.json output/kg.duckdb
