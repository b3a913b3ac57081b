"""Back-office queue pages: the counters, a counter's own page (call next, call out of order with a
reason, recall, serve, complete, no-show), issuing a ticket for someone, and the statistics with the
fairness report."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sujarit.core.tenancy import staff_view

from .. import queries
from ..errors import QueueError
from ..models import ACTIVE, Counter, Policy, PriorityGroup, Service, Ticket
from ..services import counter as counter_verbs
from ..services.tickets import issue_ticket


@staff_view("queue.serve")
def counters(request, org):
    policy = Policy.objects.for_org(org).filter(published_at__isnull=False).first()
    groups = [(g, PriorityGroup(g).label) for g in (policy.priority_groups if policy else [])]
    context = {
        "org": org,
        "counters": Counter.objects.for_org(org).filter(active=True).prefetch_related("services", "officers"),
        "services": Service.objects.for_org(org).filter(active=True),
        "groups": groups,
    }
    return render(request, "queue/staff/counters.html", context)


@staff_view("queue.serve")
@require_POST
def issue(request, org):
    service = Service.objects.for_org(org).filter(code=request.POST.get("service", "")).first()
    if service is None:
        messages.error(request, _("Please choose a service from the list."))
        return redirect("queue_staff:counters", org_slug=org.slug)
    try:
        ticket = issue_ticket(
            service,
            request_token=request.POST.get("token") or None,
            priority_group=request.POST.get("group", ""),
            by=request.user,
        )
    except QueueError as error:
        messages.error(request, error.message)
        return redirect("queue_staff:counters", org_slug=org.slug)
    return redirect("queue:slip", org_slug=org.slug, token=ticket.follow_token)


def _counter(org, pk):
    return get_object_or_404(Counter.objects.for_org(org), pk=pk)


@staff_view("queue.serve")
def counter(request, org, pk):
    counter = _counter(org, pk)
    today = timezone.localdate()
    current = (
        Ticket.objects.for_org(org)
        .filter(counter=counter, status__in=ACTIVE)
        .select_related("service")
        .first()
    )
    context = {
        "org": org,
        "counter": counter,
        "current": current,
        "line": list(queries.calling_order(counter, today)[:30]),
    }
    return render(request, "queue/staff/counter.html", context)


ACTIONS = {
    "recall": counter_verbs.recall,
    "serve": counter_verbs.serve,
    "complete": counter_verbs.complete,
    "no_show": counter_verbs.no_show,
}


@staff_view("queue.serve")
@require_POST
def act(request, org, pk, action):
    counter = _counter(org, pk)
    try:
        if action == "next":
            ticket = counter_verbs.call_next(counter, by=request.user)
            if ticket is None:
                messages.info(request, _("Nobody is waiting."))
        elif action == "call":
            ticket = get_object_or_404(Ticket.objects.for_org(org), pk=request.POST.get("ticket") or 0)
            counter_verbs.call_ticket(counter, ticket, reason=request.POST.get("reason", ""), by=request.user)
        elif action in ACTIONS:
            ticket = get_object_or_404(Ticket.objects.for_org(org), pk=request.POST.get("ticket") or 0)
            ACTIONS[action](counter, ticket, by=request.user)
        else:
            raise QueueError(_("Unknown action."))
    except QueueError as error:
        messages.error(request, error.message)
    return redirect("queue_staff:counter", org_slug=org.slug, pk=counter.pk)


@staff_view("queue.report")
def report(request, org):
    """Statistics of a day, week or month, per service and per officer, and every out-of-order call."""
    kind = request.GET.get("period") if request.GET.get("period") in ("day", "week", "month") else "day"
    try:
        day = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = timezone.localdate()
    start, end = queries.period_bounds(kind, day)
    context = {
        "org": org,
        "kind": kind,
        "day": day,
        "start": start,
        "end": end,
        "stats": queries.statistics(org, start, end),
        "calls": queries.out_of_order_calls(org, start, end),
        "in_order": queries.in_order_share(org, start, end),
    }
    return render(request, "queue/staff/report.html", context)
