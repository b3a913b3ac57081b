"""Public queue pages: the kiosk, the printed ticket, the follow page (the QR code's address), the TV
board, the published policy and the service statistics."""

import secrets

import segno
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sujarit.core import thai, throttle
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.core.tenancy import public_view

from .. import queries
from ..errors import QueueError
from ..models import Policy, Service, Status, Ticket
from ..services.tickets import issue_ticket


def _kiosk_limit():
    return getattr(settings, "SUJARIT_QUEUE_KIOSK_LIMIT", 600)  # tickets per client per 10 minutes


def _kiosk(request, org, error=None, status=200):
    services = Service.objects.for_org(org).filter(active=True)
    context = {"org": org, "services": services, "token": secrets.token_urlsafe(16), "error": error}
    return render(request, "queue/public/kiosk.html", context, status=status)


@public_view
def kiosk(request, org):
    return _kiosk(request, org)


@require_POST
@public_view
def take(request, org):
    service = Service.objects.for_org(org).filter(code=request.POST.get("service", "")).first()
    if service is None:
        return _kiosk(request, org, _("Please choose a service from the list."), 400)
    key = f"queue.kiosk:{org.pk}:{throttle.client_tag(request)}"
    # Taken before the ticket is issued, atomically (parallel taps cannot pass the limit together).
    if not throttle.take(key, _kiosk_limit(), 600):
        return _kiosk(request, org, _("Too many tickets from this device; please ask an officer."), 429)
    try:
        ticket = issue_ticket(service, request_token=request.POST.get("token") or None)
    except QueueError as error:
        throttle.give_back(key)
        return _kiosk(request, org, error.message, 400)
    return redirect("queue:slip", org_slug=org.slug, token=ticket.follow_token)


def _ticket(org, token):
    return get_object_or_404(
        Ticket.objects.for_org(org).select_related("service", "counter"), follow_token=token
    )


def _ticket_context(request, org, ticket):
    ahead = queries.ahead_of(ticket)
    follow = request.build_absolute_uri(
        reverse("queue:follow", kwargs={"org_slug": org.slug, "token": ticket.follow_token})
    )
    # The satisfaction survey about this ticket, when the surveys module is installed and a
    # questionnaire is open for served tickets (the link is None otherwise).
    link_for = registry.query("surveys.link_for")
    return {
        "org": org,
        "ticket": ticket,
        "ahead": ahead,
        "wait": queries.estimated_minutes(ticket, ahead),
        "follow_url": follow,
        "survey_url": (
            link_for(org, queries.SURVEY_CONTEXT, ticket.follow_token)
            if link_for is not None and ticket.status == Status.DONE
            else None
        ),
        "Status": Status,
    }


@public_view
def slip(request, org, token):
    """The ticket as plain HTML for a 58/80 mm thermal printer, with the QR code of its follow page."""
    context = _ticket_context(request, org, _ticket(org, token))
    context["qr_svg"] = segno.make(context["follow_url"], error="m").svg_inline(scale=3)
    return render(request, "queue/public/slip.html", context)


@public_view
def follow(request, org, token):
    template = (
        "queue/public/_follow.html" if request.headers.get("HX-Request") else "queue/public/follow.html"
    )
    return render(request, template, _ticket_context(request, org, _ticket(org, token)))


@public_view
def board(request, org):
    template = "queue/public/_board.html" if request.headers.get("HX-Request") else "queue/public/board.html"
    state = queries.board(org)
    services = Service.objects.for_org(org).filter(active=True)
    waiting = [(s, state["waiting"].get(s.pk, 0)) for s in services]
    return render(request, template, {"org": org, "calling": state["calling"], "waiting": waiting})


@public_view
def policy(request, org):
    policy = Policy.objects.for_org(org).filter(published_at__isnull=False).first()
    services = Service.objects.for_org(org).filter(active=True)
    return render(request, "queue/public/policy.html", {"org": org, "policy": policy, "services": services})


@public_view
def statistics(request, org):
    """Service statistics of a fiscal year (OIT O12): per service, tickets and times against the standard."""
    try:
        fy = int(request.GET.get("fy") or thai.fiscal_year_of(timezone.localdate()))
        period = Period.for_fiscal_year(fy)
    except (TypeError, ValueError):
        raise Http404("bad fiscal year") from None
    stats = queries.statistics(org, period.start, period.end)
    return render(request, "queue/public/statistics.html", {"org": org, "fy": fy, "stats": stats})
