# The README's commands. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
STAMP  := $(VENV)/.installed

.PHONY: install demo test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	# torch first and pinned, so pip takes the CPU build instead of a CUDA one.
	$(PIP) install -c constraints.txt torch==2.13.0
	$(PIP) install -c constraints.txt -e '.[models,embeddings,test]'
	touch $(STAMP)

demo: install
	$(VENV)/bin/newstrace demo --output demo-output

test: install
	$(PY) -m pytest

bench: install
	$(PY) bench/pipeline.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache
