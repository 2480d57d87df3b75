# A thin wrapper over the CMake presets and scripts/install-deps.sh; see README.md.
PRESET ?= $(if $(CI),ci,dev)
BUILD_DIR := build/$(PRESET)
HERALD := $(BUILD_DIR)/app/herald

.PHONY: all run test build configure deps test-deps bench fuzz format clean screenshots windows windows-test

all: build

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test

$(BUILD_DIR)/build.ninja:
	cmake --preset $(PRESET)

configure: $(BUILD_DIR)/build.ninja

build: deps configure
	cmake --build --preset $(PRESET) -- -j2

run: build
	$(HERALD) --demo

test: test-deps configure
	cmake --build --preset $(PRESET) -- -j2
	scripts/run-tests.sh $(PRESET)

# Runs the demo on a virtual desktop (Xvfb, dunst, trayer) and saves pictures of every window in docs/screenshots.
screenshots: test-deps build
	tests/desktop/e2e_demo.sh $(HERALD) docs/screenshots

bench: test-deps
	@test -f build/release/build.ninja || cmake --preset release
	cmake --build --preset release -- -j2
	build/release/bench/bench_sseparser
	build/release/bench/bench_listen
	build/release/bench/bench_streams
	build/release/bench/bench_websocket
	build/release/bench/bench_roundtrip
	QT_QPA_PLATFORM=offscreen build/release/bench/bench_chat
	build/release/bench/bench_history
	build/release/bench/bench_ingest
	build/release/bench/bench_feeds
	build/release/bench/bench_protocols
	bench/run-popups.sh build/release/bench/bench_popups

# Herald for Windows, cross-built here (MinGW-w64, Qt from Debian's sources, built once into ~/.cache/herald: about
# an hour the first time), with its installer; then its tests under Wine and the installer tried in a fresh prefix.
windows:
	scripts/windows/build.sh

windows-test: build
	scripts/windows/test.sh

# Coverage-guided fuzzing (libFuzzer, ASan, UBSan) of every parser: FUZZ_SECONDS per target (CI runs a few).
FUZZ_SECONDS ?= 60
fuzz: test-deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build
