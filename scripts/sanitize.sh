#!/usr/bin/env bash
# The whole ctest suite under AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer: configures and
# builds the preset asan (clang, ccache; build/asan, which also holds the fuzz targets of scripts/fuzz.sh), starts
# a private PostgreSQL (scripts/pg.sh) for the PostgreSQL tests, and runs ctest there. The sanitizers' options
# and suppressions come with the build (tests/sanitizers/); every report is also written under
# build/asan/sanitizer-reports, including those of the program the HTTP tests start, and any report there fails
# the run, even when no test did. scripts/test.sh runs this as one test when TELECENTRES_SANITIZE=1.
#   scripts/sanitize.sh [CTEST ARGS...]     e.g. scripts/sanitize.sh -R '^unit' to run a part
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
build=build/asan
reports=$build/sanitizer-reports

start=$(date +%s)
cmake --preset asan >/dev/null || exit 1
cmake --build --preset asan || exit 1
echo "sanitize: built in $(($(date +%s) - start)) s" >&2

pg_dir=$(mktemp -d)
trap 'scripts/pg.sh stop "$pg_dir" || true' EXIT
if TELECENTRES_TEST_PG=$(scripts/pg.sh start "$pg_dir"); then
  export TELECENTRES_TEST_PG TELECENTRES_TEST_PG_DIR=$pg_dir
else
  echo "sanitize: FAILED to start PostgreSQL (scripts/pg.sh start)" >&2
  exit 1
fi

rm -rf "$reports"
mkdir -p "$reports"
start=$(date +%s)
ctest --preset asan -j "$(nproc)" --timeout 900 "$@"
rc=$?
echo "sanitize: ctest ran in $(($(date +%s) - start)) s" >&2

shopt -s nullglob
found=("$reports"/*)
if ((${#found[@]})); then
  echo "sanitize: FAILED: ${#found[@]} sanitizer report(s) in $reports:" >&2
  for f in "${found[@]}"; do
    echo "---- $f" >&2
    head -n 60 "$f" >&2
  done
  rc=1
fi
((rc == 0)) && echo "sanitize: ok, no sanitizer report" >&2
exit "$rc"
