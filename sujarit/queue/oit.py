"""OIT evidence the queue proves (topic "service statistics"; 2567 O12, 2568 O11) of the fiscal year.

Proven once a ticket was issued in the fiscal year; the link is the public statistics page of that
year, dated by the last ticket's day.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sujarit.core.periods import Period
from sujarit.core.registry import OITProvider

from .models import Ticket


def statistics_evidence(org, fiscal_year):
    period = Period.for_fiscal_year(fiscal_year)
    last = (
        Ticket.objects.for_org(org)
        .filter(day__gte=period.start, day__lte=period.end)
        .aggregate(last=Max("day"))["last"]
    )
    if last is None:
        return []
    url = reverse("queue:statistics", kwargs={"org_slug": org.slug})
    return [
        {
            "topic": "service statistics",
            "title": f"สถิติการให้บริการ (บัตรคิว) ปีงบประมาณ {fiscal_year}",
            "url": f"{url}?fy={fiscal_year}",
            "date": last,
        }
    ]


def register(registry):
    registry.add_oit_provider(
        OITProvider(
            "queue.statistics",
            ("service statistics",),
            _("Service statistics from the queue tickets"),
            statistics_evidence,
            "queue",
        )
    )
