"""Procurement's KPI measures.

- `procurement.annual_analysis` (count): 1 when the fiscal year has ended, it has procurement records
  and every red flag of the year has a recorded review — the year's analysis (the red-flag review)
  is done; 0 otherwise; None without records. Bound by its hints to "รายงานผลการวิเคราะห์การจัดซื้อจัดจ้าง
  ประจำปี จำนวน 1 ฉบับ" (seed plan item 13).
- `procurement.flags_reviewed` (percent): red flags of the period's fiscal year with a recorded review.
- `procurement.analysis_channels` (count): the channels through which an annual analysis published in
  the period reached the public (the website, counted on publishing, and each channel the officer
  records). The analysis of a year is published after it ends, so the plan year counts the analysis
  it published, whichever year that analysis covers. Bound by its hints to "มีการเผยแพร่ผลการ
  วิเคราะห์การจัดซื้อจัดจ้างประจำปีแก่สาธารณชน อย่างน้อย 3 ช่องทาง" (seed plan item 13).
Complaints about procurement (items 13/14 outcomes) belong to the complaints module's data, not here.
"""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.figures import percent
from sujarit.core.registry import Measure

from . import analysis, redflags
from .models import AnnualAnalysis, Project


def _fiscal_year(period):
    return period.fiscal_year or thai.fiscal_year_of(period.end)


def _has_records(org, fy):
    start, end = thai.fiscal_year_bounds(fy)
    return Project.objects.for_org(org).in_range(start, end).exists()


def annual_analysis(org, period):
    fy = _fiscal_year(period)
    if not _has_records(org, fy):
        return None
    if timezone.localdate() <= thai.fiscal_year_bounds(fy)[1]:
        return Decimal(0)
    flags = redflags.compute(org, fy)
    return Decimal(1 if all(f.review for f in flags) else 0)


def flags_reviewed(org, period):
    fy = _fiscal_year(period)
    if not _has_records(org, fy):
        return None
    flags = redflags.compute(org, fy)
    if not flags:
        return Decimal(100)
    return percent(sum(1 for f in flags if f.review), len(flags))


def analysis_channels(org, period):
    published = (
        AnnualAnalysis.objects.for_org(org).filter(published_at__isnull=False).prefetch_related("channels")
    )
    best = 0
    for record in published:
        if timezone.localtime(record.published_at).date() in period:
            best = max(best, len(analysis.channels(record)))
    return Decimal(best)


MEASURES = (
    Measure(
        "procurement.annual_analysis",
        _("Annual procurement analysis done"),
        "count",
        annual_analysis,
        "procurement",
        _("1 once the fiscal year has ended and every red flag of its procurement has a recorded review."),
        hints=(r"รายงาน\s*ผล\s*การ\s*วิเคราะห์\s*(?:ผล\s*)?การ\s*จัดซื้อ\s*จัดจ้าง",),
    ),
    Measure(
        "procurement.flags_reviewed",
        _("Procurement red flags reviewed"),
        "percent",
        flags_reviewed,
        "procurement",
        _("Share of the fiscal year's procurement red flags whose review outcome is recorded."),
    ),
    Measure(
        "procurement.analysis_channels",
        _("Channels the annual procurement analysis was published through"),
        "count",
        analysis_channels,
        "procurement",
        _(
            "Channels (the website and each one the officer records) of the annual procurement analysis "
            "published in the period."
        ),
        hints=(r"เผยแพร่\s*ผล\s*การ\s*วิเคราะห์\s*(?:ผล\s*)?การ\s*จัดซื้อ\s*จัดจ้าง",),
    ),
)


def register(registry):
    for measure in MEASURES:
        registry.add_measure(measure)
