#!/usr/bin/env bash
# Runs the whole CTest suite inside a private D-Bus session and a virtual X display, so that tests needing a desktop
# (tray, notifications, a keychain) run the same on a laptop and in CI, and never touch the user's own session.
#   scripts/run-tests.sh PRESET [extra ctest arguments]
set -euo pipefail
preset=${1:?usage: run-tests.sh PRESET [ctest args]}
shift

runtime_dir=$(mktemp -d)
chmod 700 "$runtime_dir"
trap 'rm -rf "$runtime_dir"' EXIT
export XDG_RUNTIME_DIR=$runtime_dir
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
# Tells tests that the session bus is this private one, so they may use services on it.
export HERALD_PRIVATE_SESSION_BUS=1

# Inside the private session: one unlocked Secret Service for the whole run, its keyring in a throwaway home.
# (Each test starting its own would race: a later daemon replaces an earlier one whose home then disappears.)
inside_session='
if command -v gnome-keyring-daemon >/dev/null; then
    mkdir -p "$XDG_RUNTIME_DIR/keyring-home"
    if printf test-password | HOME="$XDG_RUNTIME_DIR/keyring-home" XDG_DATA_HOME="$XDG_RUNTIME_DIR/keyring-home/data" \
        gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
        export HERALD_TEST_KEYRING=1
    fi
fi
exec xvfb-run -a -s "-screen 0 1280x800x24" ctest "$@"
'
exec dbus-run-session -- bash -c "$inside_session" run-tests --preset "$preset" --parallel 2 "$@"
