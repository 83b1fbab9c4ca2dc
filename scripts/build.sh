#!/usr/bin/env bash
# Configures and builds with the default preset (Ninja, ccache when present). The program lands in
# build/telecentres.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${TELECENTRES_PRESET:-default}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
