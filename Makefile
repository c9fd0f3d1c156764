# Two commands do all the set-up on a fresh Debian machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
export OPENVTH_TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: systeem demo test test-sqlite test-postgres lint mypy-baseline openapi bench bench-vergunningen install clean

$(VENV)/.geinstalleerd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.geinstalleerd: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages the project needs at run/test time: Chromium (browser tests), gettext (translations) and
# redis-server (the test of the Redis cache starts its own on a free port).
# Checked on every run, not stamped: a stamp cannot know that the machine changed under it.
systeem:
	@ontbrekend=""; \
	  command -v chromium >/dev/null || ontbrekend="$$ontbrekend chromium"; \
	  command -v msgfmt >/dev/null || ontbrekend="$$ontbrekend gettext"; \
	  command -v redis-server >/dev/null || ontbrekend="$$ontbrekend redis-server"; \
	  if [ -n "$$ontbrekend" ]; then \
	    echo "apt-get install$$ontbrekend"; \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$ontbrekend >/dev/null; \
	  fi

install: $(VENV)/.geinstalleerd node_modules/.geinstalleerd systeem
	$(VENV)/bin/django-admin compilemessages --ignore=.venv --ignore=node_modules -v 0 --settings=openvth.conf.settings

# Another address or port: make demo BIND=127.0.0.1:8080
BIND ?= 127.0.0.1:8000
demo: install
	$(VENV)/bin/openvth demo --bind $(BIND)

test: install
	bash scripts/test.sh

lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(PY) scripts/mypy-baseline.py
	npx --no-install spectral lint -q -F error -r lint/adr-regels.yaml openapi.json

# After fixing mypy errors, or after moving code to other files: rewrite lint/mypy-baseline.txt (review its diff:
# no count may grow) and commit it.
mypy-baseline: install
	$(PY) scripts/mypy-baseline.py --bijwerken

openapi: install
	$(VENV)/bin/openvth export_openapi > openapi.json

# National-scale benchmark (not part of `make test`): SQLite, then PostgreSQL at OPENVTH_BENCH_POSTGRESQL when it
# answers. Writes benchmarks/results/<date>-<db>.md/.json; see docs/scaling.md. BENCH_ARGS="--db sqlite" etc.
bench: install
	$(PY) -m benchmarks $(BENCH_ARGS)

# Only the vergunningen benchmark (issue 15): deadline view and decision publishing on the national set with permit
# history. Writes benchmarks/results/<date>-vergunningen-<db>.md/.json. BENCH_ARGS="--db postgresql --hergebruik".
bench-vergunningen: install
	$(PY) -m benchmarks.vergunningen $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules
