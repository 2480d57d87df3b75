#!/usr/bin/env bash
# `make windows`: Herald for 64-bit Windows, cross-built here with Debian's MinGW-w64 against the Qt that
# build-qt.sh builds once into a cache, then staged with what it needs beside it and packed into an installer.
#
#   scripts/windows/build.sh            leaves build/windows/dist/Herald/ and build/windows/herald-<version>-setup.exe
#   HERALD_WINDOWS_TESTS=ON …            also builds the test suite (make windows-test does)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${HERALD_WINDOWS_BUILD:-$root/build/windows}
say() { printf 'windows: %s\n' "$*" >&2; }

qt=$("$root/scripts/windows/build-qt.sh" | tail -n 1)
say "Qt for Windows: $qt"

cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-w64-x86_64.cmake" \
    -DHERALD_MINGW_ROOTS="$qt" -DCMAKE_PREFIX_PATH="$qt" \
    -DQT_HOST_PATH=/usr -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
    -DSQLite3_INCLUDE_DIR="$qt/include" -DSQLite3_LIBRARY="$qt/lib/libsqlite3.dll.a" \
    -DCMAKE_BUILD_TYPE=Release \
    -DHERALD_BUILD_TESTS="${HERALD_WINDOWS_TESTS:-OFF}" -DHERALD_BUILD_BENCH=OFF \
    -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/lib/wine/wine64 > "$build.configure.log" 2>&1 ||
    { tail -30 "$build.configure.log" >&2; exit 1; }
cmake --build "$build" -- -j"${JOBS:-2}"

"$root/scripts/windows/package.sh" "$qt" "$build"
