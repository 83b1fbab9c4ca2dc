#!/usr/bin/env python3
"""What bench/scale/run.sh measures, chosen in the national demo's SQLite file (read only).

  prepare.py pick DB TODAY WITHIN_KM TARGET [NEAR] [CENTRE]
      Prints one JSON object: the directory search's origin (NEAR, or the commune hosting a centre whose number of
      centres within WITHIN_KM is closest to TARGET, the most populous on a tie), the availability's centre (CENTRE,
      or the one with the most live bookings from TODAY to TODAY + 30 days, the most posts on a tie) and the
      dataset's figures (rows per table, the admin's id).

  prepare.py units DB URL FIRST LAST LOAD_FILE RAW_FILE N_LOAD N_RAW
      Writes the units the booking load (LOAD_FILE) and the raw inserts (RAW_FILE) book, one per line:
      "centre_id post_id person_id YYYY-MM-DD morning|afternoon" (bench_network.h: read_units_file). Every post of
      every centre in service, each for a person of its own (a teleworker and nothing else, never for two posts: no
      weekly quota nor "already booked" can refuse it), on the half-days from FIRST to LAST (at most 62 days) that
      the server at URL says are open with every post free. The k-th unit is the next half-day of the k-th post in
      an order interleaved by centre (first post of every centre, then the second…), so that consecutive units fall
      on different centres; the first N_LOAD go to LOAD_FILE, the next N_RAW to RAW_FILE (both cut in proportion
      when there are fewer units). Prints one JSON object.
"""
import http.client
import json
import math
import sqlite3
import sys
import urllib.parse
from datetime import date, timedelta


