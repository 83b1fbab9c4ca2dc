#!/usr/bin/env bash
# Runs the browser tests: starts telecentres on a free loopback port over a fresh database with the demo
# network, runs every *.test.js with Node's test runner against it (BASE_URL), stops the server, and exits
# with the test runner's status. Builds nothing.
#
#   tests/e2e/run.sh                      all tests
#   tests/e2e/run.sh search.test.js       some of them
#
# Environment: TELECENTRES_BIN (default: build/telecentres of this work tree), CHROMIUM_BIN (default
# /usr/bin/chromium). Needs Node 20+, npm and Debian's chromium: scripts/install-deps.sh --test.
# Screenshots and the server's log are left in tests/e2e/test-results/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

bin="${TELECENTRES_BIN:-$here/../../build/telecentres}"
chromium_bin="${CHROMIUM_BIN:-/usr/bin/chromium}"
[[ -x "$bin" ]] || { echo "run.sh: no telecentres binary at $bin (build it, or set TELECENTRES_BIN)" >&2; exit 2; }
[[ -x "$chromium_bin" ]] || { echo "run.sh: no Chromium at $chromium_bin (scripts/install-deps.sh --test)" >&2; exit 2; }
command -v node >/dev/null || { echo "run.sh: node is missing (scripts/install-deps.sh --test)" >&2; exit 2; }

if [[ ! -d node_modules/playwright-core || ! -d node_modules/@axe-core/playwright ]]; then
  echo "run.sh: installing the test tooling (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

mkdir -p test-results
tmp="$(mktemp -d)"
server_log="$here/test-results/server.log"
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap 'stop_server; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

"$bin" serve --db "$tmp/e2e.db" --listen 127.0.0.1:0 --demo >"$server_log" 2>&1 &
server_pid=$!

# The server says where it listens on stderr once the socket is bound: "… à l'écoute sur http://HOST:PORT/".
base_url=""
for _ in $(seq 300); do
  base_url="$(sed -n 's|.*écoute sur \(http://[^/ ]*\).*|\1|p' "$server_log" | head -n1)"
  [[ -n "$base_url" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "run.sh: the server exited before listening:" >&2; cat "$server_log" >&2; exit 2; }
  sleep 0.1
done
[[ -n "$base_url" ]] || { echo "run.sh: the server did not listen within 30 s:" >&2; cat "$server_log" >&2; exit 2; }
echo "run.sh: telecentres at $base_url (log: $server_log)" >&2

if (( $# )); then files=("$@"); else files=(*.test.js); fi
# TAP when read by a program (its closing "# pass N" / "# fail N" lines are what scripts/test.sh counts), the
# friendlier spec at a terminal: Node 20's defaults, stated so that a newer Node does not change them.
reporter=tap
[[ -t 1 ]] && reporter=spec
status=0
BASE_URL="$base_url" CHROMIUM_BIN="$chromium_bin" TELECENTRES_BIN="$bin" node --test --test-reporter="$reporter" "${files[@]}" || status=$?
stop_server
exit "$status"
