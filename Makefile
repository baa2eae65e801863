# The single entry point: `make run` for the app with demo data, `make test` for the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_RESPONSES ?= 300
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast lint typecheck format messages compilemessages bench ci clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# setuptools is upgraded too: the one a new venv brings is old, with known vulnerabilities
# (make audit).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip setuptools
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

compilemessages: install
	@if command -v msgfmt >/dev/null; then $(BIN)/python manage.py compilemessages -v0 --ignore=.venv; \
	else echo "msgfmt not found (apt-get install gettext): using the committed .mo files"; fi

# The app and one task worker (manage.py worker) on SQLite, stopped together by Ctrl+C.
run: install compilemessages
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py seed_demo --responses $(DEMO_RESPONSES) --site http://127.0.0.1:$(PORT)
	@echo "Open http://127.0.0.1:$(PORT)/ (Ctrl+C stops the app and its task worker)"
	$(BIN)/python -m supportcheck.develop 127.0.0.1:$(PORT)

# The production settings (DEBUG=false) on PostgreSQL, served by gunicorn with WhiteNoise's
# compressed, hashed static files behind nginx (which buffers slow clients), over plain
# http on 127.0.0.1 (docs/deploy.md). The secret key is generated once into .secret_key
# (git-ignored) unless SECRET_KEY is set.
SERVE_ENV = DEBUG=false \
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/supportcheck}" \
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-localhost,127.0.0.1}"

.secret_key:
	@umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

.PHONY: serve
serve: install compilemessages .secret_key
	@$(SERVE_ENV) $(BIN)/python -m supportcheck.ensure_database
	@$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput -v0
	@$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	@echo "Open http://127.0.0.1:$(PORT)/ (production settings, nginx in front of gunicorn; Ctrl+C to stop)"
	@$(SERVE_ENV) PORT=$(PORT) exec $(BIN)/python -m supportcheck.serve

# Runs everything, browser tests included (they skip with a reason outside CI when Debian's
# Chromium is missing: tests/browser/conftest.py), on two workers, and prints the coverage
# of the files not fully covered ([tool.slipcover] in pyproject.toml; COVERAGE= leaves it
# out). DATABASE_URL picks PostgreSQL; SQLite otherwise. PYTEST_ARGS adds options, e.g.
# PYTEST_ARGS='-m "not privacy_audit"' (.ci/run).
PYTEST_ARGS ?=
COVERAGE ?= -m slipcover
# Python may cache bytecode here even where the environment says not to: without the cache
# each test worker rewrites and compiles every test module again (pytest's assertion
# rewriting), and each server or worker process a test starts compiles the app again.
test: install compilemessages
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python $(COVERAGE) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest -m "not browser" -x

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy with django-stubs over supportcheck/ and questionnaire/ ([tool.mypy] in pyproject.toml):
# the whole app checked, the pure core (instrument, scoring, privacy) strictly.
typecheck: install
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages -l nl -l fr --no-wrap --ignore=.venv --ignore=staticfiles --ignore=bench --no-obsolete

# Benchmarks print their figures (medians, ratios) from one run; all but page_weight need
# PostgreSQL (DATABASE_URL, default the supportcheck_bench database). About 15 minutes:
# the dashboard one seeds up to 100k responses. Not part of the tests.
bench: install compilemessages
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench_submit.py
	$(BIN)/python bench/bench_dashboard.py
	$(BIN)/python bench/bench_actions.py
	$(BIN)/python bench/bench_serving.py

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache

# --- Security audit: `make audit` (pip-audit + bandit) ---
# audit-deps checks every installed package (pip and setuptools included; not the project
# itself, which is installed editable and is not on PyPI) against the vulnerability data
# PyPI publishes per release. --strict fails when a package could not be checked, so an
# unreachable service is an error, never a silent "no known vulnerabilities".
# audit-code runs bandit over our code; accepted findings carry "# nosec Bxxx" with a reason.
AUDIT_REQUIREMENTS := $(VENV)/audit-requirements.txt

.PHONY: audit audit-deps audit-code
audit: audit-code audit-deps

audit-deps: install
	$(BIN)/pip freeze --all --exclude-editable > $(AUDIT_REQUIREMENTS)
	$(BIN)/pip-audit --strict --no-deps --disable-pip --progress-spinner off -r $(AUDIT_REQUIREMENTS)

audit-code: install
	$(BIN)/bandit -r supportcheck questionnaire -q
