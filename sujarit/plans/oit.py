"""OIT evidence the plan module's own data proves (by topic; 2567 codes for orientation).

O30 แผนปฏิบัติการป้องกันการทุจริต — the published plan covering the fiscal year.
O31 รายงานผลการดำเนินการป้องกันการทุจริตประจำปี — the 12-month monitoring report of the year, once
progress reports of that round are approved (and the 6-month report as interim evidence).
"""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from .models import ProgressReport, ReportState
from .services.progress import plan_for_year


def plan_evidence(org, fiscal_year):
    """Evidence dicts {topic, title, url, date} for fiscal_year; [] when the plan does not cover it."""
    plan = plan_for_year(org, fiscal_year)
    if plan is None:
        return []
    evidence = [
        {
            "topic": "anti-corruption plan",
            "title": plan.title,
            "url": reverse("plans:plan", kwargs={"org_slug": org.slug}),
            "date": timezone.localdate(plan.imported_at) if plan.imported_at else None,
        }
    ]
    approved = ProgressReport.objects.filter(
        org=org, item__plan=plan, fiscal_year=fiscal_year, state=ReportState.APPROVED
    )
    for rnd in (12, 6):
        last = approved.filter(round=rnd).aggregate(last=Max("reviewed_at"))["last"]
        if last is None:
            continue
        evidence.append(
            {
                "topic": "anti-corruption report",
                "title": f"รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต รอบ {rnd} เดือน "
                f"ปีงบประมาณ พ.ศ. {fiscal_year}",
                "url": reverse(
                    "plans:report", kwargs={"org_slug": org.slug, "fiscal_year": fiscal_year, "round": rnd}
                ),
                "date": timezone.localdate(last),
            }
        )
    return evidence
