"""OIT evidence from procurement records: topic "monthly procurement summary" (2567 O16) — one
public monthly summary page per month that `queries.summarised_months` counts."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import OITProvider

from . import queries


def monthly_summary_evidence(org, fiscal_year):
    return [
        {
            "topic": "monthly procurement summary",
            "title": f"สรุปผลการจัดซื้อจัดจ้างเดือน{m.label}",
            "url": reverse("procurement:month", kwargs={"org_slug": org.slug, "month": m.slug}),
            "date": m.last,
            "period_kind": "month",
            "period": m.month,
        }
        for m in queries.summarised_months(org, fiscal_year)
    ]


def register(registry):
    registry.add_oit_provider(
        OITProvider(
            "procurement.monthly_summary",
            ("monthly procurement summary",),
            _("Monthly procurement summary"),
            monthly_summary_evidence,
            "procurement",
        )
    )
