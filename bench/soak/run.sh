#!/usr/bin/env bash
# Soak: a realistic mix of requests for MINUTES (default 10) at about 70 % of the server's ceiling for that mix,
# on the Cantal demo network. Does the server hold its throughput and latency, does its memory stay put, does it
# answer anything but the intended refusals?
#   1. ceiling — on a fresh demo database, bench_soak sends the mix as fast as the server answers, over
#      BENCH_CONNECTIONS connections, for BENCH_MAX_DURATION; its requests/s is the ceiling;
#   2. soak    — on another fresh demo database and a freshly started server, bench_soak sends the same mix at
#      BENCH_LOAD_PERCENT of that ceiling for MINUTES, paced per connection, and reports every minute: requests/s,
#      p50/p99, the server's VmRSS, and every answer by kind of request and status.
# The mix (weights in thousandths, BENCH_MIX): directory searches around a Cantal commune (450), a centre's
# availability over a month (300), bookings of an open half-day for one of the network's people as the admin
# (120), cancellations of this run's bookings, oldest first (120), sign-ins of the demo teleworker, a full
# Argon2id check each (2: one sign-in per 500 requests, a session serving many; Argon2id is slow on purpose, about
# 14 checks/s on this machine when idle (bench/signin), so at 1 % the sign-ins of a 750 req/s soak took half of it,
# and queued past the 10 s timeout once other work shared the CPUs). 409 answers to bookings (half-day full, person already there) are intended refusals
# and counted apart; any other answer that is not 200/201 is an error. Afterwards the database must hold no post
# twice for a half-day. The memory aim is < 5 % VmRSS growth from the end of the first minute (warm: caches and
# malloc arenas filled) to the end; the start (cold) value is shown too.
#
# Usage: bench/soak/run.sh [MINUTES]
# Environment (defaults in brackets):
#   BENCH_BACKEND [sqlite] or postgresql (a private PostgreSQL 15 from scripts/pg.sh, stopped at exit)
#   BENCH_CONNECTIONS [32]  BENCH_MAX_DURATION [20] seconds of the ceiling run  BENCH_LOAD_PERCENT [70]
#   BENCH_MIX [directory=450,availability=300,booking=120,cancel=120,signin=2]  BENCH_SEED [1]
#   BENCH_SERVER_ARGS [] extra options for `telecentres serve` (with --db, --listen and --no-access-log)
#   BENCH_TMPDIR [$TMPDIR or /tmp] where the SQLite databases go (on disk, not tmpfs: bookings sync)
#   TELECENTRES_BIN [build/telecentres]  BENCH_TOOLS [build/default/bench] where bench_soak is
#   BENCH_RESULTS [bench/RESULTS.md; empty: do not write]  BENCH_KEEP [empty] keep the run's files
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

minutes="${1:-10}"
bin="${TELECENTRES_BIN:-$root/build/telecentres}"
tools="${BENCH_TOOLS:-$root/build/default/bench}"
backend="${BENCH_BACKEND:-sqlite}"
connections="${BENCH_CONNECTIONS:-32}"
max_duration="${BENCH_MAX_DURATION:-20}"
load_percent="${BENCH_LOAD_PERCENT:-70}"
mix="${BENCH_MIX:-directory=450,availability=300,booking=120,cancel=120,signin=2}"
seed="${BENCH_SEED:-1}"
server_args="${BENCH_SERVER_ARGS:-}"
tmp_parent="${BENCH_TMPDIR:-${TMPDIR:-/tmp}}"
results_file="${BENCH_RESULTS-$root/bench/RESULTS.md}"
admin_email="admin@demo.telecentres.example"

