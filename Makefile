# Indgang — two commands on a fresh Debian machine with the Swift toolchain:
#   make run    build and serve the citizen side on http://127.0.0.1:8080 (data in ./data)
#   make test   every test: format lint, Swift tests, end-to-end tests of the real binary
# Each installs the Debian packages and Python tools it needs when they are missing.

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8080
DATA_DIR ?= ./data
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
VENV := .venv

BUILD_PACKAGES := libargon2-dev libsqlite3-dev pkg-config
BENCH_PACKAGES := wrk sqlite3

# Installs the Debian packages listed in $(1) that are not installed yet.
define ensure_packages
	@missing=""; for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

.PHONY: run test bench build lint format swift-test end-to-end-test system-packages bench-packages python-venv clean

run: build
	$$($(SWIFT) build --show-bin-path)/indgang serve --host $(HOST) --port $(PORT) --data-dir $(DATA_DIR)

test: lint swift-test end-to-end-test

build: system-packages
	$(SWIFT) build --product indgang

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

swift-test: system-packages
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

end-to-end-test: build $(VENV)/installed
	INDGANG_BIN=$$($(SWIFT) build --show-bin-path)/indgang $(VENV)/bin/python -m pytest -q Tests/EndToEnd

bench: system-packages bench-packages
	Benchmarks/run.sh

system-packages:
	$(call ensure_packages,$(BUILD_PACKAGES))

bench-packages:
	$(call ensure_packages,$(BENCH_PACKAGES))

# Debian's python3 needs python3-venv (for ensurepip) to create a virtual environment.
python-venv:
	@$(PYTHON) -c "import venv, ensurepip" 2>/dev/null || { \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }

# The Python test tools live in a virtual environment, so the system Python is left alone.
$(VENV)/installed: Tests/EndToEnd/requirements.txt | python-venv
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r Tests/EndToEnd/requirements.txt
	touch $@

clean:
	rm -rf .build $(VENV)
