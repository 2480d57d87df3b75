#!/usr/bin/env bash
# End to end on a real desktop stack: `herald --demo` under X (Xvfb in tests) with a real notification daemon
# (dunst) and a tray host (trayer), on a D-Bus session of its own. Checks that the tray icon is embedded, that a
# message published to the demo server reaches dunst as Herald's notification (seen on the bus by dbus-monitor),
# and that a chat message round-trips through the demo room into Herald's history.
#   tests/desktop/e2e_demo.sh HERALD [SCREENSHOT_DIR]
# With SCREENSHOT_DIR it also saves the tray, a notification, History, Chat, Feeds and the feed editor there.
set -euo pipefail
herald=$(realpath "${1:?usage: e2e_demo.sh HERALD [SCREENSHOT_DIR]}")
shots=${2:-}
[[ -n $shots ]] && shots=$(realpath -m "$shots")

if [[ -z ${HERALD_E2E_SESSION:-} ]]; then
    export HERALD_E2E_SESSION=1
    if [[ -z ${DISPLAY:-} ]]; then
        exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
    fi
    exec dbus-run-session -- "$0" "$@"
fi

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
export XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=xcb LANG=${LANG:-C.UTF-8}
unset QT_LOGGING_RULES

fail() {
    echo "e2e: FAIL: $*" >&2
    echo "--- herald log" >&2; cat "$work/herald.log" >&2 || true
    echo "--- bus" >&2; tail -40 "$work/bus.log" >&2 || true
    exit 1
}
# wait_for SECONDS DESCRIPTION COMMAND...: polls the command until it succeeds (no fixed sleeps).
wait_for() {
    local deadline=$((SECONDS + $1)) what=$2
    shift 2
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || fail "$what"
        sleep 0.1
    done
}

dbus-monitor --session "interface='org.freedesktop.Notifications'" >"$work/bus.log" 2>&1 &
pids+=($!)
dunst >"$work/dunst.log" 2>&1 &
pids+=($!)
# Asking dunst itself (dunstctl) before it owns its name would have D-Bus activate a second dunst.
wait_for 10 "dunst did not start" bash -c 'dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications | grep -q "boolean true"'
trayer --edge top --align right --widthtype pixel --width 160 --height 36 --transparent false --tint 0x2b2b2b \
    --SetDockType true --expand false >"$work/trayer.log" 2>&1 &
pids+=($!)
wait_for 10 "trayer did not start" bash -c 'xwininfo -root -tree | grep -q "\"panel\""'

# One feed of the user's own beside the demo's, so that the Feeds window and the editor have something to show.
port=$((20000 + RANDOM % 20000))
"$herald" feeds add "Build pipeline" "http://127.0.0.1:$port/events" --preset json >/dev/null

# A first start says what a person needs (the demo's publish address) and none of the library's chatter.
(
    export XDG_CONFIG_HOME=$work/quiet/config XDG_DATA_HOME=$work/quiet/data XDG_RUNTIME_DIR=$work/quiet/run
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    exec "$herald" --demo >"$work/quiet.log" 2>&1
) &
quiet_pid=$!
pids+=($quiet_pid)
wait_for 15 "a first start did not say where to publish" grep -q "Publish your own" "$work/quiet.log"
kill "$quiet_pid"
if grep -E "^herald\.[a-z.]+: " "$work/quiet.log"; then
    fail "the tray app printed its logs without --verbose"
fi

"$herald" --demo --demo-port "$port" --verbose >"$work/herald.log" 2>&1 &
herald_pid=$!
pids+=($herald_pid)
wait_for 15 "Herald did not start on the demo server" grep -q "Publish your own" "$work/herald.log"
grep -q "notifications through freedesktop" "$work/herald.log" || fail "Herald did not choose the D-Bus notifier"

# The tray: Herald's icon is embedded in trayer's panel.
tray_embedded() { xwininfo -root -tree | grep -A30 '"panel"' | grep -q '("herald" "herald")'; }
wait_for 10 "the tray icon was not embedded in the tray" tray_embedded
echo "e2e: tray icon embedded"

# A notification: publish, then see Herald's Notify call on the bus and dunst showing it.
"$herald" send "http://127.0.0.1:$port/publish" \
    '{"title":"Deploy finished","message":"prod-2 is live (published by the end-to-end test)","priority":4}' >/dev/null
