"""OIT evidence from procurement records, by topic (2567 codes for orientation): "monthly procurement
summary" (O16) — one public monthly summary page per month that `queries.summarised_months` counts;
"annual procurement report" (O17) — the published annual analysis (plan item 13)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import OITProvider

from . import queries
from .models import AnnualAnalysis


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


def annual_report_evidence(org, fiscal_year):
    """The annual analysis of the fiscal year before `fiscal_year` (the OIT year reports the last one)
    and of `fiscal_year` itself, once published."""
    found = AnnualAnalysis.objects.for_org(org).filter(
        fiscal_year__in=(fiscal_year - 1, fiscal_year), published_at__isnull=False
    )
    return [
        {
            "topic": "annual procurement report",
            "title": f"รายงานผลการวิเคราะห์การจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {a.fiscal_year}",
            "url": reverse(
                "procurement:analysis", kwargs={"org_slug": org.slug, "fiscal_year": a.fiscal_year}
            ),
            "date": timezone.localtime(a.published_at).date(),
        }
        for a in found.order_by("fiscal_year")
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
    registry.add_oit_provider(
        OITProvider(
            "procurement.annual_report",
            ("annual procurement report",),
            _("Annual procurement analysis"),
            annual_report_evidence,
            "procurement",
        )
    )
