#!/usr/bin/env bash
# Installs everything the project needs on Debian 12, from Debian's packages and npm only.
# Idempotent: packages already present are left alone, npm modules are installed once into tests/e2e.
#   scripts/install-deps.sh          build + runtime dependencies
#   scripts/install-deps.sh --test   also what the tests and benchmarks use (Chromium, nginx, PostgreSQL 15, wrk, hey,
#                                    npm tools)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

build_pkgs=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libboost-system-dev
  libsqlite3-dev sqlite3 libpqxx-dev
  nlohmann-json3-dev libkainjow-mustache-dev
  libspdlog-dev libfmt-dev libcli11-dev
  libsodium-dev libcurl4-openssl-dev libical-dev libxlsxwriter-dev coinor-libcbc-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format clang-tidy
)
test_pkgs=(
  chromium nginx-light wrk hey curl python3 python3-aiosmtpd python3-icalendar python3-openpyxl
  postgresql-15 postgresql-client-15
  clang libclang-rt-14-dev  # scripts/sanitize.sh and scripts/fuzz.sh: ASan, UBSan and libFuzzer (preset asan)
  sqlmap  # scripts/sqlmap.sh: SQL injection probe of a demo server
)

pkgs=("${build_pkgs[@]}")
(( want_test )) && pkgs+=("${test_pkgs[@]}")
# Node.js may come from elsewhere than Debian (with its own npm): only ask Debian for it when it is missing.
if (( want_test )) && ! { command -v node >/dev/null && command -v npm >/dev/null; }; then
  pkgs+=(nodejs npm)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
if (( ${#missing[@]} )); then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if (( want_test )); then
  # nginx is started by the benchmarks and tests themselves, on loopback, never as the system service.
  $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
  # Likewise PostgreSQL: the tests start a private server of their own (scripts/pg.sh), never Debian's cluster.
  $SUDO systemctl disable --now postgresql >/dev/null 2>&1 || true
  if [[ ! -d tests/e2e/node_modules/playwright-core || ! -d tests/e2e/node_modules/axe-core ]]; then
    echo "install-deps: installing browser-test tooling (npm)" >&2
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error)
  fi
fi
echo "install-deps: ok" >&2
