# Two commands on a fresh machine with Python 3.11:  make demo  and  make test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test venv clean-outputs

venv: $(STAMP)

# (Re)install when the dependencies change.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The main job on the shipped demo dataset: validation, then the per-gmina reports.
demo: $(STAMP)
	$(PY) -m toolkit validate --data data/demo
	$(PY) -m toolkit report --data data/demo --out outputs/demo

test: $(STAMP)
	$(PY) -m pytest -n 2 -q

clean-outputs:
	find outputs -mindepth 1 ! -name README.md -exec rm -rf {} +
