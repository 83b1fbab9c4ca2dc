#!/usr/bin/env python3
"""bench/scale/report.py TMP: the section of bench/RESULTS.md for bench/scale/run.sh, from the files of its run in TMP
(hey's reports, the booking tools' RESULT lines, memory.tsv, probes.tsv, phases.tsv, pick.json, units.json, notes.txt)
and the BENCH_* variables run.sh exports. Prints the section without its markers."""
import json
import os
import re
import sys

tmp = sys.argv[1]
env = os.environ
rounds = int(env["BENCH_ROUNDS"])
aim_mb = float(env["BENCH_AIM_MB"])
BACKENDS = [("sqlite", "SQLite"), ("postgresql", "PostgreSQL")]


def ms(x):
    return "–" if x != x else (f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:,.0f}")


def rate(x):
    return f"{x:,.0f}"


def mb(kb):
    return f"{int(kb) * 1024 / 1e6:.0f}"


def hey(path):
    """hey's summary: every request timed; percentiles to 0.1 ms, "Slowest", status codes and errors."""
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
            "errors": requests - ok + socket, "requests": requests}


def result(path, kind):
    for line in open(path):
        if line.startswith(f"RESULT {kind} "):
            return dict(kv.split("=", 1) for kv in line.split()[2:])
    sys.exit(f"report.py: no RESULT {kind} line in {path}")


