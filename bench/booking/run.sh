#!/usr/bin/env bash
# Durable bookings per second through the HTTP API, against SQLite's own ceiling on the same machine. Seeds once a
# large network (bench_booking_seed: 3,500 centres × 10 posts, one person per post) and its admin account (the
# program's `user add` and `token create`), then round after round:
#   http — copies the seeded database, starts `telecentres serve` on it, and has bench_booking_load book distinct
#          posts and half-days over N keep-alive connections (POST /api/v1/bookings, every request timed), after a
#          warm-up; then checks in the database that the live bookings are exactly the 201 answers;
#   raw  — on another copy, bench_booking_raw inserts the same rows with the same durability (WAL, a sync per
#          commit), one transaction per row, then --batch rows per transaction: the ceiling.
# Then one contended run: all connections race for a few units (post and half-day); exactly one request per unit
# must win (201), all others get 409, and the database must hold one live booking per unit, no more.
# It prints the HTTP bookings/s, p50/p99/max and errors (the median round), the raw rows/s per row and batched,
# the two ratios, the contended counts and verdict, and whether the aim (10,000 durable bookings/s through HTTP,
# no double booking) is met; and records them in bench/RESULTS.md. Builds nothing: build first
# (cmake --preset default && cmake --build --preset default).
#
# Environment (defaults in brackets):
#   BENCH_CENTRES [3500]  BENCH_POSTS [10] network seeded (posts per centre)
#   BENCH_CONNECTIONS [128] HTTP connections, one client thread each   BENCH_TIMEOUT [10] seconds per request
#   BENCH_DURATION [10s] each measured HTTP run   BENCH_WARMUP [2s, 0 for none] before it, on the same server
#   BENCH_ROUNDS [3] http + raw pairs; the median round (by HTTP bookings/s) is reported, raw medians beside it
#   BENCH_SERVER_ARGS ["--workers 64 --queue 4096"] options for `telecentres serve` (with --db, --listen and
#                     --no-access-log)
#   BENCH_RAW_DURATION [3s] each raw mode   BENCH_RAW_BATCH [100] rows per transaction, batched mode
#   BENCH_CONTENDED_UNITS [50]  BENCH_CONTENDED_PER_CLIENT [3] requests per connection and unit (contended run)
#   BENCH_AIM [10000] durable bookings/s through HTTP
#   BENCH_TMPDIR [$TMPDIR or /tmp] where databases go: on the disk to measure (not tmpfs, where a sync is free)
#   TELECENTRES_BIN [build/telecentres]  BENCH_TOOLS [build/default/bench] where bench_booking_* are
#   BENCH_RESULTS [bench/RESULTS.md; empty: do not write]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

bin="${TELECENTRES_BIN:-$root/build/telecentres}"
tools="${BENCH_TOOLS:-$root/build/default/bench}"
centres="${BENCH_CENTRES:-3500}"
posts="${BENCH_POSTS:-10}"
connections="${BENCH_CONNECTIONS:-128}"
request_timeout="${BENCH_TIMEOUT:-10}"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-2s}"
rounds="${BENCH_ROUNDS:-3}"
server_args="${BENCH_SERVER_ARGS---workers 64 --queue 4096}"
raw_duration="${BENCH_RAW_DURATION:-3s}"
raw_batch="${BENCH_RAW_BATCH:-100}"
contended_units="${BENCH_CONTENDED_UNITS:-50}"
contended_per_client="${BENCH_CONTENDED_PER_CLIENT:-3}"
aim="${BENCH_AIM:-10000}"
tmp_parent="${BENCH_TMPDIR:-${TMPDIR:-/tmp}}"
results_file="${BENCH_RESULTS-$root/bench/RESULTS.md}"
admin_email="bench-admin@bench.telecentres.example"

die() { echo "bench: $*" >&2; exit 2; }
[[ -x "$bin" ]] || die "no telecentres binary at $bin: build it (cmake --build --preset default) or set TELECENTRES_BIN"
for tool in bench_booking_seed bench_booking_load bench_booking_raw; do
  [[ -x "$tools/$tool" ]] || die "no $tool in $tools: build it (cmake --build --preset default) or set BENCH_TOOLS"
