#!/usr/bin/env bash
# Directory search throughput against the machine's ceiling. Starts telecentres (demo network, no access log)
# and an nginx of its own serving a static copy of exactly the same response body as
# GET /api/v1/centres?near=15187&within_km=60, both on loopback; loads each with wrk, one after the other;
# prints requests/s, p50 and p99 of each and the throughput ratio telecentres/nginx, and records them in
# bench/RESULTS.md. Builds nothing: build first (cmake --build --preset default).
#
# Environment (defaults in brackets):
#   BENCH_DURATION [10s]  BENCH_CONNECTIONS [64]  BENCH_THREADS [2]  BENCH_WARMUP [2s, 0 for none]
#   BENCH_ROUNDS [3] measured runs of each server, taking turns; the median one is reported
#   BENCH_NGINX_WORKERS [auto]  BENCH_SERVER_ARGS [] extra options for `telecentres serve`, e.g. "--workers 2"
#   TELECENTRES_BIN [build/telecentres]  BENCH_RESULTS [bench/RESULTS.md; empty: do not write]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/directory"

bin="${TELECENTRES_BIN:-$root/build/telecentres}"
duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-64}"
threads="${BENCH_THREADS:-2}"
warmup="${BENCH_WARMUP:-2s}"
rounds="${BENCH_ROUNDS:-3}"
nginx_workers="${BENCH_NGINX_WORKERS:-auto}"
results_file="${BENCH_RESULTS-$root/bench/RESULTS.md}"
query="/api/v1/centres?near=15187&within_km=60"

die() { echo "bench: $*" >&2; exit 2; }
[[ -x "$bin" ]] || die "no telecentres binary at $bin: build it (cmake --build --preset default) or set TELECENTRES_BIN"
for tool in nginx wrk curl python3; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null ||
    die "$tool is missing: run scripts/install-deps.sh --test"
done
nginx_bin="$(PATH="$PATH:/usr/sbin" command -v nginx)"

