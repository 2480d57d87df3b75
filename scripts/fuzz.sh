#!/usr/bin/env bash
# Runs every libFuzzer target for a while, each from its seed corpus in tests/fuzz/corpus, and prints what each
# covered. A crash leaves its input in build/fuzz/findings/<target>/ and fails the run: turn it into a test.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 60; CI passes a few)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=build/fuzz
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -- -j2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export QT_LOGGING_RULES='*.debug=false;*.info=false;*.warning=false'
failed=()
printf '%-16s %10s %8s %8s %s\n' target executions cov ft corpus
for target in $(ls tests/fuzz/targets/fuzz_*.cpp | sed 's|.*/fuzz_||; s|\.cpp$||'); do
    work="$build/corpus/$target"   # what the fuzzer learns stays out of the tree
    findings="$build/findings/$target"
    mkdir -p "$work" "$findings"
    log="$build/fuzz_$target.log"
    if ! "$build/tests/fuzz/targets/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 "$work" "tests/fuzz/corpus/$target" \
        >"$log" 2>&1; then
        failed+=("$target")
        echo "fuzz_$target FAILED: see $log and $findings" >&2
        tail -n 40 "$log" >&2
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | head -n 1 | grep -o '[0-9]*$' || echo '?')
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corpus=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$last")
    printf '%-16s %10s %8s %8s %s\n' "$target" "$runs" "${cov:-?}" "${ft:-?}" "${corpus:-?}"
done
if ((${#failed[@]})); then
    echo "fuzz: ${#failed[@]} target(s) found a fault: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: every target ran ${seconds} s without a fault"
