"""OIT evidence, topic "budget monitoring" (2567 catalogue code O13, รายงานการกำกับติดตามการใช้จ่ายงบประมาณประจำปี): one public
quarterly spending report per ended quarter that `queries.reported_quarters` counts."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import OITProvider

from . import exports, queries


def spending_evidence(org, fiscal_year):
    return [
        {
            "topic": "budget monitoring",
            "title": exports.title(q),
            "url": reverse("finance:spending", kwargs={"org_slug": org.slug, "slug": q.slug}),
            "date": q.end,
            "period_kind": "quarter",
            "period": int(q.slug[-1]),
        }
        for q in queries.reported_quarters(org, fiscal_year)
    ]


def register(registry):
    registry.add_oit_provider(
        OITProvider(
            "finance.spending_report",
            ("budget monitoring",),
            _("Budget spending report"),
            spending_evidence,
            "finance",
        )
    )
