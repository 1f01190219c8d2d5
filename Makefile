# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run install migrate demo serve test browser lint format check clean bench-tools bench-freshness bench bench-scale reliability bench-translation bench-editor lint-openapi

run: install migrate demo serve # install, migrate, load the demo, serve on $(HOST):$(PORT)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(VENV)/.installed # create the virtualenv and install pinned dependencies

$(VENV)/.installed: requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

migrate: install # the schema, and the API's stored documents rebuilt by this version's code
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py build_article_documents

demo: migrate # load the demo content and the editorial roles (idempotent)
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py setup_roles

serve: install # the site, the admin and the API, with the worker (webhooks, CDN purges, scheduled publishing)
	$(BIN)/python manage.py run_worker --interval 2 & \
	trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install browser # the test suite (DATABASE_URL picks the database; SQLite by default)
	$(BIN)/python -m pytest

# Debian's Chromium and CJK fonts for the end-to-end tests (Playwright's own browser
# download does not work on these machines). Without them the e2e tests are skipped,
# unless CMS_E2E_REQUIRED=1 (CI), which makes their absence a failure.
BROWSER_PACKAGES := chromium fonts-noto-cjk
browser:
	@dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1 || \
	apt-get install -y -q $(BROWSER_PACKAGES) >/dev/null 2>&1 || \
	(apt-get update -q >/dev/null && apt-get install -y -q $(BROWSER_PACKAGES) >/dev/null) || \
	echo "Could not install $(BROWSER_PACKAGES): the end-to-end tests will be skipped."

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Redocly's and Spectral's recommended rules on the API's OpenAPI document. The npm
# packages are pinned in .ci/openapi/package-lock.json and installed there.
OPENAPI := .ci/openapi
$(OPENAPI)/node_modules/.installed: $(OPENAPI)/package-lock.json
	cd $(OPENAPI) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

lint-openapi: install $(OPENAPI)/node_modules/.installed
	mkdir -p var
	$(BIN)/python $(OPENAPI)/dump.py var/openapi.json
	cd $(OPENAPI) && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
		node_modules/.bin/redocly lint ../../var/openapi.json
	cd $(OPENAPI) && node_modules/.bin/spectral lint ../../var/openapi.json

check: install lint # what CI checks besides the tests
	mkdir -p var  # the default SQLite database lives there (makemigrations reads it)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

bench-tools:
	@command -v wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)
	@redis-cli ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no

bench-freshness: install bench-tools # cached detail and 304 vs a trivial view; publish -> fresh
	$(BIN)/python bench/freshness.py

bench: install bench-tools # side by side with Wagtail API v2 (BENCH_ARTICLES=250)
	$(BIN)/python bench/compare.py

bench-scale: install bench-tools # the same costs at 20,000 pages as at 2,000 (seeds both)
	$(BIN)/python bench/scale.py

bench-translation: install # submit, machine-translate, sync and XLIFF for an 800-segment article; memory lookup and term matching at size
	$(BIN)/python bench/translation.py
	$(BIN)/python bench/memory.py --postgres

bench-editor: install browser # the admin's edit view of 15- and 40-section articles in Chromium
	$(BIN)/python bench/editor.py

reliability: install bench-tools # schemathesis, leak hunt, hostile input, faults, mixed load
	$(BIN)/python bench/reliability.py

clean:
	rm -rf $(VENV) var
