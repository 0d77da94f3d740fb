# slant — the quick start is `make run` (analyze the sample corpus) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
# Every install goes through the constraints file: exact pins, and torch 2.13.0 (the CPU
# wheel on disk) instead of a multi-GB CUDA build.
CONSTRAINTS := -c constraints.txt

.PHONY: run report test venv dev lint schema docs bench clean help

help:
	@echo "make run    create .venv, install pinned deps, analyze the sample corpus"
	@echo "make test   install dev extras; import rules, ruff, mypy, then the whole suite"
	@echo "make report print the sample corpus report only"
	@echo "make schema regenerate slant/schema/analysis.schema.json"
	@echo "make docs   regenerate docs/cli.md from the commands"

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip   # old pip breaks trafilatura's lxml extra
	$(PIP) install --quiet $(CONSTRAINTS) torch==2.13.0
	$(PIP) install --quiet $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(PIP) install --quiet $(CONSTRAINTS) -e '.[dev]'
	touch $@

venv: $(VENV)/.installed
dev: $(VENV)/.dev

# The main job on the embedded default (SQLite in the user data dir): print the analysis of
# the sample corpus, store it, group stories, and serve the web app.
run: venv
	$(BIN)/slant analyze slant/samples/articles --format text
	$(BIN)/slant ingest slant/samples/corpus.jsonl
	$(BIN)/slant stories
	@echo "slant: the web app is at http://127.0.0.1:8000/ (Ctrl-C stops it)"
	$(BIN)/slant serve

report: venv
	$(BIN)/slant analyze slant/samples/articles --format text

test: dev
	$(BIN)/lint-imports
	$(BIN)/ruff check slant tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: dev
	$(BIN)/lint-imports
	$(BIN)/ruff check slant tests benchmarks
	$(BIN)/mypy

schema: venv
	$(BIN)/python -c "import json; from slant.models import analysis_json_schema; print(json.dumps(analysis_json_schema(), indent=2, sort_keys=True))" > slant/schema/analysis.schema.json

docs: venv
	$(BIN)/python -m slant.cli.docs > docs/cli.md

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache test-artifacts