wait_for 15 "dunst never got Herald's notification" grep -q "published by the end-to-end test" "$work/bus.log"
grep -B6 "published by the end-to-end test" "$work/bus.log" | grep -q 'string "Herald"' ||
    fail "the Notify call did not come from Herald"
displayed() { [[ $(dunstctl count displayed) -ge 1 ]]; }
wait_for 5 "dunst shows no notification" displayed
echo "e2e: notification delivered to dunst over D-Bus"

# Chat: a message into the demo room; the bot answers the room; Herald's chat feed has both in its history.
"$herald" send "ws://127.0.0.1:$port/chat" '{"text":"hello from the e2e test","from":"e2e"}' >/dev/null
chat_stored() {
    "$herald" history --feed "Demo chat" --json --limit 50 | grep -q "hello from the e2e test" &&
        "$herald" history --feed "Demo chat" --json --limit 50 | grep -q '"title":"herald-bot".*e2e'
}
wait_for 15 "the chat message did not round-trip into Herald's history" chat_stored
echo "e2e: chat message round-tripped"

# A storm: 40 messages at once give a few popups and one summary, brought up to date in place (replaces_id).
# Counted by their titles: the demo's own samples and the chat above pop up meanwhile too.
# dbus-monitor prints each call twice (as sent and as delivered): distinct titles count.
dunstctl close-all # so that the summary's picture shows the storm alone
notify_calls() {
    { grep -E '^ +string "(Storm [0-9]+|[0-9]+ new messages from Demo events)"$' "$work/bus.log" || true; } | sort -u | wc -l
}
before=$(notify_calls)
for i in $(seq 1 40); do
    printf '{"title":"Storm %d","message":"one of forty published at once","priority":3}\n' "$i"
done | while read -r line; do "$herald" send "http://127.0.0.1:$port/publish" "$line" >/dev/null & done
wait_for 30 "no summary of the storm reached dunst" grep -q "new messages from Demo events" "$work/bus.log"
storm_popups=$(($(notify_calls) - before))
if ((storm_popups > 5)); then
    grep -E '^ +string "(Storm [0-9]+|[0-9]+ new messages from Demo events)"$' "$work/bus.log" | sort -u >&2
    fail "a storm of 40 gave $storm_popups popups (at most 5 expected)"
fi
echo "e2e: a storm of 40 gave $storm_popups popups, the last a summary"