def median(rs, key):
    return sorted(rs, key=lambda r: r[key])[(len(rs) - 1) // 2]


pick = json.load(open(f"{tmp}/pick.json"))
units = json.load(open(f"{tmp}/units.json"))
meta = dict(line.rstrip("\n").split("=", 1) for line in open(env["BENCH_DATA_META"]) if "=" in line)
phases = [line.rstrip("\n").split("\t") for line in open(f"{tmp}/phases.tsv") if line.strip()]
notes = [line.rstrip("\n") for line in open(f"{tmp}/notes.txt") if line.strip()]
rows = pick["rows"]
out = []

# --- heading, dataset and method -------------------------------------------------------------------------------------
sqlite_version = result(f"{tmp}/raw.sqlite", "raw").get("sqlite", "?")
copy_err = open(f"{tmp}/copy.err").read()
copy_line = re.search(r"([\d]+) lignes copiées en ([\d.]+) s : (.*)", copy_err)
phase = {name: value for name, value in phases}
copy_s = phase.get("copy to PostgreSQL (telecentres copy)", "?")
out.append("## Scale: the national demo on SQLite and PostgreSQL")
out.append("")
out.append(f"`bench/scale/run.sh` — {env['BENCH_WHEN']}, commit {env['BENCH_COMMIT']}, {env['BENCH_MACHINE']}; databases on "
           f"{env['BENCH_FS']}, SQLite {sqlite_version}, PostgreSQL {env['BENCH_PG_VERSION']} (a private server from "
           f"`scripts/pg.sh`: fsync and synchronous_commit on, shared_buffers 128MB). The whole run took "
           f"{int(env['BENCH_TOTAL_S']) / 60:.1f} min.")
out.append("")
size = "" if env["BENCH_SIZE_NAME"] == "national" else f" (**BENCH_SIZE={env['BENCH_SIZE_NAME']}: not the national size**)"
generated = (f"generated in {float(meta['seconds']):,.0f} s on {meta['generated']}" if meta.get("seconds")
             else f"generated on {meta['generated']}")
out.append(f"Dataset{size}: `telecentres demo --scale national --centres {env['BENCH_CENTRES']} --teleworkers "
           f"{env['BENCH_TELEWORKERS']} --days {env['BENCH_DAYS']} --seed {env['BENCH_SEED']}` (its today: {meta['today']}): "
           f"{rows['centres']:,} centres ({pick['centres_in_service']:,} in service), {rows['posts']:,} posts, "
           f"{rows['people']:,} people, {rows['applications']:,} applications, {rows['bookings']:,} bookings "
           f"({pick['live_bookings']:,} live), {sum(rows.values()):,} rows in all; SQLite file "
           f"{int(meta['bytes']) / 1e6:,.0f} MB, {generated}. Copied into an empty PostgreSQL database with "
           f"`telecentres copy` in {copy_s} s"
           + (f" ({int(copy_line.group(1)):,} rows, \"{copy_line.group(3)}\")" if copy_line else "")
           + f", then `VACUUM (ANALYZE)` ({phase.get('VACUUM (ANALYZE) on PostgreSQL', '?')} s): "
           f"{int(env['BENCH_PG_BYTES']) / 1e6:,.0f} MB.")
out.append("")
near, centre = pick["near"], pick["centre"]
dir_bytes = os.path.getsize(f"{tmp}/directory.sqlite.json")
dir_count = len(json.load(open(f"{tmp}/directory.sqlite.json"))["centres"])
av_bytes = os.path.getsize(f"{tmp}/availability.sqlite.json")
d, w, c, bc = env["BENCH_DURATION_S"], env["BENCH_WARMUP_S"], env["BENCH_CONN"], env["BENCH_BOOKING_CONN"]
out.append(f"Method: `telecentres serve {env['BENCH_SERVER_ARGS_USED']} --no-access-log`, one process on the SQLite file (a copy) "
           f"and one on the PostgreSQL database, both running throughout. "
           f"**Directory search**: `GET {env['BENCH_DIRECTORY_PATH']}`, {near['name']} ({near['insee']}), {dir_count} centres "
           f"within {env['BENCH_DIRECTORY_PATH'].rsplit('=', 1)[1]} km, {dir_bytes:,} bytes of JSON. "
           f"**Availability over a month**: `GET {env['BENCH_AVAILABILITY_PATH']}`, {centre['name']} ({centre['posts']} posts, "
           f"the busiest centre of the coming month: {centre['live_bookings_in_month']} live bookings in it), {av_bytes:,} bytes; "
           f"never cached, every request reads the database. "
           f"Both with `hey -c {c} -z {d}s -t 10` (every request timed; see `bench/signin/README.md` on wrk) after a {w} s "
           f"warm-up, {rounds} round(s), the three servers in turn within each round: telecentres on SQLite, on PostgreSQL, "
           f"and nginx {env['BENCH_NGINX_VERSION']} (`worker_processes {env['BENCH_NGINX_WORKERS']}`, keep-alive) serving the "
           f"same body as a static file (checked byte for byte); the median round by requests/s is shown. hey, on the same "
           f"2 CPUs, cannot ask much faster than nginx answers: a ratio near 1 means \"as fast as this client can ask\" "
           f"(`bench/directory` measures the directory against nginx with wrk). "
           f"**Bookings**: `bench_booking_load --units-file`, {bc} keep-alive connections for {d} s after {w} s of warm-up, "
           f"`POST /api/v1/bookings` as the national demo's admin (API token), each request a distinct post and half-day "
           f"from {env['BENCH_UNITS_FIRST']} to {env['BENCH_UNITS_LAST']} (after the dataset's own bookings, open, every post "
           f"free; {units['posts']:,} posts of {units['centres']:,} centres in service, each for a teleworker of its own), "
           f"interleaved over the centres; a booking counts once answered 201, sent after the commit is durable; afterwards the "
           f"live bookings in the database from {env['BENCH_UNITS_FIRST']} on are counted. "
           f"**Raw insert ceiling**: then, the server stopped, the server's `INSERT INTO bookings` of the next units on the "
           f"same database, one thread, {env['BENCH_RAW_S']} s one transaction per row and {env['BENCH_RAW_S']} s "
           f"{env['BENCH_RAW_BATCH']} rows per transaction, durable: `bench_booking_raw` (WAL, `synchronous = FULL`) and "
           f"`bench_scale_raw_pg` (libpqxx, `synchronous_commit = on`). The load runs on the same machine and takes part of "
           f"its CPU; CPU in use by other work just before the run: {env['BENCH_BUSY']}% (load average {env['BENCH_LOADAVG']}).")
out.append("")

# --- reads -------------------------------------------------------------------------------------------------------
out.append("| route | server | requests/s | p50 (ms) | p99 (ms) | max (ms) | errors, all rounds | requests/s, all rounds | / nginx |")
out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
summary = {}
for route, label in [("directory", "directory search"), ("availability", "availability, a month")]:
    runs = {s: [hey(f"{tmp}/hey/{route}.{s}.{n}") for n in range(1, rounds + 1)] for s in ("sqlite", "postgresql", "nginx")}
    med = {s: median(rs, "rps") for s, rs in runs.items()}
    for s, name in BACKENDS + [("nginx", "nginx (static copy)")]:
        m, rs = med[s], runs[s]
        ratio = "" if s == "nginx" else f"**{m['rps'] / med['nginx']['rps']:.2f}**"
        out.append(f"| {label} | {name} | {rate(m['rps'])} | {ms(m['p50'])} | {ms(m['p99'])} | {ms(m['max'])} "
                   f"| {sum(r['errors'] for r in rs)} | {rate(min(r['rps'] for r in rs))} – {rate(max(r['rps'] for r in rs))} | {ratio} |")
    summary[route] = med
out.append("")

# --- bookings ------------------------------------------------------------------------------------------------------
out.append("| bookings | durable bookings/s (201) | p50 (ms) | p99 (ms) | max (ms) | errors | live bookings = 201s, no unit twice "
           "| raw, 1 row per transaction (rows/s) | raw, " + env["BENCH_RAW_BATCH"] + " rows per transaction (rows/s) "
           "| HTTP / 1 row per tx | HTTP / " + env["BENCH_RAW_BATCH"] + " rows per tx |")
out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
booking_notes = []
for s, name in BACKENDS:
    h = result(f"{tmp}/booking.{s}.load", "load")
    r = result(f"{tmp}/raw.{s}", "raw")
    live, doubled = (int(x) for x in open(f"{tmp}/booking.{s}.live").read().split())
    answered = int(h["booked"]) + int(h["warmup_booked"])
    ok = doubled == 0 and live == answered
    booked = float(h["booked_per_s"])
    per_row, batched = float(r["per_row_rps"]), float(r["batched_rps"])
    errors = int(h["requests"]) - int(h["booked"])
    out.append(f"| {name} | **{rate(booked)}** | {ms(float(h['p50_ms']))} | {ms(float(h['p99_ms']))} | {ms(float(h['max_ms']))} "
               f"| {errors} | {'yes' if ok else f'**NO**: {live:,} live for {answered:,} answered 201, {doubled} units twice'} "
               f"| {rate(per_row)} | {rate(batched)} | **{booked / per_row:.2f}** | **{booked / batched:.2f}** |")
    if errors:
        booking_notes.append(f"{name}: answers {h['statuses']}, reasons {h['reasons']}, socket errors {h['errors']} ({h['error_kinds']})")
    if int(h["server_cpu_s"].split(".")[0]) >= 0 and int(h["booked"]):
        secs = float(h["seconds"])
        other = float(h["machine_cpu_s"]) - float(h["server_cpu_s"]) - float(h["client_cpu_s"])
        booking_notes.append(f"{name}: CPU during the measured run: the server {float(h['server_cpu_s']) / secs:.2f} CPUs "
                             f"({float(h['server_cpu_s']) / int(h['booked']) * 1e6:.0f} µs per booking), the load "
                             f"{float(h['client_cpu_s']) / secs:.2f}, everything else (PostgreSQL's own processes included) "
                             f"{max(0.0, other) / secs:.2f}")
out.append("")
for n in booking_notes:
    out.append(f"- {n}.")
if booking_notes:
    out.append("")

# --- memory --------------------------------------------------------------------------------------------------------
probes = {}  # entry -> backend -> (first "status seconds bytes", second, VmRSS kB after it)
for line in open(f"{tmp}/probes.tsv"):
    name, entry, first, second, rss = line.rstrip("\n").split("\t")
    probes.setdefault(entry, {})[name] = (first.split(), second.split(), rss)
public_rss = {s: [by[s][2] for entry, by in probes.items() if not entry.startswith("admin:")][-1] for s, _ in BACKENDS}
mem = {}
for line in open(f"{tmp}/memory.tsv"):
    name, when, rss, hwm, anon, file_, threads = line.rstrip("\n").split("\t")
    mem.setdefault(name, {})[when] = (rss, hwm, anon, file_, threads)
out.append(f"| server process (`telecentres serve`) | VmRSS at start (MB) | after the public routes (MB) | after the admin's reports too (MB) "
           f"| after the reads (MB) | after the bookings (MB) | peak, VmHWM (MB) | anonymous / file-backed at the end (MB) | threads "
           f"| aim: under {aim_mb:.0f} MB |")
out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for s, name in BACKENDS:
    m = mem[s]
    peak = int(m["end"][1]) * 1024 / 1e6
    out.append(f"| on {name} | {mb(m['start'][0])} | {mb(public_rss[s])} | {mb(m['loaded'][0])} | {mb(m['reads'][0])} | {mb(m['end'][0])} "
               f"| **{peak:.0f}** | {mb(m['end'][2])} / {mb(m['end'][3])} | {m['end'][4]} "
               f"| {'**met**' if peak < aim_mb else '**not met**'}; after the public routes alone: "
               f"{'met' if int(public_rss[s]) * 1024 / 1e6 < aim_mb else 'not met'} |")
out.append("")
out.append("MB = 10⁶ bytes, from `/proc/PID/status` of the server process alone (on PostgreSQL, the database server's own "
           "processes are not counted); the verdict is on the peak. *Public routes*: the single requests below up to the "
           "centre's week of bookings; *the admin's reports*: the `admin:` ones after them. The reads and the bookings "
           "come after both.")
out.append("")

# --- single requests -------------------------------------------------------------------------------------------------
out.append("Single requests, one after the other on the idle servers just after start (the first one of a route pays its caches: "
           "the directory's snapshot on the first directory request); `admin:` with the admin's token:")
out.append("")
out.append("| route | status | bytes | SQLite, first (ms) | SQLite, second (ms) | PostgreSQL, first (ms) | PostgreSQL, second (ms) "
           "| VmRSS after it, SQLite / PostgreSQL (MB) |")
out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
slow = {}
for entry, by in probes.items():
    cells = []
    statuses = sorted({by[s][k][0] for s in by for k in (0, 1)})
    size_ = by["sqlite"][1][2]
    for s, _ in BACKENDS:
        for k in (0, 1):
            t = float(by[s][k][1]) * 1000
            cells.append(f"**{ms(t)}**" if t >= 1000 else ms(t))
            if t >= 1000:
                slow.setdefault(entry, []).append(s)
    out.append(f"| `{entry}` | {', '.join(statuses)} | {int(size_):,} | " + " | ".join(cells)
               + f" | {mb(by['sqlite'][2])} / {mb(by['postgresql'][2])} |")
out.append("")
for entry, on in slow.items():
    times = "; ".join(f"{name}: {float(probes[entry][s][0][1]):.1f} s then {float(probes[entry][s][1][1]):.1f} s"
                      for s, name in BACKENDS)
    notes.append(f"`{entry}` takes more than a second at this scale ({times})")

# --- phases -------------------------------------------------------------------------------------------------------
out.append("Wall time of each phase: " + "; ".join(f"{name} {value}{'' if value == 'cached' else ' s'}" for name, value in phases)
           + f"; the whole run {int(env['BENCH_TOTAL_S'])} s.")
for n in notes:
    out.append("")
    out.append(f"Note — {n}.")
print("\n".join(out))
