#!/usr/bin/env bash
# Every string the sources mark for translation has a finished translation in every .ts file: the .ts files are
# refreshed from the sources into a scratch copy (so a string added without translating it fails here), then
# lrelease must report no unfinished and no untranslated entry.
#   check_translations.sh LUPDATE LRELEASE TS_FILE... -- [-I INCLUDE_DIR]... SOURCE...
set -euo pipefail
lupdate=$1 lrelease=$2
shift 2
ts_files=()
while [[ $1 != -- ]]; do ts_files+=("$1"); shift; done
shift
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
for ts in "${ts_files[@]}"; do
    copy=$scratch/$(basename "$ts")
    cp "$ts" "$copy"
    "$lupdate" -silent -no-obsolete -locations none "$@" -ts "$copy"
    report=$("$lrelease" "$copy" -qm "$scratch/out.qm" 2>&1)
    echo "$(basename "$ts"): $(echo "$report" | grep -o 'Generated.*')"
    if ! echo "$report" | grep -q ' 0 unfinished' || echo "$report" | grep -q 'untranslated'; then
        echo "$(basename "$ts") is not complete; untranslated:" >&2
        grep -B2 'type="unfinished"' "$copy" | grep '<source>' >&2 || true
        status=1
    fi
done
exit $status
