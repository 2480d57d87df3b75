#!/usr/bin/env bash
# `make windows-test`: builds Herald and its tests for Windows, runs the tests under Wine in a Wine prefix of their
# own, then installs the installer silently into a fresh prefix, runs the installed herald against an SSE and a
# WebSocket server on loopback (Herald's own demo server, run on Linux), and uninstalls it.
#
# Wine starts a Linux program from a Windows one but gives it no working pipe (a CreatePipe + CreateProcess check
# reads nothing), and the program would get Windows paths: the tests' Linux peers (Node's ws, http2, socket.io,
# graphql-ws and sockjs, mosquitto, openssl for certificates and s_server) are started by
# tests/support/peer-launcher.js, run here on Linux, which the tests ask over loopback (HERALD_PEER_LAUNCHER) and
# which turns Wine paths into Linux ones.
#
# Not run under Wine, and why:
#   - e2e_desktop, packaging_install: the freedesktop stack and `make install` on Linux.
# Qt WebSockets' Debian source (qt6-websockets 6.4.2) cannot be fetched here (404), so it is not built for Windows:
# tst_listen, tst_websocketclient and tst_qwebsocket_gaps serve WebSocket with tests/support/TestWebSocketServer's
# own frames instead, which serve no TLS (tst_websocketclient's wss cases skip), and tst_qwebsocket_gaps compares
# WebSocketClient with no plain QWebSocket; tst_demoserver and tst_feed_transports skip the one case each that
# needs QWebSocket.
# Skipped inside tests that run: tst_http2's two TLS cases (Wine's Schannel negotiates no ALPN, so no HTTP/2 over
# TLS; h2c runs); tst_hostile_servers' TLS alert case (read in OpenSSL's words only; Wine has no TLS 1.3); the cases
# with a TLS server inside the test (tst_feed_transports tls, tst_run_headless untrusted feeds, tst_listen's TLS
# flags and http:// to a TLS port): Wine's Schannel cannot load the server's certificate and key; and the ones that
# stop herald with POSIX signals.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${HERALD_WINDOWS_BUILD:-$root/build/windows}
say() { printf 'windows-test: %s\n' "$*" >&2; }
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver

"$root/scripts/install-deps.sh" --test >&2
HERALD_WINDOWS_TESTS=ON "$root/scripts/windows/build.sh"
qt=$("$root/scripts/windows/build-qt.sh" 2>/dev/null | tail -n 1)