die() { echo "bench: $*" >&2; exit 2; }
[[ -x "$bin" ]] || die "no telecentres binary at $bin: build it (cmake --build --preset default) or set TELECENTRES_BIN"
[[ -x "$tools/bench_soak" ]] || die "no bench_soak in $tools: build it (cmake --build --preset default) or set BENCH_TOOLS"
command -v python3 >/dev/null || die "python3 is missing: run scripts/install-deps.sh --test"
for v in minutes connections max_duration load_percent seed; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive whole number (got '${!v}')"
done
[[ "$backend" == sqlite || "$backend" == postgresql ]] || die "BENCH_BACKEND is sqlite or postgresql"

mkdir -p "$tmp_parent"
tmp="$(mktemp -d "$tmp_parent/bench-soak.XXXXXX")"
chmod 755 "$tmp"
pg_dir="$tmp/pg"
server_pid=""
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
  stop "$server_pid" >/dev/null
  [[ "$backend" == postgresql ]] && "$root/scripts/pg.sh" stop "$pg_dir" 2>/dev/null
  if [[ -n "${BENCH_KEEP:-}" ]]; then echo "bench: the run's files are kept in $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Every step uses the same programs even if build/ is rebuilt meanwhile.
cp "$bin" "$tmp/telecentres"
cp "$tools/bench_soak" "$tmp/bench_soak"

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
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
if ((busy_at_start > 20)); then
  echo "bench: warning: the machine is busy ($busy_at_start% of CPU in use before the run): figures will be low and noisy" >&2
fi

# fresh_database NAME: a new Cantal demo database and an admin API token for it; prints its location.
if [[ "$backend" == postgresql ]]; then
  "$root/scripts/pg.sh" start "$pg_dir" >/dev/null || die "scripts/pg.sh start failed"
fi
fresh_database() {
  local name="$1" db
  if [[ "$backend" == postgresql ]]; then
    db="$("$root/scripts/pg.sh" createdb "$pg_dir" "$name")" || die "scripts/pg.sh createdb failed"
  else
    db="$tmp/$name.db"
  fi
  "$tmp/telecentres" demo --db "$db" >"$tmp/$name.demo.log" 2>&1 || { cat "$tmp/$name.demo.log" >&2; die "telecentres demo failed"; }
  (umask 077 && "$tmp/telecentres" token create --email "$admin_email" --label soak --db "$db" >"$tmp/$name.token") ||
    die "telecentres token create failed"
  echo "$db"
}

# start_server DB LOG: sets server_pid and app_url.
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
stop_server() {
  if [[ -n "$(stop "$server_pid")" ]]; then
    echo "bench: the server did not stop within 10 s of SIGTERM: killed" | tee -a "$1" >&2
  fi
  server_pid=""
}
duplicates() { # DB: live bookings holding a post twice for a half-day
  local sql="SELECT count(*) FROM (SELECT 1 FROM bookings WHERE status IN ('booked', 'checked_in') GROUP BY post_id, date, slot HAVING count(*) > 1) AS d"
  if [[ "$backend" == postgresql ]]; then psql -X -q -A -t "$1" -c "$sql"; else sqlite3 "$1" "$sql"; fi
}

# --- 1. the ceiling of the mix ------------------------------------------------------------------------------------
db="$(fresh_database ceiling)"
start_server "$db" "$tmp/ceiling.server.log"
echo "bench: ceiling: the mix as fast as answered, $connections connections, ${max_duration}s ($backend)" >&2
"$tmp/bench_soak" --url "$app_url" --token-file "$tmp/ceiling.token" --connections "$connections" \
  --duration "$max_duration" --period "$max_duration" --mix "$mix" --seed "$seed" --server-pid "$server_pid" \
  --report "$tmp/ceiling.json" >&2 || die "bench_soak (ceiling) failed"
stop_server "$tmp/ceiling.server.log"
ceiling="$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["rps"]))' "$tmp/ceiling.json")"
rate=$((ceiling * load_percent / 100))
((rate > 0)) || die "the ceiling run answered nothing"

