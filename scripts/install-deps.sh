#!/usr/bin/env bash
# Installs what Herald needs on Debian/Ubuntu, and nothing that is already there.
#   scripts/install-deps.sh          build and run
#   scripts/install-deps.sh --test   also what the test suite needs (Xvfb, D-Bus, a notification daemon, a tray,
#                                    Node, ImageMagick for screenshots, a Korean font, the mosquitto broker)
#   scripts/install-deps.sh --windows  also the Windows cross build: MinGW-w64, NSIS, Wine, the icon tools, and a deb-src entry so
#                                    that Debian's Qt and SQLite sources can be fetched
# Idempotent: a second run installs nothing and does not touch the network.
set -euo pipefail

build_packages=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev libqt6sql6-sqlite libsqlite3-dev qt6-tools-dev qt6-l10n-tools qtkeychain-qt6-dev
    qt6-translations-l10n
    libgl-dev zlib1g-dev
)
test_packages=(
    qt6-websockets-dev
    xvfb xauth dbus dbus-x11 dunst libnotify-bin gnome-keyring libsecret-1-0
    fonts-dejavu-core fonts-nanum trayer imagemagick x11-utils xdotool
    nodejs npm clang-format clang libclang-rt-dev openssl desktop-file-utils appstream man-db dpkg-dev mosquitto
    lintian
)

windows_packages=(
    g++-mingw-w64-x86-64-posix mingw-w64-tools libz-mingw-w64-dev nsis wine64 tcl dpkg-dev xz-utils
    librsvg2-bin icoutils
)

packages=("${build_packages[@]}")
if [[ ${1:-} == --test ]]; then
    packages+=("${test_packages[@]}")
fi
if [[ ${1:-} == --windows ]]; then
    packages+=("${windows_packages[@]}")
fi

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "install-deps: this script knows Debian and Ubuntu only." >&2
    echo "Install Qt 6.4 or newer (Core, Network, Sql, Widgets, DBus, LinguistTools; Test and WebSockets for the tests)," >&2
    echo "CMake 3.25, Ninja and a C++17 compiler, then build with: cmake --preset dev && cmake --build --preset dev" >&2
    exit 1
fi

missing=()
for p in "${packages[@]}"; do
    # Node may come from another repository than Debian's; any working node and npm will do.
    if [[ $p == nodejs ]] && command -v node >/dev/null; then
        continue
    fi
    if [[ $p == npm ]] && command -v npm >/dev/null; then
        continue
    fi
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$p")
done

install_node_peers() {
    # The tests' independent protocol peers (ws, eventsource, socket.io, graphql-ws), pinned by
    # tests/support/package-lock.json. npm keeps its own copy of the lock it installed: when that is missing or
    # older than ours, the installed peers are not the ones the tests expect.
    local support
    support="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/support"
    if [[ ${1:-} == --test && ( ! -f $support/node_modules/.package-lock.json ||
        $support/package-lock.json -nt $support/node_modules/.package-lock.json ) ]]; then
        echo "install-deps: installing the Node test peers in tests/support"
        npm ci --prefix "$support" --no-audit --no-fund --loglevel=error
    fi
}

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
fi

need_root() {
    if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
        echo "install-deps: need root to $1" >&2
        exit 1
    fi
}

# The Windows build fetches Debian's own Qt and SQLite sources, which needs a deb-src entry beside the deb one.
add_source_entry() {
    local debian=/etc/apt/sources.list.d/debian.sources
    if [[ ${1:-} != --windows ]] || apt-cache showsrc qt6-base 2>/dev/null | grep -q '^Version:'; then
        return 0
    fi
    if [[ ! -f $debian ]]; then
        echo "install-deps: add a deb-src line for your Debian suite to the apt sources, then run this again." >&2
        exit 1
    fi
    need_root "add a deb-src entry"
    echo "install-deps: adding a deb-src entry (/etc/apt/sources.list.d/herald-src.sources)"
    sed -e 's/^Types: deb$/Types: deb-src/' "$debian" | "${sudo[@]}" tee /etc/apt/sources.list.d/herald-src.sources >/dev/null
    "${sudo[@]}" apt-get update -qq
}

if ((${#missing[@]} > 0)); then
    need_root "install: ${missing[*]}"
    echo "install-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
add_source_entry "${1:-}"
install_node_peers "${1:-}"
