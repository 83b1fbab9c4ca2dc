#!/usr/bin/env bash
# The national demo on both backends (issue 8): directory search near a commune, a busy centre's availability over a
# month and durable bookings, each as requests/s with p50/p99, on SQLite and on PostgreSQL, against the ceilings
# measured in the same run (nginx serving the same bodies statically; the raw INSERT of the same booking rows, one
# transaction per row and 100 rows per transaction, durable), and the server process's memory (aim: under 200 MB
# resident). In one command:
#   1. builds the national dataset once (`telecentres demo --scale national` on SQLite, cached in BENCH_CACHE by its
#      parameters; an admin API token made with `telecentres token create`), then copies it with `telecentres copy`
#      into a fresh database of a private PostgreSQL 15 (scripts/pg.sh, stopped at exit) and runs VACUUM ANALYZE;
#   2. starts `telecentres serve` on a copy of the SQLite file and on the PostgreSQL database, reads their memory
#      (/proc/PID/status) at start, times single requests of a few routes (first and second time: a route taking
#      seconds at this scale shows there), then reads their memory again ("loaded");
#   3. starts nginx serving the two response bodies as static files at the same paths; loads each of the three
#      servers in turn with hey (every request timed; see bench/signin/README.md on wrk), route after route, round
#      after round;
#   4. books distinct posts and half-days through each server (bench_booking_load --units-file, as the admin, on
#      half-days after the dataset's own bookings), checks in the database that the live bookings are the 201s, reads
#      the memory after the runs, stops the server, and measures the raw INSERT ceiling on the same database
#      (bench_booking_raw for SQLite, bench_scale_raw_pg for PostgreSQL);
#   5. prints the figures and replaces its section of bench/RESULTS.md (between the bench:scale markers).
# Builds nothing: build first (cmake --preset default && cmake --build --preset default).
#
# Environment (defaults in brackets):
#   BENCH_SIZE [national] national: 3,500 centres, 40,000 teleworkers, 365 days; small: 350, 4,000, 60 (quick tries)
#   BENCH_CENTRES, BENCH_TELEWORKERS, BENCH_DAYS [from BENCH_SIZE]  BENCH_SEED [2026] the demo's options
#   BENCH_CACHE [build/bench-scale] where generated datasets are kept, one directory per parameters
#   BENCH_REGENERATE [] non-empty: generate again even if cached   BENCH_MAX_AGE_DAYS [7] older datasets are redone
#   BENCH_DURATION [10s] each measured run   BENCH_WARMUP [2s, 0 for none] before each   BENCH_ROUNDS [3] read rounds
#   BENCH_CONNECTIONS [32] hey's -c on the reads   BENCH_TIMEOUT [10] seconds per request
#   BENCH_BOOKING_CONNECTIONS [128] connections of bench_booking_load
#   BENCH_SERVER_ARGS ["--workers 64 --queue 4096"] options for `telecentres serve` (with --db, --listen and
#                     --no-access-log)
#   BENCH_RAW_DURATION [3s] each raw mode   BENCH_RAW_BATCH [100] rows per transaction, batched mode
#   BENCH_NEAR [chosen] INSEE code of the search's origin   BENCH_WITHIN_KM [30]
#   BENCH_NEAR_CENTRES [10] the origin chosen has about this many centres within BENCH_WITHIN_KM
#   BENCH_CENTRE [the busiest of the coming month] the availability's centre
#   BENCH_MEMORY_AIM_MB [200]  BENCH_NGINX_WORKERS [auto]
#   BENCH_TMPDIR [$TMPDIR or /tmp] where the run's databases go: on the disk to measure (not tmpfs)
#   TELECENTRES_BIN [build/telecentres]  BENCH_TOOLS [build/default/bench] where bench_booking_* and bench_scale_* are
#   BENCH_RESULTS [bench/RESULTS.md; empty: do not write]   BENCH_KEEP [] non-empty: keep the run's files (reports,
#                 logs, the SQLite copy; the PostgreSQL cluster is removed all the same)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/scale"

