# The front door: `make run` serves the site with demo content, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev lint format migrate demo superuser serve e2e-deps redis-deps bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/activate
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/activate
	$(BIN)/pip install --quiet -e ".[dev]"

# Debug mode is asked for here, never a default: a site started with no settings runs as in
# production and refuses to start without a real secret key.
migrate demo superuser run bench: export DJANGO_DEBUG ?= 1

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content

superuser: migrate
	$(PY) manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/

run: demo superuser
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Browser tests need Debian's chromium (installing it needs root; CI runs as root), axe-core
# from npm for the accessibility checks and the W3C Nu HTML checker (vnu-jar, run with Java).
AXE := var/node/node_modules/axe-core/axe.min.js
VNU := var/node/node_modules/vnu-jar/build/dist/vnu.jar

e2e-deps: $(AXE) $(VNU)
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends default-jre-headless; \
	  else echo "Install Java (apt-get install default-jre-headless) for the Nu HTML checker." >&2; exit 1; fi; }
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends chromium; \
	  else echo "Install Debian's chromium (apt-get install chromium) for the browser tests." >&2; exit 1; fi; }

# The cache tests start real Redis servers of their own (tests/servers.py).
redis-deps:
	@command -v redis-server >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends redis-server; \
	  else echo "Install Debian's redis-server (apt-get install redis-server) for the cache tests." >&2; exit 1; fi; }

$(AXE):
	mkdir -p var/node
	npm install --prefix var/node --no-audit --no-fund --silent axe-core@4

$(VNU):
	mkdir -p var/node
	npm install --prefix var/node --no-audit --no-fund --silent vnu-jar@26

# One test process per core (pytest-xdist), a test file to a process; PYTEST_PARALLEL= for one.
PYTEST_PARALLEL ?= -n auto --maxprocesses 8 --dist loadfile

# Twice when DATABASE_URL names a PostgreSQL (CI): SQLite with the local-memory cache, then
# PostgreSQL with the Redis that REDIS_URL names, as production runs.
test: install-dev e2e-deps redis-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(64))") \
	  DJANGO_ALLOWED_HOSTS=example.com REDIS_URL=redis://127.0.0.1:6379/0 \
	  $(PY) manage.py check --deploy --fail-level WARNING
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest -q $(PYTEST_PARALLEL)
	@if [ -n "$$DATABASE_URL" ]; then echo "== again on PostgreSQL ($$DATABASE_URL)"; $(BIN)/pytest -q $(PYTEST_PARALLEL); fi

bench: install-dev
	$(PY) bench/generate.py --events 100000 --revisions 10
	$(PY) bench/measure.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
