"""Queue tickets taken by concurrent kiosks through the JSON API, beside a trivial POST on the same
server; then every number of the day is checked: 1..N, each exactly once.

    .venv/bin/python -m bench.queue_tickets [--seconds 8] [--kiosks 8] [--threads 4] [--smoke]

For each database (a throwaway SQLite file always; a throwaway PostgreSQL database too when
DATABASE_URL is set — bench.pages' helpers):
1. migrate; one organization with one service and two counters;
2. serve the app with waitress in a second process; --kiosks client processes on loopback, each with
   one keep-alive connection, for --seconds: a ticket is POST /api/v1/orgs/{slug}/queue/services/tax/
   tickets with a fresh kiosk token -> 201; the trivial POST is Django's own /i18n/setlang/ (CSRF
   cookie + header, a redirect, no database write); print tickets/s, p95 and p99 and the ratio;
3. stop the server and read the day's numbers: every ticket acknowledged (201) exists, and the
   numbers are 1..N each exactly once (exit status 1 otherwise) — on SQLite this is the concurrency
   check across processes that the test suite's in-memory database cannot make.

--smoke: the same steps at toy sizes (SQLite only, 2 kiosks, half a second of load).
"""

import argparse
import http.client
import json
import multiprocessing
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/queue_tickets.py`
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
CSRF = "c" * 32  # Django accepts a client-chosen token when the cookie and the header agree
TICKETS = f"/api/v1/orgs/{SLUG}/queue/services/tax/tickets"
STATE = f"/api/v1/orgs/{SLUG}/queue/state"


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.backend:
        return run_backend(smoke_sizes(args, seconds=0.5, kiosks=2, threads=2))
    return run_each_backend("bench.queue_tickets", args, argv)


def _parser():
    p = argparse.ArgumentParser(prog="python -m bench.queue_tickets", description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=8, help="load per measurement (default 8)")
    p.add_argument("--kiosks", type=int, default=8, help="concurrent kiosk clients (default 8)")
    p.add_argument("--threads", type=int, default=4, help="waitress threads (default 4)")
    add_smoke_option(p)
    p.add_argument("--backend", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    return p


def run_backend(args):
    tmp, pg_name = use_throwaway_database(args.backend)
    server = None
    try:
        prepare_database(args.backend, tmp, messages=False)
        from django.db import connections

        service = prepare_org()
        connections.close_all()

        server, port = start_server(args.threads, STATE)
        results, warmup_acked = {}, 0
        for kind in ("ticket", "trivial"):
            if not args.smoke:  # the warm-up's tickets are real tickets too: they count in the check
                warmup_acked += load(port, kind, min(2.0, args.seconds), args.kiosks)["acked"]
            results[kind] = load(port, kind, args.seconds, args.kiosks)
        results["ticket"]["acked"] += warmup_acked
        stop_server(server)
        server = None
        return report(args, results, check_numbers(service))
    finally:
        if server is not None:
            stop_server(server)
        drop_throwaway_database(tmp, pg_name)


def prepare_org():
    from sujarit.core import services as core_services
    from sujarit.queue.services.setup import create_counter, create_service

    org = core_services.create_organization(
        slug=SLUG, name="องค์การบริหารส่วนตำบลแหลมสอม", province="ตรัง", district="ปะเหลียน"
    )
    service = create_service(org, code="tax", name="ชำระภาษี", standard_minutes=10)
    for number in (1, 2):
        create_counter(org, number=number, services=[service])
    return service


def check_numbers(service):
    """(tickets, numbers are 1..N each exactly once) from the database, after the load."""
    from sujarit.queue.models import Ticket

    numbers = sorted(Ticket.objects.filter(service=service).values_list("number", flat=True))
    return len(numbers), numbers == list(range(1, len(numbers) + 1))


def _percentile(sorted_latencies, q):
    """The q-quantile of sorted latencies in seconds, in milliseconds (nan when there are none)."""
    if not sorted_latencies:
        return float("nan")
    return sorted_latencies[min(len(sorted_latencies) - 1, int(len(sorted_latencies) * q))] * 1000


def load(port, kind, seconds, clients):
    """`clients` processes sending `kind` requests for `seconds`: rate, p95 and p99 latency, errors."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(clients) as pool:
        start = time.time() + 1.0  # the processes start before the clock does
        parts = pool.map(_client, [(port, kind, start, seconds)] * clients)
    latencies = sorted(x for p in parts for x in p["latencies"])
    elapsed = max(p["span"][1] for p in parts) - min(p["span"][0] for p in parts)
    statuses = {}
    for p in parts:
        for k, v in p["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed if elapsed > 0 else 0.0,
        "p95_ms": _percentile(latencies, 0.95),
        "p99_ms": _percentile(latencies, 0.99),
        "errors": sum(p["errors"] for p in parts),
        "statuses": statuses,
        "acked": sum(p["acked"] for p in parts),
    }


def _client(task):
    port, kind, start, seconds = task
    time.sleep(max(0.0, start - time.time()))
    began = time.time()
    deadline = time.perf_counter() + seconds
    out = {"latencies": [], "errors": 0, "statuses": {}, "acked": 0}
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    while time.perf_counter() < deadline:
        t0 = time.perf_counter()
        try:
            if kind == "ticket":
                body = json.dumps({"token": secrets.token_urlsafe(16)}).encode()
                status = _request(conn, "POST", TICKETS, body, {"Content-Type": "application/json"})
            else:
                status = _request(
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
        except (OSError, http.client.HTTPException):
            out["errors"] += 1
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
            continue
        out["statuses"][status] = out["statuses"].get(status, 0) + 1
        if status in (201, 302):
            out["latencies"].append(time.perf_counter() - t0)
            out["acked"] += status == 201
        else:
            out["errors"] += 1
    conn.close()
    out["span"] = (began, time.time())
    return out


def _request(conn, method, path, body, headers):
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    if response.will_close:
        conn.close()  # http.client reconnects on the next request
    return response.status


def report(args, results, checked):
    tickets, exact = checked
    print(
        f"\n### {args.backend}: {args.kiosks} kiosks, {args.seconds} s each, waitress {args.threads} threads"
    )
    print("| request | per second | p95 ms | p99 ms | done | errors | statuses |")
    print("|---|---:|---:|---:|---:|---:|---|")
    labels = {"ticket": f"ticket POST {TICKETS} → 201", "trivial": "trivial POST /i18n/setlang/ → 302"}
    for kind in ("ticket", "trivial"):
        r = results[kind]
        print(
            f"| {labels[kind]} | {r['rps']:.1f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['requests']} | "
            f"{r['errors']} | "
            f"{dict(sorted(r['statuses'].items()))} |"
        )
    trivial = results["trivial"]["rps"]
    ratio = results["ticket"]["rps"] / trivial if trivial else float("nan")
    print(f"\ntickets/s ÷ trivial POSTs/s = {ratio:.4f}")
    acked = results["ticket"]["acked"]
    ok = exact and tickets == acked and tickets > 0
    verdict = "each exactly once" if ok else "NOT each exactly once"
    print(f"numbers 1..{tickets} ({acked} acknowledged, warm-up included): {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
