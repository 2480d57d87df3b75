#!/usr/bin/env bash
# Stages a Windows build of Herald with the Qt and MinGW libraries and plugins it loads (what windeployqt would
# copy, which cannot run here), then builds the per-user installer with NSIS.
#
#   scripts/windows/package.sh QT_PREFIX BUILD_DIR
set -euo pipefail

qt=$1
build=$(cd "$2" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's/^ *VERSION \([0-9.]*\)$/\1/p' "$root/CMakeLists.txt" | head -n 1)
stage=$build/dist/Herald
strip=x86_64-w64-mingw32-strip

rm -rf "$stage" && mkdir -p "$stage"
cp "$build/herald.exe" "$build/herald-desktop.dll" "$build/herald-store.dll" "$stage/"
# herald links Core and Network; herald-store adds Sql, the tray module Sql, Gui and Widgets.
for dll in Qt6Core Qt6Network Qt6Sql Qt6Gui Qt6Widgets \
           libgcc_s_seh-1 libstdc++-6 libwinpthread-1 zlib1 libsqlite3-0; do
    cp "$qt/bin/$dll.dll" "$stage/"
done
# Plugins: the windows platform (offscreen for headless use), SQLite, Schannel TLS, the native style, icons.
for plugin in platforms/qwindows platforms/qoffscreen sqldrivers/qsqlite tls/qschannelbackend \
              tls/qcertonlybackend styles/qwindowsvistastyle imageformats/qico imageformats/qjpeg \
              imageformats/qgif; do
    mkdir -p "$stage/$(dirname "$plugin")"
    cp "$qt/plugins/$plugin.dll" "$stage/$plugin.dll"
done
# Qt's own strings in Korean (dialog buttons and the like), from Debian's package: the same Qt version.
mkdir -p "$stage/translations"
for qm in /usr/share/qt6/translations/qtbase_ko.qm /usr/share/qt6/translations/qtbase_en.qm; do
    [[ -f $qm ]] && cp "$qm" "$stage/translations/"
done
# Everything beside herald.exe: Qt's paths are relative to it, not to where Qt was built.
printf '[Paths]\nPrefix = .\nPlugins = .\nTranslations = translations\n' > "$stage/qt.conf"
cp "$root/LICENSE" "$stage/LICENSE.txt"
find "$stage" -name '*.dll' -o -name '*.exe' | xargs "$strip" --strip-unneeded

makensis -V2 -DVERSION="$version" -DSTAGE="$stage" -DOUTFILE="$build/herald-$version-setup.exe" \
    -DLICENSE="$root/LICENSE" -DICON="$build/app/herald.ico" "$root/packaging/windows/herald.nsi" >&2
echo "windows: $(du -sh "$stage" | cut -f1) staged in $stage; installer $build/herald-$version-setup.exe" \
     "($(du -h "$build/herald-$version-setup.exe" | cut -f1))" >&2
