#!/usr/bin/env bash
# The national siting benchmark of issue 6: p-median p = 500 and p = 3,500 and MCLP (T = 20 min, p = 500) on every
# commune of metropolitan France (data/communes-france-2025.csv), each under a 60 s limit on both cores. Prints one
# line per run (objective, proven bound, gap, seconds, optimal); copy them into bench/RESULTS.md. Extra options go to the
# program, e.g. a regional instance against the plain MIP:
#   bench/siting/national.sh --departements 01 03 07 15 26 38 42 43 63 69 73 74 --run pmedian:100 --dense-cbc 60
set -euo pipefail
cd "$(dirname "$0")/../.."
build="build/${TELECENTRES_PRESET:-default}"
cmake --build "$build" --target bench_siting_national >/dev/null
"$build/bench/bench_siting_national" --communes data/communes-france-2025.csv --time-limit "${TIME_LIMIT:-60}" "$@"