bin="${TELECENTRES_BIN:-$root/build/telecentres}"
tools="${BENCH_TOOLS:-$root/build/default/bench}"
size="${BENCH_SIZE:-national}"
case "$size" in
  national) def_centres=3500 def_teleworkers=40000 def_days=365 ;;
  small) def_centres=350 def_teleworkers=4000 def_days=60 ;;
  *) echo "bench: BENCH_SIZE is national or small (got '$size')" >&2; exit 2 ;;
esac
centres="${BENCH_CENTRES:-$def_centres}"
teleworkers="${BENCH_TELEWORKERS:-$def_teleworkers}"
days="${BENCH_DAYS:-$def_days}"
seed="${BENCH_SEED:-2026}"
cache_root="${BENCH_CACHE:-$root/build/bench-scale}"
max_age_days="${BENCH_MAX_AGE_DAYS:-7}"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-2s}"
rounds="${BENCH_ROUNDS:-3}"
connections="${BENCH_CONNECTIONS:-32}"
request_timeout="${BENCH_TIMEOUT:-10}"
booking_connections="${BENCH_BOOKING_CONNECTIONS:-128}"
server_args="${BENCH_SERVER_ARGS---workers 64 --queue 4096}"
raw_duration="${BENCH_RAW_DURATION:-3s}"
raw_batch="${BENCH_RAW_BATCH:-100}"
within_km="${BENCH_WITHIN_KM:-30}"
near_centres="${BENCH_NEAR_CENTRES:-10}"
memory_aim_mb="${BENCH_MEMORY_AIM_MB:-200}"
nginx_workers="${BENCH_NGINX_WORKERS:-auto}"
tmp_parent="${BENCH_TMPDIR:-${TMPDIR:-/tmp}}"
results_file="${BENCH_RESULTS-$root/bench/RESULTS.md}"

die() { echo "bench: $*" >&2; exit 2; }
[[ -x "$bin" ]] || die "no telecentres binary at $bin: build it (cmake --build --preset default) or set TELECENTRES_BIN"
for tool in bench_booking_load bench_booking_raw bench_scale_raw_pg; do
  [[ -x "$tools/$tool" ]] || die "no $tool in $tools: build it (cmake --build --preset default) or set BENCH_TOOLS"
done
for tool in hey curl python3 psql; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh --test"
done
nginx_bin="$(PATH="$PATH:/usr/sbin" command -v nginx)" || die "nginx is missing: run scripts/install-deps.sh --test"
seconds() { # a duration (10, 10s, 2m) to seconds
  local d="$1"
  case "$d" in
    *m) echo $((${d%m} * 60)) ;; *s) echo "${d%s}" ;; *) echo "$d" ;;
  esac
}
duration_s="$(seconds "$duration")"
warmup_s="$(seconds "$warmup")"
raw_s="$(seconds "$raw_duration")"
for v in centres teleworkers days seed rounds connections request_timeout booking_connections raw_batch duration_s \
  raw_s near_centres memory_aim_mb max_age_days; do
  [[ "${!v}" =~ ^[0-9]+$ && "${!v}" -gt 0 ]] || die "$v must be a positive whole number (got '${!v}')"
