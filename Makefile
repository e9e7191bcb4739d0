# make install | make demo | make test  — everything goes into .venv
PYTHON ?= python3
VENV ?= .venv
# The CPU build of torch (2.13.0 lies on local disk here); override e.g. TORCH_SPEC='torch==2.5.1'.
TORCH_SPEC ?= torch==2.13.0
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint clean browser notebook screenshot

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23"
	$(BIN)/python -m pip install --quiet "$(TORCH_SPEC)"
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"  # test takes in notebook: Jupyter with it
	touch $(STAMP)

demo: install
	$(BIN)/kg build -o output

# Jupyter (from the notebook extra) on the exploration notebook.
notebook: install
	$(BIN)/jupyter lab notebooks/explore.ipynb

# The browser test drives Debian's chromium headless, and the page and charts need a CJK font;
# each is installed when missing (needs root, as in CI): chromium may be there without the font.
browser:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; fi

test: install browser
	KG_REQUIRE_BROWSER=1 KG_REQUIRE_FONTS=1 $(BIN)/python -m pytest -q

# The README's pictures of the page, taken from the demo as it is now.
screenshot: demo browser
	$(BIN)/python docs/screenshot.py output/graph.html docs

lint: install
	$(BIN)/python -m ruff check kg tests

clean:
	rm -rf $(VENV) output/*.html output/*.graphml output/*.gexf output/*.csv output/*.json output/kg.duckdb
