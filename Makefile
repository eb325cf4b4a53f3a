# The front door. On a fresh clone with Python 3.11+ and make:
#   make site    set up, then build the whole five-language site into site/
#   make test    set up (system packages too), then run every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# axe-core (npm ci, as tests/browser/package-lock.json pins it) for the browser tests' audit
AXE    := tests/browser/node_modules/axe-core/axe.min.js
LANG_  := $(or $(LANGUAGE),be)
export NO_MKDOCS_2_WARNING := 1

.PHONY: git-setup site test setup setup-dev system-deps serve preview extract update stats todo check pseudo lint bench bench-quick clean

site: setup  ## build the five-language site into site/ (languages in parallel, same files as mkdocs build)
	$(BIN)/mdgettext build --strict

test: setup-dev system-deps $(AXE)  ## run every test (unit, golden, property, end-to-end, browser)
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements/site.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/site.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@

# axe-core for the accessibility audit of the browser tests (the rule is below setup).
$(AXE): tests/browser/package-lock.json | system-deps
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.site-installed
setup-dev: $(VENV)/.dev-installed

system-deps:  ## GNU gettext and Debian's chromium for the tests (apt-get, only what is missing)
	bash scripts/install-system-deps.sh

serve: setup  ## preview every language at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --no-strict

preview: setup  ## preview one language, re-rendered on each .po save: make preview LANGUAGE=be
	$(BIN)/mdgettext serve $(LANG_)

extract: setup  ## write locales/templates/*.pot from docs/
	$(BIN)/mdgettext extract

update: setup  ## extract, then update every catalog (nothing is ever lost: fuzzy and obsolete)
	$(BIN)/mdgettext update

stats: setup
	$(BIN)/mdgettext stats

todo: setup  ## what is left in one language: make todo LANGUAGE=pl
	$(BIN)/mdgettext todo $(LANG_)

check: setup  ## every translation check and the completeness gate (exit 1 on errors)
	$(BIN)/mdgettext check

pseudo: setup  ## pseudo-localised build (⟦Ŧéẋŧ⟧) in a throwaway copy: English left = not extracted
	@tmp="$$(mktemp -d)" && tar -cf - --exclude=./.git --exclude=./.venv --exclude=./site --exclude=./tests \
	  --exclude=./scripts --exclude=./.bench --exclude=./.hypothesis --exclude='*cache*' . | tar -xf - -C "$$tmp" && \
	$(CURDIR)/$(BIN)/mdgettext -C "$$tmp" pseudo $(LANG_) --force >/dev/null && \
	$(CURDIR)/$(BIN)/mkdocs build -q -f "$$tmp/mkdocs.yml" -d "$$tmp/site" && \
	echo "pseudo-localised site ($(LANG_) replaced): $$tmp/site/$(LANG_)/index.html"

bench: setup  ## benchmark against the peers, writes BENCHMARKS.md (about half an hour): make bench ARGS="--runs 5"
	PYTHONPATH=scripts $(BIN)/python -m bench $(ARGS)

bench-quick: setup  ## a small benchmark run (minutes): writes .bench/BENCHMARKS-quick.md
	PYTHONPATH=scripts $(BIN)/python -m bench --quick $(ARGS)

lint: setup-dev
	$(BIN)/ruff check scripts tests

git-setup:  ## quiet catalog diffs (reference-only changes hidden) for this clone
	git config diff.po.textconv "$(CURDIR)/scripts/po-textconv.sh"
	git config diff.po.cachetextconv true

clean:
	rm -rf site $(VENV) .pytest_cache .hypothesis
