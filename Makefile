# The single entry point: `make run` for the app with demo data, `make test` for the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_RESPONSES ?= 300
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast lint format messages compilemessages bench ci clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

compilemessages: install
	@if command -v msgfmt >/dev/null; then $(BIN)/python manage.py compilemessages -v0 --ignore=.venv; \
	else echo "msgfmt not found (apt-get install gettext): using the committed .mo files"; fi

run: install compilemessages
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py seed_demo --responses $(DEMO_RESPONSES) --site http://127.0.0.1:$(PORT)
	@echo "Open http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Runs everything, browser tests included (they skip with a reason outside CI when
# /usr/bin/chromium is missing). DATABASE_URL picks PostgreSQL; SQLite otherwise.
test: install compilemessages
	$(BIN)/pytest -n 2 --dist loadgroup

test-fast: install
	$(BIN)/pytest -m "not browser" -x

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages -l nl -l fr --ignore=.venv --ignore=staticfiles --ignore=bench --no-obsolete

# Benchmarks print their figures (medians); the dashboard one needs PostgreSQL and seeds
# up to 100k responses (a few minutes). Not part of the tests.
bench: install compilemessages
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench_dashboard.py

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
