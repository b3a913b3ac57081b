"""Demo data for อบต.แหลมสอม: its services with their manual's standard times, three counters with
their officers, the published priority policy, and six weeks of plausible ticket history."""

import datetime as dt
import random
import secrets

from django.db import transaction
from django.utils import timezone

from sujarit.core import audit

from .models import Channel, PriorityGroup, Service, ServiceDay, Status, Ticket
from .services.setup import create_counter, create_service, publish_policy

# code, name, prefix, standard minutes (the service manual, OIT O11)
DEMO_SERVICES = (
    ("tax", "ชำระภาษีที่ดินและสิ่งปลูกสร้าง / ภาษีป้าย", "A", 10),
    ("welfare", "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ / ผู้พิการ", "B", 15),
    ("permit", "ขออนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร", "C", 20),
    ("general", "งานทะเบียนทั่วไป รับคำร้อง และข้อมูลข่าวสาร", "D", 10),
)
# counter number, services, officers (demo user names)
DEMO_COUNTERS = (
    (1, ("tax",), ("finance",)),
    (2, ("welfare", "general"), ("officer",)),
    (3, ("permit", "general"), ("admin",)),
)
REASONS = ("ผู้สูงอายุมากับผู้ป่วยติดเตียง", "ยื่นเอกสารเพิ่มเติมจากคิวเมื่อเช้า", "เจ้าหน้าที่เรียกผิดคิว")
HISTORY_DAYS = 42


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


@transaction.atomic
def load(org, stdout=None):
    """Set up the queue of `org` once and give it its history; returns how many tickets were made."""
    if Service.objects.for_org(org).exists():
        return 0
    services = {
        code: create_service(org, code=code, name=name, prefix=prefix, standard_minutes=minutes, order=i)
        for i, (code, name, prefix, minutes) in enumerate(DEMO_SERVICES)
    }
    counters = []
    for number, codes, usernames in DEMO_COUNTERS:
        officers = list(org.people.filter(user__username__in=usernames))
        counters.append(
            create_counter(org, number=number, services=[services[c] for c in codes], officers=officers)
        )
    publish_policy(
        org,
        priority_groups=list(PriorityGroup.values),
        note="ผู้สูงอายุ ผู้พิการ และหญิงตั้งครรภ์ ได้รับการเรียกก่อน โปรดแจ้งเจ้าหน้าที่หรือกดบัตรที่ช่องบริการ",
    )
    made = _history(org, services, counters)
    audit.record(org, "queue.demo_history_loaded", None, tickets=made)
    _say(stdout, f"queue: {len(services)} services, {len(counters)} counters, {made} tickets of history\n")
    return made


def _history(org, services, counters):
    """Weekdays of the last six weeks (today excluded), 8:30–15:30, served by the counters in order."""
    rng = random.Random(f"queue:{org.slug}")
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    officer_of = {
        c.pk: c.officers.filter(user__isnull=False).values_list("user", flat=True).first() for c in counters
    }
    tickets, days = [], []
    for back in range(HISTORY_DAYS, 0, -1):
        day = today - dt.timedelta(days=back)
        if day.weekday() >= 5:
            continue
        free_at = {c.pk: dt.datetime.combine(day, dt.time(8, 30), tz) for c in counters}
        for service in services.values():
            count = rng.randint(3, 12)
            days.append(ServiceDay(service=service, day=day, last_number=count))
            arrival = dt.datetime.combine(day, dt.time(8, 20), tz)
            for number in range(1, count + 1):
                arrival += dt.timedelta(minutes=rng.randint(5, 40))
                counter = min(
                    (c for c in counters if service in c.services.all()), key=lambda c: free_at[c.pk]
                )
                called = max(arrival + dt.timedelta(minutes=1), free_at[counter.pk])
                if rng.random() < 0.05:
                    tickets.append(
                        _ticket(org, service, day, number, arrival, counter, called, None, Status.NO_SHOW)
                    )
                    free_at[counter.pk] = called + dt.timedelta(minutes=3)
                    continue
                took = dt.timedelta(minutes=max(2, round(rng.gauss(service.standard_minutes * 0.9, 4))))
                served = called + dt.timedelta(minutes=1)
                ticket = _ticket(
                    org, service, day, number, arrival, counter, called, served, Status.DONE, took
                )
                ticket.called_by_id = officer_of[counter.pk]
                if rng.random() < 0.03:
                    ticket.out_of_order, ticket.call_reason = True, rng.choice(REASONS)
                tickets.append(ticket)
                free_at[counter.pk] = served + took
    ServiceDay.objects.bulk_create(days)
    Ticket.objects.bulk_create(tickets)
    return len(tickets)


def _ticket(org, service, day, number, arrival, counter, called, served, status, took=None):
    return Ticket(
        org=org,
        service=service,
        day=day,
        number=number,
        channel=Channel.KIOSK,
        status=status,
        issued_at=arrival,
        follow_token=secrets.token_urlsafe(16),
        counter=counter,
        called_at=called,
        last_called_at=called,
        calls=1,
        served_at=served,
        finished_at=(served + took) if served else called + dt.timedelta(minutes=3),
    )
