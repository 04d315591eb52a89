# Two commands set up everything on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := constraints.txt
# Every install takes the exact versions in the lock, so outputs do not drift with new releases.
# The editable install is a plain path entry (pyproject.toml's package-dir): faster
# to start than an import hook.
INSTALL := $(BIN)/python -m pip install --quiet --constraint $(LOCK)

.PHONY: build test bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) pip

$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) -e .
	$(BIN)/python -m compileall -q segue
	touch $@

$(VENV)/.installed-test: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) -e '.[test]'
	$(BIN)/python -m compileall -q segue
	touch $@ $(VENV)/.installed

build: $(VENV)/.installed
	$(BIN)/python build.py build

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

# After changing dependencies in pyproject.toml: resolve them again and rewrite the lock.
lock:
	$(PYTHON) tools/lock.py

clean:
	rm -rf dist
