#!/usr/bin/env bash
# What `make install` and the .deb put on a machine: the executable, the desktop entry and AppStream metadata (both
# valid), the manual (renders without warnings) and completions for bash, zsh and fish (that load and complete).
#   tests/packaging/check_install.sh BUILD_DIR
set -euo pipefail
build=$(realpath "${1:?usage: check_install.sh BUILD_DIR}")
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "check_install: FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
for file in bin/herald share/applications/org.herald.Herald.desktop share/metainfo/org.herald.Herald.metainfo.xml \
    share/man/man1/herald.1.gz share/bash-completion/completions/herald share/zsh/vendor-completions/_herald \
    share/fish/vendor_completions.d/herald.fish share/icons/hicolor/scalable/apps/herald.svg \
    share/doc/herald/copyright share/doc/herald/changelog.gz; do
    [[ -e $prefix/$file ]] || fail "make install did not install $file"
done
# The tray module is private: lib/<multiarch>/herald where the platform has such a folder, else lib/herald.
for module in herald-desktop herald-store; do
    compgen -G "$prefix/lib/herald/$module.so" >/dev/null ||
        compgen -G "$prefix/lib/*/herald/$module.so" >/dev/null ||
        fail "make install did not install the module $module.so"
done
# No library search path in what is built or installed: Herald's libraries are the system's. An empty entry (CMake
# padded the build tree's RUNPATH with ':' for an install RPATH it did not need) makes the loader look in the
# current directory, so a build-tree herald started in /tmp would load a libQt6Core.so.6 left there.
for binary in "$build/app/herald" "$build"/app/herald-*.so "$prefix/bin/herald" "$prefix"/lib/*/herald/*.so \
    "$prefix"/lib/herald/*.so; do
    [[ -e $binary ]] || continue
    if path=$(readelf -d "$binary" | grep -E "\((RPATH|RUNPATH)\)"); then
        fail "$binary carries a library search path: $path"
    fi
done
# The installed herald finds its tray module where it was installed: the module's own option check answers.
out=$(QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$(mktemp -d) "$prefix/bin/herald" --show nonsense 2>&1 || true)
grep -q "opens one of" <<<"$out" || fail "the installed herald did not load its tray module: $out"
# The executable itself loads neither: listen, connect and send start without the store's libraries.
if linked=$(ldd "$prefix/bin/herald" | grep -E "libQt6(Sql|Widgets|Gui)|libsqlite3|keychain"); then
    fail "the installed herald links what only its modules need: $linked"
fi
# And its store module, for the verbs that open Herald's files.
out=$("$prefix/bin/herald" feeds --help 2>&1 || true)
grep -q "Usage: herald feeds" <<<"$out" || fail "the installed herald did not load its store module: $out"

if command -v desktop-file-validate >/dev/null; then
    out=$(desktop-file-validate "$prefix/share/applications/org.herald.Herald.desktop" 2>&1) || fail "desktop entry: $out"
    [[ -z $out ]] || fail "desktop-file-validate: $out"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$prefix/share/metainfo/org.herald.Herald.metainfo.xml" >/dev/null ||
        fail "appstreamcli validate: $(appstreamcli validate --no-net "$prefix/share/metainfo/org.herald.Herald.metainfo.xml")"
fi
if command -v man >/dev/null; then
    warnings=$(MANWIDTH=100 man --warnings -l "$prefix/share/man/man1/herald.1.gz" 2>&1 >/dev/null || true)
    [[ -z $warnings ]] || fail "the manual has warnings: $warnings"
    MANWIDTH=100 man -l "$prefix/share/man/man1/herald.1.gz" 2>/dev/null | grep -q -- "--ca-file" ||
        fail "the manual does not document --ca-file"
fi

# bash: the completion loads and completes a verb and a listen option.
completions=$(bash -c '
    source "$1"
    COMP_WORDS=(herald li); COMP_CWORD=1; _herald; printf "%s\n" "${COMPREPLY[@]}"
    COMP_WORDS=(herald listen --pay); COMP_CWORD=2; _herald; printf "%s\n" "${COMPREPLY[@]}"
' bash "$prefix/share/bash-completion/completions/herald")
grep -qx listen <<<"$completions" || fail "bash completion does not complete 'li' to listen"
grep -qx -- --payloads <<<"$completions" || fail "bash completion does not complete 'listen --pay' to --payloads"
if command -v zsh >/dev/null; then
    zsh -n "$prefix/share/zsh/vendor-completions/_herald" || fail "the zsh completion does not parse"
fi
if command -v fish >/dev/null; then
    fish -n "$prefix/share/fish/vendor_completions.d/herald.fish" || fail "the fish completion does not parse"
fi

# The installed executable runs and answers.
"$prefix/bin/herald" --version | grep -q '^herald ' || fail "the installed herald does not print its version"
# Into a file, not a pipe to head: head leaves early, and herald, still writing the long help, would die of SIGPIPE.
"$prefix/bin/herald" help listen >"$prefix/help.txt" || fail "herald help listen exits non-zero"
head -1 "$prefix/help.txt" | grep -q '^Usage: herald listen' || fail "herald help listen"
echo "check_install: PASS"
