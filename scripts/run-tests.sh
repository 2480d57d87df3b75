#!/usr/bin/env bash
# Runs the whole CTest suite inside a private D-Bus session and a virtual X display,
# so that tests needing a desktop (tray, notifications) run the same on a laptop and in CI.
#   scripts/run-tests.sh PRESET [extra ctest arguments]
set -euo pipefail
preset=${1:?usage: run-tests.sh PRESET [ctest args]}
shift

runtime_dir=$(mktemp -d)
chmod 700 "$runtime_dir"
trap 'rm -rf "$runtime_dir"' EXIT
export XDG_RUNTIME_DIR=$runtime_dir
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
# Tells tests that the session bus is this private one, so they may start services on it (a keyring, for example).
export HERALD_PRIVATE_SESSION_BUS=1

exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
    ctest --preset "$preset" --parallel 2 "$@"