done
command -v python3 >/dev/null || die "python3 is missing: run scripts/install-deps.sh --test"
seconds() { # a duration (10, 10s, 2m) to seconds
  local d="$1"
  case "$d" in
    *m) echo $((${d%m} * 60)) ;; *s) echo "${d%s}" ;; *) echo "$d" ;;
  esac
}
duration_s="$(seconds "$duration")"
warmup_s="$(seconds "$warmup")"
raw_s="$(seconds "$raw_duration")"
for v in centres posts connections request_timeout rounds raw_batch contended_units contended_per_client aim duration_s raw_s; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive whole number (got '${!v}')"
done
[[ "$warmup_s" =~ ^[0-9]+$ ]] || die "BENCH_WARMUP must be a whole duration such as 2s, or 0"

mkdir -p "$tmp_parent"
tmp="$(mktemp -d "$tmp_parent/bench-booking.XXXXXX")"
server_pid=""
stop() { # pid: TERM, wait up to 10 s, then KILL; prints how it ended
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
  stop "$server_pid" >/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "$(stat -f -c %T "$tmp")" == tmpfs ]]; then
  echo "bench: warning: $tmp_parent is a tmpfs: syncs cost nothing there, so no figure below is durable; set BENCH_TMPDIR to a directory on disk" >&2
fi

# Every run uses the same programs even if build/ is rebuilt meanwhile.
cp "$bin" "$tmp/telecentres"
for tool in bench_booking_seed bench_booking_load bench_booking_raw; do cp "$tools/$tool" "$tmp/$tool"; done

# Other work on the machine skews everything: say so rather than publish a misleading figure. busy_percent
# measures the share of CPU time not idle over one second, before any load is sent.
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

# --- the network, once ------------------------------------------------------------------------------------------
seed="$tmp/seed/bench.db"
mkdir -p "$tmp/seed"
echo "bench: seeding $centres centres × $posts posts" >&2
"$tmp/bench_booking_seed" --db "$seed" --centres "$centres" --posts "$posts"
# The admin that books for everyone, made the way an operator makes one. Its password is never used (the load
# authenticates with the token) and dies with the temporary directory.
TELECENTRES_PASSWORD="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  "$tmp/telecentres" user add --email "$admin_email" --role admin --db "$seed" >"$tmp/admin_id"
(umask 077 && "$tmp/telecentres" token create --email "$admin_email" --label bench --db "$seed" >"$tmp/token")
admin_id="$(tr -d '[:space:]' <"$tmp/admin_id")"
[[ "$admin_id" =~ ^[0-9]+$ ]] || die "telecentres user add printed '$admin_id', not an id"
[[ -s "$tmp/token" ]] || die "telecentres token create printed no token"
[[ -e "$seed-wal" ]] && die "the seeded database still has a WAL file: a command did not close it cleanly"

# copy_seed DIR: a fresh copy of the seeded database in DIR; prints its path.
copy_seed() {
  rm -rf "$1"
  mkdir -p "$1"
  cp "$seed" "$1/bench.db"
  echo "$1/bench.db"
}

