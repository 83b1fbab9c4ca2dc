#!/usr/bin/env bash
# A storm of sign-ins against the directory's tail latency. Argon2id is slow on purpose (libsodium's interactive
# limits: tens of milliseconds of CPU and 64 MiB per password check) and runs on the bounded worker pool, while
# directory searches are answered on the I/O threads from a cache. This script starts telecentres (demo network,
# no access log) and, for each server configuration, round after round:
#   alone  — loads GET /api/v1/centres?near=15187&within_km=60 with hey;
#   storm  — starts a second hey that signs in over and over (POST /api/v1/session, right password: every request
#            costs a full Argon2id check) and, once the storm is running, loads the directory again exactly as
#            before.
# hey, not wrk, measures: hey times every request, while wrk's latency figures are not one sample per request
# and overstate the tail when the load is uneven (wrk issues #46 and #114; here wrk reported a p99 of 900 ms
# for a run whose 347,000 answers could not have averaged more than 0.4 ms by Little's law).
# It prints the directory's requests/s, p50 and p99 alone and during the storm (and the p99 ratio), and the storm's
# successful sign-ins/s, p50, p99 and refusals (503 when the pool's queue is full), and records them in
# bench/RESULTS.md. Builds nothing: build first (cmake --build --preset default).
#
# Environment (defaults in brackets):
#   BENCH_DURATION [10s] each measured directory run     BENCH_WARMUP [2s, 0 for none] directory warm-up per server
#   BENCH_ROUNDS [3] alone + storm pairs per configuration; the median round is reported
#   BENCH_DIR_CONNECTIONS [16]  BENCH_DIR_TIMEOUT [10, seconds]  hey on the directory
#   BENCH_SIGNIN_CONNECTIONS [32]  BENCH_SIGNIN_TIMEOUT [10, seconds]  hey signing in
#   BENCH_STORM_LEAD [1] seconds the storm runs before the directory run starts, and after it ends
#   BENCH_CONFIGS ["--workers 32;--workers 4;--workers 2 --queue 8"] server configurations, separated by ';',
#                 each a list of options for `telecentres serve` (the last one lets the pool refuse work: 503)
#   BENCH_SERVER_ARGS [] options added to every configuration, e.g. "--io-threads 1"
#   BENCH_SIGNIN_EMAIL / BENCH_SIGNIN_PASSWORD [the demo teleworker's] the account signing in
#   TELECENTRES_BIN [build/telecentres]  BENCH_RESULTS [bench/RESULTS.md; empty: do not write]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

bin="${TELECENTRES_BIN:-$root/build/telecentres}"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-2s}"
rounds="${BENCH_ROUNDS:-3}"
dir_connections="${BENCH_DIR_CONNECTIONS:-16}"
dir_timeout="${BENCH_DIR_TIMEOUT:-10}" # hey counts requests slower than its timeout as errors
signin_connections="${BENCH_SIGNIN_CONNECTIONS:-32}"
signin_timeout="${BENCH_SIGNIN_TIMEOUT:-10}"
lead="${BENCH_STORM_LEAD:-1}"
configs="${BENCH_CONFIGS:---workers 32;--workers 4;--workers 2 --queue 8}"
results_file="${BENCH_RESULTS-$root/bench/RESULTS.md}"
export BENCH_SIGNIN_EMAIL="${BENCH_SIGNIN_EMAIL:-teleworker@demo.telecentres.example}"
export BENCH_SIGNIN_PASSWORD="${BENCH_SIGNIN_PASSWORD:-demo-teletravail-cantal}"
query="/api/v1/centres?near=15187&within_km=60"

