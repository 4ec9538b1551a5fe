# Indgang — two commands on a fresh Debian machine with the Swift toolchain:
#   make run    build and serve the citizen side on http://127.0.0.1:8080 (data in ./data)
#   make test   every test: format lint, Swift tests, end-to-end tests of the real binary,
#               the citizen pages (JavaScript off) and the staff console in headless
#               Chromium with axe, and schemathesis against both APIs
# Each installs the Debian packages and Python tools it needs when they are missing.

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8080
DATA_DIR ?= ./data
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
VENV := .venv

BUILD_PACKAGES := libargon2-dev libqrencode-dev libsqlite3-dev pkg-config
TEST_PACKAGES := chromium chromium-driver fonts-dejavu-core msmtp faketime
BENCH_PACKAGES := wrk sqlite3 valgrind binutils
CLOCK_PACKAGES := faketime
# The instants (UTC) the Swift tests run at a second time, under faketime: New Year's Eve at
# 23:30 (already next year in Copenhagen), the two nights summer time starts and ends (the
# switch happens during the run), and 29 February in Copenhagen.
AWKWARD_INSTANTS := "2027-12-31 23:30:00" "2027-03-28 00:59:58" "2027-10-31 00:59:58" "2028-02-28 23:30:00"
# The screenshots kept in Docs/ (make screenshots); make test writes all of them to .build/screenshots.
DOC_SCREENSHOTS := da-start da-step-01 da-check da-receipt-gone da-step-03 da-step-error da-crisis da-receipt en-receipt da-token da-token-error da-case da-case-conversation da-case-booked da-help \
	staff-login staff-two-step-da staff-queue staff-case staff-slots staff-relogin staff-admin-accounts-en staff-stats-en staff-alerts-en staff-new-case-code \
	staff-new-code-by-phone da-assisted da-assisted-receipt da-assisted-ended

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

.PHONY: run test bench release build lint format swift-test swift-test-any-date fuzz end-to-end-test screenshots system-packages test-packages bench-packages python-venv clean

run: build
	$$($(SWIFT) build --show-bin-path)/indgang serve --host $(HOST) --port $(PORT) --data-dir $(DATA_DIR)

test: lint swift-test swift-test-any-date fuzz end-to-end-test

build: system-packages
	$(SWIFT) build --product indgang

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests
	@# One clock: only ServiceClock (Swift) and dates.js (the console) read the system time.
	@if grep -rnE '(^|[^A-Za-z.])Date\(\)|Date\.now' --include='*.swift' Sources | grep -v '^Sources/Intake/Time/ServiceClock.swift:'; then \
	  echo "Read the time from ServiceClock, not Date() (Docs/architecture.md, One clock)."; exit 1; fi
	@# One persistence layer: only AppDatabase's own methods open a transaction or a snapshot.
	@if grep -rnE '[A-Za-z0-9_)]\.(transaction|snapshot)\b' --include='*.swift' Sources; then \
	  echo "Add an AppDatabase method for this read or write (Docs/architecture.md, Persistence)."; exit 1; fi
	@if grep -rnE 'new Date\(\)|Date\.now\(' Public/staff/js | grep -v '^Public/staff/js/dates.js:'; then \
	  echo "Ask dates.js for the service's time, not the browser's (Docs/architecture.md, One clock)."; exit 1; fi

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

swift-test: system-packages
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# No test may depend on the wall clock: the same test binary passes at every awkward instant.
# FAKETIME_DONT_FAKE_MONOTONIC keeps short sleeps working, but not every timed wait: under
# libfaketime a year ahead, a sleep of a second or more, or a semaphore's timeout, comes back only
# when some other timer wakes libdispatch, so tests wait without timers (GroupCommitTests) and move
# time on by hand (StaffDirectoryTests). A run that takes longer than ANY_DATE_TIMEOUT seconds (ten
# times a normal one) is stopped and fails, so a hang says so at once instead of using up CI.
ANY_DATE_TIMEOUT ?= 300
swift-test-any-date: swift-test
	$(call ensure_packages,$(CLOCK_PACKAGES))
	@for instant in $(AWKWARD_INSTANTS); do \
	  echo "Swift tests at $$instant UTC"; \
	  TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1 timeout --kill-after=10 $(ANY_DATE_TIMEOUT) faketime "$$instant" $(SWIFT) test --skip-build \
	    > .build/any-date.log 2>&1; \
	  status=$$?; \
	  [ $$status -ne 124 ] && [ $$status -ne 137 ] \
	    || { echo "The Swift tests gave no answer for $(ANY_DATE_TIMEOUT) s at $$instant UTC: a wait that needs a timer (log: .build/any-date.log)"; exit 1; }; \
	  [ $$status -eq 0 ] \
	    || { grep -E "✘|error" .build/any-date.log | head -40; echo "The Swift tests fail at $$instant UTC (log: .build/any-date.log)"; exit 1; }; \
	  grep -E "^✔ Test run with" .build/any-date.log; \
	done