tmp="$(mktemp -d)"
server_pid=""
nginx_pid=""
stop() { # pid: TERM, wait up to 5 s, then KILL
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$nginx_pid"
  stop "$server_pid"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- telecentres ------------------------------------------------------------------------------------------
# shellcheck disable=SC2086 # BENCH_SERVER_ARGS is a list of options
"$bin" serve --db "$tmp/bench.db" --listen 127.0.0.1:0 --demo --no-access-log ${BENCH_SERVER_ARGS:-} \
  >"$tmp/telecentres.log" 2>&1 &
server_pid=$!
app_url=""
for _ in $(seq 300); do
  app_url="$(sed -n 's|.*écoute sur \(http://[^/ ]*\).*|\1|p' "$tmp/telecentres.log" | head -n1)"
  [[ -n "$app_url" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/telecentres.log" >&2; die "telecentres exited before listening"; }
  sleep 0.1
done
[[ -n "$app_url" ]] || { cat "$tmp/telecentres.log" >&2; die "telecentres did not listen within 30 s"; }

mkdir -p "$tmp/nginx/www"
chmod 755 "$tmp" "$tmp/nginx" "$tmp/nginx/www" # nginx's workers run as nobody
curl -fsS -D "$tmp/app.headers" -o "$tmp/nginx/www/centres.json" "$app_url$query" ||
  die "GET $query failed on telecentres"
app_type="$(tr -d '\r' <"$tmp/app.headers" | sed -n 's/^[Cc]ontent-[Tt]ype: *//p')"
body_bytes="$(wc -c <"$tmp/nginx/www/centres.json")"
centres="$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["centres"]))' <"$tmp/nginx/www/centres.json")"

# --- nginx, on another free loopback port -------------------------------------------------------------------
nginx_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
sed -e "s|@PREFIX@|$tmp/nginx|g" -e "s|@PORT@|$nginx_port|g" -e "s|@WORKERS@|$nginx_workers|g" \
  "$here/nginx.conf" >"$tmp/nginx/nginx.conf"
"$nginx_bin" -p "$tmp/nginx/" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port"
for _ in $(seq 100); do
  curl -fsS -o /dev/null "$nginx_url$query" 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$tmp/nginx/error.log" >&2; die "nginx exited before listening"; }
  sleep 0.1
done
curl -fsS -D "$tmp/nginx.headers" -o "$tmp/nginx.body" "$nginx_url$query" || die "nginx does not answer"
cmp -s "$tmp/nginx.body" "$tmp/nginx/www/centres.json" || die "nginx does not serve the same body as telecentres"
nginx_type="$(tr -d '\r' <"$tmp/nginx.headers" | sed -n 's/^[Cc]ontent-[Tt]ype: *//p')"

# --- load -------------------------------------------------------------------------------------------------
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

# The two servers take turns, round after round, so that a burst of other activity hits both alike; each
# server's figures are those of its median round. run NAME URL ROUND leaves wrk's report in $tmp/NAME.ROUND.wrk.
run() {
  local name="$1" target="$2" round="$3"
  if [[ "$warmup" != 0 ]]; then wrk -t"$threads" -c"$connections" -d"$warmup" "$target" >/dev/null; fi
  echo "bench: round $round/$rounds, $name: wrk -t$threads -c$connections -d$duration --latency" >&2
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$target" >"$tmp/$name.$round.wrk"
}
for round in $(seq "$rounds"); do
  run telecentres "$app_url$query" "$round"
  run nginx "$nginx_url$query" "$round"
done

# Reads wrk's reports of one server: requests/s, p50 and p99 in ms of the median round; errors (non-2xx
# answers and socket errors) of all rounds; the lowest and highest requests/s.
read_wrk() {
  python3 - "$@" <<'PY'
import re, sys
unit = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
rounds, errors = [], 0
for path in sys.argv[1:]:
    text = open(path).read()
    def pct(p):
        m = re.search(r"^\s*%s%%\s+([\d.]+)(us|ms|s|m)\s*$" % p, text, re.M)
        return float(m.group(1)) * unit[m.group(2)]
    rounds.append((float(re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M).group(1)), pct(50), pct(99)))
    errors += sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", text))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m: errors += sum(int(g) for g in m.groups())
rounds.sort()
rps, p50, p99 = rounds[(len(rounds) - 1) // 2]
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {errors} {rounds[0][0]:.0f} {rounds[-1][0]:.0f}")
PY
}
app_stats="$(read_wrk "$tmp"/telecentres.*.wrk)" || { cat "$tmp"/telecentres.*.wrk >&2; die "cannot read wrk's report"; }
ngx_stats="$(read_wrk "$tmp"/nginx.*.wrk)" || { cat "$tmp"/nginx.*.wrk >&2; die "cannot read wrk's report"; }
read -r app_rps app_p50 app_p99 app_err app_min app_max <<<"$app_stats"
read -r ngx_rps ngx_p50 ngx_p99 ngx_err ngx_min ngx_max <<<"$ngx_stats"
ratio="$(python3 -c "print(f'{$app_rps / $ngx_rps:.2f}')")"

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]] && commit="$commit (with uncommitted changes)"
cpu="$(sed -n 's/^model name\s*: *//p' /proc/cpuinfo | head -n1)"
machine="$(nproc) CPU (${cpu:-unknown model}), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
when="$(date -u +'%Y-%m-%d %H:%M UTC')"

table="| server | requests/s | p50 (ms) | p99 (ms) | errors | requests/s, all rounds |
| --- | ---: | ---: | ---: | ---: | ---: |
| telecentres | $app_rps | $app_p50 | $app_p99 | $app_err | $app_min – $app_max |
| nginx (static copy) | $ngx_rps | $ngx_p50 | $ngx_p99 | $ngx_err | $ngx_min – $ngx_max |

Throughput ratio telecentres / nginx: **$ratio**"

echo
echo "GET $query — $body_bytes bytes, $centres centres; wrk -t$threads -c$connections -d$duration, $rounds round(s) each"
echo "$table"
if (( app_err + ngx_err )); then echo "bench: warning: some requests failed (see the errors column)" >&2; fi
[[ "$app_type" == "$nginx_type" ]] ||
  echo "bench: note: Content-Type differs: telecentres \"$app_type\", nginx \"$nginx_type\"" >&2

# --- bench/RESULTS.md: the section between the markers is replaced by this run ------------------------------
if [[ -n "$results_file" ]]; then
  section="<!-- bench:directory:begin -->
## Directory search: telecentres against nginx serving the same body

\`bench/directory/run.sh\` — $when, commit $commit, $machine.

\`GET $query\`: $body_bytes bytes of JSON ($centres centres), demo network, SQLite, \`telecentres serve --demo --no-access-log${BENCH_SERVER_ARGS:+ $BENCH_SERVER_ARGS}\`
against nginx $("$nginx_bin" -v 2>&1 | sed 's|.*nginx/||') (\`worker_processes $nginx_workers\`, keep-alive, static file).
\`wrk -t$threads -c$connections -d$duration --latency\`, each after a $warmup warm-up; $rounds round(s), the servers taking
turns; each server's median round is shown. wrk runs on the same machine and takes part of its CPU; CPU in use
by other work just before the run: $busy_at_start%.

$table
<!-- bench:directory:end -->"
  python3 - "$results_file" "$section" <<'PY'
import os, re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read() if os.path.exists(path) else "# Benchmark results\n\nFigures measured by the scripts in bench/; each script replaces its own section.\n"
pattern = re.compile(r"<!-- bench:directory:begin -->.*?<!-- bench:directory:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
  echo "bench: results written to ${results_file#"$root"/}" >&2
fi
