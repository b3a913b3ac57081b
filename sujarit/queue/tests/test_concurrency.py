"""Many kiosks take tickets for one service at the same instant while two counters call next: the
numbers are 1..N each exactly once and no ticket is called twice.

Runs on PostgreSQL (CI's PostgreSQL pass sets DATABASE_URL). On SQLite the test database is an
in-memory shared-cache database, where a second connection's write fails at once ("database table
is locked") instead of waiting, so threads cannot share it; the SQLite path is exercised across
processes by `bench/queue_tickets.py` (its smoke run, in the suite, checks the numbers too).
"""

import threading
from collections import Counter as Tally

import pytest
from django.db import connection, connections

from sujarit.core import services as core_services

from ..models import Status, Ticket
from ..services import counter as verbs
from ..services.setup import create_counter, create_service
from ..services.tickets import issue_ticket

THREADS, PER_THREAD = 50, 20  # N = 1,000 (the issue: 50 clients, 1,000 tickets)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite's in-memory test database cannot be shared by threads; "
        "bench/queue_tickets.py --smoke checks SQLite across processes",
    ),
]


def _run(workers):
    errors = []

    def guard(fn):
        def run():
            try:
                fn()
            except Exception as exc:  # reported below, so a failing thread fails the test
                errors.append(exc)
            finally:
                connections.close_all()

        return run

    threads = [threading.Thread(target=guard(w)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []


def test_many_kiosks_and_two_counters_at_once():
    org = core_services.create_organization(slug="conc", name="อบต.ทดสอบ", province="ตรัง", district="ปะเหลียน")
    service = create_service(org, code="tax", name="ชำระภาษี", standard_minutes=5)
    counters = [create_counter(org, number=n, services=[service]) for n in (1, 2)]
    start = threading.Barrier(THREADS + 2)
    issuing_done = threading.Event()
    called = {c.pk: [] for c in counters}

    def kiosk():
        start.wait()
        for _i in range(PER_THREAD):
            issue_ticket(service)

    def counter_worker(counter):
        def work():
            start.wait()
            while True:
                ticket = verbs.call_next(counter)
                if ticket is None:
                    if issuing_done.is_set():
                        return
                    continue
                called[counter.pk].append(ticket.pk)
                verbs.complete(counter, ticket)

        return work

    kiosks = [kiosk for _ in range(THREADS)]
    issuer = threading.Thread(target=lambda: None)
    issuer.start()

    def kiosks_then_flag():
        _run(kiosks)
        issuing_done.set()

    flag_thread = threading.Thread(target=kiosks_then_flag)
    flag_thread.start()
    _run([counter_worker(c) for c in counters])
    flag_thread.join()

    n = THREADS * PER_THREAD
    numbers = sorted(Ticket.objects.filter(service=service).values_list("number", flat=True))
    assert numbers == list(range(1, n + 1))
    all_called = called[counters[0].pk] + called[counters[1].pk]
    assert len(all_called) == n and len(set(all_called)) == n
    assert Tally(Ticket.objects.filter(service=service).values_list("status", flat=True)) == {Status.DONE: n}
    assert called[counters[0].pk] and called[counters[1].pk]  # both counters really worked
    print(
        f"queue concurrency: {n} tickets from {THREADS} threads, counters called "
        f"{len(called[counters[0].pk])} + {len(called[counters[1].pk])}"
    )