# libFuzzer on the parsers of outside text (token, case reference, day, form body), compiled from
# their sources with the fuzzer and AddressSanitizer, for a bounded time. -Onone keeps the
# standard library's debug checks (a Character of two graphemes traps only there), so the fuzzer
# sees every trap the debug build has. FUZZ_SECONDS=300 make fuzz runs it longer.
FUZZ_SECONDS ?= 30
FUZZ_SOURCES := Sources/Intake/Cases/CrockfordBase32.swift Sources/Intake/Cases/Token.swift Sources/Intake/Cases/CaseReference.swift \
	Sources/Intake/Time/Day.swift Sources/Intake/Questionnaire/JSONValue.swift Sources/IntakeServer/Citizen/Pages/FormBody.swift \
	Tests/Fuzz/ParserFuzzer.swift
fuzz:
	@mkdir -p .build/fuzz/corpus .build/fuzz/artifacts
	swiftc -sanitize=fuzzer,address -parse-as-library -Onone -module-name ParserFuzz $(FUZZ_SOURCES) -o .build/fuzz/parser-fuzzer 2>&1 \
	  | grep -v "Cannot export local symbol" || true
	cp Tests/Fuzz/corpus/* .build/fuzz/corpus/
	SWIFT_BACKTRACE=enable=no .build/fuzz/parser-fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=1024 -print_final_stats=1 \
	  -dict=Tests/Fuzz/parsers.dict -artifact_prefix=.build/fuzz/artifacts/ .build/fuzz/corpus > .build/fuzz/run.log 2>&1 \
	  || { grep -E "Fatal error|ERROR|SUMMARY|Test unit written" .build/fuzz/run.log; echo "The parser fuzzer failed (log: .build/fuzz/run.log)"; exit 1; }
	@grep -E "^stat::number_of_executed_units" .build/fuzz/run.log | sed 's/^/parser fuzzer: /'

end-to-end-test: build test-packages $(VENV)/installed
	INDGANG_BIN=$$($(SWIFT) build --show-bin-path)/indgang $(VENV)/bin/python -m pytest -q Tests/EndToEnd

# Refreshes the screenshots in Docs/screenshots from a browser run of every citizen page.
screenshots: build test-packages $(VENV)/installed
	INDGANG_BIN=$$($(SWIFT) build --show-bin-path)/indgang $(VENV)/bin/python -m pytest -q Tests/EndToEnd/test_accessibility.py \
	  Tests/EndToEnd/test_staff_console.py Tests/EndToEnd/test_assisted.py
	mkdir -p Docs/screenshots
	for name in $(DOC_SCREENSHOTS); do cp .build/screenshots/$$name.png Docs/screenshots/; done

# The release binary, laid out for a small resident size (Docs/performance.md, Memory): every
# function compiled into a section of its own and linked by lld with packed relative relocations
# (DT_RELR: 14 KB for the loader to read at start, not 1.6 MB) and the functions without a name
# of their own side by side (Benchmarks/layout.ld); then linked once more with the functions that
# start-up and the common requests run placed side by side, listed by running the first binary
# under callgrind (Benchmarks/code_layout.py). The list is written anew from the very binary it
# lays out, so it never goes stale. Result: $(RELEASE_DIR)/release/indgang (.build unless given).
RELEASE_DIR ?= .build
RELEASE_BUILD = $(SWIFT) build --scratch-path $(RELEASE_DIR) -c release --product indgang -Xswiftc -Xfrontend -Xswiftc -function-sections \
	-Xcc -ffunction-sections -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker $(CURDIR)/Benchmarks/layout.ld
CODE_LAYOUT = $(RELEASE_DIR)/code-layout.txt
release: system-packages bench-packages
	$(RELEASE_BUILD)
	$(PYTHON) Benchmarks/code_layout.py $(RELEASE_DIR)/release/indgang $(CODE_LAYOUT).new
	mv $(CODE_LAYOUT).new $(CODE_LAYOUT)
	$(RELEASE_BUILD) -Xlinker --symbol-ordering-file=$(abspath $(CODE_LAYOUT)) -Xlinker --no-warn-symbol-ordering

bench: release
	Benchmarks/run.sh

system-packages:
	$(call ensure_packages,$(BUILD_PACKAGES))

test-packages:
	$(call ensure_packages,$(TEST_PACKAGES))

bench-packages:
	$(call ensure_packages,$(BENCH_PACKAGES))

# Debian's python3 needs python3-venv (for ensurepip) to create a virtual environment.
python-venv:
	@$(PYTHON) -c "import venv, ensurepip" 2>/dev/null || { \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }

# The Python test tools live in a virtual environment, so the system Python is left alone.
$(VENV)/installed: Tests/EndToEnd/requirements.txt Tests/EndToEnd/requirements-no-deps.txt | python-venv
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r Tests/EndToEnd/requirements.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r Tests/EndToEnd/requirements-no-deps.txt
	touch $@

clean:
	rm -rf .build $(VENV)
