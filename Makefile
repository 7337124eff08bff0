# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test install assets browser pdf-tools perf-tools bench demo messages openapi lint format ci-check clean backup restore frontend-example

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the lock file changes; compile translations at install.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --ignore=var -v 0
	touch $@

# Front-end assets come from the npm registry (package-lock.json) and are copied into
# static/vendor/ at install: nothing is loaded from a CDN at run time.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.built: node_modules/.installed
	rm -rf static/vendor
	mkdir -p static/vendor/hds static/vendor/swagger-ui
	cp node_modules/hds-core/lib/base.min.css node_modules/hds-core/lib/components/all.min.css static/vendor/hds/
	cp node_modules/hds-design-tokens/lib/all.min.css static/vendor/hds/tokens.min.css
	cp node_modules/swagger-ui-dist/swagger-ui.css node_modules/swagger-ui-dist/swagger-ui-bundle.js \
	   node_modules/swagger-ui-dist/swagger-ui-standalone-preset.js static/vendor/swagger-ui/
	# The source map the CSS names: production's hashed static storage refuses a missing reference.
	cp node_modules/swagger-ui-dist/swagger-ui.css.map static/vendor/swagger-ui/
	# The Helsinki logo (white, for the blue header) and the favicon: HDS ships them as data URIs in hds-react.
	node --input-type=module -e "import {writeFileSync} from 'node:fs'; import * as hds from 'hds-react/components/Logo'; \
	  for (const [name, file] of [['logoFiDark', 'helsinki-fi-white'], ['logoSvDark', 'helsinki-sv-white'], ['logoFi', 'favicon']]) \
	  writeFileSync('static/vendor/hds/' + file + '.svg', Buffer.from(hds[name].split(',')[1], 'base64'))"
	touch $@

assets: static/vendor/.built

# Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Chromium is missing: install Debian's 'chromium' package (browser tests need it)"; exit 1; fi; }

# poppler's pdfinfo: an independent second reader of the demo PDFs' tags (tests/documents).
pdf-tools:
	@command -v pdfinfo >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else echo "pdfinfo is missing: apt-get install poppler-utils (a PDF test skips without it)"; fi; }

# The proxy tier and the load tool (Debian packages): nginx with the cache purge module
# (deploy/nginx.conf, tests/perf) and wrk (bench/). Installed only when missing.
perf-tools:
	@if ! command -v nginx >/dev/null 2>&1 || ! command -v wrk >/dev/null 2>&1 || \
	    [ ! -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq nginx-light libnginx-mod-http-cache-purge wrk >/dev/null; \
	  else echo "Missing nginx, its cache purge module or wrk: apt-get install nginx-light libnginx-mod-http-cache-purge wrk"; fi; \
	fi

install: $(VENV)/.installed assets

# Serves what visitors see: DEBUG off (`DEBUG=1 make run` for Django's debug pages), static
# files served all the same (--insecure). Scheduled publishing runs beside the server and
# stops with it (Ctrl-C or the server exiting), and so does the task worker (`db_worker`: PDF
# text, search index, webhooks), as in production.
# Absolute URLs made without a request (webhooks, e-mails) name this server unless set.
run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: export TASKS_BACKEND ?= database
run: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	# What search indexes (stems, fields) may have changed since this database was made.
	$(MANAGE) update_index -v 0
	$(MANAGE) ensure_admin
	$(MANAGE) run_scheduler & scheduler=$$!; $(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$scheduler $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver --insecure 127.0.0.1:$(PORT)

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) update_index -v 0

test: install browser pdf-tools perf-tools
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --ignore=var -v 0
	$(BIN)/pytest $(PYTEST_ARGS)

# The committed API contract (cms/api/openapi.json); tests/api/test_contract.py compares it.
openapi: install
	$(MANAGE) api_openapi --write

# Helsinki's react-helsinki-headless-cms rendering `make run`'s CMS through /graphql/, on
# http://127.0.0.1:3000/ (README: "For frontend developers"); its own npm packages, installed here.
frontend-example:
	cd examples/headless-frontend && npm ci --legacy-peer-deps --no-audit --no-fund && \
		CMS_URL=http://127.0.0.1:$(PORT) npm start

messages: install
	$(MANAGE) makemessages -l fi -l sv -l en --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete --add-location=file
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --ignore=var -v 0

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The benchmark (bench/README.md): a large data set in its own PostgreSQL database, the
# production server on 127.0.0.1, wrk; writes bench/results/<date>.md. About 15 minutes.
bench: install perf-tools
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Nothing lost: `make backup DIR=/backups/2026-11-28` writes the database and every stored file
# with a SHA-256 manifest; `make restore DIR=…` restores it into an empty database and storage.
backup:
	@test -n "$(DIR)" || (echo "usage: make backup DIR=/path/to/new/backup" && exit 2)
	$(MANAGE) backup "$(DIR)"

restore:
	@test -n "$(DIR)" || (echo "usage: make restore DIR=/path/to/backup" && exit 2)
	$(MANAGE) restore "$(DIR)"

clean:
	rm -rf $(VENV) var
