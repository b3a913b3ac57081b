"""The counter's verbs: call next, call out of order (with a reason), recall, serve, complete, no-show.

"Call next" takes the head of the published order (queries/order: priority groups of the policy
first, then by number). Two counters calling at the same instant get different tickets: a call is a
conditional UPDATE (`status = waiting` → `called`), and a counter that loses the race takes the next
candidate. The counter's own row is locked first, so one counter never holds two called tickets.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.models import Person
from sujarit.core.permissions import can

from ..errors import QueueError
from ..models import ACTIVE, Counter, Status, Ticket
from ..queries import calling_order

CANDIDATES = 20  # how many heads of the line a call tries before it says the line is empty


def ensure_can_work(counter, by):
    """Officers named at the counter, or anyone holding queue.manage, may work the counter."""
    if by is None:
        return
    org = counter.org
    if can(by, org, "queue.manage"):
        return
    at_counter = Person.objects.for_org(org).filter(user=by, queue_counters=counter).exists()
    if not (can(by, org, "queue.serve") and at_counter):
        raise QueueError(_("You are not an officer of this counter."), "forbidden")


def _lock(counter):
    locked = Counter.objects.select_for_update().get(pk=counter.pk)
    if Ticket.objects.for_org(counter.org).filter(counter=locked, status__in=ACTIVE).exists():
        raise QueueError(
            _("Finish the current ticket (served or did not come) before calling the next."), "busy"
        )
    return locked


def _take(ticket_id, counter, by, now, **extra):
    return (
        Ticket.objects.filter(pk=ticket_id, status=Status.WAITING).update(
            status=Status.CALLED,
            counter=counter,
            called_by=by,
            called_at=now,
            last_called_at=now,
            calls=1,
            **extra,
        )
        == 1
    )


@transaction.atomic
def call_next(counter, *, by=None):
    """Call the first waiting ticket in the published order; None when nobody is waiting."""
    ensure_can_work(counter, by)
    counter = _lock(counter)
    now = timezone.now()
    for ticket_id in calling_order(counter, timezone.localdate(now)).values_list("pk", flat=True)[
        :CANDIDATES
    ]:
        if _take(ticket_id, counter, by, now):
            ticket = Ticket.objects.select_related("service").get(pk=ticket_id)
            audit.record(ticket, "queue.called", by, counter=counter.number, number=ticket.label)
            return ticket
    return None


@transaction.atomic
def call_ticket(counter, ticket, *, reason="", by=None):
    """Call a chosen ticket; one that is not the head of the line needs a reason, and is recorded."""
    ensure_can_work(counter, by)
    counter = _lock(counter)
    now = timezone.now()
    order = calling_order(counter, timezone.localdate(now))
    if not order.filter(pk=ticket.pk).exists():
        raise QueueError(_("This ticket is not waiting for this counter."), "not_waiting")
    head = order.values_list("pk", flat=True).first()
    out_of_order = head != ticket.pk
    reason = (reason or "").strip()
    if out_of_order and not reason:
        raise QueueError(_("Calling out of the published order needs a reason."), "reason_needed")
    if not _take(ticket.pk, counter, by, now, out_of_order=out_of_order, call_reason=reason[:300]):
        raise QueueError(_("Another counter has just called this ticket."), "taken")
    ticket.refresh_from_db()
    audit.record(
        ticket,
        "queue.called",
        by,
        counter=counter.number,
        number=ticket.label,
        out_of_order=out_of_order,
        reason=reason,
    )
    return ticket


def _current(counter, ticket, states, by):
    ensure_can_work(counter, by)
    # of=("self",): FOR UPDATE would otherwise lock the joined service row too, which every kiosk
    # issuing a ticket of that service needs (its foreign-key check) — a deadlock with the audit lock.
    ticket = Ticket.objects.select_for_update(of=("self",)).select_related("service").get(pk=ticket.pk)
    if ticket.counter_id != counter.pk or ticket.status not in states:
        raise QueueError(_("This ticket is not at your counter any more."), "not_current")
    return ticket


@transaction.atomic
def recall(counter, ticket, *, by=None):
    ticket = _current(counter, ticket, (Status.CALLED,), by)
    ticket.calls += 1
    ticket.last_called_at = timezone.now()
    ticket.save(update_fields=["calls", "last_called_at"])
    audit.record(ticket, "queue.recalled", by, counter=counter.number, calls=ticket.calls)
    return ticket


@transaction.atomic
def serve(counter, ticket, *, by=None):
    ticket = _current(counter, ticket, (Status.CALLED,), by)
    ticket.status = Status.SERVING
    ticket.served_at = timezone.now()
    ticket.save(update_fields=["status", "served_at"])
    audit.record(ticket, "queue.serving", by, counter=counter.number)
    return ticket


@transaction.atomic
def complete(counter, ticket, *, by=None):
    ticket = _current(counter, ticket, ACTIVE, by)
    now = timezone.now()
    ticket.served_at = ticket.served_at or now
    ticket.status = Status.DONE
    ticket.finished_at = now
    ticket.save(update_fields=["status", "served_at", "finished_at"])
    audit.record(ticket, "queue.completed", by, counter=counter.number)
    return ticket


@transaction.atomic
def no_show(counter, ticket, *, by=None):
    ticket = _current(counter, ticket, (Status.CALLED,), by)
    ticket.status = Status.NO_SHOW
    ticket.finished_at = timezone.now()
    ticket.save(update_fields=["status", "finished_at"])
    audit.record(ticket, "queue.no_show", by, counter=counter.number)
    return ticket
