"""The 6- and 12-month monitoring report of a fiscal year: assembled once, shown as a page, PDF or Excel.

The public (official) report counts APPROVED progress reports only; the staff report shows every
report as it stands, with its state, so the coordinator sees what is still missing before publishing.
Read in a fixed number of queries whatever the plan's size.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.periods import ROUNDS, Period

from .models import KPI, ItemBudget, ItemStatus, Plan, ProgressReport, ReportState
from .services import kpis as kpi_service
from .services.kpis import target_text
from .services.progress import done_slots, due_date, is_late, plan_for_year
from .services.results import colour_of, legend


class ReportNotFound(LookupError):
    """No plan covers that fiscal year, or the round is not 6 or 12."""


@dataclass
class KPIRow:
    kpi: KPI
    target: str
    value: Decimal | None
    value_display: str
    status: str  # KPIStatus value
    source: str  # "manual", "measure" or ""

    @property
    def status_label(self):
        if self.value is not None and not self.target:
            return _("Reported (no numeric target)")
        return kpi_service.KPIStatus(self.status).label


@dataclass
class ItemRow:
    item: object
    report: ProgressReport | None  # the report counted (None: not reported / not approved)
    raw_report: ProgressReport | None  # the report as it stands (staff see its state)
    planned: Decimal | None
    round: int = 12
    kpis: list = field(default_factory=list)
    late: bool = False
    done_since: tuple | None = None  # (fiscal year, round) an earlier approved report marked it done

    @property
    def carried(self):
        """Done in an earlier round and so locked: counted as done without a report of this round."""
        return self.report is None and self.done_since is not None

    @property
    def status(self):
        if self.carried:
            return ItemStatus.DONE
        return self.report.status if self.report else ""

    @property
    def status_label(self):
        if self.carried:
            return _("Done (fiscal year %(year)s, %(round)s months)") % {
                "year": self.done_since[0],
                "round": self.done_since[1],
            }
        return ItemStatus(self.report.status).label if self.report else _("Not reported")

    @property
    def reason_label(self):
        """Why the item cannot be carried out, in words ("" for any other status)."""
        if not self.report or self.report.status != ItemStatus.CANNOT_DO or not self.report.reason:
            return ""
        label = str(self.report.get_reason_display())
        return f"{label}: {self.report.reason_text}" if self.report.reason_text else label

    @property
    def remark(self):
        return self.report.remark if self.report else ""

    @property
    def percent_done(self):
        if self.carried:
            return 100
        return self.report.percent_done if self.report else None

    @property
    def colour(self):
        """E-PlanNACC's colour of the item in this round (services/results.py), or None."""
        return colour_of(self.round, self.percent_done, self.status)

    @property
    def spent(self):
        return self.report.spent if self.report else None

    @property
    def work_done(self):
        return self.report.work_done if self.report else ""

    @property
    def problems(self):
        return self.report.problems if self.report else ""

    @property
    def next_steps(self):
        return self.report.next_steps if self.report else ""

    @property
    def activity_dates(self):
        """'1 มกราคม 2568 – 3 มกราคม 2568', one date, or ''."""
        r = self.report
        if not r or not (r.activity_start or r.activity_end):
            return ""
        start, end = r.activity_start or r.activity_end, r.activity_end or r.activity_start
        return thai.thai_date(start) if start == end else f"{thai.thai_date(start)} – {thai.thai_date(end)}"

    @property
    def participants(self):
        """'52 คน (ประชาชน 40, พนักงาน 12)' or ''."""
        r = self.report
        if not r or r.participants is None:
            return ""
        text = _("%(n)s people") % {"n": r.participants}
        return f"{text} ({r.participant_groups})" if r.participant_groups else text

    @property
    def published_url(self):
        return self.report.published_url if self.report else ""

    @property
    def entered_afterwards(self):
        return bool(self.report and self.report.entered_afterwards)

    @property
    def state(self):
        return self.raw_report.state if self.raw_report else ""

    @property
    def state_label(self):
        return ReportState(self.raw_report.state).label if self.raw_report else _("No report yet")

    @property
    def uses_budget(self):
        return bool(self.item.uses_budget) and self.planned not in (None, Decimal(0))

    @property
    def budget_not_stated(self):
        return self.item.uses_budget is None


@dataclass
class Totals:
    items: int = 0
    reported: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    cannot_do: int = 0
    green: int = 0
    orange: int = 0
    red: int = 0
    percent_sum: int = 0
    planned: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    kpis: int = 0
    kpis_met: int = 0
    kpis_not_met: int = 0
    kpis_not_measured: int = 0

    def add(self, row):
        self.items += 1
        self.planned += row.planned or 0
        if row.report is not None or row.carried:
            self.reported += row.report is not None  # a carried item was done earlier, not reported now
            self.percent_sum += row.percent_done
            self.spent += row.spent or 0
            status = row.status
            self.done += status == ItemStatus.DONE
            self.in_progress += status == ItemStatus.IN_PROGRESS
            self.not_started += status == ItemStatus.NOT_STARTED
            self.cannot_do += status == ItemStatus.CANNOT_DO
            colour = row.colour
            if colour is not None:
                setattr(self, colour.key, getattr(self, colour.key) + 1)
        for k in row.kpis:
            self.kpis += 1
            self.kpis_met += k.status == kpi_service.KPIStatus.MET
            self.kpis_not_met += k.status == kpi_service.KPIStatus.NOT_MET
            self.kpis_not_measured += k.status == kpi_service.KPIStatus.NOT_MEASURED

    @property
    def average_percent(self):
        """Average % done over all items (an item without a counted report counts as 0)."""
        return round(Decimal(self.percent_sum) / self.items, 1) if self.items else None

    @property
    def done_share(self):
        return round(Decimal(self.done * 100) / self.items, 1) if self.items else None

    @property
    def spent_share(self):
        return round(self.spent * 100 / self.planned, 1) if self.planned else None

    @property
    def not_reported(self):
        return self.items - self.reported


@dataclass
class DimensionBlock:
    dimension: object
    rows: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class MonitoringReport:
    org: object
    plan: object
    fiscal_year: int
    round: int
    period: Period
    official: bool  # True: approved reports only (the public/official report)
    due: object
    generated_at: object
    dimensions: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    state_counts: dict = field(default_factory=dict)  # ReportState value (or "") -> count; staff use

    @property
    def legend(self):
        """The round's colour thresholds, for the key printed with the table."""
        return legend(self.round)

    @property
    def round_label(self):
        return _("6 months") if self.round == 6 else _("12 months")

    @property
    def title(self):
        return _("Monitoring report of the anti-corruption action plan, %(round)s, fiscal year %(year)s") % {
            "round": self.round_label,
            "year": self.fiscal_year,
        }

    @property
    def period_text(self):
        return f"{thai.thai_date(self.period.start)} – {thai.thai_date(self.period.end)}"

    @property
    def rows(self):
        return [row for block in self.dimensions for row in block.rows]

    @property
    def spent_in_words(self):
        return thai.baht_text(self.totals.spent)

    @property
    def planned_in_words(self):
        return thai.baht_text(self.totals.planned)

    @property
    def state_rows(self):
        labels = {"": _("No report yet"), **{s.value: s.label for s in ReportState}}
        return [(labels[k], self.state_counts.get(k, 0)) for k in ["", *ReportState.values]]


def parse_round(fiscal_year, round_months):
    try:
        fiscal_year, round_months = int(fiscal_year), int(round_months)
    except (TypeError, ValueError) as exc:
        raise ReportNotFound from exc
    # a plausible Buddhist Era year: also keeps huge URL numbers away from SMALLINT columns (PostgreSQL)
    if round_months not in ROUNDS or not 2400 <= fiscal_year <= 3000:
        raise ReportNotFound
    return fiscal_year, round_months


def build(org, fiscal_year, round_months, *, official=True, today=None):
    """The monitoring report of org's plan for fiscal_year and round (6 or 12)."""
    fiscal_year, round_months = parse_round(fiscal_year, round_months)
    plan = plan_for_year(org, fiscal_year)
    if plan is None:
        raise ReportNotFound
    today = today or timezone.localdate()
    period = Period.for_round(fiscal_year, round_months)
    report = MonitoringReport(
        org=org,
        plan=plan,
        fiscal_year=fiscal_year,
        round=round_months,
        period=period,
        official=official,
        due=due_date(fiscal_year, round_months),
        generated_at=timezone.now(),
    )

    items = list(
        plan.items.select_related("dimension", "mission", "responsible_unit").order_by(
            "dimension__number", "number"
        )
    )
    planned = dict(
        ItemBudget.objects.for_org(org)
        .filter(item__plan=plan, fiscal_year=fiscal_year)
        .values_list("item_id", "amount")
    )
    reports = {
        r.item_id: r
        for r in ProgressReport.objects.for_org(org).filter(
            item__plan=plan, fiscal_year=fiscal_year, round=round_months
        )
    }
    kpis_by_item = {}
    all_kpis = list(KPI.objects.for_org(org).filter(item__plan=plan).order_by("item_id", "kind", "order"))
    for kpi in all_kpis:
        kpis_by_item.setdefault(kpi.item_id, []).append(kpi)
    done = done_slots(org, plan)  # approved "done" reports lock their item for the rest of the cycle
    # The one KPI rule; an official report counts approved reports only, a draft every report as it stands.
    values = {
        v.kpi.pk: v
        for v in kpi_service.evaluate(org, all_kpis, fiscal_year, round_months, approved_only=official)
    }

    blocks = {}
    for item in items:
        raw = reports.get(item.pk)
        counted = raw if raw is not None and (not official or raw.state == ReportState.APPROVED) else None
        row = ItemRow(
            item=item,
            report=counted,
            raw_report=raw,
            planned=planned.get(item.pk),
            round=round_months,
            late=is_late(raw, fiscal_year, round_months, today),
            done_since=done[item.pk] if done.get(item.pk, (9999, 0)) < (fiscal_year, round_months) else None,
        )
        for kpi in kpis_by_item.get(item.pk, []):
            v = values[kpi.pk]
            row.kpis.append(
                KPIRow(
                    kpi=kpi,
                    target=target_text(kpi),
                    value=v.value,
                    value_display=v.value_display,
                    status=v.status,
                    source=v.source,
                )
            )
        block = blocks.setdefault(item.dimension_id, DimensionBlock(item.dimension))
        block.rows.append(row)
        block.totals.add(row)
        report.totals.add(row)
        state = raw.state if raw is not None else ""
        report.state_counts[state] = report.state_counts.get(state, 0) + 1
    report.dimensions = list(blocks.values())
    return report


def available_rounds(org):
    """(fiscal year, round) pairs of the org's plans, newest first: a fiscal year's 6-month round once the
    year has begun, its 12-month round once the 6-month round is over."""
    today = timezone.localdate()
    out = []
    for plan in Plan.objects.for_org(org).order_by("-first_year"):
        for year in reversed(plan.fiscal_years):
            if today > thai.round_end(year, 6):
                out.append((year, 12))
            if today >= Period.for_round(year, 6).start:
                out.append((year, 6))
    return out
