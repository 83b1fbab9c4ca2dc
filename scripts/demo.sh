#!/usr/bin/env bash
# Quick start, command 1: installs what is needed, builds, and serves the demo network of the Cantal at
# http://localhost:8080 on an embedded SQLite file (telecentres.db in the current directory). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/telecentres serve --demo --demo-activity --db "${TELECENTRES_DB:-telecentres.db}" --listen "${TELECENTRES_LISTEN:-127.0.0.1:8080}"