# start_server DB LOG: starts telecentres serve on DB; sets server_pid and app_url.
start_server() {
  local db="$1" log="$2"
  # shellcheck disable=SC2086 # BENCH_SERVER_ARGS is a list of options
  "$tmp/telecentres" serve --db "$db" --listen 127.0.0.1:0 --no-access-log $server_args >"$log" 2>&1 &
  server_pid=$!
  app_url=""
  for _ in $(seq 600); do
    app_url="$(sed -n 's|.*écoute sur \(http://[^/ ]*\).*|\1|p' "$log" | head -n1)"
    [[ -n "$app_url" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; die "telecentres exited before listening"; }
    sleep 0.05
  done
  [[ -n "$app_url" ]] || { cat "$log" >&2; die "telecentres did not listen within 30 s"; }
}

# stop_server LOG: stops it, noting in LOG when it had to be killed.
stop_server() {
  local how
  how="$(stop "$server_pid")"
  if [[ -n "$how" ]]; then
    echo "bench: the server did not stop within 10 s of SIGTERM: killed" | tee -a "$1" >&2
  fi
  server_pid=""
}

# --- rounds: HTTP, then the raw ceiling -------------------------------------------------------------------------
for round in $(seq "$rounds"); do
  dir="$tmp/round$round"
  db="$(copy_seed "$dir/http")"
  echo "bench: round $round/$rounds: HTTP, $connections connections, ${warmup_s}s warm-up + ${duration_s}s: telecentres serve $server_args" >&2
  start_server "$db" "$tmp/round$round.server.log"
  "$tmp/bench_booking_load" --url "$app_url" --token-file "$tmp/token" --db "$db" --connections "$connections" \
    --duration "$duration_s" --warmup "$warmup_s" --timeout "$request_timeout" --server-pid "$server_pid" \
    >"$tmp/round$round.load" ||
    { stop_server "$tmp/round$round.server.log"; cat "$tmp/round$round.server.log" >&2; die "bench_booking_load failed"; }
  stop_server "$tmp/round$round.server.log"
  rm -rf "$dir/http"
  db="$(copy_seed "$dir/raw")"
  echo "bench: round $round/$rounds: SQLite alone, ${raw_s}s one transaction per row, ${raw_s}s $raw_batch rows per transaction" >&2
  "$tmp/bench_booking_raw" --db "$db" --duration "$raw_s" --batch "$raw_batch" --created-by "$admin_id" \
    >"$tmp/round$round.raw" || die "bench_booking_raw failed"
  rm -rf "$dir"
done

# --- contended: everyone races for a few units ------------------------------------------------------------------
db="$(copy_seed "$tmp/contended")"
echo "bench: contended: $connections connections race for $contended_units units, $contended_per_client request(s) each per unit" >&2
start_server "$db" "$tmp/contended.server.log"
"$tmp/bench_booking_load" --url "$app_url" --token-file "$tmp/token" --db "$db" --connections "$connections" \
  --contended --units "$contended_units" --per-client "$contended_per_client" --timeout "$request_timeout" \
  --server-pid "$server_pid" >"$tmp/contended.load" ||
  { stop_server "$tmp/contended.server.log"; cat "$tmp/contended.server.log" >&2; die "bench_booking_load --contended failed"; }
stop_server "$tmp/contended.server.log"

# --- figures ----------------------------------------------------------------------------------------------------
report="$(python3 - "$tmp" "$rounds" "$aim" "$raw_batch" <<'PY'
import glob, os, re, sys
tmp, rounds, aim, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def result(path, kind):
    for line in open(path):
        if line.startswith(f"RESULT {kind} "):
            return dict(kv.split("=", 1) for kv in line.split()[2:])
    sys.exit(f"no RESULT {kind} line in {path}")

def num(x): return float(x)
def median(values): return sorted(values)[(len(values) - 1) // 2]
def ms(x): return f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"
def rate(x): return f"{x:,.0f}"

http = [result(f"{tmp}/round{n}.load", "load") for n in range(1, rounds + 1)]
raw = [result(f"{tmp}/round{n}.raw", "raw") for n in range(1, rounds + 1)]
contended = result(f"{tmp}/contended.load", "load")

h = sorted(http, key=lambda r: num(r["booked_per_s"]))[(rounds - 1) // 2]
per_row = median([num(r["per_row_rps"]) for r in raw])
batched = median([num(r["batched_rps"]) for r in raw])
booked = num(h["booked_per_s"])
span = lambda vs: f"{rate(min(vs))} – {rate(max(vs))}"
errors = sum(int(r["requests"]) - int(r["booked"]) for r in http)
all_verified = all(r["verified"] == "yes" for r in http)

out = []
out.append("| through HTTP | durable bookings/s (201) | p50 (ms) | p99 (ms) | max (ms) | errors (non-201 or no answer), all rounds | bookings/s, all rounds |")
out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
out.append(f"| `POST /api/v1/bookings`, distinct units | **{rate(booked)}** | {ms(num(h['p50_ms']))} | {ms(num(h['p99_ms']))} "
           f"| {ms(num(h['max_ms']))} | {errors} | {span([num(r['booked_per_s']) for r in http])} |")
out.append("")
out.append("| SQLite alone, same rows and durability | rows/s | time per commit (ms) | rows/s, all rounds | HTTP / this |")
out.append("| --- | ---: | ---: | ---: | ---: |")
out.append(f"| one transaction per row | {rate(per_row)} | {1000 / per_row:.2f} | {span([num(r['per_row_rps']) for r in raw])} | **{booked / per_row:.2f}** |")
out.append(f"| {batch} rows per transaction | {rate(batched)} | {1000 * batch / batched:.2f} | {span([num(r['batched_rps']) for r in raw])} | **{booked / batched:.2f}** |")
out.append("")
c = contended
c_ok = c["verified"] == "yes" and c["doubled"] == "0"
statuses = dict(s.split(":") for s in c["statuses"].split(",") if s != "-")
n409 = int(statuses.get("409", 0))
others = int(c["requests"]) - int(c["booked"]) - n409
out.append("| contended run | requests | 201 | 409 (reasons) | other answers and errors | live bookings in the database | units with two live bookings | verdict |")
out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
out.append(f"| {c['connections']} connections, {c['units']} units | {c['requests']} | {c['booked']} | {n409} ({c['reasons']}) | {others} "
           f"| {c['live']} | {c['doubled']} | {'**one booking per unit, as many as the 201s**' if c_ok else '**FAILED**'} |")
out.append("")
met = booked >= aim
verdict = "**met**" if met else f"**not met**: {booked / aim:.0%} of it"
out.append(f"Aim: at least {aim:,} durable bookings/s through HTTP on this machine, and no double booking when contended. "
           f"Throughput: {verdict}. Double bookings: {'none (aim met)' if c_ok else 'FOUND or counts disagree (aim not met)'}.")
checks = "yes" if all_verified else "NO (" + ", ".join(f"round {i + 1}: live {r['live']} for {int(r['booked']) + int(r['warmup_booked'])} answered 201"
                                                   for i, r in enumerate(http) if r["verified"] != "yes") + ")"
out.append(f"After every HTTP round, the live bookings in the database equal the 201 answers (warm-up included): {checks}.")
# Where the two CPUs went during the median round's measured run: what the aim needs per booking.
server_cpu, client_cpu, secs = num(h["server_cpu_s"]), num(h["client_cpu_s"]), num(h["seconds"])
machine_cpu = num(h["machine_cpu_s"])
if server_cpu >= 0 and int(h["booked"]):
    other = f", other work {max(0.0, machine_cpu - server_cpu - client_cpu) / secs:.2f}" if machine_cpu >= 0 else ""
    out.append(f"CPU in the median round's measured run: the server {server_cpu / secs:.2f} CPUs, {server_cpu / int(h['booked']) * 1e6:.0f} µs per booking; "
               f"the load {client_cpu / secs:.2f} CPUs, {client_cpu / int(h['requests']) * 1e6:.0f} µs per request{other}. "
               f"{aim:,} bookings/s on {os.cpu_count()} CPUs leave {os.cpu_count() * 1e6 / aim:.0f} µs of CPU per booking for both.")
out.append("Rounds: " + "; ".join(f"{i + 1}: HTTP {rate(num(a['booked_per_s']))}/s, SQLite alone {rate(num(b['per_row_rps']))} and {rate(num(b['batched_rps']))} rows/s"
                                 for i, (a, b) in enumerate(zip(http, raw))) + ".")
notes = []
per_rows = [num(r["per_row_rps"]) for r in raw]
if max(per_rows) > 2 * min(per_rows):
    notes.append(f"SQLite alone, one transaction per row, ran {max(per_rows) / min(per_rows):.0f}× faster in one round than in another: the disk's "
                 f"time per sync moved ({1000 / max(per_rows):.2f} to {1000 / min(per_rows):.2f} ms) during the run, so the ratios to it are as uncertain.")
for i, r in enumerate(http):
    if r["statuses"] != f"201:{r['booked']}" or r["errors"] != "0":
        notes.append(f"round {i + 1}: answers {r['statuses']}, reasons {r['reasons']}, socket errors {r['errors']} ({r['error_kinds']})")
for path in sorted(glob.glob(f"{tmp}/*.server.log")):
    lines = [l.rstrip() for l in open(path) if "écoute sur" not in l and "signal 15" not in l and "arrêt terminé" not in l]
    if lines:
        notes.append(f"{path.rsplit('/', 1)[1]}: {len(lines)} unexpected log line(s), first: `{lines[0][:200]}`")
for n in notes:
    out.append(f"\nNote — {n}")
print("\n".join(out))
PY
)" || { tail -n 5 "$tmp"/*.load "$tmp"/*.raw >&2; die "cannot read the tools' reports"; }

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]] && commit="$commit (with uncommitted changes)"
cpu="$(sed -n 's/^model name\s*: *//p' /proc/cpuinfo | head -n1)"
machine="$(nproc) CPU (${cpu:-unknown model}), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
fs="$(df -PT "$tmp_parent" | awk 'NR == 2 {print $1 " (" $2 ")"}')"
sqlite_version="$(sed -n 's/.* sqlite=\([^ ]*\).*/\1/p' "$tmp/round1.raw")"
when="$(date -u +'%Y-%m-%d %H:%M UTC')"

