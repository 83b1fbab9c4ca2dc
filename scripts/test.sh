#!/usr/bin/env bash
# Quick start, command 2: installs what is needed (Chromium and npm tooling included), builds once, and runs
# every test: unit, store contract, HTTP against the real program, browser tests in Chromium with axe-core, the
# libFuzzer targets for a bounded time and sqlmap against a server on loopback. Also checks the code against
# .clang-format and .clang-tidy (set TELECENTRES_LINT=0 to skip that while iterating).
#
# The one build is the preset asan (clang, AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer targets): every
# stage runs on it, so the whole suite runs under the sanitizers without a second build of everything (two do not
# fit in CI's time on two cores). Any sanitizer report, from a test or from a server a test started, fails the
# run. TELECENTRES_TEST_PRESET=default runs the same stages on the optimised gcc build instead (no fuzzing there).
# The PostgreSQL tests get a private PostgreSQL 15 server (scripts/pg.sh) through $TELECENTRES_TEST_PG; if it
# cannot start, the run fails. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
preset=${TELECENTRES_TEST_PRESET:-asan}
export TELECENTRES_PRESET=$preset  # for scripts/build.sh and scripts/lint.sh
build=build/$preset
bin=$PWD/$build/telecentres
scripts/install-deps.sh --test || exit 1
start=$(date +%s)
scripts/build.sh || exit 1
echo "test: built $build in $(($(date +%s) - start)) s" >&2

log_dir=$(mktemp -d)
pg_dir=$(mktemp -d)
trap 'scripts/pg.sh stop "$pg_dir" || true; rm -rf "$log_dir"' EXIT

# Sanitizer reports go to files (a server's stderr is often a pipe nobody reads): the same options as ctest's
# (tests/sanitizers/sanitizer_env.cmake.in), set here so that the browser tests' and sqlmap's servers have them too.
sanitized=0
reports=$PWD/$build/sanitizer-reports
if grep -q '^TELECENTRES_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  sanitized=1
  rm -rf "$reports"
  mkdir -p "$reports"
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0:print_stacktrace=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=0:log_path=$reports/asan}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/sanitizers/ubsan.supp:log_path=$reports/ubsan}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0}
fi
stage() { echo "test: $1 at $(date +%T) ($(($(date +%s) - start)) s since the build began)" >&2; }

lint_rc=0
if [[ "${TELECENTRES_LINT:-1}" != 0 ]]; then
  stage lint
  scripts/lint.sh || lint_rc=1
fi

# A private PostgreSQL server for the store contract and the other PostgreSQL tests; stopped by the trap above.
pg_rc=0
if TELECENTRES_TEST_PG=$(scripts/pg.sh start "$pg_dir"); then
  export TELECENTRES_TEST_PG TELECENTRES_TEST_PG_DIR=$pg_dir  # the directory, for scripts/pg.sh createdb
  echo "test: PostgreSQL for the tests at $TELECENTRES_TEST_PG" >&2
else
  pg_rc=1
  echo "test: FAILED to start PostgreSQL (scripts/pg.sh start): the PostgreSQL tests cannot run" >&2
fi

stage ctest
ctest --preset "$preset" -j "$(nproc)" --timeout 900 2>&1 | tee "$log_dir/ctest.log"
ctest_rc=${PIPESTATUS[0]}

stage "browser tests"
TELECENTRES_BIN=$bin tests/e2e/run.sh 2>&1 | tee "$log_dir/e2e.log"
e2e_rc=${PIPESTATUS[0]}

# Each libFuzzer target for a bounded time on its committed corpus (scripts/fuzz.sh; TELECENTRES_FUZZ_SECONDS per
# target, 30 by default), on this same build: one test; TELECENTRES_FUZZ=0 skips it.
fuzz_rc=0 extra_passed=0
if ((sanitized)) && [[ "${TELECENTRES_FUZZ:-1}" != 0 ]]; then
  stage fuzzing
  if scripts/fuzz.sh; then extra_passed=$((extra_passed + 1)); else fuzz_rc=1; fi
fi
# sqlmap against a demo server on loopback (scripts/sqlmap.sh, about 3 minutes): one test; TELECENTRES_SQLMAP=0 skips it.
sqlmap_rc=0
if [[ "${TELECENTRES_SQLMAP:-1}" != 0 ]]; then
  stage sqlmap
  if TELECENTRES_BIN=$bin scripts/sqlmap.sh; then extra_passed=$((extra_passed + 1)); else sqlmap_rc=1; fi
fi

# Any sanitizer report, from any process of any stage, is one failure, even when no test failed because of it.
sanitize_rc=0
if ((sanitized)); then
  shopt -s nullglob
  found=("$reports"/*)
  if ((${#found[@]})); then
    sanitize_rc=1
    echo "test: FAILED: ${#found[@]} sanitizer report(s) in $reports:" >&2
    for f in "${found[@]}"; do
      echo "---- $f" >&2
      head -n 60 "$f" >&2
    done
  else
    extra_passed=$((extra_passed + 1))
    echo "test: no sanitizer report" >&2
  fi
fi
stage done

# One closing line for both runners.
ctest_total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p' "$log_dir/ctest.log" | tail -1)
ctest_failed=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1/p' "$log_dir/ctest.log" | tail -1)
e2e_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log_dir/e2e.log" | tail -1)
e2e_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log_dir/e2e.log" | tail -1)
ctest_total=${ctest_total:-0}; ctest_failed=${ctest_failed:-0}; e2e_pass=${e2e_pass:-0}; e2e_fail=${e2e_fail:-0}
passed=$(( ctest_total - ctest_failed + e2e_pass ))
failed=$(( ctest_failed + e2e_fail + lint_rc + pg_rc + sanitize_rc + fuzz_rc + sqlmap_rc ))  # a PostgreSQL that did not start counts as one failure
passed=$(( passed + extra_passed ))
if (( ctest_rc != 0 || e2e_rc != 0 )) && (( failed == 0 )); then failed=1; fi
(( lint_rc == 0 )) && (( passed += 1 ))  # the lint check counts as one test
echo "${passed} passed, ${failed} failed"
(( ctest_rc == 0 && e2e_rc == 0 && pg_rc == 0 && failed == 0 ))
