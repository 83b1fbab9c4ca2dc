#!/usr/bin/env bash
# The OR-Library p-median benchmark: our heuristic on pmed1..pmed40 against the published optima, and CBC on the
# same exact model in the same run, capped per instance (CBC_CAP seconds, default 10). Prints one line per instance
# and the totals; copy them into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
build="build/${TELECENTRES_PRESET:-default}"
cmake --build "$build" --target bench_siting_orlib >/dev/null
"$build/bench/bench_siting_orlib" --dir data/orlib-pmed --cbc-cap "${CBC_CAP:-10}" "$@"
