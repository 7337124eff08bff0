# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test install demo messages lint format ci-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the lock file changes; compile translations at install.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0
	touch $@

install: $(VENV)/.installed

run: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

test: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(BIN)/pytest $(PYTEST_ARGS)

messages: install
	$(MANAGE) makemessages -l fi -l sv -l en --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete --add-location=file
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var