# --- 2. the soak ----------------------------------------------------------------------------------------------------
db="$(fresh_database soak)"
start_server "$db" "$tmp/soak.server.log"
echo "bench: soak: $rate req/s ($load_percent% of $ceiling) for $minutes min, $connections connections ($backend)" >&2
"$tmp/bench_soak" --url "$app_url" --token-file "$tmp/soak.token" --connections "$connections" \
  --duration $((minutes * 60)) --period 60 --rate "$rate" --mix "$mix" --seed "$seed" --server-pid "$server_pid" \
  --report "$tmp/soak.json" >&2 || die "bench_soak (soak) failed"
stop_server "$tmp/soak.server.log"
doubled="$(duplicates "$db")"

# --- figures --------------------------------------------------------------------------------------------------------
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]] && commit="$commit (with uncommitted changes)"
cpu="$(sed -n 's/^model name\s*: *//p' /proc/cpuinfo | head -n1)"
machine="$(nproc) CPU (${cpu:-unknown model}), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
when="$(date -u +'%Y-%m-%d %H:%M UTC')"
load_at_end="$(cut -d' ' -f1-3 /proc/loadavg)"
report="$(python3 - "$tmp" "$doubled" <<'PY'
import glob, json, sys
tmp, doubled = sys.argv[1], sys.argv[2].strip()
ceiling, soak = json.load(open(f"{tmp}/ceiling.json")), json.load(open(f"{tmp}/soak.json"))
ops = ["directory", "availability", "booking", "cancel", "signin"]
ok = {"directory": {"200"}, "availability": {"200"}, "booking": {"201"}, "cancel": {"200"}, "signin": {"200"}}
def mb(kb): return f"{kb / 1024:.0f}" if kb and kb > 0 else "?"
def ms(x): return f"{x:.1f}" if x < 100 else f"{x:.0f}"
out = []
out.append(f"Ceiling of the mix: **{ceiling['rps']:,.0f} req/s** ({ceiling['connections']} connections, as fast as answered, "
           f"{ceiling['duration']:.0f} s; p50 {ms(ceiling['p50_ms'])} ms, p99 {ms(ceiling['p99_ms'])} ms). "
           f"Soak target: {soak['rate']:,.0f} req/s.")
out.append("")
out.append("| minute | req/s | p50 (ms) | p99 (ms) | VmRSS median / max (MB) | bookings 201 / 409 | errors |")
out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for p in soak["periods"]:
    a = p["answers"]
    errors = sum(n for op, st in a.items() for s, n in st.items() if s not in ok[op] and not (op == "booking" and s == "409"))
    b = a.get("booking", {})
    out.append(f"| {p['index'] + 1} | {p['rps']:,.0f} | {ms(p['p50_ms'])} | {ms(p['p99_ms'])} | {mb(p['rss_kb'])} / {mb(p['rss_max_kb'])} "
               f"| {b.get('201', 0):,} / {b.get('409', 0):,} | {errors} |")
out.append("")
totals = soak["answers"]
out.append("| request | answers, by status | p50 (ms) | p99 (ms) | ceiling run: p50 / p99 (ms) |")
out.append("| --- | --- | ---: | ---: | ---: |")
for op in ops:
    st = totals.get(op, {})
    l, c = soak["latency"][op], ceiling["latency"][op]
    out.append(f"| {op} | " + ", ".join(f"{s}: {n:,}" for s, n in sorted(st.items()))
               + f" | {ms(l['p50_ms'])} | {ms(l['p99_ms'])} | {ms(c['p50_ms'])} / {ms(c['p99_ms'])} |")