if [[ -n $shots ]]; then
    mkdir -p "$shots"
    window_id() { xwininfo -root -tree | grep "\"$1\"" | head -1 | awk '{print $1}'; }
    shoot() { # shoot FILE WINDOW-TITLE
        local id
        wait_for 10 "no window \"$2\"" bash -c "xwininfo -root -tree | grep -q '\"$2\"'"
        sleep 1 # let it paint; only for pictures, never for a check
        id=$(window_id "$2")
        import -window "$id" "$shots/$1"
        echo "e2e: saved $shots/$1"
    }
    # The storm's summary as dunst draws it.
    import -window root -crop 420x660+860+0 "$shots/notification-summary.png"
    echo "e2e: saved $shots/notification-summary.png"
    # The notification as dunst draws it, and the tray's corner of the screen.
    dunstctl close-all
    "$herald" send "http://127.0.0.1:$port/publish" \
        '{"title":"Build 1042 failed","message":"unit tests: 3 failed on linux-arm64","priority":5,"click":"https://ci.example.org/1042"}' >/dev/null
    # Storm control may hold it for a few seconds and show it with what else came: wait until dunst shows something.
    wait_for 30 "no notification to photograph" displayed
    sleep 1
    import -window root -crop 420x240+860+0 "$shots/notification.png"
    echo "e2e: saved $shots/notification.png"
    # The tray menu: a right click on Herald's icon in the panel.
    dunstctl close-all
    geometry=$(xwininfo -root -tree | grep '("herald" "herald")' | grep -A0 -m1 -E '[0-9]+x[0-9]+\+[0-9]+\+[0-9]+ +\+[0-9]+\+[0-9]+$' |
        awk '{print $(NF-1), $NF}')
    read -r size position <<<"$geometry"
    x=$(echo "$position" | cut -d+ -f2)
    y=$(echo "$position" | cut -d+ -f3)
    w=${size%x*}
    h=${size#*x}
    xdotool mousemove $((x + w / 2)) $((y + h / 2)) click 3
    sleep 1
    import -window root -crop 420x330+860+0 "$shots/tray-menu.png"
    echo "e2e: saved $shots/tray-menu.png"
    xdotool key Escape
    "$herald" --show history >/dev/null
    shoot history.png "History — Herald"
    # Its context menu: a right click on a row.
    history=$(window_id "History — Herald")
    read -r hx hy < <(xwininfo -id "$history" | awk '/Absolute upper-left X/ {x = $NF} /Absolute upper-left Y/ {y = $NF} END {print x, y}')
    xdotool mousemove $((hx + 300)) $((hy + 95)) click 3
    sleep 1
    import -window root -crop 860x560+"$hx"+"$hy" "$shots/history-menu.png"
    echo "e2e: saved $shots/history-menu.png"
    xdotool key Escape
    # A gotify message in Markdown, read in History: formatted, as gotify's own apps show it.
    "$herald" send "http://127.0.0.1:$port/publish" \
        '{"id":2407,"appid":2,"priority":5,"title":"Release 2.4 shipped","message":"**Release 2.4** is out on all mirrors.\n\n- arm64 builds are back\n- history search finds parts of words\n\nNotes: [changelog](https://example.org/herald/2.4)","extras":{"client::display":{"contentType":"text/markdown"}}}' >/dev/null
    wait_for 15 "the Markdown message did not reach the history" \
        bash -c "\"$herald\" history --limit 5 --json | grep -q 'Release 2.4 shipped'"
    xdotool mousemove $((hx + 300)) $((hy + 20)) click 1 # the search box: the demo keeps publishing meanwhile
    xdotool type --delay 20 "Release 2.4"
    sleep 1
    xdotool mousemove $((hx + 300)) $((hy + 65)) click 1
    sleep 1
    shoot history-markdown.png "History — Herald"
    dunstctl close-all
    "$herald" send "ws://127.0.0.1:$port/chat" '{"text":"can someone look at build 1042?","from":"mina"}' >/dev/null
    "$herald" send "ws://127.0.0.1:$port/chat" '{"text":"the notification says the arm64 runner ran out of disk; logs are at https://ci.example.org/herald/builds/1042/log","from":"mina"}' >/dev/null
    "$herald" --show chat >/dev/null
    shoot chat.png "Chat — Herald"
    "$herald" --show feeds >/dev/null
    shoot feeds.png "Feeds — Herald"
    "$herald" --show "feed-editor Build pipeline" >/dev/null
    shoot feed-editor.png "Edit feed “Build pipeline” — Herald"
    # The other tabs, by their keyboard shortcuts (Alt and the underlined letter).
    editor=$(window_id "Edit feed “Build pipeline” — Herald")
    xdotool key --window "$editor" alt+p
    shoot feed-editor-protocol.png "Edit feed “Build pipeline” — Herald"
    xdotool key --window "$editor" alt+w
    shoot feed-editor-network.png "Edit feed “Build pipeline” — Herald"
    xdotool key --window "$editor" alt+r
    shoot feed-editor-rules.png "Edit feed “Build pipeline” — Herald"
    # An MQTT feed's Protocol tab (the broker need not be there for the editor).
    "$herald" feeds add "Home sensors" "ws://127.0.0.1:9/mqtt" --protocol mqtt --topic 'home/+/temperature' \
        --topic 'alerts/#' --publish-topic home/commands >/dev/null
    "$herald" --show "feed-editor Home sensors" >/dev/null
    shoot feed-editor-mqtt.png "Edit feed “Home sensors” — Herald" >/dev/null
    xdotool windowfocus --sync "$(window_id "Edit feed “Home sensors” — Herald")"
    xdotool key alt+p
    shoot feed-editor-mqtt.png "Edit feed “Home sensors” — Herald"
    # A ntfy feed asks for the server and the topics (disabled: ntfy.sh is not reachable from here).
    "$herald" feeds add "Alerts" "https://ntfy.sh/alerts,backups/sse" --preset ntfy >/dev/null
    "$herald" feeds disable "Alerts" >/dev/null
    "$herald" --show "feed-editor Alerts" >/dev/null
    shoot feed-editor-ntfy.png "Edit feed “Alerts” — Herald"
    "$herald" --show settings >/dev/null
    shoot settings.png "Settings — Herald"
    "$herald" --show welcome >/dev/null
    shoot welcome.png "Welcome to Herald"
    import -window root "$shots/desktop.png"
fi

kill "$herald_pid"
wait "$herald_pid" 2>/dev/null || true
echo "e2e: PASS"
