#!/usr/bin/env bash
# Runs every libFuzzer target of fuzz/ for a bounded time: builds them in the preset asan (build/asan, the build
# of scripts/sanitize.sh, ASan + UBSan), then runs each on a copy of its committed seed corpus (fuzz/corpus/NAME),
# so that the repository's corpus stays small. Fails when a target crashes, leaks, times out or runs out of
# memory; the input that did it is left in build/asan/fuzz-crashes/NAME/ (crash-*, leak-*, timeout-*, oom-*), to
# be replayed with `build/asan/fuzz/fuzz_NAME FILE` and turned into a regression test.
# scripts/test.sh runs this as one test when TELECENTRES_FUZZ=1.
#   scripts/fuzz.sh [SECONDS] [NAME...]   SECONDS per target: default $TELECENTRES_FUZZ_SECONDS, else 30
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
seconds=${1:-${TELECENTRES_FUZZ_SECONDS:-30}}
shift $(($# > 0 ? 1 : 0))
build=build/asan
crashes=$build/fuzz-crashes

cmake --preset asan >/dev/null || exit 1
cmake --build --preset asan --target fuzz || exit 1

names=("$@")
if ((${#names[@]} == 0)); then
  for f in fuzz/*_fuzz.cpp; do
    n=${f#fuzz/}
    names+=("${n%_fuzz.cpp}")
  done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:print_stacktrace=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/sanitizers/ubsan.supp}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()
for name in "${names[@]}"; do
  bin=$build/fuzz/fuzz_$name
  [[ -x $bin ]] || { echo "fuzz: no $bin" >&2; failed+=("$name"); continue; }
  mkdir -p "$work/$name" "$crashes/$name"
  cp fuzz/corpus/"$name"/* "$work/$name"/ 2>/dev/null || true
  echo "fuzz: $name for ${seconds} s" >&2
  if "$bin" "$work/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
       -artifact_prefix="$crashes/$name/" -print_final_stats=1 >"$work/$name.log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^Done' "$work/$name.log" | tr '\n' ' ' >&2
    echo >&2
  else
    echo "fuzz: FAILED: $name; its input is in $crashes/$name/:" >&2
    ls "$crashes/$name" >&2
    tail -n 60 "$work/$name.log" >&2
    failed+=("$name")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ok, ${#names[@]} targets, ${seconds} s each" >&2
