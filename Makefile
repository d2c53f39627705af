# Newsroom: `make run` for a local site with demo content, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# make bench RELEASES=100000 for the large run; see bench/README.md.
RELEASES ?= 1000

.PHONY: bench run test lint format check migrations-check messages screenshots ci clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py rebuild_search_index --missing
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py create_demo_admin
	$(BIN)/python scripts/run_dev.py

test: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py --releases $(RELEASES)

# The README's pictures of the desk (docs/screenshots/), taken by the desk's browser tests.
screenshots: $(STAMP)
	CI=true TIME_ZONE=America/Panama SCREENSHOTS_DIR=docs/screenshots \
		$(BIN)/pytest tests/browser/test_desk.py -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

# Refresh locale/*/LC_MESSAGES/django.po from the code, then compile the .mo files that are
# committed with them (a fresh clone runs without gettext). Needs gettext (apt-get install gettext).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --all --add-location=file --no-obsolete \
		--ignore=.venv --ignore=static --ignore=tests --ignore=staticfiles --ignore=media
	$(BIN)/python manage.py compilemessages --ignore=.venv

ci: lint test

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
