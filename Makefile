# The PREPARE guidebook. `make site` builds the bilingual site into site/, `make test` runs every test.
# Both create .venv with the pinned dependencies on first use and install the Debian packages they need
# when missing (scripts/system-packages; as root, otherwise they say what to install).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Decap CMS, the web editor, from npm at the version package-lock.json pins (issue 20).
EDITOR_INSTALLED := editor/node_modules/.installed

export NO_MKDOCS_2_WARNING := 1
# The browser the browser tests drive, when it is not Debian's chromium-headless-shell: make test CHROMIUM=/path/to/chromium
export CHROMIUM

.PHONY: site serve edit check test lock bench lighthouse publish preview-prod clean

site: $(INSTALLED)
	@scripts/system-packages site
	$(BIN)/guidebook build site $(if $(FAST),--no-downloads)

serve: $(INSTALLED)
	$(BIN)/guidebook serve

# The web editor at http://127.0.0.1:8081/admin/ and the live preview at http://127.0.0.1:8000/, until Ctrl-C.
edit: $(INSTALLED) $(EDITOR_INSTALLED)
	@$(BIN)/guidebook edit $(if $(NAME),--name "$(NAME)")

check: $(INSTALLED)
	$(BIN)/guidebook check

# On every core (pytest-xdist); the builds the tests share are made once for all workers (tests/shared_builds.py).
test: $(INSTALLED) $(EDITOR_INSTALLED)
	@scripts/system-packages test
	$(BIN)/python -m pytest -n auto

# Build time, memory and sizes at scale (issue 7); N: practice sheets per language, e.g. make bench N="50 500".
bench: $(INSTALLED)
	$(BIN)/python scripts/bench.py $(N) --json bench.json

# Lighthouse (mobile) scores of the home, catalogue and a practice sheet in both languages (scripts/lighthouse.py;
# installs Lighthouse into tools/lighthouse on first use; a minute or two: not part of `make test`).
lighthouse: $(INSTALLED)
	$(BIN)/python scripts/lighthouse.py $(if $(FAST),--fast) $(if $(RUNS),--runs $(RUNS))

# Publish the built site as a new release of DEST (a folder, or user@host:/folder over ssh), switched to in one
# step: make publish DEST=/srv/prepare-guidebook; back to the previous release: make publish DEST=... ROLLBACK=1.
publish: $(INSTALLED)
	@test -n "$(DEST)" || { echo "usage: make publish DEST=/srv/prepare-guidebook (or DEST=user@host:/srv/prepare-guidebook) [ROLLBACK=1]"; exit 2; }
	$(BIN)/guidebook publish $(if $(ROLLBACK),--rollback) "$(DEST)"

# The built site/ served through the shipped nginx configuration (deploy/nginx/) on 127.0.0.1, until Ctrl-C.
preview-prod: $(INSTALLED)
	@$(BIN)/guidebook preview-prod site

# Exactly the locked versions, each checked against its hash; a new venv each time, so nothing stays from an older
# lock (tests/test_lock.py compares what is installed with the lock). The package itself adds no dependency.
$(INSTALLED): pyproject.toml requirements.lock
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Rewrites requirements.lock from pyproject.toml's pins (and the extras test and setup), keeping every version it
# already holds that still fits: quick and deterministic. `make lock UPGRADE=markdown` moves one indirect
# dependency to its newest version.
lock:
	@test -x $(BIN)/uv || $(MAKE) $(INSTALLED)
	$(BIN)/uv pip compile pyproject.toml --extra test --extra setup --universal --generate-hashes \
		--custom-compile-command "make lock" --output-file requirements.lock --quiet $(if $(UPGRADE),--upgrade-package $(UPGRADE))

$(EDITOR_INSTALLED): editor/package.json editor/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 18 or newer (Debian: apt-get install nodejs npm), then run make again"; exit 1; }
	cd editor && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Every temporary name a build uses (publish/swap.py), killed builds' leftovers included.
clean:
	rm -rf site .site-building-* ..site-building-* .site-previous .site-fr-*
