"""Corruption reports through the JSON API under concurrent load, beside a trivial POST; then a SIGKILL.

    .venv/bin/python -m bench.complaints_submit [--seconds 8] [--clients 8] [--threads 4]
                                                [--pow-bits 8] [--kill-after 4] [--smoke]

For each database (a throwaway SQLite file always; a throwaway PostgreSQL database too when
DATABASE_URL is set — created beside the one it names, dropped at the end; bench.pages' helpers):
1. migrate; one organization with a corruption category and an integrity officer holding a key;
2. serve the app with waitress in a second process (SUJARIT_POW_BITS lowered to --pow-bits so the
   clients' proof-of-work does not dominate; the Argon2 cost of the receipt hash stays the one of
   settings, and is printed; the flood limits are raised out of the way and the difficulty held);
3. --clients processes on loopback, each with one keep-alive connection, for --seconds: a report is
   GET challenge, solve it, POST /api/v1/orgs/{slug}/integrity-reports -> 201 with a receipt; the
   trivial POST is Django's own /i18n/setlang/ (CSRF cookie + header, a redirect, no database write);
   print submissions/s, p95 and the ratio;
4. durability: start the server again, load it with reports, SIGKILL it after --kill-after seconds,
   start it again on the same database and open every acknowledged report (a 201 received, its
   receipt kept by the client) with its receipt via POST .../integrity-reports/follow; print
   acknowledged / found, exit status 1 when any is missing.

--smoke: the same steps at toy sizes (SQLite only, 2 clients, a fraction of a second of load, the
cheapest Argon2id libsodium allows) — proves the benchmark still runs; its figures mean nothing.
"""

import argparse
import hashlib
import http.client
import json
import multiprocessing
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/complaints_submit.py`
    sys.path.insert(0, str(ROOT))

from bench.load import HOST, start_server, stop_server  # noqa: E402  (after the sys.path fix above)
from bench.pages import (  # noqa: E402
    add_smoke_option,
    drop_throwaway_database,
    prepare_database,
    run_each_backend,
    smoke_sizes,
    use_throwaway_database,
)

SLUG = "laemsom"
CSRF = "b" * 32  # Django accepts a client-chosen token when the cookie and the header agree
REPORT_TEXT = "ปลัดเรียกรับเงินค่าดำเนินการใบอนุญาตก่อสร้าง 5,000 บาท โดยไม่ออกใบเสร็จ"


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.backend:
        if args.smoke:
            # libsodium's smallest Argon2id: the receipt hash must not be what a smoke run waits for.
            os.environ["SUJARIT_KDF_OPSLIMIT"] = "1"
            os.environ["SUJARIT_KDF_MEMLIMIT"] = str(8 * 1024 * 1024)
        return run_backend(smoke_sizes(args, seconds=0.5, clients=2, threads=2, pow_bits=1, kill_after=1))
    return run_each_backend("bench.complaints_submit", args, argv)


def _parser():
    p = argparse.ArgumentParser(prog="python -m bench.complaints_submit", description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=8, help="load per measurement (default 8)")
    p.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    p.add_argument("--threads", type=int, default=4, help="waitress threads (default 4)")
    p.add_argument("--pow-bits", type=int, default=8, help="SUJARIT_POW_BITS of the server (default 8)")
    p.add_argument("--kill-after", type=float, default=4, help="SIGKILL the server after this (default 4 s)")
    add_smoke_option(p)
    p.add_argument("--backend", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    return p


# --- one database -------------------------------------------------------------------------------


def run_backend(args):
    tmp, pg_name = use_throwaway_database(args.backend)
    os.environ["SUJARIT_POW_BITS"] = str(args.pow_bits)
    # The flood limits would turn the load (all from one address) into 429s after their quota, and the
    # proof-of-work would rise with the rate: out of the way for the bench, which measures the server.
    os.environ["SUJARIT_SUBMISSIONS_PER_MINUTE"] = "1000000"
    os.environ["SUJARIT_REPORTS_PER_CLIENT"] = "1000000000"
    os.environ["SUJARIT_POW_MAX_BITS"] = str(args.pow_bits)
    server = None
    try:
        prepare_database(args.backend, tmp, messages=False)
        from django.conf import settings
        from django.db import connections

        category = prepare_org()
        connections.close_all()
        kdf = (
            f"Argon2id opslimit {settings.SUJARIT_KDF_OPSLIMIT}, "
            f"memlimit {settings.SUJARIT_KDF_MEMLIMIT // (1024 * 1024)} MiB (settings), "
            f"{argon2_ms():.0f} ms per hash in one process"
        )
        job = {"slug": SLUG, "category": category}

        # 1. throughput: reports beside the trivial POST, each after a warm-up not counted.
        server, port = start_server(args.threads, challenge_path(SLUG))
        job["port"] = port
        results = {}
        for kind in ("report", "trivial"):
            if not args.smoke:
                load(job, kind, min(2.0, args.seconds), args.clients)
            results[kind] = load(job, kind, args.seconds, args.clients)
        stop_server(server)
        server = None

        # 2. durability: SIGKILL mid-load, restart on the same database, open every receipt.
        server, port = start_server(args.threads, challenge_path(SLUG))
        job["port"] = port
        acked, sent = kill_mid_load(job, server, args.kill_after, args.clients)
        server = None
        server, port = start_server(args.threads, challenge_path(SLUG))
        job["port"] = port
        found = follow_all(job, acked, args.clients)
        stop_server(server)
        server = None

        report(args, kdf, results, sent, acked, found)
        return 0 if acked and found == len(acked) else 1
    finally:
        if server is not None:
            stop_server(server)
        drop_throwaway_database(tmp, pg_name)


def prepare_org():
    """The demo-like organization: policy, a corruption category, an integrity officer with a key."""
    from django.db import transaction

    from sujarit.complaints.models import Category, ComplaintPolicy, Kind
    from sujarit.complaints.services import keys
    from sujarit.core import services
    from sujarit.core.models import Role

    with transaction.atomic():
        org = services.create_organization(
            slug=SLUG, name="องค์การบริหารส่วนตำบลแหลมสอม", province="ตรัง", district="ปะเหลียน"
        )
        unit = services.ensure_unit(org, "สำนักปลัด")
        ComplaintPolicy.objects.create(org=org, general_unit=unit, integrity_unit=unit)
        category = Category.objects.create(org=org, kind=Kind.INTEGRITY, code="bribe", name="เรียกรับสินบน")
        _user, person = services.create_staff_account(
            org,
            username="bench_integrity",
            password="pw-bench_integrity",
            full_name="เจ้าหน้าที่ทดสอบ",
            roles=[Role.INTEGRITY_OFFICER],
            unit=unit,
        )
        keys.setup_key(person, "pw-bench_integrity")
    return category.code


def argon2_ms():
    """Median time of one receipt hash (the Argon2id every report costs the server), in ms."""
    from sujarit.complaints.protection import crypto

    salt, times = crypto.new_salt(), []
    for _ in range(5):
        receipt = f"{secrets.randbelow(10**16):016d}"  # a receipt is 16 digits; the cost is the same for any
        t0 = time.perf_counter()
        crypto.receipt_keys(receipt, salt)
        times.append(time.perf_counter() - t0)
    return sorted(times)[2] * 1000


def challenge_path(slug):
    return f"/api/v1/orgs/{slug}/integrity-reports/challenge"


def reports_path(slug):
    return f"/api/v1/orgs/{slug}/integrity-reports"


def follow_path(slug):
    return f"/api/v1/orgs/{slug}/integrity-reports/follow"


# --- load --------------------------------------------------------------------------------------


def load(job, kind, seconds, clients):
    """`clients` processes sending `kind` requests for `seconds`: rate, p95 latency, errors."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(clients) as pool:
        start = time.time() + 1.0  # the processes start before the clock does
        parts = pool.map(_client, [(job, kind, start, seconds, None)] * clients)
    return _summary(parts)


def _summary(parts):
    latencies = sorted(x for p in parts for x in p["latencies"])
    errors = sum(p["errors"] for p in parts)
    if not latencies:
        return {"requests": 0, "rps": 0.0, "p95_ms": float("nan"), "errors": errors, "statuses": {}}
    elapsed = max(p["span"][1] for p in parts) - min(p["span"][0] for p in parts)
    statuses = {}
    for p in parts:
        for k, v in p["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p95_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000,
        "errors": errors,
        "statuses": statuses,
    }


def _client(task):
    """One client: one keep-alive connection; reports (challenge, work, POST) or trivial POSTs."""
    job, kind, start, seconds, receipts_file = task
    time.sleep(max(0.0, start - time.time()))
    began = time.time()
    deadline = time.perf_counter() + seconds
    out = {"latencies": [], "errors": 0, "statuses": {}, "receipts": [], "sent": 0}
    conn = http.client.HTTPConnection(HOST, job["port"], timeout=60)
    while time.perf_counter() < deadline:
        t0 = time.perf_counter()
        try:
            if kind == "report":
                out["sent"] += 1
                status, receipt = submit_one(conn, job)
                if status == 201:
                    out["receipts"].append(receipt)
                    if receipts_file:  # kept at once: this process may be told to stop any time
                        with open(receipts_file, "a") as f:
                            f.write(receipt + "\n")
            else:
                status = trivial_post(conn)
        except (OSError, http.client.HTTPException):
            out["errors"] += 1
            conn.close()
            if receipts_file:  # the server is gone (killed): this client's part is over
                break
            conn = http.client.HTTPConnection(HOST, job["port"], timeout=60)
            continue
        out["statuses"][status] = out["statuses"].get(status, 0) + 1
        if status in (201, 302):
            out["latencies"].append(time.perf_counter() - t0)
        else:
            out["errors"] += 1
    conn.close()
    out["span"] = (began, time.time())
    return out


def _request(conn, method, path, body=None, headers=None):
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    conn.request(method, path, body=data, headers=headers or {})
    response = conn.getresponse()
    payload = response.read()
    if response.will_close:
        conn.close()  # http.client reconnects on the next request
    return response.status, payload


def submit_one(conn, job):
    """GET a challenge, solve it, POST a report; (status, receipt or None)."""
    slug = job["slug"]
    status, payload = _request(conn, "GET", challenge_path(slug))
    if status != 200:
        return status, None
    challenge = json.loads(payload)
    body = {
        "category": job["category"],
        "text": REPORT_TEXT,
        "when": "มีนาคม 2570",
        "where": "ที่ทำการ อบต.",
        "accused_name": "",
        **solve(challenge),
    }
    status, payload = _request(conn, "POST", reports_path(slug), body, {"Content-Type": "application/json"})
    if status != 201:
        return status, None
    return status, json.loads(payload)["receipt"]


def solve(challenge):
    """The proof-of-work as a client does it: a nonce such that sha256(token:nonce) has `bits` zero bits."""
    token, bits = challenge["token"], int(challenge["bits"])
    target = 1 << (256 - bits)
    nonce = 0
    while int.from_bytes(hashlib.sha256(f"{token}:{nonce}".encode()).digest(), "big") >= target:
        nonce += 1
    return {"token": token, "nonce": str(nonce)}


def trivial_post(conn):
    """Django's set_language: CSRF check, a cookie and a redirect; no database write."""
    status, _ = _request(
        conn,
        "POST",
        "/i18n/setlang/",
        b"language=th&next=/",
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
        },
    )
    return status


# --- durability ----------------------------------------------------------------------------------


def kill_mid_load(job, server, kill_after, clients):
    """Load the server with reports, SIGKILL it after kill_after s (and after the first acknowledgement);
    (receipts acknowledged, reports sent)."""
    ctx = multiprocessing.get_context("spawn")
    receipts_dir = Path(os.environ["SUJARIT_VAR_DIR"]) / "receipts"
    receipts_dir.mkdir(exist_ok=True)
    with ctx.Pool(clients) as pool:
        start = time.time() + 1.0
        tasks = [
            (job, "report", start, kill_after + 30, str(receipts_dir / f"{i}.txt")) for i in range(clients)
        ]
        pending = pool.map_async(_client, tasks)
        time.sleep(max(0.0, start - time.time()) + kill_after)
        # Not before one report is acknowledged (a slow machine): a kill with none proves nothing.
        deadline = time.time() + 30
        while time.time() < deadline and not any(f.stat().st_size for f in receipts_dir.glob("*.txt")):
            time.sleep(0.1)
        server.kill()  # SIGKILL: no shutdown, no flush, transactions in flight die with it
        server.wait()
        parts = pending.get(timeout=120)
    acked = [r for p in parts for r in p["receipts"]]
    # What the clients wrote to disk as they went must be what they returned: no receipt lost here.
    on_disk = [line.strip() for f in receipts_dir.glob("*.txt") for line in f.read_text().splitlines()]
    assert sorted(on_disk) == sorted(acked), "client receipt files disagree with the clients"
    return acked, sum(p["sent"] for p in parts)


def follow_all(job, receipts, clients):
    """How many receipts open their report after the restart (POST .../follow, clients in parallel)."""
    if not receipts:
        return 0
    ctx = multiprocessing.get_context("spawn")
    chunks = [receipts[i::clients] for i in range(clients)]
    with ctx.Pool(clients) as pool:
        return sum(pool.map(_follow_chunk, [(job, c) for c in chunks if c]))


def _follow_chunk(task):
    job, receipts = task
    conn = http.client.HTTPConnection(HOST, job["port"], timeout=120)
    found = 0
    for receipt in receipts:
        # Each look-up needs its own solved receipt challenge.
        status, payload = _request(conn, "GET", challenge_path(job["slug"]) + "?purpose=receipt")
        if status == 200:
            body = {"receipt": receipt, **solve(json.loads(payload))}
            status, payload = _request(
                conn, "POST", follow_path(job["slug"]), body, {"Content-Type": "application/json"}
            )
        if status == 200:
            found += 1
        else:
            print(f"   receipt …{receipt[-4:]}: {status} {payload[:200]!r}", flush=True)
    conn.close()
    return found


# --- report ----------------------------------------------------------------------------------------


def report(args, kdf, results, sent, acked, found):
    print(
        f"\n{args.backend}, waitress with {args.threads} threads, {os.cpu_count()} CPU cores; "
        f"{args.clients} Python client processes (one keep-alive connection each), {args.seconds:g} s "
        f"per measurement on loopback; proof-of-work SUJARIT_POW_BITS={args.pow_bits} (lowered for the "
        f"bench); receipt hash {kdf}\n"
    )
    print("| request | per second | p95 ms | done | errors | statuses |")
    print("|---|---:|---:|---:|---:|---|")
    names = {
        "report": "report (GET challenge + proof-of-work + POST integrity-reports → 201)",
        "trivial": "trivial POST /i18n/setlang/ → 302",
    }
    for kind in ("report", "trivial"):
        r = results[kind]
        print(
            f"| {names[kind]} | {r['rps']:.1f} | {r['p95_ms']:.0f} | {r['requests']} | {r['errors']} | "
            f"{r['statuses']} |"
        )
    trivial = results["trivial"]["rps"]
    ratio = results["report"]["rps"] / trivial if trivial else float("nan")
    times = f" (the trivial POST is {1 / ratio:.0f}× as fast)" if ratio else ""
    print(f"\nreports/s ÷ trivial POSTs/s = {ratio:.4f}{times}")
    verdict = "ALL FOUND" if acked and found == len(acked) else "MISSING" if acked else "NOTHING ACKNOWLEDGED"
    print(
        f"\nSIGKILL after {args.kill_after:g} s of load: {sent} reports sent, {len(acked)} acknowledged "
        f"(201 + receipt), {found} found with their receipt after restart — {verdict}"
    )
    print(
        json.dumps(
            {
                "backend": args.backend,
                "results": results,
                "durability": {"sent": sent, "acknowledged": len(acked), "found": found},
            },
            default=str,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
