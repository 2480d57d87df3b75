#!/usr/bin/env bash
# What a user of the .deb gets: builds the package from a configured build folder, checks it with lintian, installs
# it on this machine (root, as in CI), and runs the installed herald: its version, `herald listen` against the
# installed demo server, and a headless feed. Removes the package again at the end.
#   scripts/check-deb.sh BUILD_DIR
set -euo pipefail
build=$(realpath "${1:?usage: check-deb.sh BUILD_DIR}")
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    dpkg -r herald >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || fail "installing the package needs root (CI runs as root)"

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack"; }
deb=$(ls "$work"/out/herald_*.deb)
echo "check-deb: built $(basename "$deb")"
# Debian's linter: any error or warning fails (information-level tags are listed, not failed on).
lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1 || true
if grep -E '^[EW]: ' "$work/lintian.log" >&2; then
    fail "lintian found the errors or warnings above"
fi
echo "check-deb: lintian finds no error or warning"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "apt-get install of the package"; }
installed=/usr/bin/herald
[[ -x $installed ]] || fail "the package did not install /usr/bin/herald"
"$installed" --version | grep -q "^herald " || fail "the installed herald --version"
[[ -f /usr/share/man/man1/herald.1.gz ]] || fail "no manual page"
[[ -f /usr/share/doc/herald/copyright ]] || fail "no copyright file"
[[ -f /usr/share/bash-completion/completions/herald ]] || fail "no bash completion"
out=$(QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$work "$installed" --show nonsense 2>&1 || true)
grep -q "opens one of" <<<"$out" || fail "the installed herald did not load its tray module: $out"
echo "check-deb: the installed herald loads its tray module"

export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
port=$((20000 + RANDOM % 20000))
"$installed" demo-server --port "$port" >"$work/demo.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q "events:" "$work/demo.log" && break; sleep 0.1; done
"$installed" listen "http://127.0.0.1:$port/events" --json --count 1 --timeout 30 >"$work/listen.out" ||
    fail "the installed herald listen got nothing from the installed demo server"
grep -q '"kind":"event"' "$work/listen.out" || fail "herald listen printed no event: $(cat "$work/listen.out")"
echo "check-deb: herald listen received from the installed demo server"

"$installed" feeds add demo "http://127.0.0.1:$port/events" >/dev/null || fail "herald feeds add"
timeout 30 "$installed" run --headless --json >"$work/run.out" 2>"$work/run.err" &
run_pid=$!
for _ in $(seq 300); do grep -q '"kind":"notification"' "$work/run.out" 2>/dev/null && break; sleep 0.1; done
kill "$run_pid" 2>/dev/null || true
wait "$run_pid" 2>/dev/null || true
grep -q '"kind":"notification"' "$work/run.out" ||
    fail "herald run --headless showed no notification: $(cat "$work/run.out" "$work/run.err")"
echo "check-deb: herald run --headless notified from a configured feed"
echo "check-deb: PASS"
