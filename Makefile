# The README's commands. `make demo` and `make test` work on a fresh machine.
SHELL  := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
STAMP  := $(VENV)/.installed
# Some machines list package folders that do not exist; pip warns once per package. Hide only that.
QUIET_PIP := 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }

.PHONY: install demo test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	# torch first and pinned, so pip takes the CPU build instead of a CUDA one.
	$(PIP) install -c constraints.txt torch==2.13.0 $(QUIET_PIP)
	$(PIP) install -c constraints.txt -e '.[models,embeddings,test]' $(QUIET_PIP)
	touch $(STAMP)

demo: install
	$(VENV)/bin/newstrace demo --output demo-output

test: install
	$(PY) -m pytest

bench: install
	$(PY) bench/pipeline.py --sizes 100
	$(PY) bench/reuse.py --sizes 100 1000
	$(PY) bench/quotes_polnear.py --split dev
	$(PY) bench/entities.py --articles 80
	$(PY) bench/stance.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache
