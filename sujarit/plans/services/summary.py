"""The figures of the staff dashboard and the public summary, read in a fixed number of queries.

Staff see every report as it stands; the public summary counts approved reports only.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.periods import ROUNDS

from ..models import KPI, ItemBudget, ItemStatus, ProgressReport, ReportState
from . import kpis as kpi_service
from .progress import due_date, is_late, is_overdue
from .results import colour_of, legend


@dataclass
class DimensionRow:
    dimension: object
    items: int = 0
    done: int = 0
    percent_sum: int = 0

    @property
    def average_percent(self):
        return round(self.percent_sum / self.items, 1) if self.items else None


@dataclass
class BudgetRow:
    fiscal_year: int
    planned: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)

    @property
    def rate(self):
        return round(self.spent * 100 / self.planned, 1) if self.planned else None


@dataclass
class Slot:
    """One item's report for one fiscal year and round (the report may not exist yet)."""

    item: object
    fiscal_year: int
    round: int
    report: ProgressReport | None
    due: object
    late: bool
    overdue: bool
    # the report the figures count (approved only on the public summary)
    counted: ProgressReport | None = None
    done_since: tuple | None = None  # an earlier round approved the item as done: locked, still done

    @property
    def status(self):
        if self.counted is not None:
            return self.counted.status
        return ItemStatus.DONE if self.done_since else ""

    @property
    def percent_done(self):
        if self.counted is not None:
            return self.counted.percent_done
        return 100 if self.done_since else None

    @property
    def reason_label(self):
        r = self.counted
        if r is None or r.status != ItemStatus.CANNOT_DO or not r.reason:
            return ""
        label = str(r.get_reason_display())
        return f"{label}: {r.reason_text}" if r.reason_text else label

    @property
    def colour(self):
        return colour_of(self.round, self.percent_done, self.status)


@dataclass
class Figures:
    plan: object
    fiscal_year: int
    approved_only: bool
    dimensions: list = field(default_factory=list)
    budgets: list = field(default_factory=list)
    kpis: list = field(default_factory=list)
    kpi_counts: dict = field(default_factory=dict)
    overdue: list = field(default_factory=list)
    overdue_in_cycle: int = 0
    items_total: int = 0
    items_done: int = 0
    slots: dict = field(default_factory=dict)  # (item pk, round) -> Slot, for fiscal_year
    items: list = field(default_factory=list)

    @property
    def results(self):
        """Per item of the fiscal year: (item, 6-month slot, 12-month slot), for the colour table."""
        return [(item, self.slots[(item.pk, 6)], self.slots[(item.pk, 12)]) for item in self.items]

    @property
    def colour_counts(self):
        """{round: {"green": n, "orange": n, "red": n}} of the fiscal year."""
        out = {r: {"green": 0, "orange": 0, "red": 0} for r in ROUNDS}
        for (_item, round_months), slot in self.slots.items():
            colour = slot.colour
            if colour is not None:
                out[round_months][colour.key] += 1
        return out

    @property
    def legends(self):
        return [(r, legend(r)) for r in ROUNDS]

    @property
    def average_percent(self):
        total = sum(d.percent_sum for d in self.dimensions)
        return round(total / self.items_total, 1) if self.items_total else None


def pick_year(plan, requested):
    """A fiscal year inside the plan's cycle: the requested one when valid, else the current one clamped."""
    try:
        year = int(requested)
    except (TypeError, ValueError):
        year = None
    if year is not None and plan.first_year <= year <= plan.last_year:
        return year, True
    current = thai.current_fiscal_year()
    return min(max(current, plan.first_year), plan.last_year), requested in (None, "")


def figures(org, plan, fiscal_year, *, approved_only, today=None):
    today = today or timezone.localdate()
    items = list(plan.items.select_related("responsible_unit").order_by("number"))
    dims = {d.pk: DimensionRow(d) for d in plan.dimensions.order_by("number")}
    reports = ProgressReport.objects.for_org(org).filter(item__plan=plan)
    reports = reports.only(
        "id", "item_id", "fiscal_year", "round", "state", "status", "percent_done", "spent", "submitted_at",
        "reason", "reason_text",
    )  # fmt: skip
    by_slot = {(r.item_id, r.fiscal_year, r.round): r for r in reports}
    fig = Figures(plan, fiscal_year, approved_only, items_total=len(items), items=items)
    done = {}  # item pk -> first (year, round) approved as done: the item is locked from then on
    for (item_pk, year, round_months), r in sorted(by_slot.items()):
        if r.status == ItemStatus.DONE and r.state == ReportState.APPROVED and item_pk not in done:
            done[item_pk] = (year, round_months)

    def counted(report):
        return report is not None and (not approved_only or report.state == ReportState.APPROVED)

    def latest(item_pk, year):
        for round_months in (12, 6):
            report = by_slot.get((item_pk, year, round_months))
            if counted(report):
                return report
        return None

    budgets = {y: BudgetRow(y) for y in plan.fiscal_years}
    planned = (
        ItemBudget.objects.for_org(org)
        .filter(item__plan=plan)
        .values("fiscal_year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in planned:
        if row["fiscal_year"] in budgets:
            budgets[row["fiscal_year"]].planned = row["total"] or Decimal(0)

    for item in items:
        row = dims.get(item.dimension_id)
        report = latest(item.pk, fiscal_year)
        carried = report is None and done.get(item.pk, (9999, 0)) < (
            fiscal_year,
            6,
        )  # done in an earlier year
        if row is not None:
            row.items += 1
            row.percent_sum += report.percent_done if report else 100 if carried else 0
            if carried or (report and report.status == ItemStatus.DONE):
                row.done += 1
                fig.items_done += 1
        for year in plan.fiscal_years:
            spent_report = latest(item.pk, year)
            if spent_report is not None:
                budgets[year].spent += spent_report.spent
            for round_months in ROUNDS:
                raw = by_slot.get((item.pk, year, round_months))
                due = due_date(year, round_months)
                since = done.get(item.pk)
                locked = since is not None and since < (year, round_months)  # done before: nothing is due
                overdue = not locked and is_overdue(raw, year, round_months, today)
                late = not (locked and raw is None) and is_late(raw, year, round_months, today)
                slot = Slot(item, year, round_months, raw, due, late, overdue)
                if overdue:
                    fig.overdue_in_cycle += 1
                if year == fiscal_year:
                    slot.counted = raw if counted(raw) else None
                    slot.done_since = since if locked else None
                    fig.slots[(item.pk, round_months)] = slot
                    if overdue:
                        fig.overdue.append(slot)

    fig.dimensions = list(dims.values())
    fig.budgets = list(budgets.values())
    kpis = (
        KPI.objects.for_org(org)
        .filter(item__plan=plan)
        .select_related("item")
        .order_by("item__number", "kind", "order")
    )
    fig.kpis = kpi_service.evaluate(org, kpis, fiscal_year, approved_only=approved_only)
    fig.kpi_counts = kpi_service.status_counts(fig.kpis)
    return fig


def waiting_for_approval(org):
    return list(
        ProgressReport.objects.for_org(org)
        .filter(state=ReportState.SUBMITTED)
        .select_related("item", "submitted_by")
        .order_by("submitted_at")
    )