die() { echo "bench: $*" >&2; exit 2; }
[[ -x "$bin" ]] || die "no telecentres binary at $bin: build it (cmake --build --preset default) or set TELECENTRES_BIN"
for tool in hey curl python3; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh --test"
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive whole number"
[[ "$lead" =~ ^[0-9]+$ ]] || die "BENCH_STORM_LEAD must be a whole number of seconds"
[[ "$dir_timeout$signin_timeout" =~ ^[0-9]+$ ]] || die "BENCH_DIR_TIMEOUT and BENCH_SIGNIN_TIMEOUT are whole seconds"
seconds() { # a duration (10, 10s, 2m, 1h) to seconds
  local d="$1"
  case "$d" in
    *h) echo $((${d%h} * 3600)) ;; *m) echo $((${d%m} * 60)) ;; *s) echo "${d%s}" ;; *) echo "$d" ;;
  esac
}
duration_s="$(seconds "$duration")"
[[ "$duration_s" =~ ^[1-9][0-9]*$ ]] || die "BENCH_DURATION must be a whole duration such as 10s or 1m"
storm_s=$((duration_s + 2 * lead))
IFS=';' read -r -a config_list <<<"$configs"
((${#config_list[@]})) || die "BENCH_CONFIGS is empty"

tmp="$(mktemp -d)"
server_pid=""
storm_pid=""
stop() { # pid: TERM, wait up to 5 s, then KILL
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$storm_pid"
  stop "$server_pid"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Every configuration runs the same program even if build/ is rebuilt meanwhile.
cp "$bin" "$tmp/telecentres"

# start_server NAME OPTIONS...: a fresh database in $tmp/NAME; sets server_pid and app_url.
start_server() {
  local name="$1"
  shift
  mkdir -p "$tmp/$name"
  "$tmp/telecentres" serve --db "$tmp/$name/bench.db" --listen 127.0.0.1:0 --demo --no-access-log "$@" \
    >"$tmp/$name/telecentres.log" 2>&1 &
  server_pid=$!
  app_url=""
  for _ in $(seq 300); do
    app_url="$(sed -n 's|.*écoute sur \(http://[^/ ]*\).*|\1|p' "$tmp/$name/telecentres.log" | head -n1)"
    [[ -n "$app_url" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/$name/telecentres.log" >&2; die "telecentres exited before listening"; }
    sleep 0.1
  done
  [[ -n "$app_url" ]] || { cat "$tmp/$name/telecentres.log" >&2; die "telecentres did not listen within 30 s"; }
}

# Waits until the worker pool has nothing queued (sign-ins accepted before the storm's hey stopped still run).
settle() {
  for _ in $(seq 300); do
    depth="$(curl -fsS "$app_url/metrics" 2>/dev/null | sed -n 's/^telecentres_worker_queue_depth //p')"
    [[ "$depth" == 0 ]] && break
    sleep 0.1
  done
  sleep 1
}

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

dir_run() { hey -z "${duration_s}s" -c "$dir_connections" -t "$dir_timeout" "$app_url$query"; }
signin_body="$(python3 -c 'import json,os; print(json.dumps({"email": os.environ["BENCH_SIGNIN_EMAIL"], "password": os.environ["BENCH_SIGNIN_PASSWORD"]}))')"

# --- load, configuration after configuration -----------------------------------------------------------------
body_bytes="" centres=""
for i in "${!config_list[@]}"; do
  # shellcheck disable=SC2086 # the configuration and BENCH_SERVER_ARGS are lists of options
  set -- ${config_list[$i]} ${BENCH_SERVER_ARGS:-}
  name="c$i"
  echo "bench: configuration $((i + 1))/${#config_list[@]}: telecentres serve $*" >&2
  start_server "$name" "$@"

  # Both requests work before anything is measured.
  curl -fsS -o "$tmp/centres.json" "$app_url$query" || die "GET $query failed"
  if [[ -z "$body_bytes" ]]; then
    body_bytes="$(wc -c <"$tmp/centres.json")"
    centres="$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["centres"]))' <"$tmp/centres.json")"
  fi
  status="$(curl -sS -o "$tmp/signin.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data "$signin_body" \
    "$app_url/api/v1/session")"
  [[ "$status" == 200 ]] || { cat "$tmp/signin.json" >&2; echo >&2; die "sign-in as $BENCH_SIGNIN_EMAIL answered $status, not 200"; }
  if [[ "$warmup" != 0 ]]; then
    hey -z "${warmup}" -c "$dir_connections" "$app_url$query" >/dev/null
  fi

  for round in $(seq "$rounds"); do
    echo "bench:   round $round/$rounds: directory alone, hey -c $dir_connections -z ${duration_s}s" >&2
    dir_run >"$tmp/$name.alone.$round.hey"
    echo "bench:   round $round/$rounds: directory during a storm of sign-ins, hey -c $signin_connections" >&2
    hey -z "${storm_s}s" -c "$signin_connections" -t "$signin_timeout" -m POST -T application/json \
      -d "$signin_body" "$app_url/api/v1/session" >"$tmp/$name.signin.$round.hey" &
    storm_pid=$!
    sleep "$lead"
    dir_run >"$tmp/$name.storm.$round.hey"
    wait "$storm_pid" || die "hey signing in failed: $(cat "$tmp/$name.signin.$round.hey")"
    storm_pid=""
    settle
  done
  stop "$server_pid"
  server_pid=""
done

# --- figures ---------------------------------------------------------------------------------------------------
# For each configuration: the directory alone and during the storm, each its median round by p99 (the storm's
# sign-in figures are those of the same round as the directory's median storm round), the range of p99 over the
# rounds, and the sign-in counts. Prints the two markdown tables.
tables="$(python3 - "$tmp" "$rounds" "$configs" "${BENCH_SERVER_ARGS:-}" <<'PY'
import re, sys
tmp, rounds, configs, extra = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(";"), sys.argv[4]
unit = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}

def hey(path):
    # hey's summary: every request timed; percentiles to 0.1 ms, "Slowest", status codes and errors.
    text = open(path).read()
    def secs(label):
        m = re.search(r"^\s*%s:\s+([\d.]+) secs" % label, text, re.M)
        return float(m.group(1)) * 1000 if m else float("nan")
    def pct(p):
        m = re.search(r"^\s*%s%% in ([\d.]+) secs" % p, text, re.M)
        return float(m.group(1)) * 1000 if m else float("nan")
    codes = {int(c): int(n) for c, n in re.findall(r"^\s*\[(\d+)\]\s+(\d+) responses", text, re.M)}
    errs = re.search(r"Error distribution:\n((?:\s*\[\d+\].*\n?)*)", text)
    socket = sum(int(n) for n in re.findall(r"\[(\d+)\]", errs.group(1))) if errs else 0
    seconds = secs("Total") / 1000
    requests = sum(codes.values())
    ok = sum(n for c, n in codes.items() if 200 <= c < 300)
    return {"rps": requests / seconds if seconds else 0.0, "p50": pct(50), "p99": pct(99), "max": secs("Slowest"),
            "requests": requests, "seconds": seconds, "ok": ok, "overloaded": codes.get(503, 0),
            "other": requests - ok - codes.get(503, 0), "non2xx": requests - ok, "socket": socket,
            "codes": codes}

def median(rs):
    return sorted(rs, key=lambda r: r["p99"])[(len(rs) - 1) // 2]

def ms(x):
    return "–" if x != x or x == 0 else (f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}")

dir_rows, signin_rows, notes = [], [], []
for i, config in enumerate(configs):
    opts = " ".join((config + " " + extra).split()) or "(defaults)"
    alone = [hey(f"{tmp}/c{i}.alone.{n}.hey") for n in range(1, rounds + 1)]
    storm = [hey(f"{tmp}/c{i}.storm.{n}.hey") for n in range(1, rounds + 1)]
    signin = [hey(f"{tmp}/c{i}.signin.{n}.hey") for n in range(1, rounds + 1)]
    a, s = median(alone), median(storm)
    g = signin[storm.index(s)]
    span = lambda rs: f"{ms(min(r['p99'] for r in rs))} – {ms(max(r['p99'] for r in rs))}"
    errors = lambda rs: sum(r["non2xx"] + r["socket"] for r in rs)
    ratio = f"**{s['p99'] / a['p99']:.2f}**" if a["p99"] > 0 and s["requests"] else "–"
    dir_rows.append(f"| `{opts}` | alone | {a['rps']:.0f} | {ms(a['p50'])} | {ms(a['p99'])} | {ms(a['max'])} | {span(alone)} | | {errors(alone)} |")
    dir_rows.append(f"| `{opts}` | during the storm | {s['rps']:.0f} | {ms(s['p50'])} | {ms(s['p99'])} | {ms(s['max'])} | {span(storm)} "
                    f"| {ratio} | {errors(storm)} |")
    ok_rate = g["ok"] / g["seconds"]
    signin_rows.append(f"| `{opts}` | {ok_rate:.1f} | {ms(g['p50'])} | {ms(g['p99'])} | {g['ok']} | {g['overloaded']} "
                       f"| {g['other']} | {g['socket']} | {min(r['ok'] / r['seconds'] for r in signin):.1f} – "
                       f"{max(r['ok'] / r['seconds'] for r in signin):.1f} |")
    if g["other"]:
        notes.append(f"`{opts}`: sign-in answers by status: " + ", ".join(f"{c}: {n}" for c, n in sorted(g["codes"].items())))

print("| `serve` options | directory | requests/s | p50 (ms) | p99 (ms) | max (ms) | p99, all rounds (ms) | p99 storm / alone | errors |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
print("\n".join(dir_rows))
print()
print("| `serve` options | sign-ins/s (2xx) | p50 (ms) | p99 (ms) | 2xx | 503 | other non-2xx | socket errors | sign-ins/s, all rounds |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
print("\n".join(signin_rows))
for n in notes:
    print(f"\nNote — {n}")
PY
)" || { tail -n 30 "$tmp"/*.hey >&2; die "cannot read hey's reports"; }

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]] && commit="$commit (with uncommitted changes)"
cpu="$(sed -n 's/^model name\s*: *//p' /proc/cpuinfo | head -n1)"
machine="$(nproc) CPU (${cpu:-unknown model}), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
when="$(date -u +'%Y-%m-%d %H:%M UTC')"

echo
echo "GET $query ($body_bytes bytes, $centres centres): hey -c $dir_connections -z ${duration_s}s, alone and during"
echo "a storm of POST /api/v1/session (right password, hey -c $signin_connections); $rounds round(s), median shown"
echo
echo "$tables"

# --- bench/RESULTS.md: the section between the markers is replaced by this run ------------------------------
if [[ -n "$results_file" ]]; then
  section="<!-- bench:signin:begin -->
## Sign-in storm: the directory's p99 while Argon2id runs on the bounded pool

\`bench/signin/run.sh\` — $when, commit $commit, $machine.

Directory: \`GET $query\` ($body_bytes bytes of JSON, $centres centres), \`hey -c $dir_connections -z ${duration_s}s -t $dir_timeout\`
(hey times every request; wrk's latency figures are not one sample per request and are not used),
first alone, then during a storm of sign-ins: \`POST /api/v1/session\` as the demo teleworker with the right
password (each one a full Argon2id check, libsodium's interactive limits), \`hey -c $signin_connections -t $signin_timeout -m POST\`
running from ${lead} s before the directory run to ${lead} s after it. \`telecentres serve --demo --no-access-log\` with the
options shown, fresh database for each; $rounds round(s) of alone + storm per configuration, the median round by
directory p99 shown (sign-in figures from the same round as the directory's median storm round; their p50 and p99
are of all answers, the immediate 503s included). hey runs on the
same machine and takes part of its CPU; CPU in use by other work just before the run: $busy_at_start%.

$tables
<!-- bench:signin:end -->"
  python3 - "$results_file" "$section" <<'PY'
import os, re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read() if os.path.exists(path) else "# Benchmark results\n\nFigures measured by the scripts in bench/; each script replaces its own section.\n"
pattern = re.compile(r"<!-- bench:signin:begin -->.*?<!-- bench:signin:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
  echo "bench: results written to ${results_file#"$root"/}" >&2
fi
