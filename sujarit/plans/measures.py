"""The plan's own KPI measures, registered in the registry by the manifest (plans/apps.py).

Each is `func(org, period) -> Decimal | None`; the period's fiscal year picks the plan, its round
(6 or 12; the whole year counts as the 12-month round) picks the reports. Only approved reports
count, except for "submitted on time", which is about when the unit handed its report in.
"""

from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.figures import percent
from sujarit.core.registry import Measure

from .models import ItemBudget, ItemStatus, ProgressReport, ReportState
from .services.progress import due_date, plan_for_year


def _plan_and_year(org, period):
    fiscal_year = period.fiscal_year or thai.fiscal_year_of(period.end)
    return plan_for_year(org, fiscal_year), fiscal_year


def latest_approved(org, plan, fiscal_year, round_months=None):
    """item pk -> its approved report of the round, or of the latest approved round when None."""
    qs = ProgressReport.objects.for_org(org).filter(
        item__plan=plan, fiscal_year=fiscal_year, state=ReportState.APPROVED
    )
    if round_months:
        qs = qs.filter(round=round_months)
    out = {}
    for report in qs.order_by("round").only("item_id", "round", "status", "spent", "percent_done"):
        out[report.item_id] = report
    return out


def reports_on_time(org, period):
    """Share of the plan's items whose report for the round was submitted by its due date (percent)."""
    plan, fiscal_year = _plan_and_year(org, period)
    if plan is None:
        return None
    round_months = period.report_round
    due = due_date(fiscal_year, round_months)
    sent = ProgressReport.objects.for_org(org).filter(
        item__plan=plan, fiscal_year=fiscal_year, round=round_months, submitted_at__isnull=False
    )
    on_time = sum(
        1 for at in sent.values_list("submitted_at", flat=True) if timezone.localtime(at).date() <= due
    )
    return percent(on_time, plan.items.count())


def reports_approved(org, period):
    """Share of the plan's items whose report for the round is approved (percent)."""
    plan, fiscal_year = _plan_and_year(org, period)
    if plan is None:
        return None
    approved = ProgressReport.objects.for_org(org).filter(
        item__plan=plan, fiscal_year=fiscal_year, round=period.report_round, state=ReportState.APPROVED
    )
    return percent(approved.count(), plan.items.count())


def budget_execution(org, period):
    """Budget spent (approved reports) against the budget planned for the fiscal year (percent)."""
    plan, fiscal_year = _plan_and_year(org, period)
    if plan is None:
        return None
    planned = (
        ItemBudget.objects.for_org(org)
        .filter(item__plan=plan, fiscal_year=fiscal_year)
        .aggregate(total=Sum("amount"))["total"]
    )
    spent = sum((r.spent for r in latest_approved(org, plan, fiscal_year, period.round).values()), Decimal(0))
    return percent(spent, planned)


def items_done(org, period):
    """Number of the plan's items whose latest approved report says done."""
    plan, fiscal_year = _plan_and_year(org, period)
    if plan is None:
        return None
    reports = latest_approved(org, plan, fiscal_year, period.round).values()
    return Decimal(sum(1 for r in reports if r.status == ItemStatus.DONE))


def plan_in_force(org, period):
    """1 when the organization's anti-corruption action plan covering the period's fiscal year is in
    the platform (imported, so its public page shows it), else 0."""
    _plan, fiscal_year = _plan_and_year(org, period)
    return Decimal(1 if _plan is not None else 0)


MEASURES = (
    Measure(
        "plans.reports_on_time",
        _("Plan items whose progress report was submitted on time"),
        "percent",
        reports_on_time,
        "plans",
        _("Share of the plan's items whose report for the round was submitted by its due date."),
    ),
    Measure(
        "plans.reports_approved",
        _("Plan items with an approved progress report"),
        "percent",
        reports_approved,
        "plans",
        _("Share of the plan's items whose report for the round the plan coordinator approved."),
    ),
    Measure(
        "plans.budget_execution",
        _("Plan budget execution rate"),
        "percent",
        budget_execution,
        "plans",
        _("Budget spent, as approved reports state it, against the budget planned for the year."),
    ),
    Measure(
        "plans.items_done",
        _("Plan items done"),
        "count",
        items_done,
        "plans",
        _("Number of the plan's items whose latest approved report says they are done."),
    ),
    Measure(
        "plans.plan_in_force",
        _("There is an anti-corruption action plan for the year"),
        "yesno",
        plan_in_force,
        "plans",
        _(
            "Yes when the action plan covering the fiscal year is in the platform and shown on its public page."
        ),
        hints=(r"^มีแผนปฏิบัติการป้องกันการทุจริต",),
    ),
)


def register(registry):
    for measure in MEASURES:
        registry.add_measure(measure)
