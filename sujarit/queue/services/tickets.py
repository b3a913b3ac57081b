"""Issuing tickets: at the kiosk (anyone) or by an officer for someone who cannot use it.

Numbers never repeat or skip within a service and day: the issue first moves the day's counter row
with one UPDATE (`last_number = last_number + 1`), which takes that row's write lock on PostgreSQL and
the database's write lock on SQLite (transactions BEGIN IMMEDIATE), so concurrent issues of one
service queue up behind it; the ticket is written in the same transaction, so a refusal or a crash
rolls the number back with it. The unique (service, day, number) constraint is the safety net.
"""

import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.permissions import can

from ..errors import QueueError
from ..models import Channel, Policy, ServiceDay, Ticket


def _next_number(service, day):
    row, _created = ServiceDay.objects.get_or_create(service=service, day=day)
    ServiceDay.objects.filter(pk=row.pk).update(last_number=F("last_number") + 1)
    return ServiceDay.objects.values_list("last_number", flat=True).get(pk=row.pk)


def issue_ticket(service, *, request_token=None, priority_group="", by=None):
    """Give the next number of `service` today; the same `request_token` always gives the same ticket."""
    org = service.org
    if by is not None and not can(by, org, "queue.serve"):
        raise QueueError(_("You may not issue tickets."), "forbidden")
    if not service.active:
        raise QueueError(_("This service is not taking tickets."), "inactive")
    if priority_group:
        policy = Policy.objects.for_org(org).first()
        if policy is None or priority_group not in policy.priority_groups:
            raise QueueError(_("The office gives no priority to this group."), "bad_group")
    if request_token is not None and not (8 <= len(request_token) <= 64):
        raise QueueError(_("This form has expired; please press the service again."), "bad_token")
    try:
        return _issue(service, request_token, priority_group, by)
    except IntegrityError:
        # The same kiosk form sent twice at the same instant: the other request made the ticket.
        existing = Ticket.objects.for_org(org).filter(request_token=request_token).first()
        if request_token is None or existing is None:
            raise
        return existing


@transaction.atomic
def _issue(service, request_token, priority_group, by):
    org = service.org
    if request_token is not None:
        existing = Ticket.objects.for_org(org).filter(request_token=request_token).first()
        if existing is not None:
            return existing
    now = timezone.now()
    day = timezone.localdate(now)
    number = _next_number(service, day)
    ticket = Ticket.objects.create(
        org=org,
        service=service,
        day=day,
        number=number,
        priority_group=priority_group,
        channel=Channel.OFFICER if by is not None else Channel.KIOSK,
        issued_at=now,
        issued_by=by,
        request_token=request_token,
        follow_token=secrets.token_urlsafe(16),
    )
    audit.record(ticket, "queue.ticket_issued", by, service=service.code, number=number, group=priority_group)
    return ticket
