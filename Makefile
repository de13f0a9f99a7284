# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000

.PHONY: install messages run test lint format system browser bench bench-national loadtest clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstalled whenever requirements.txt changes.
$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed messages
	$(PY) manage.py collectstatic --no-input --verbosity 0

# Compiles the English catalogue with Babel, so no system gettext is needed.
messages: $(VENV)/.installed
	$(BIN)/pybabel compile --domain django --directory kaltengkop/locale --statistics

run: install system
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py runserver $(HOST)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The summary PDF needs Pango (WeasyPrint) and sets its text in DejaVu Sans, both from the system.
SYSTEM_PACKAGES := fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0
system:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { \
		echo "Installing Debian's $(SYSTEM_PACKAGES) for the summary PDF"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; }

# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
browser:
	@command -v chromium >/dev/null || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install lint system browser
	$(BIN)/pytest

# Median server time of each page against a page rendering only base.html, at 8 and 200 indicators.
bench: install
	$(PY) manage.py bench

# The dashboard and the pages of an indicator reported by region over 38 provinces × about 14 kabupaten/kota,
# on PostgreSQL: DATABASE_URL names the server, where a throw-away test_ database is made and dropped.
bench-national: install
	$(PY) manage.py bench --national

# gunicorn on a throw-away PostgreSQL database (127.0.0.1 only): requests per second and p50/p95/p99 of
# five pages at 1, 4 and 16 clients, and the workers' peak memory. DATABASE_URL may name the server.
loadtest: install
	$(PY) manage.py loadtest

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