echo
echo "Bookings through HTTP ($centres centres × $posts posts, $connections connections, ${duration_s}s after ${warmup_s}s"
echo "of warm-up, telecentres serve $server_args) against SQLite alone; $rounds round(s), median shown"
echo
echo "$report"

# --- bench/RESULTS.md: the section between the markers is replaced by this run ---------------------------------
if [[ -n "$results_file" ]]; then
  section="<!-- bench:booking:begin -->
## Bookings: durable bookings/s through HTTP against SQLite's ceiling

\`bench/booking/run.sh\` — $when, commit $commit, $machine; databases on $fs, SQLite $sqlite_version.

Network: $centres centres in service × $posts posts (\`bench_booking_seed\`), one person per post, an admin API token.
HTTP: \`telecentres serve $server_args --no-access-log\` on a fresh copy of it each round; \`bench_booking_load\`
books distinct posts and half-days (\`POST /api/v1/bookings\` with \`post_id\` and \`person_id\`, as the admin) over
$connections keep-alive connections for ${duration_s} s after ${warmup_s} s of warm-up, timing every request; a booking counts
once answered 201, which the server sends after the commit is synced. SQLite alone: \`bench_booking_raw\` inserts the
same rows (the server's INSERT, same schema and indexes) into another copy, WAL and \`synchronous = FULL\` (a sync per
commit), ${raw_s} s one transaction per row, then ${raw_s} s $raw_batch rows per transaction, one thread. $rounds round(s) of HTTP then
raw; the median HTTP round is shown, and the median of each raw mode. Contended: $connections connections race for
$contended_units units (a post and a half-day), $contended_per_client request(s) each per unit, each for a different person, a barrier before
each unit. The load runs on the same machine and takes part of its CPU; CPU in use by other work just before
the run: $busy_at_start%.

$report
<!-- bench:booking:end -->"
  python3 - "$results_file" "$section" <<'PY'
import os, re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read() if os.path.exists(path) else "# Benchmark results\n\nFigures measured by the scripts in bench/; each script replaces its own section.\n"
pattern = re.compile(r"<!-- bench:booking:begin -->.*?<!-- bench:booking:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
  echo "bench: results written to ${results_file#"$root"/}" >&2
fi