# Wine passes no QT_* variable from Linux to a Windows program: they go into the prefix's own environment.
fresh_prefix() { # folder
    rm -rf "$1"
    WINEPREFIX=$1 WINEDEBUG=-all "$wine" wineboot --init > /dev/null 2>&1
    WINEPREFIX=$1 WINEDEBUG=-all "$wine" reg add 'HKCU\Environment' /v QT_QPA_PLATFORM /d offscreen /f > /dev/null
    # Without a console Qt writes its messages, and Qt Test its results, to the debugger: stderr, for ctest to show.
    WINEPREFIX=$1 WINEDEBUG=-all "$wine" reg add 'HKCU\Environment' /v QT_FORCE_STDERR_LOGGING /d 1 /f > /dev/null
    WINEPREFIX=$1 WINEDEBUG=-all "$wine" reg add 'HKCU\Environment' /v QT_QPA_FONTDIR /d "Z:${build//\//\\}\\fonts" \
        /f > /dev/null
    WINEPREFIX=$1 WINEDEBUG=-all "$wineserver" -w
}
# The offscreen platform draws with FreeType from one folder: DejaVu, and Nanum for Korean.
rm -rf "$build/fonts" && mkdir -p "$build/fonts"
ln -s /usr/share/fonts/truetype/dejavu/*.ttf /usr/share/fonts/truetype/nanum/NanumGothic*.ttf "$build/fonts/"

say "the test suite under Wine"
fresh_prefix "$build/wine-tests"
# The Node peers, started on this side for the tests that need them.
coproc launcher { WINEPREFIX=$build/wine-tests exec node "$root/tests/support/peer-launcher.js"; }
read -r _ launcher_port launcher_token <&"${launcher[0]}"
trap 'kill $launcher_PID 2> /dev/null || true' EXIT
# The token lets the tests, and nobody else on this machine, ask for peers: it lives in a prefix only we can read.
chmod 700 "$build/wine-tests"
WINEPREFIX=$build/wine-tests WINEDEBUG=-all "$wine" reg add 'HKCU\Environment' /v HERALD_PEER_LAUNCHER \
    /d "127.0.0.1:$launcher_port" /f > /dev/null
WINEPREFIX=$build/wine-tests WINEDEBUG=-all "$wine" reg add 'HKCU\Environment' /v HERALD_PEER_LAUNCHER_TOKEN \
    /d "$launcher_token" /f > /dev/null
WINEPREFIX=$build/wine-tests WINEDEBUG=-all "$wineserver" -w
# Wine starts its services and its desktop (explorer.exe /desktop) with the first program that needs them, and they
# inherit that program's file descriptors. Started by a test, they held its output pipe open after it had exited,
# while other tests kept them alive, so ctest waited for that test until its time-out. Started here by a file
# manager window that stays open through the run, with nothing of ours open, they serve every test.
WINEPREFIX=$build/wine-tests WINEDEBUG=-all "$wine" explorer < /dev/null > /dev/null 2>&1 \
    {launcher[0]}<&- {launcher[1]}>&- &
running_in_prefix() { # process pattern: one of this prefix's Wine processes (not another Wine's on this machine)
    local pid
    for pid in $(pgrep -f "$1"); do
        tr '\0' '\n' < "/proc/$pid/environ" 2> /dev/null | grep -qxF "WINEPREFIX=$build/wine-tests" && return 0
    done
    return 1
}
for _ in $(seq 100); do
    running_in_prefix 'explorer.exe /desktop' && running_in_prefix 'rpcss.exe' && break
    sleep 0.2
done
running_in_prefix 'explorer.exe /desktop' ||
    say "warning: Wine's desktop did not start in 20 s; a test may start it and be waited for until its time-out"
status=0
# Split on blanks only: a test regex such as 'tst_.*' is not a file pattern.
read -ra ctest_args <<< "${HERALD_WINDOWS_CTEST_ARGS:-}"
(cd "$build" && WINEPREFIX=$build/wine-tests WINEDEBUG=-all WINEPATH="Z:$qt/bin" \
    ctest --output-on-failure -j2 --timeout 300 "${ctest_args[@]}") || status=1
WINEPREFIX=$build/wine-tests "$wineserver" -k || true
# Some tests only, again and again (e.g. HERALD_WINDOWS_CTEST_ARGS='-R tst_protocols --repeat until-fail:10'):
# the installer is left alone.
[[ -z ${HERALD_WINDOWS_CTEST_ARGS:-} ]] || exit $status

say "the installer, silently, into a fresh prefix"
prefix=$build/wine-install
fresh_prefix "$prefix"
export WINEPREFIX=$prefix WINEDEBUG=-all
setup=$(ls "$build"/herald-*-setup.exe)
# A PATH the person already has: the installer adds to it and the uninstaller gives it back as it was.
user_path='C:\tools;%USERPROFILE%\bin'
"$wine" reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d "$user_path" /f > /dev/null
"$wine" "$setup" /S
"$wineserver" -w # a silent installer returns before it has finished
installed=$prefix/drive_c/users/$(id -un)/AppData/Local/Programs/Herald
[[ -f $installed/herald.exe ]] || { say "FAIL: no herald.exe in $installed"; exit 1; }
"$wine" reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Run' /v Herald | grep -q herald.exe ||
    { say "FAIL: start at sign-in was not set"; exit 1; }
version=$("$wine" "$installed/herald.exe" --version | tr -d '\r')
say "installed: $version"
wrestool --list --type=14 "$installed/herald.exe" | grep -q . || { say "FAIL: herald.exe has no icon"; exit 1; }
path=$("$wine" reg query 'HKCU\Environment' /v Path | tr -d '\r')
[[ $path == *"$user_path;"*'\Programs\Herald'* ]] || { say "FAIL: PATH after the install: $path"; exit 1; }
on_path=$(cd "$build" && "$wine" cmd /c herald --version | tr -d '\r')
[[ $on_path == "$version" ]] || { say "FAIL: herald is not found on PATH: $on_path"; exit 1; }
say "herald.exe has its icon; herald is on PATH"
# The tray app picks how it notifies: it gives the Start-menu shortcut Herald's AppUserModelID, and as Wine has no
# WinRT toasts, says so and uses the tray's messages.
timeout 15 "$wine" "$installed/herald.exe" --verbose > "$build/tray.log" 2>&1 || true
"$wineserver" -k || true
grep -q 'shortcut now carries Herald.Herald' "$build/tray.log" &&
    grep -q 'no toasts: Windows has no toast notifications here' "$build/tray.log" &&
    grep -q 'notifications through tray' "$build/tray.log" ||
    { say "FAIL: the tray app's notifications: $(grep herald "$build/tray.log")"; exit 1; }
say "no WinRT toasts under Wine: the tray's messages are used, as on a Windows without them"

port=$((20000 + RANDOM % 20000))
"$root/build/${PRESET:-dev}/app/herald" demo-server --port "$port" > /dev/null 2>&1 &
demo=$!
trap 'kill $demo $launcher_PID 2> /dev/null || true' EXIT
sleep 1
sse=$("$wine" "$installed/herald.exe" listen "http://127.0.0.1:$port/events" --payloads --count 1 --timeout 30 | tr -d '\r')
[[ $sse == *'"title"'* ]] || { say "FAIL: listen over SSE printed: $sse"; exit 1; }
ws=$("$wine" "$installed/herald.exe" listen "ws://127.0.0.1:$port/chat" --payloads --count 1 --timeout 30 | tr -d '\r')
[[ $ws == *Welcome* ]] || { say "FAIL: listen over WebSocket printed: $ws"; exit 1; }
say "listen works over SSE and WebSocket"
# The store verbs load herald-store.dll, and the history opens through the SQLite driver deployed beside it (the
# tray run above made the database, so the query runs and finds nothing).
history=$("$wine" "$installed/herald.exe" history --limit 1 2>&1 | tr -d '\r')
[[ $history == *"No messages match."* || $history == *"No messages yet."* ]] ||
    { say "FAIL: history printed: $history"; exit 1; }
say "the store module loads: history opens"
# Korean in a console whose code page is not UTF-8 (437, as on an English Windows): written as UTF-16, it shows as
# written. Wine gives a console only to a terminal, hence script(1).
(sleep 5; curl -s -d '한국어 오류 메시지' "http://127.0.0.1:$port/publish" > /dev/null) &
windows_exe="Z:${installed//\//\\}\\herald.exe"
script -q -c "$wine cmd /c \"chcp 437 & $windows_exe listen http://127.0.0.1:$port/events --timeout 10\"" \
    "$build/console.log" > /dev/null || true
grep -aq '한국어 오류 메시지' "$build/console.log" || { say "FAIL: Korean in a console: $(tail -c 300 "$build/console.log")"; exit 1; }
say "Korean shows in a console at code page 437"

"$wine" "$installed/uninstall.exe" /S
# The uninstaller copies itself to the temporary folder and returns at once: wait for it.
"$wineserver" -w
[[ ! -e $installed/herald.exe ]] || { say "FAIL: the uninstaller left herald.exe"; exit 1; }
if "$wine" reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Run' /v Herald > /dev/null 2>&1; then
    say "FAIL: the uninstaller left the start-at-sign-in entry"
    exit 1
fi
path=$("$wine" reg query 'HKCU\Environment' /v Path | tr -d '\r')
[[ $path == *"REG_EXPAND_SZ"*" $user_path" ]] || { say "FAIL: PATH after the uninstall: $path"; exit 1; }
say "uninstalled cleanly"
[[ $status == 0 ]] || say "some tests failed under Wine (above)"
exit $status
