#!/usr/bin/env bash
# Runs bench_popups on a desktop of its own: Xvfb, a private D-Bus session and dunst, so that Notify goes to a real
# notification daemon.   bench/run-popups.sh BENCH_POPUPS_BINARY
set -euo pipefail
bench=$(realpath "${1:?usage: run-popups.sh BENCH_POPUPS_BINARY}")
if [[ -z ${HERALD_POPUP_SESSION:-} ]]; then
    export HERALD_POPUP_SESSION=1
    exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_RUNTIME_DIR=$work HOME=$work XDG_CONFIG_HOME=$work/config
chmod 700 "$work"
dbus-update-activation-environment DISPLAY XAUTHORITY 2>/dev/null || true
dunst >"$work/dunst.log" 2>&1 &
# Waits for dunst to own its name: asking dunst itself (dunstctl) before then would have D-Bus activate a second one.
for _ in $(seq 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
        string:org.freedesktop.Notifications 2>/dev/null | grep -q "boolean true" && break
    sleep 0.1
done
QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='herald.*.info=false' "$bench"
