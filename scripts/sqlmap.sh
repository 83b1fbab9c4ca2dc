#!/usr/bin/env bash
# SQL injection probe with sqlmap (Debian's package): starts `telecentres serve --demo` on loopback over a
# temporary SQLite database and runs sqlmap, bounded (--batch --level 1 --risk 1), against
#   - the sign-in form (POST /connexion, its anonymous CSRF token fetched again before each request),
#   - the directory (GET /api/v1/centres?near=…&within_km=…, and the directory page /?q=…&within_km=…),
#   - the communes' autocomplete (GET /api/v1/communes?q=…),
#   - the bookings of the demo teleworker (session cookie and CSRF token): a centre's availability, booking by the
#     API (JSON body), booking by the page's form, and the teleworker's own list.
# Fails (exit 1) when sqlmap reports an injectable parameter, when a probe could not run (sqlmap gave up
# before testing), or when the server answered any probe with a 500. Prints the time taken.
#   scripts/sqlmap.sh                     uses build/telecentres (TELECENTRES_BIN to choose another binary)
# Every request goes to 127.0.0.1 only; sqlmap's output goes to a temporary directory, removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v sqlmap >/dev/null; then
  echo "sqlmap.sh: installing sqlmap (Debian)" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends sqlmap >/dev/null ||
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends sqlmap >/dev/null; }
fi

bin="${TELECENTRES_BIN:-build/telecentres}"
[[ -x "$bin" ]] || { echo "sqlmap.sh: no telecentres binary at $bin (build it, or set TELECENTRES_BIN)" >&2; exit 2; }

work=$(mktemp -d)
[[ -n "${TELECENTRES_SQLMAP_KEEP:-}" ]] && echo "sqlmap.sh: logs in $work" >&2
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "${TELECENTRES_SQLMAP_KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

started=$(date +%s)
# --trusted-proxy 127.0.0.1 and sqlmap's xforwardedfor tamper: each probe comes from its own client address, so
# that the sign-in throttle (per address and per e-mail) does not answer every probe of the form with 429.
"$bin" serve --db "$work/demo.db" --listen 127.0.0.1:0 --demo --trusted-proxy 127.0.0.1 \
  >"$work/access.log" 2>"$work/server.log" &
server_pid=$!
base=""
for _ in $(seq 1 100); do
  base="$(sed -n 's|.*écoute sur \(http://[^/ ]*\).*|\1|p' "$work/server.log" | head -n1)"
  [[ -n "$base" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "sqlmap.sh: the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$base" ]] || { echo "sqlmap.sh: the server did not say where it listens" >&2; exit 1; }

# The demo teleworker's session, through the JSON API (a Bearer-less session: sqlmap must carry the CSRF token).
teleworker='{"email":"teleworker@demo.telecentres.example","password":"demo-teletravail-cantal"}'
signed=$(curl -s -D "$work/headers" -H 'Content-Type: application/json' -d "$teleworker" "$base/api/v1/session")
cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \(tc_session=[^;]*\).*/\1/p' "$work/headers" | head -n1)
csrf=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$signed")
[[ -n "$cookie" && -n "$csrf" ]] || { echo "sqlmap.sh: could not sign the demo teleworker in: $signed" >&2; exit 1; }
centre=$(curl -s "$base/api/v1/centres?near=15138&within_km=3" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["centres"][0]["id"])')
# A weekday four weeks ahead: bookable, so that the booking probes go all the way to the database.
day=$(python3 -c 'import datetime; d=datetime.date.today()+datetime.timedelta(days=28); print(d+datetime.timedelta(days=(0-d.weekday())%7+1))')

common=(--batch --level 1 --risk 1 --flush-session --output-dir "$work/out" --time-sec 2 --timeout 10
  --retries 1 --disable-coloring --tamper xforwardedfor)
total=0 failed=0
probe() {
  local name="$1"
  shift
  total=$((total + 1))
  local log="$work/$name.log"
  if ! TERM=dumb timeout 300 sqlmap "${common[@]}" "$@" >"$log" 2>&1; then
    echo "sqlmap.sh: $name: sqlmap failed or timed out" >&2
    tail -n 20 "$log" >&2
    failed=$((failed + 1))
    return
  fi
  if grep -q "identified the following injection point" "$log" || grep -qi "parameter '.*' is vulnerable" "$log"; then
    echo "sqlmap.sh: $name: INJECTABLE" >&2
    sed -n '/identified the following injection point/,/^---$/p' "$log" >&2
    failed=$((failed + 1))
  elif ! grep -q "do not appear to be injectable\|does not seem to be injectable" "$log"; then
    echo "sqlmap.sh: $name: sqlmap did not test (see below)" >&2
    tail -n 20 "$log" >&2
    failed=$((failed + 1))
  else
    echo "sqlmap.sh: $name: nothing injectable ($(grep -c "testing '" "$log") tests)" >&2
  fi
}

# A wrong password: a successful sign-in would leave sqlmap signed in, and /connexion then redirects without a form.
probe sign-in -u "$base/connexion" --method POST \
  --data 'csrf=x&email=teleworker%40demo.telecentres.example&password=pas-le-mot-de-passe' \
  --csrf-token csrf --csrf-url "$base/connexion" --csrf-method GET -p email,password --ignore-redirects --ignore-code 401,429
probe directory-api -u "$base/api/v1/centres?near=15187&within_km=30&free_on=$day&slot=morning" \
  -p near,within_km,free_on,slot
probe directory-page -u "$base/?q=Murat&within_km=30" -p q,within_km
probe communes -u "$base/api/v1/communes?q=murat&limit=5" -p q,limit
probe availability -u "$base/api/v1/centres/$centre/availability?from=$day&to=$day" -p from,to \
  --cookie "$cookie"
probe booking-api -u "$base/api/v1/bookings" --method POST \
  --data "{\"centre_id\":$centre,\"date\":\"$day\",\"slot\":\"morning\"}" \
  --headers "Content-Type: application/json
X-CSRF-Token: $csrf" --cookie "$cookie"
probe booking-page -u "$base/centres/$centre/reservations" --method POST \
  --data "csrf=$csrf&date=$day&slot=afternoon" -p date,slot --cookie "$cookie"
probe my-bookings -u "$base/api/v1/me/bookings?from=$day" -p from --cookie "$cookie"

errors=$(grep -c '"status":500' "$work/access.log" || true)
if ((errors > 0)); then
  echo "sqlmap.sh: the server answered $errors probe(s) with 500:" >&2
  grep '"status":500' "$work/access.log" | head -n 5 >&2
  grep -i "internal error" "$work/server.log" | head -n 5 >&2
  failed=$((failed + 1))
fi
requests=$(wc -l <"$work/access.log")
echo "sqlmap.sh: $total probes, $requests requests, $failed failure(s), $(($(date +%s) - started)) s" >&2
((failed == 0))
