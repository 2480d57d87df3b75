#!/usr/bin/env bash
# Builds Qt 6.4.2 (qtbase) and SQLite with FTS5 for 64-bit Windows with Debian's MinGW-w64, from Debian's own source
# packages, once, into a cache outside the tree. Later runs find the cache and return at once.
#
#   scripts/windows/build-qt.sh            prints the prefix of the cached Qt on its last line
#
# The cache is keyed by this script, the toolchain file and the source package versions, so a change to any of them
# builds a new prefix beside the old one. HERALD_CACHE (default ~/.cache/herald) moves it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${HERALD_CACHE:-$HOME/.cache/herald}
jobs=${JOBS:-2}
toolchain=$root/cmake/mingw-w64-x86_64.cmake

say() { printf 'build-qt: %s\n' "$*" >&2; }

"$root/scripts/install-deps.sh" --windows >&2

qt_version=$(apt-cache showsrc qt6-base | awk '/^Version:/ {print $2; exit}')
sqlite_version=$(apt-cache showsrc sqlite3 | awk '/^Version:/ {print $2; exit}')
key=$(cat "$0" "$toolchain" <(echo "$qt_version $sqlite_version") | sha256sum | cut -c1-12)
prefix=$cache/mingw-qt-6.4.2-$key

if [[ -f $prefix/.complete ]]; then
    echo "$prefix"
    exit 0
fi

src=$cache/src
work=$cache/work-$key
mkdir -p "$src" "$work" "$prefix"

fetch_source() { # package version
    local package=$1 version=$2
    if ! ls "$src/${package}_${version%-*}"*.orig.tar.* > /dev/null 2>&1; then
        say "fetching Debian's source of $package $version"
        (cd "$src" && apt-get source -q --download-only "$package=$version" >&2)
    fi
}
fetch_source qt6-base "$qt_version"
fetch_source sqlite3 "$sqlite_version"

# Every key builds in a folder of its own: ccache finds its objects again only with paths relative to the cache.
export CCACHE_BASEDIR=$cache
started=$(date +%s)
say "building Qt for Windows into $prefix: about an hour on 2 cores the first time; later runs reuse it"

# SQLite: the amalgamation from Debian's source tree, built as a DLL with FTS5, as Herald's history needs.
if [[ ! -f $prefix/bin/libsqlite3-0.dll ]]; then
    say "SQLite $sqlite_version"
    rm -rf "$work/sqlite" && mkdir -p "$work/sqlite"
    tar -C "$work/sqlite" --strip-components=1 -xf "$src"/sqlite3_"${sqlite_version%-*}".orig.tar.xz
    (cd "$work/sqlite" && ./configure -q > /dev/null && make -s sqlite3.c > /dev/null)
    mkdir -p "$prefix/bin" "$prefix/lib" "$prefix/include"
    x86_64-w64-mingw32-gcc-posix -O2 -shared -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_COLUMN_METADATA \
        -DSQLITE_THREADSAFE=1 -DSQLITE_API='__declspec(dllexport)' \
        -o "$prefix/bin/libsqlite3-0.dll" "$work/sqlite/sqlite3.c" \
        -Wl,--out-implib,"$prefix/lib/libsqlite3.dll.a"
    cp "$work/sqlite/sqlite3.h" "$work/sqlite/sqlite3ext.h" "$prefix/include/"
fi

say "qtbase $qt_version"
rm -rf "$work/qtbase" && mkdir -p "$work/qtbase"
tar -C "$work/qtbase" --strip-components=1 -xf "$src"/qt6-base_"${qt_version%-*}".orig.tar.xz

# Only what Herald uses: Core, Gui, Widgets, Network (Schannel, no OpenSSL), Sql with SQLite, Test; the windows and
# offscreen platform plugins. No HarfBuzz in the dfsg tarball: DirectWrite shapes text. Nor wintab.h, which the
# windows plugin needs for pen tablets: Herald has no use for tablet events. OpenGL stays (desktop, opengl32 from
# MinGW): Qt 6.4's windows plugin does not build without it. DirectWrite 3's font database is built into QtGui only
# with Direct2D, yet the plugin asks for it whenever MinGW's headers have it: without Direct2D it stays off (GDI lists
# the fonts, DirectWrite still draws them).
cmake -S "$work/qtbase" -B "$work/qtbase-build" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DHERALD_MINGW_ROOTS="$prefix" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DQT_HOST_PATH=/usr \
    -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
    -DQT_QMAKE_TARGET_MKSPEC=win32-g++ \
    -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF -DQT_BUILD_BENCHMARKS=OFF \
    -DBUILD_WITH_PCH=OFF \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    -DFEATURE_dbus=OFF -DINPUT_opengl=desktop -DFEATURE_vulkan=OFF \
    -DFEATURE_concurrent=OFF -DFEATURE_printsupport=OFF -DFEATURE_xml=OFF -DFEATURE_opengl_widgets=OFF \
    -DFEATURE_sql_odbc=OFF -DFEATURE_sql_psql=OFF -DFEATURE_sql_mysql=OFF -DFEATURE_sql_sqlite=ON \
    -DFEATURE_system_sqlite=ON -DSQLite3_INCLUDE_DIR="$prefix/include" -DSQLite3_LIBRARY="$prefix/lib/libsqlite3.dll.a" \
    -DFEATURE_openssl=OFF -DFEATURE_schannel=ON \
    -DFEATURE_harfbuzz=OFF -DFEATURE_system_zlib=OFF \
    -DFEATURE_direct2d=OFF -DFEATURE_directwrite=ON -DFEATURE_directwrite3=OFF -DFEATURE_tabletevent=OFF \
    > "$work/configure.log" 2>&1 || { tail -40 "$work/configure.log" >&2; exit 1; }
cmake --build "$work/qtbase-build" -- -j"$jobs" > "$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }
cmake --install "$work/qtbase-build" > "$work/install.log" 2>&1

cp /usr/lib/gcc/x86_64-w64-mingw32/*-posix/{libstdc++-6.dll,libgcc_s_seh-1.dll} "$prefix/bin/"
cp /usr/x86_64-w64-mingw32/lib/libwinpthread-1.dll /usr/x86_64-w64-mingw32/lib/zlib1.dll "$prefix/bin/"
touch "$prefix/.complete"
rm -rf "$work"
say "done in $(($(date +%s) - started)) s; $(du -sh "$prefix" | cut -f1) in $prefix"
echo "$prefix"
