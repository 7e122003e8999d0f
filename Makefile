# Samverka: `make demo` to try it, `make test` to run the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_ENV := DJANGO_SETTINGS_MODULE=samverka.settings.development
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo test test-postgres lint bench clean lock messages

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

demo: install
	mkdir -p var/mail
	$(DEMO_ENV) $(PY) manage.py compilemessages --ignore=.venv -v 0 2>/dev/null || true
	$(DEMO_ENV) $(PY) manage.py migrate --noinput -v 0
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(DEMO_ENV) $(PY) manage.py load_demo
	$(DEMO_ENV) $(PY) manage.py demo_logins
	@echo "Samverka körs på http://$(HOST):$(PORT)/  (avsluta med Ctrl+C)"
	$(DEMO_ENV) $(PY) manage.py run_demo --host $(HOST) --port $(PORT)

test: install
	$(PY) -m pytest -n auto -q -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check .

bench: install
	@command -v wrk >/dev/null || (echo "== installing wrk (Debian)" && apt-get install -y -qq wrk >/dev/null)
	$(PY) bench/run.py

lock:
	uv pip compile pyproject.toml --extra test -o requirements.lock --python-version 3.11

clean:
	rm -rf $(VENV) var