done
[[ "$warmup_s" =~ ^[0-9]+$ ]] || die "BENCH_WARMUP must be a whole duration such as 2s, or 0"
[[ "$within_km" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "BENCH_WITHIN_KM must be a number of kilometres"

mkdir -p "$tmp_parent"
tmp="$(mktemp -d "$tmp_parent/bench-scale.XXXXXX")"
chmod 755 "$tmp"
pg_dir="$tmp/pg"
sqlite_pid="" postgresql_pid="" nginx_pid=""
sqlite_http="" postgresql_http="" # set by start_server
stop() { # pid: TERM, wait up to 10 s, then KILL; prints "killed" when it had to
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    echo "killed"
  fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$nginx_pid" >/dev/null
  stop "$sqlite_pid" >/dev/null
  stop "$postgresql_pid" >/dev/null
  "$root/scripts/pg.sh" stop "$pg_dir" 2>/dev/null || true
  if [[ -n "${BENCH_KEEP:-}" ]]; then echo "bench: the run's files are kept in $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "$(stat -f -c %T "$tmp")" == tmpfs ]]; then
  echo "bench: warning: $tmp_parent is a tmpfs: syncs cost nothing there, so no booking figure is durable; set BENCH_TMPDIR to a directory on disk" >&2
fi

# Every step uses the same programs even if build/ is rebuilt meanwhile.
cp "$bin" "$tmp/telecentres"
for tool in bench_booking_load bench_booking_raw bench_scale_raw_pg; do cp "$tools/$tool" "$tmp/$tool"; done

# Phases and their wall time, for the report: phase_begin; …; phase_end "what".
: >"$tmp/phases.tsv"
phase_begin() { phase_t0="$EPOCHREALTIME"; }
phase_end() { awk -v a="$phase_t0" -v b="$EPOCHREALTIME" -v what="$1" 'BEGIN { printf "%s\t%.1f\n", what, b - a }' >>"$tmp/phases.tsv"; }
run_t0="$EPOCHREALTIME"

# Other work on the machine skews everything: say so rather than publish a misleading figure.
busy_percent() {
  local _c user nice system idle iowait irq softirq steal t1 i1 t2 i2
  read -r _c user nice system idle iowait irq softirq steal _ </proc/stat
  t1=$((user + nice + system + idle + iowait + irq + softirq + steal)) i1=$((idle + iowait))
  sleep 1
  read -r _c user nice system idle iowait irq softirq steal _ </proc/stat
  t2=$((user + nice + system + idle + iowait + irq + softirq + steal)) i2=$((idle + iowait))
  echo $((100 - 100 * (i2 - i1) / (t2 - t1)))
}
busy_at_start="$(busy_percent)"
if ((busy_at_start > 20)); then
  echo "bench: warning: the machine is busy ($busy_at_start% of CPU in use before the run): figures will be low and noisy" >&2
fi
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- 1. the national dataset, cached by its parameters --------------------------------------------------------------
data="$cache_root/national-c$centres-t$teleworkers-d$days-s$seed"
fresh_enough() {
  [[ -f "$data/ready" && -f "$data/national.db" && -s "$data/token" ]] || return 1
  local generated age
  generated="$(sed -n 's/^today=//p' "$data/meta")"
  age=$((($(date -u +%s) - $(date -u -d "$generated" +%s)) / 86400))
  ((age <= max_age_days))
}
if [[ -n "${BENCH_REGENERATE:-}" ]] || ! fresh_enough; then
  rm -rf "$data"
  mkdir -p "$data"
  echo "bench: generating the national demo ($centres centres, $teleworkers teleworkers, $days days, seed $seed) in $data" >&2
  phase_begin
  "$tmp/telecentres" demo --scale national --db "$data/national.db" --communes "$root/data/communes-france-2025.csv" \
    --centres "$centres" --teleworkers "$teleworkers" --days "$days" --seed "$seed" \
    >"$data/demo.out" 2>"$data/demo.err" || { tail -n 20 "$data/demo.err" >&2; die "telecentres demo failed"; }
  phase_end "generation"
  gen_seconds="$(tail -n 1 "$tmp/phases.tsv" | cut -f2)"
  admin_email="$(python3 "$here/prepare.py" pick "$data/national.db" "$(TZ=Europe/Paris date +%F)" 1 1 |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["admin_email"])')"
  (umask 077 && "$tmp/telecentres" token create --email "$admin_email" --label bench-scale --db "$data/national.db" \
    >"$data/token") || die "telecentres token create failed"
  [[ -s "$data/token" ]] || die "telecentres token create printed no token"
  {
    echo "today=$(TZ=Europe/Paris date +%F)"
    echo "generated=$(date -u +'%Y-%m-%d %H:%M UTC')"
    echo "seconds=$gen_seconds"
    echo "bytes=$(stat -c %s "$data/national.db")"
  } >"$data/meta"
  touch "$data/ready"
else
  echo "bench: reusing the national demo in $data (generated $(sed -n 's/^generated=//p' "$data/meta"); BENCH_REGENERATE=1 to redo it)" >&2
  printf 'generation\tcached\n' >>"$tmp/phases.tsv"
fi
# A cached file may predate a migration of this binary: bring it up to date (once, in the cache).
"$tmp/telecentres" migrate --db "$data/national.db" >/dev/null || die "telecentres migrate failed on $data/national.db"
gen_today="$(sed -n 's/^today=//p' "$data/meta")"

today="$(TZ=Europe/Paris date +%F)"
pick_json="$(python3 "$here/prepare.py" pick "$data/national.db" "$today" "$within_km" "$near_centres" \
  "${BENCH_NEAR:-}" "${BENCH_CENTRE:-}")" || die "cannot pick the routes' parameters"
echo "$pick_json" >"$tmp/pick.json"
jget() { python3 -c "import json,sys; d=json.load(open('$tmp/pick.json')); print($1)"; }
near="$(jget 'd["near"]["insee"]')"
busy="$(jget 'd["centre"]["id"]')"
month_from="$(jget 'd["month"]["from"]')"
month_to="$(jget 'd["month"]["to"]')"
admin_id="$(jget 'd["admin_id"]')"
directory_path="/api/v1/centres?near=$near&within_km=$within_km"
availability_path="/api/v1/centres/$busy/availability?from=$month_from&to=$month_to"

# The SQLite run works on a copy; the cache stays as generated.
phase_begin
mkdir -p "$tmp/sqlite"
cp "$data/national.db" "$tmp/sqlite/national.db"
phase_end "copy of the SQLite file"

# --- PostgreSQL: a private server, the same dataset copied into it ---------------------------------------------------
echo "bench: starting a private PostgreSQL 15 and copying the dataset into it (telecentres copy)" >&2
"$root/scripts/pg.sh" start "$pg_dir" >/dev/null || die "scripts/pg.sh start failed"
pg_url="$("$root/scripts/pg.sh" createdb "$pg_dir" national)" || die "scripts/pg.sh createdb failed"
phase_begin
copy_rc=0
"$tmp/telecentres" copy --from "$data/national.db" --to "$pg_url" >"$tmp/copy.out" 2>"$tmp/copy.err" || copy_rc=$?
phase_end "copy to PostgreSQL (telecentres copy)"
: >"$tmp/notes.txt"
if ((copy_rc)); then
  # The copy's own check failed: count the rows of every table on both sides before believing it.
  grep -q "DIFFÉRENT" "$tmp/copy.out" || { tail -n 20 "$tmp/copy.err" "$tmp/copy.out" >&2; die "telecentres copy failed"; }
  differing="$(awk -F'\t' '$6 == "DIFFÉRENT" {printf "%s%s (%s rows, %s read back)", sep, $1, $2, $3; sep = ", "}' "$tmp/copy.out")"
  python3 - "$data/national.db" "$pg_url" "$tmp/copy.out" <<'PY' || { cat "$tmp/copy.out" >&2; die "telecentres copy lost rows"; }
import sqlite3, subprocess, sys
db, url, report = sys.argv[1:4]
src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
tables = [line.split("\t")[0] for line in open(report).read().splitlines()[1:] if line.strip()]
bad = []
for t in tables:
    a = src.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
    b = int(subprocess.run(["psql", "-X", "-At", url, "-c", f'SELECT count(*) FROM "{t}"'], check=True,
                           capture_output=True, text=True).stdout)
    if a != b:
        bad.append(f"{t}: {a} rows in SQLite, {b} in PostgreSQL")
if bad:
    sys.exit("telecentres copy: " + "; ".join(bad))
PY
  echo "\`telecentres copy\` exited with status $copy_rc and \"LA COPIE DIFFÈRE DE LA SOURCE\" for $differing, yet count(*) of every table is the same on both sides: its read-back of PostgreSQL is wrong, not the copy (see the report of this run)" >>"$tmp/notes.txt"
fi
# Statistics for the planner and the visibility map now, rather than from autovacuum in the middle of a measurement.
phase_begin
psql -X -q -v ON_ERROR_STOP=1 "$pg_url" -c "SET client_min_messages = error" -c "VACUUM (ANALYZE)" ||
  die "VACUUM ANALYZE failed"
phase_end "VACUUM (ANALYZE) on PostgreSQL"
pg_version="$(psql -X -At "$pg_url" -c "SHOW server_version" | cut -d' ' -f1)"
pg_bytes="$(psql -X -At "$pg_url" -c "SELECT pg_database_size(current_database())")"

# --- servers -------------------------------------------------------------------------------------------------------
# start_server NAME DB: starts telecentres serve on DB; sets NAME_pid and NAME_http (its base URL).
start_server() {
  local name="$1" db="$2" log="$tmp/$1.server.log" url="" pid
  # shellcheck disable=SC2086 # BENCH_SERVER_ARGS is a list of options
  "$tmp/telecentres" serve --db "$db" --listen 127.0.0.1:0 --no-access-log $server_args >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1200); do
    url="$(sed -n 's|.*écoute sur \(http://[^/ ]*\).*|\1|p' "$log" | head -n1)"
    [[ -n "$url" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "telecentres ($name) exited before listening"; }
    sleep 0.05
  done
  [[ -n "$url" ]] || { cat "$log" >&2; die "telecentres ($name) did not listen within 60 s"; }
  printf -v "${name}_pid" '%s' "$pid"
  printf -v "${name}_http" '%s' "$url"
}
# memory NAME PID WHEN: one line of memory.tsv from /proc/PID/status (kB).
memory() {
  awk -v name="$1" -v when="$3" '/^VmRSS:/ {r = $2} /^VmHWM:/ {h = $2} /^RssAnon:/ {a = $2} /^RssFile:/ {f = $2}
    /^Threads:/ {t = $2} END {printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, when, r, h, a, f, t}' "/proc/$2/status" \
    >>"$tmp/memory.tsv"
}
: >"$tmp/memory.tsv"
phase_begin
start_server sqlite "$tmp/sqlite/national.db"
phase_end "start of telecentres serve on SQLite (to listening)"
memory sqlite "$sqlite_pid" start
phase_begin
start_server postgresql "$pg_url"
phase_end "start of telecentres serve on PostgreSQL (to listening)"
memory postgresql "$postgresql_pid" start
echo "bench: telecentres on SQLite at $sqlite_http, on PostgreSQL at $postgresql_http" >&2
token="$(tr -d '[:space:]' <"$data/token")"

# Single requests, first and second time, on both servers: what a person waits at this scale, and the server's
# VmRSS after each route. probe NAME URL PID
probe_paths=(
  "$directory_path"
  "/api/v1/centres"
  "/api/v1/centres/$busy"
  "$availability_path"
  "/api/v1/communes?q=saint"
  "/"
  "/centres/$busy"
  "/centres/$busy/reservations"
  "admin:/api/v1/centres/$busy/day?date=$today"
  "admin:/api/v1/applications?centre_id=$busy"
  "admin:/api/v1/conformity"
  "admin:/api/v1/indicators?from=$(date -d "$today -1 year" +%F)&to=$today"
  "admin:/api/v1/grant?from=$(date -d "$today -1 year" +%F)&to=$today"
)
: >"$tmp/probes.tsv"
probe() {
  local name="$1" url="$2" pid="$3" entry path auth first second rss
  for entry in "${probe_paths[@]}"; do
    path="${entry#admin:}"
    auth=()
    [[ "$entry" == admin:* ]] && auth=(-H "Authorization: Bearer $token")
    first="$(curl -sS -o /dev/null --max-time 120 "${auth[@]}" -w '%{http_code} %{time_total} %{size_download}' "$url$path" || echo "000 120 0")"
    second="$(curl -sS -o /dev/null --max-time 120 "${auth[@]}" -w '%{http_code} %{time_total} %{size_download}' "$url$path" || echo "000 120 0")"
    rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$entry" "$first" "$second" "$rss" >>"$tmp/probes.tsv"
  done
}
phase_begin
probe sqlite "$sqlite_http" "$sqlite_pid"
phase_end "single requests, SQLite"
memory sqlite "$sqlite_pid" loaded
phase_begin
probe postgresql "$postgresql_http" "$postgresql_pid"
phase_end "single requests, PostgreSQL"
memory postgresql "$postgresql_pid" loaded

# The bodies must be the same on both backends: the same data, the same answer.
curl -fsS -o "$tmp/directory.sqlite.json" "$sqlite_http$directory_path" || die "GET $directory_path failed on SQLite"
curl -fsS -o "$tmp/directory.postgresql.json" "$postgresql_http$directory_path" || die "GET $directory_path failed on PostgreSQL"
curl -fsS -D "$tmp/availability.headers" -o "$tmp/availability.sqlite.json" "$sqlite_http$availability_path" ||
  die "GET $availability_path failed on SQLite"
curl -fsS -o "$tmp/availability.postgresql.json" "$postgresql_http$availability_path" ||
  die "GET $availability_path failed on PostgreSQL"
for route in directory availability; do
  cmp -s "$tmp/$route.sqlite.json" "$tmp/$route.postgresql.json" ||
    echo "the $route body differs between SQLite and PostgreSQL ($(wc -c <"$tmp/$route.sqlite.json") and $(wc -c <"$tmp/$route.postgresql.json") bytes)" >>"$tmp/notes.txt"
done

# --- nginx, serving the SQLite server's two bodies ------------------------------------------------------------------
mkdir -p "$tmp/nginx/www"
chmod 755 "$tmp/nginx" "$tmp/nginx/www" # nginx's workers run as nobody
cp "$tmp/directory.sqlite.json" "$tmp/nginx/www/directory.json"
cp "$tmp/availability.sqlite.json" "$tmp/nginx/www/availability.json"
chmod 644 "$tmp/nginx/www/"*.json
nginx_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
sed -e "s|@PREFIX@|$tmp/nginx|g" -e "s|@PORT@|$nginx_port|g" -e "s|@WORKERS@|$nginx_workers|g" \
  "$here/nginx.conf" >"$tmp/nginx/nginx.conf"
"$nginx_bin" -p "$tmp/nginx/" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" &
nginx_pid=$!
nginx_http="http://127.0.0.1:$nginx_port"
for _ in $(seq 100); do
  curl -fsS -o /dev/null "$nginx_http$directory_path" 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$tmp/nginx/error.log" >&2; die "nginx exited before listening"; }
  sleep 0.1
done
for route in directory availability; do
  path_var="${route}_path"
  curl -fsS -o "$tmp/$route.nginx.json" "$nginx_http${!path_var}" || die "nginx does not answer ${!path_var}"
  cmp -s "$tmp/$route.nginx.json" "$tmp/$route.sqlite.json" || die "nginx does not serve the same $route body as telecentres"
done

# --- the booking units: half-days after the dataset's own bookings, each post for a person of its own ----------------
# The dataset books up to gen_today + 20; units start on the first Monday from gen_today + 21 (a new ISO week, so
# that no weekly quota mixes the two) and at least 2 days from today, and end within the 90-day horizon.
units_first="$(python3 -c "
from datetime import date, timedelta
d = max(date.fromisoformat('$gen_today') + timedelta(days=21), date.fromisoformat('$today') + timedelta(days=2))
d += timedelta(days=(7 - d.weekday()) % 7)
print(d.isoformat())")"
units_last="$(python3 -c "
from datetime import date, timedelta
print(min(date.fromisoformat('$units_first') + timedelta(days=61), date.fromisoformat('$today') + timedelta(days=89)).isoformat())")"
phase_begin
units_json="$(python3 "$here/prepare.py" units "$tmp/sqlite/national.db" "$sqlite_http" "$units_first" "$units_last" \
  "$tmp/units.load" "$tmp/units.raw" 400000 300000)" || die "cannot list the booking units"
phase_end "booking units (availability of every centre in service, through the SQLite server)"
echo "$units_json" >"$tmp/units.json"
[[ -s "$tmp/units.load" && -s "$tmp/units.raw" ]] || die "no bookable unit from $units_first to $units_last"

# --- reads: route after route, round after round, the three servers in turn -----------------------------------------
mkdir -p "$tmp/hey"
read_run() { # route server url round
  local route="$1" server="$2" url="$3" round="$4"
  if [[ "$warmup_s" != 0 ]]; then hey -z "${warmup_s}s" -c "$connections" -t "$request_timeout" "$url" >/dev/null; fi
  echo "bench: $route, round $round/$rounds, $server: hey -c $connections -z ${duration_s}s" >&2
  hey -z "${duration_s}s" -c "$connections" -t "$request_timeout" "$url" >"$tmp/hey/$route.$server.$round"
}
for route in directory availability; do
  path_var="${route}_path"
  phase_begin
  for round in $(seq "$rounds"); do
    read_run "$route" sqlite "$sqlite_http${!path_var}" "$round"
    read_run "$route" postgresql "$postgresql_http${!path_var}" "$round"
    read_run "$route" nginx "$nginx_http${!path_var}" "$round"
  done
  phase_end "$route: $rounds round(s) × 3 servers × (${warmup_s} s + ${duration_s} s)"
done
memory sqlite "$sqlite_pid" reads
memory postgresql "$postgresql_pid" reads

# --- bookings through HTTP, then the raw ceiling on the same database -----------------------------------------------
echo "$token" >"$tmp/token"
chmod 600 "$tmp/token"
# live_count BACKEND: live bookings from the first unit's date on, and units with two of them.
live_count() {
  local sql="SELECT (SELECT count(*) FROM bookings WHERE status IN ('booked', 'checked_in') AND date >= '$units_first'),
    (SELECT count(*) FROM (SELECT 1 FROM bookings WHERE status IN ('booked', 'checked_in') AND date >= '$units_first'
     GROUP BY post_id, date, slot HAVING count(*) > 1) AS d)"
  if [[ "$1" == sqlite ]]; then
    python3 -c "import sqlite3, sys; db = sqlite3.connect('file:$tmp/sqlite/national.db?mode=ro', uri=True); db.execute('PRAGMA busy_timeout = 10000'); print(*db.execute(sys.argv[1]).fetchone())" "$sql"
  else
    psql -X -At -F ' ' "$pg_url" -c "$sql"
  fi
}
for backend in sqlite postgresql; do
  pid_var="${backend}_pid" http_var="${backend}_http"
  phase_begin
  echo "bench: bookings on $backend: bench_booking_load, $booking_connections connections, ${warmup_s} s + ${duration_s} s" >&2
  "$tmp/bench_booking_load" --url "${!http_var}" --token-file "$tmp/token" --units-file "$tmp/units.load" \
    --connections "$booking_connections" --duration "$duration_s" --warmup "$warmup_s" --timeout "$request_timeout" \
    --server-pid "${!pid_var}" >"$tmp/booking.$backend.load" 2>"$tmp/booking.$backend.err" ||
    { cat "$tmp/booking.$backend.err" >&2; die "bench_booking_load failed on $backend"; }
  phase_end "bookings through HTTP, $backend (${warmup_s} s + ${duration_s} s)"
  memory "$backend" "${!pid_var}" end
  how="$(stop "${!pid_var}")"
  [[ -n "$how" ]] && echo "the $backend server did not stop within 10 s of SIGTERM: killed" >>"$tmp/notes.txt"
  printf -v "$pid_var" '%s' ""
  live_count "$backend" >"$tmp/booking.$backend.live" || die "cannot count the bookings on $backend"
  phase_begin
  echo "bench: raw inserts on $backend: ${raw_s} s one transaction per row, ${raw_s} s $raw_batch rows per transaction" >&2
  if [[ "$backend" == sqlite ]]; then
    "$tmp/bench_booking_raw" --db "$tmp/sqlite/national.db" --units-file "$tmp/units.raw" --duration "$raw_s" \
      --batch "$raw_batch" --created-by "$admin_id" >"$tmp/raw.$backend" || die "bench_booking_raw failed"
  else
    "$tmp/bench_scale_raw_pg" --url "$pg_url" --units-file "$tmp/units.raw" --duration "$raw_s" \
      --batch "$raw_batch" --created-by "$admin_id" >"$tmp/raw.$backend" || die "bench_scale_raw_pg failed"
  fi
  phase_end "raw inserts, $backend (2 × ${raw_s} s)"
done
stop "$nginx_pid" >/dev/null
nginx_pid=""
for backend in sqlite postgresql; do
  grep -v -e "écoute sur" -e "signal 15" -e "arrêt terminé" "$tmp/$backend.server.log" | head -n 5 |
    sed "s/^/$backend server log: /" >>"$tmp/notes.txt" || true
done
total_s="$(awk -v a="$run_t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')"

# --- figures ------------------------------------------------------------------------------------------------------
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]] && commit="$commit (with uncommitted changes)"
cpu="$(sed -n 's/^model name\s*: *//p' /proc/cpuinfo | head -n1)"
machine="$(nproc) CPU (${cpu:-unknown model}), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
fs="$(df -PT "$tmp_parent" | awk 'NR == 2 {print $1 " (" $2 ")"}')"
when="$(date -u +'%Y-%m-%d %H:%M UTC')"
nginx_version="$("$nginx_bin" -v 2>&1 | sed 's|.*nginx/||')"
export BENCH_WHEN="$when" BENCH_COMMIT="$commit" BENCH_MACHINE="$machine" BENCH_FS="$fs" BENCH_BUSY="$busy_at_start" \
  BENCH_LOADAVG="$load_at_start" BENCH_ROUNDS="$rounds" BENCH_DURATION_S="$duration_s" BENCH_WARMUP_S="$warmup_s" \
  BENCH_CONN="$connections" BENCH_BOOKING_CONN="$booking_connections" BENCH_SERVER_ARGS_USED="$server_args" \
  BENCH_RAW_S="$raw_s" BENCH_RAW_BATCH="$raw_batch" BENCH_AIM_MB="$memory_aim_mb" BENCH_DIRECTORY_PATH="$directory_path" \
  BENCH_AVAILABILITY_PATH="$availability_path" BENCH_DATA_META="$data/meta" BENCH_DATA_OUT="$data/demo.out" \
  BENCH_PG_VERSION="$pg_version" BENCH_PG_BYTES="$pg_bytes" BENCH_UNITS_FIRST="$units_first" \
  BENCH_UNITS_LAST="$units_last" BENCH_TOTAL_S="$total_s" BENCH_SIZE_NAME="$size" BENCH_SEED="$seed" \
  BENCH_CENTRES="$centres" BENCH_TELEWORKERS="$teleworkers" BENCH_DAYS="$days" BENCH_TODAY="$today" \
  BENCH_NGINX_VERSION="$nginx_version" BENCH_NGINX_WORKERS="$nginx_workers"
export -p | grep ' BENCH_' >"$tmp/report.env" # to render the section again: source it, run report.py
section="$(python3 "$here/report.py" "$tmp")" || die "cannot read the tools' reports"

echo
echo "$section"

# --- bench/RESULTS.md: the section between the markers is replaced by this run ----------------------------------------
if [[ -n "$results_file" ]]; then
  python3 - "$results_file" "$section" <<'PY'
import os, re, sys
path, body = sys.argv[1], sys.argv[2]
section = "<!-- bench:scale:begin -->\n" + body + "\n<!-- bench:scale:end -->"
text = open(path).read() if os.path.exists(path) else "# Benchmark results\n\nFigures measured by the scripts in bench/; each script replaces its own section.\n"
pattern = re.compile(r"<!-- bench:scale:begin -->.*?<!-- bench:scale:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
  echo "bench: results written to ${results_file#"$root"/}" >&2
fi
