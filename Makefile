# The two commands (README): `make run` starts the assistant, `make test` runs the tests.
# Both set up everything first (system packages, .venv, Python packages) when needed.
VENV ?= .venv
export VENV

.PHONY: run test test-fast check setup bench docs lock
run: setup
	$(VENV)/bin/assistant $(ARGS)

test: check
	$(VENV)/bin/python -m pytest -q $(PYTEST_ARGS)

test-fast: check
	$(VENV)/bin/python -m pytest -q -m "not slow" $(PYTEST_ARGS)

# The type checker, the dependency check (every imported package declared, none unused) and the layers
# (no module imports from a layer above it: [tool.importlinter] in pyproject.toml), before tests.
check: setup
	$(VENV)/bin/mypy
	$(VENV)/bin/deptry .
	$(VENV)/bin/lint-imports

bench: setup
	$(VENV)/bin/python bench/models.py

# The generated pages: the configuration reference (from assistant/config.py) and the benchmark tables (from
# bench/results/*.json). tests/test_docs.py fails when either is out of date.
docs: setup
	$(VENV)/bin/python scripts/config_reference.py
	$(VENV)/bin/python scripts/performance_page.py

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints/lock.txt constraints/data-only.txt tests/conformance/package-lock.json \
                     scripts/setup.sh
	bash scripts/setup.sh

# Refresh constraints/lock.txt to today's versions (deliberately; then run `make test` before committing it).
# `make lock UPGRADE=0` keeps every pin and only adds what pyproject.toml newly asks for.
lock:
	UPGRADE=$(UPGRADE) bash scripts/lock.sh
