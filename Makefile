# Two commands for a fresh machine:  `make run`  and  `make test`.
# Both create ./.venv and install what they need; running them again installs nothing new.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of torch (on this kind of machine it is already on disk). On a GPU server use
#   make run TORCH_SPEC="torch --index-url https://download.pytorch.org/whl/cu124"
TORCH_SPEC ?= torch==2.13.0

.PHONY: run chat test lint typecheck bench system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet $(TORCH_SPEC)
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/pictolingo run

chat: $(VENV)/.installed
	$(BIN)/pictolingo chat

system-deps:
	bash scripts/system-deps.sh

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

test: system-deps $(VENV)/.installed-dev lint typecheck
	$(BIN)/pytest

bench: $(VENV)/.installed
	$(BIN)/pictolingo bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
