"""Reads shared by the pages, the API, the measures and the OIT provider: the calling order, a
ticket's place in line, the board, and the statistics of a period."""

import datetime as dt
import math
from collections import defaultdict
from decimal import Decimal

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from .models import ACTIVE, Counter, Policy, Service, Status, Ticket


def priority_groups(org):
    policy = Policy.objects.for_org(org).filter(published_at__isnull=False).first()
    return list(policy.priority_groups) if policy else []


def _ranked(qs, groups):
    rank = Case(When(priority_group__in=groups, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.annotate(rank=rank).order_by("rank", "issued_at", "pk")


def calling_order(counter, day):
    """Waiting tickets of the counter's services, in the published order: priority groups, then arrival."""
    qs = Ticket.objects.for_org(counter.org).of_day(day).waiting().filter(service__in=counter.services.all())
    return _ranked(qs, priority_groups(counter.org)).select_related("service")


def ahead_of(ticket):
    """How many waiting tickets of the same service will be called before this one."""
    if ticket.status != Status.WAITING:
        return 0
    groups = priority_groups(ticket.org)
    qs = Ticket.objects.for_org(ticket.org).of_day(ticket.day).waiting().filter(service=ticket.service)
    mine = ticket.priority_group in groups
    earlier = Q(issued_at__lt=ticket.issued_at) | Q(issued_at=ticket.issued_at, pk__lt=ticket.pk)
    if mine:
        return qs.filter(earlier, priority_group__in=groups).count()
    return qs.filter(Q(priority_group__in=groups) | earlier).exclude(pk=ticket.pk).count()


def open_counters(service):
    return max(1, Counter.objects.for_org(service.org).filter(active=True, services=service).count())


def estimated_minutes(ticket, ahead=None):
    """Waiting time at the manual's standard pace, shared by the counters giving the service."""
    ahead = ahead_of(ticket) if ahead is None else ahead
    return math.ceil(ahead * ticket.service.standard_minutes / open_counters(ticket.service))


def board(org, day=None, limit=8):
    """Tickets being called or served now (latest call first) and how many wait per service."""
    day = day or timezone.localdate()
    today = Ticket.objects.for_org(org).of_day(day)
    calling = list(
        today.filter(status__in=ACTIVE)
        .select_related("service", "counter")
        .order_by("-last_called_at")[:limit]
    )
    waiting = {s.pk: 0 for s in Service.objects.for_org(org).filter(active=True)}
    for service_id in today.waiting().values_list("service_id", flat=True):
        waiting[service_id] = waiting.get(service_id, 0) + 1
    return {"calling": calling, "waiting": waiting}


def period_bounds(kind, day):
    """(first, last) dates of the day, ISO week (Monday first) or month containing `day`."""
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if kind == "month":
        start = day.replace(day=1)
        nxt = (start + dt.timedelta(days=32)).replace(day=1)
        return start, nxt - dt.timedelta(days=1)
    return day, day


def _minutes(a, b):
    return (b - a).total_seconds() / 60 if a and b else None


def _avg(values):
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 1) if values else None


def statistics(org, start, end):
    """Per service and per officer: tickets, waiting and service minutes against the standard."""
    rows = list(
        Ticket.objects.for_org(org)
        .filter(day__gte=start, day__lte=end)
        .values(
            "service_id",
            "status",
            "issued_at",
            "called_at",
            "served_at",
            "finished_at",
            "out_of_order",
            "called_by_id",
            "called_by__username",
            "service__standard_minutes",
        )
    )
    services = {s.pk: s for s in Service.objects.for_org(org)}
    per_service, per_officer = defaultdict(list), defaultdict(list)
    for r in rows:
        per_service[r["service_id"]].append(r)
        if r["called_by_id"]:
            per_officer[r["called_by__username"]].append(r)

    def summary(items):
        waits = [_minutes(r["issued_at"], r["called_at"]) for r in items]
        service_times = [
            _minutes(r["served_at"], r["finished_at"]) for r in items if r["status"] == Status.DONE
        ]
        within = [
            t <= r["service__standard_minutes"]
            for r, t in (
                (r, _minutes(r["served_at"], r["finished_at"])) for r in items if r["status"] == Status.DONE
            )
            if t is not None
        ]
        return {
            "tickets": len(items),
            "served": sum(r["status"] == Status.DONE for r in items),
            "no_show": sum(r["status"] == Status.NO_SHOW for r in items),
            "out_of_order": sum(r["out_of_order"] for r in items),
            "avg_wait": _avg(waits),
            "avg_service": _avg(service_times),
            "within_standard": round(100 * sum(within) / len(within)) if within else None,
        }

    return {
        "services": [
            {"service": services[sid], **summary(items)} for sid, items in sorted(per_service.items())
        ],
        "officers": [{"officer": name, **summary(items)} for name, items in sorted(per_officer.items())],
        "total": summary(rows),
    }


def out_of_order_calls(org, start, end):
    """Every call made out of the published order in the period, by officer, with its reason."""
    return (
        Ticket.objects.for_org(org)
        .filter(day__gte=start, day__lte=end, out_of_order=True)
        .select_related("service", "counter", "called_by")
        .order_by("called_by__username", "called_at")
    )


def in_order_share(org, start, end):
    """Percent of the called tickets that were called in the published order; None if none were called."""
    called = Ticket.objects.for_org(org).filter(day__gte=start, day__lte=end, called_at__isnull=False)
    total = called.count()
    if not total:
        return None
    in_order = called.filter(out_of_order=False).count()
    return (Decimal(100) * in_order / total).quantize(Decimal("0.1"))


def issued(org, start, end):
    return Ticket.objects.for_org(org).filter(day__gte=start, day__lte=end).count()


SURVEY_CONTEXT = "queue.served_ticket"


def served_ticket(org, ref):
    """Survey context (registry.add_survey_context): a ticket served to the end may be rated, once, by
    whoever holds its follow page (the reference is the follow token, never the number)."""
    ticket = Ticket.objects.for_org(org).filter(follow_token=str(ref), status=Status.DONE).first()
    if ticket is None:
        return None
    return {"label": f"{ticket.service.name} · บัตรคิว {ticket.label}"}