def connect(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.execute("PRAGMA busy_timeout = 10000")
    return db


def km(a, b):
    (lat1, lon1), (lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def pick(path, today, within_km, target, near=None, centre=None):
    db = connect(path)
    out = {}
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    out["rows"] = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    out["centres_in_service"] = db.execute("SELECT count(*) FROM centres WHERE status = 'in_service'").fetchone()[0]
    out["live_bookings"] = db.execute("SELECT count(*) FROM bookings WHERE status IN ('booked', 'checked_in')").fetchone()[0]
    admin = db.execute("SELECT p.id, p.email FROM people p JOIN person_roles r ON r.person_id = p.id "
                       "WHERE r.role = 'admin' AND p.email IS NOT NULL ORDER BY p.id LIMIT 1").fetchone()
    if not admin:
        sys.exit("prepare.py: the database has no admin")
    out["admin_id"], out["admin_email"] = admin

    # The directory search's origin: the centres' own communes are the candidates (the first 400 by population).
    centres = [((lat, lon)) for lat, lon in db.execute("SELECT lat, lon FROM centres")]
    if near:
        row = db.execute("SELECT insee, name, population, lat, lon FROM communes WHERE insee = ?", (near,)).fetchone()
        if not row:
            sys.exit(f"prepare.py: no commune {near}")
        candidates = [row]
    else:
        candidates = db.execute(
            "SELECT DISTINCT m.insee, m.name, m.population, m.lat, m.lon FROM communes m "
            "JOIN centres c ON c.commune_insee = m.insee ORDER BY m.population DESC, m.insee LIMIT 400").fetchall()
    best = None
    for insee, name, population, lat, lon in candidates:
        n = sum(1 for c in centres if km((lat, lon), c) <= within_km)
        key = (abs(n - target), -population, insee)
        if best is None or key < best[0]:
            best = (key, {"insee": insee, "name": name, "population": population, "centres_within": n})
    out["near"] = best[1]

    # The availability's centre: the busiest of the coming month.
    month_from, month_to = today, (date.fromisoformat(today) + timedelta(days=30)).isoformat()
    out["month"] = {"from": month_from, "to": month_to}
    posts_of = "(SELECT count(*) FROM posts p JOIN offices o ON o.id = p.office_id WHERE o.centre_id = c.id)"
    if centre:
        row = db.execute(f"SELECT c.id, c.name, {posts_of}, (SELECT count(*) FROM bookings b WHERE b.centre_id = c.id "
                         "AND b.status IN ('booked', 'checked_in') AND b.date BETWEEN ? AND ?) FROM centres c WHERE c.id = ?",
                         (month_from, month_to, centre)).fetchone()
    else:
        row = db.execute(f"SELECT c.id, c.name, {posts_of}, n FROM (SELECT centre_id, count(*) AS n FROM bookings "
                         "WHERE status IN ('booked', 'checked_in') AND date BETWEEN ? AND ? GROUP BY centre_id) b "
                         f"JOIN centres c ON c.id = b.centre_id ORDER BY n DESC, {posts_of} DESC, c.id LIMIT 1",
                         (month_from, month_to)).fetchone()
        if not row:  # no booking in the coming month (an old dataset): the biggest centre in service
            row = db.execute(f"SELECT c.id, c.name, {posts_of}, 0 FROM centres c WHERE c.status = 'in_service' "
                             f"ORDER BY {posts_of} DESC, c.id LIMIT 1").fetchone()
    if not row:
        sys.exit("prepare.py: no centre for the availability")
    out["centre"] = {"id": row[0], "name": row[1], "posts": row[2], "live_bookings_in_month": row[3]}
    print(json.dumps(out, ensure_ascii=False))


def units(path, url, first, last, load_file, raw_file, n_load, n_raw):
    db = connect(path)
    people = [r[0] for r in db.execute(
        "SELECT p.id FROM people p WHERE p.erased_at IS NULL AND EXISTS (SELECT 1 FROM person_roles r WHERE "
        "r.person_id = p.id AND r.role = 'teleworker') AND NOT EXISTS (SELECT 1 FROM person_roles r WHERE "
        "r.person_id = p.id AND r.role <> 'teleworker') ORDER BY p.id")]
    by_centre = {}
    for centre_id, post_id in db.execute(
            "SELECT o.centre_id, p.id FROM posts p JOIN offices o ON o.id = p.office_id JOIN centres c ON c.id = o.centre_id "
            "WHERE c.status = 'in_service' ORDER BY o.centre_id, p.id"):
        by_centre.setdefault(centre_id, []).append(post_id)
    posts = []  # (centre, post), interleaved: the first post of every centre, then the second, …
    for rank in range(max((len(v) for v in by_centre.values()), default=0)):
        posts.extend((c, v[rank]) for c, v in by_centre.items() if rank < len(v))
    posts = posts[:len(people)]

    target = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
    open_days, requests = {}, 0
    for centre_id in by_centre:
        conn.request("GET", f"/api/v1/centres/{centre_id}/availability?from={first}&to={last}")
        answer = conn.getresponse()
        body = answer.read()
        requests += 1
        if answer.status != 200:
            sys.exit(f"prepare.py: availability of centre {centre_id} answered {answer.status}: {body[:200]!r}")
        open_days[centre_id] = [(d["date"], d["slot"]) for d in json.loads(body)["days"]
                                if d["open"] and d["posts_free"] == d["posts_total"]]
    available = sum(len(open_days[c]) for c, _ in posts)
    if available < n_load + n_raw:  # a small network: share what there is in the same proportion
        n_load = available * n_load // (n_load + n_raw)
        n_raw = available - n_load
    wanted = n_load + n_raw
    written = 0
    with open(load_file, "w") as load, open(raw_file, "w") as raw:
        for rank in range(max((len(v) for v in open_days.values()), default=0)):
            for k, (centre_id, post_id) in enumerate(posts):
                days = open_days[centre_id]
                if rank >= len(days) or written >= wanted:
                    continue
                day, slot = days[rank]
                (load if written < n_load else raw).write(f"{centre_id} {post_id} {people[k]} {day} {slot}\n")
                written += 1
            if written >= wanted:
                break
    print(json.dumps({"posts": len(posts), "centres": len(by_centre), "teleworkers": len(people),
                      "availability_requests": requests, "open_half_days": sum(len(v) for v in open_days.values()),
                      "available_units": available, "load_units": min(written, n_load),
                      "raw_units": max(0, written - n_load)}))


if __name__ == "__main__":
    a = sys.argv[1:]
    if a and a[0] == "pick" and 5 <= len(a) <= 7:
        pick(a[1], a[2], float(a[3]), int(a[4]), a[5] if len(a) > 5 and a[5] else None,
             int(a[6]) if len(a) > 6 and a[6] else None)
    elif a and a[0] == "units" and len(a) == 9:
        units(a[1], a[2], a[3], a[4], a[5], a[6], int(a[7]), int(a[8]))
    else:
        sys.exit(__doc__)