out.append("")
errors = {f"{op} {s}": n for op, st in totals.items() for s, n in st.items() if s not in ok[op] and not (op == "booking" and s == "409")}
intended = totals.get("booking", {}).get("409", 0)
periods = soak["periods"]
warm = periods[0]["rss_kb"] if periods else -1
last = periods[-1]["rss_kb"] if periods else -1
peak = max((p["rss_max_kb"] for p in periods), default=-1)
growth = (last - warm) / warm * 100 if warm > 0 and last > 0 else float("nan")
out.append(f"In all: {soak['requests']:,} requests in {soak['duration']:.0f} s ({soak['rps']:,.0f} req/s), p50 {ms(soak['p50_ms'])} ms, "
           f"p99 {ms(soak['p99_ms'])} ms; intended refusals (409 to bookings): {intended:,}; errors: "
           + (", ".join(f"{k}: {v:,}" for k, v in sorted(errors.items())) if errors else "**none**") + ".")
out.append(f"VmRSS of the server (median of each minute's samples, five a second: a sign-in's Argon2id takes 64 MiB "
           f"for a moment): {mb(soak['rss_before_kb'])} MB before the load (cold), {mb(warm)} MB in the first minute, "
           f"{mb(last)} MB in the last one: **{growth:+.1f} %**; highest sample {mb(peak)} MB, "
           f"{mb(soak['rss_end_kb'])} MB right after the load.")
out.append(f"Posts held twice for a half-day afterwards: {doubled}.")
met_rss = growth < 5
met_err = not errors and doubled == "0"
out.append(f"Aim (< 5 % VmRSS growth, no error answer but the intended 409s): "
           f"{'**met**' if met_rss and met_err else '**not met**'}"
           + ("" if met_rss else f" (memory grew {growth:.1f} %)") + ("" if met_err else " (errors above)") + ".")
if soak["samples"]:
    out.append("")
    out.append("Unexpected answers (first ones): " + "; ".join(f"`{s[:160]}`" for s in soak["samples"][:5]))
for path in sorted(glob.glob(f"{tmp}/*.server.log")):
    lines = [l.rstrip() for l in open(path) if " info " not in l and "écoute sur" not in l]  # warnings, errors
    if lines:
        out.append(f"\nNote — {path.rsplit('/', 1)[1]}: {len(lines)} unexpected log line(s), first: `{lines[0][:200]}`")
print("\n".join(out))
PY
)" || die "cannot read bench_soak's reports"

echo
echo "Soak: $minutes min at $rate req/s ($load_percent% of the ceiling), $backend, Cantal demo"
echo
echo "$report"

if [[ -n "$results_file" ]]; then
  section="<!-- bench:soak:begin -->
## Soak: $minutes minutes of a realistic mix at $load_percent % of its ceiling

\`bench/soak/run.sh $minutes\` — $when, commit $commit, $machine; $backend, Cantal demo network
(\`telecentres demo\`), \`telecentres serve $server_args --no-access-log\`. **The machine is shared and noisy**: other
work ran beside the benchmark (CPU in use just before: $busy_at_start%; load average $load_at_start at start, $load_at_end at the end),
and the load generator (\`bench_soak\`, $connections keep-alive connections, one thread each) runs on the same two CPUs.

Mix, weights in thousandths (\`$mix\`): directory search around one of 14 Cantal communes (10 to 100 km);
a centre's availability over 30 days; a booking of an open half-day of the next two months at a random centre for
a random person of the network, as the admin (API token); a cancellation of one of this run's bookings, oldest
first; a sign-in of the demo teleworker (a full Argon2id check). First the ceiling: the mix as fast as the server
answers, on a fresh demo database; then the soak on another fresh database and a fresh server, paced at
$load_percent % of that ceiling; every request timed, every answer counted. Intended refusals are the 409s to
bookings (half-day full, person already there); anything else not 200/201, or no answer, is an error.

$report
<!-- bench:soak:end -->"
  python3 - "$results_file" "$section" <<'PY'
import os, re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read() if os.path.exists(path) else "# Benchmark results\n\nFigures measured by the scripts in bench/; each script replaces its own section.\n"
pattern = re.compile(r"<!-- bench:soak:begin -->.*?<!-- bench:soak:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
  echo "bench: results written to ${results_file#"$root"/}" >&2
fi
[[ "$doubled" == 0 ]] || exit 1
