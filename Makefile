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

# The browser tests drive Debian's Chromium; `make test` installs it where it is missing.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || { command -v sudo >/dev/null && echo sudo; })

.PHONY: install demo test bench clean chromium

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	# torch first and pinned, so pip takes the CPU build instead of a CUDA one.
	$(PIP) install -c constraints.txt torch==2.13.0 $(QUIET_PIP)
	$(PIP) install -c constraints.txt -e '.[models,embeddings,spark,test]' $(QUIET_PIP)
	touch $(STAMP)

demo: install
	$(VENV)/bin/newstrace demo --output demo-output

test: install chromium
	$(PY) -m pytest

# Where apt cannot install it, the browser tests are skipped and say why.
chromium:
	@test -x $(CHROMIUM) || { echo "Installing Chromium for the browser tests (apt-get)..."; \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver; } >/tmp/newstrace-apt.log 2>&1 \
	  || echo "Could not install Chromium (see /tmp/newstrace-apt.log): the browser tests will be skipped."; }

bench: install
	$(PY) bench/pipeline.py --sizes 100 1000 --jobs 2
	$(PY) bench/reuse.py --sizes 100 1000 --real
	$(PY) bench/linking.py --sizes 1000 3000 10000 --cache bench/.cache
	$(PY) bench/quotes_polnear.py --split dev
	$(PY) bench/quotes_messy.py --split dev
	$(PY) bench/claims_ecbplus.py --split dev
	$(PY) bench/claim_sources.py --split dev
	$(PY) bench/entities.py --articles 80
	$(PY) bench/stance.py
	$(PY) bench/embeddings.py --sentences 1000
	$(PY) bench/incremental.py --size 1000
	$(PY) bench/spark_reuse.py --sizes 1000 --cache bench/.cache

clean:
	rm -rf $(VENV) demo-output .pytest_cache
