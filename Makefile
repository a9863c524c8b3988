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

# The main job on the shipped demo dataset: validation, the per-gmina reports and the
# programme summary (outputs/demo/), the figures behind them, and, apart from the reports
# because they carry names, the trainers' diploma list and diplomas (outputs/demo_trenerzy/).
demo: $(STAMP)
	$(PY) -m toolkit validate --data data/demo
	$(PY) -m toolkit report --data data/demo --out outputs/demo
	$(PY) -m toolkit tables --data data/demo --out outputs/demo_tabele.xlsx
	$(PY) -m toolkit diplomas --data data/demo --out outputs/demo_trenerzy/dyplomy.xlsx \
		--pdf outputs/demo_trenerzy/dyplomy

test: $(STAMP)
	$(PY) -m pytest -n 2 -q

clean-outputs:
	find outputs -mindepth 1 ! -name README.md -exec rm -rf {} +
