# Townhall: `make run` serves the demo on 127.0.0.1:8080, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

APT_PACKAGES := libsqlite3-dev libcmark-dev zlib1g-dev pkg-config sqlite3 curl
E2E_APT_PACKAGES := chromium chromium-driver python3-venv msmtp libpango-1.0-0 libpangoft2-1.0-0
BENCH_APT_PACKAGES := wrk nginx-light
PYTHON ?= python3
VENV := .venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_DB := var/demo.sqlite
TOWNHALL := .build/debug/townhall

# Installs only the Debian packages that are missing.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

# `make install` and `make deb` build this: optimised, with the Swift runtime linked in, so it needs no Swift to run.
RELEASE_BUILD := swift build -c release --product townhall --static-swift-stdlib
PREFIX ?= /usr/local

.PHONY: help deps e2e-deps build run test unit-test e2e bench soak install deb clean

help:
	@echo "make run    build, migrate and seed $(DEMO_DB), serve on http://127.0.0.1:8080"
	@echo "make test   install what is missing, build, run unit/HTTP/store/CLI tests and the browser check"
	@echo "make bench  release build, large seeded store, wrk against it and nginx; writes bench/results.md"
	@echo "make soak   release build, reads (wrk) and writes together for 5 minutes; writes bench/results.md"
	@echo "make install PREFIX=/usr/local   release build into PREFIX/bin and PREFIX/share/townhall"
	@echo "make deb    release build packaged as var/townhall_VERSION_ARCH.deb (systemd unit, townhall user)"

deps:
	$(call apt_install,$(APT_PACKAGES))

e2e-deps: deps
	$(call apt_install,$(E2E_APT_PACKAGES))
	@if [ ! -f $(VENV)/.installed ] || [ Tests/e2e/requirements.txt -nt $(VENV)/.installed ]; then \
	  $(PYTHON) -m venv $(VENV) && $(VENV)/bin/pip install -q --disable-pip-version-check -r Tests/e2e/requirements.txt && touch $(VENV)/.installed; \
	fi

build: deps
	swift build

run: build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(TOWNHALL) db migrate --database $(DEMO_DB)
	$(TOWNHALL) demo seed --database $(DEMO_DB)
	$(if $(wildcard $(VENV)/bin/weasyprint),TOWNHALL_PDF_COMMAND="$(CURDIR)/$(VENV)/bin/weasyprint --pdf-variant pdf/ua-1") \
	  $(TOWNHALL) serve --database $(DEMO_DB) --host 127.0.0.1 --port 8080

# One build with testing enabled serves both the tests and the CLI tests' executable.
test: e2e-deps
	swift build --build-tests
	swift test --skip-build
	$(MAKE) --no-print-directory e2e

e2e:
	scripts/e2e.sh $(TOWNHALL) $(CURDIR)/$(VENV)/bin/python

bench: deps
	$(call apt_install,$(BENCH_APT_PACKAGES))
	scripts/bench.sh

soak: e2e-deps
	$(call apt_install,$(BENCH_APT_PACKAGES))
	PYTHON=$(VENV)/bin/python scripts/soak.sh

# BINARY= installs another build (the CI check installs its debug binary); DESTDIR= stages for a package.
install: deps
	$(if $(BINARY),,$(RELEASE_BUILD))
	install -Dm755 $(or $(BINARY),.build/release/townhall) $(DESTDIR)$(PREFIX)/bin/townhall
	rm -rf $(DESTDIR)$(PREFIX)/share/townhall
	mkdir -p $(DESTDIR)$(PREFIX)/share/townhall/Config
	cp -r Templates Public $(DESTDIR)$(PREFIX)/share/townhall/
	install -m644 Config/bank-holidays.json $(DESTDIR)$(PREFIX)/share/townhall/Config/
	@echo "installed; settings go in $(if $(filter /usr,$(PREFIX)),,$(PREFIX))/etc/townhall/townhall.json (see README, Operations)"

deb: deps
	$(RELEASE_BUILD)
	scripts/package-deb.sh .build/release/townhall var

clean:
	rm -rf .build var $(VENV)
