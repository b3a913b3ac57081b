"""Reads: the spending report of a month or a quarter, and the budget-control flags.

A report period is named by a slug: "2568-q2" (the second quarter of fiscal year 2568: January–March
2568) or "2568-01" (January 2568, a calendar month in the Buddhist Era).
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.registry import registry

from .models import BudgetLine, Disbursement, MonitoringMeeting, Transfer

ZERO = Decimal(0)
_SLUG = re.compile(r"^(\d{4})-(q[1-4]|\d{2})$")


@dataclass(frozen=True)
class ReportPeriod:
    slug: str
    fiscal_year: int
    start: dt.date
    end: dt.date
    label: str
    kind: str  # "quarter" or "month"


def period_of(slug):
    """The ReportPeriod of a slug; ValueError for anything else."""
    m = _SLUG.match(slug or "")
    if not m:
        raise ValueError(slug)
    year = int(m.group(1))
    if not 2500 <= year <= 2700:
        raise ValueError(slug)
    if m.group(2).startswith("q"):
        q = int(m.group(2)[1])
        fy_start, _end = thai.fiscal_year_bounds(year)
        first = fy_start.month - 1 + 3 * (q - 1)
        start = dt.date(fy_start.year + first // 12, first % 12 + 1, 1)
        nxt = first + 3
        end = dt.date(fy_start.year + nxt // 12, nxt % 12 + 1, 1) - dt.timedelta(days=1)
        return ReportPeriod(slug, year, start, end, f"ไตรมาสที่ {q} ปีงบประมาณ พ.ศ. {year}", "quarter")
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(slug)
    start = dt.date(thai.ce_year(year), month, 1)
    end = dt.date(start.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    label = f"เดือน{thai.MONTHS[month - 1]} {year}"
    return ReportPeriod(slug, thai.fiscal_year_of(start), start, end, label, "month")


def year_period(fy):
    start, end = thai.fiscal_year_bounds(fy)
    return ReportPeriod(f"{fy}", fy, start, end, f"ปีงบประมาณ พ.ศ. {fy}", "year")


def quarters(fy):
    return [period_of(f"{fy}-q{q}") for q in range(1, 5)]


def months(fy):
    start, _end = thai.fiscal_year_bounds(fy)
    out = []
    for i in range(12):
        first = start.month - 1 + i
        day = dt.date(start.year + first // 12, first % 12 + 1, 1)
        out.append(period_of(f"{thai.be_year(day.year)}-{day.month:02d}"))
    return out


@dataclass
class LineRow:
    line: BudgetLine
    transfers_in: Decimal
    transfers_out: Decimal
    current: Decimal
    in_period: Decimal
    to_date: Decimal

    @property
    def remaining(self):
        return self.current - self.to_date

    @property
    def used_percent(self):
        return (self.to_date * 100 / self.current).quantize(Decimal("0.01")) if self.current else None


def report(org, period):
    """One row per line of the period's fiscal year: the ordinance, transfers and spending to the
    period's end, what was paid in the period, and what is left (four queries whatever the size)."""
    lines = list(BudgetLine.objects.for_org(org).filter(fiscal_year=period.fiscal_year))
    transfers = Transfer.objects.for_org(org).filter(
        source__fiscal_year=period.fiscal_year, on__lte=period.end
    )
    tin = dict(transfers.values_list("target").annotate(s=Sum("amount")).order_by())
    tout = dict(transfers.values_list("source").annotate(s=Sum("amount")).order_by())
    paid = (
        Disbursement.objects.for_org(org)
        .filter(line__fiscal_year=period.fiscal_year, on__lte=period.end)
        .values("line")
        .annotate(to_date=Sum("amount"), in_period=Sum("amount", filter=Q(on__gte=period.start)))
        .order_by()
    )
    by_line = {row["line"]: row for row in paid}
    rows = []
    for line in lines:
        got = by_line.get(line.pk, {})
        t_in, t_out = tin.get(line.pk) or ZERO, tout.get(line.pk) or ZERO
        rows.append(
            LineRow(
                line,
                t_in,
                t_out,
                line.amount + t_in - t_out,
                got.get("in_period") or ZERO,
                got.get("to_date") or ZERO,
            )
        )
    return rows


def totals(rows):
    keys = ("transfers_in", "transfers_out", "current", "in_period", "to_date")
    out = {k: sum((getattr(r, k) for r in rows), ZERO) for k in keys}
    out["ordinance"] = sum((r.line.amount for r in rows), ZERO)
    out["remaining"] = out["current"] - out["to_date"]
    return out


def reported_quarters(org, fy):
    """Ended quarters of the year that have disbursements, or an ended quarter before a later one that has
    (then its report says nothing was paid): what is OIT evidence."""
    today = timezone.localdate()
    spent = Disbursement.objects.for_org(org).filter(line__fiscal_year=fy).values_list("on", flat=True)
    days = sorted(spent)
    if not days:
        return []
    return [q for q in quarters(fy) if q.end < today and q.start <= days[-1]]


# --- flags ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    code: str  # overspent, unchecked, procurement_without_line
    message: str
    evidence: dict


def _norm(text):
    return re.sub(r"\s+", "", text or "").lower()


def flags(org, fy):
    """Lines overspent, disbursements without a cross-check, and the year's procurement whose budget line
    names no line of the ordinance (procurement reached through the registry query)."""
    found = []
    rows = report(org, year_period(fy))
    lines = [r.line for r in rows]
    for r in rows:
        line, current, spent = r.line, r.current, r.to_date
        if spent > current:
            found.append(
                Flag(
                    "overspent",
                    f"{line.item}: เบิกจ่ายแล้ว {thai.baht(spent)} บาท เกินงบประมาณที่มี {thai.baht(current)} บาท",
                    {
                        "line": line.pk,
                        "current": str(current),
                        "disbursed": str(spent),
                        "over": str(spent - current),
                    },
                )
            )
    unchecked = (
        Disbursement.objects.for_org(org).filter(line__fiscal_year=fy, check_result="").order_by("on", "pk")
    )
    for d in unchecked:
        found.append(
            Flag(
                "unchecked",
                f"ฎีกา {d.voucher} ({thai.thai_date(d.on, short=True)}) {thai.baht(d.amount)} บาท ยังไม่มีผู้สอบยัน",
                {"voucher": d.voucher, "amount": str(d.amount), "date": d.on.isoformat()},
            )
        )
    year_projects = registry.query("procurement.year_projects")
    if year_projects is not None:
        names = {_norm(n) for line in lines for n in (line.code, line.item) if _norm(n)}
        for p in year_projects(org, fy):
            named = _norm(p["budget_line"])
            if named and any(n in named or named in n for n in names):
                continue
            found.append(
                Flag(
                    "procurement_without_line",
                    f"{p['name']} ({p['ref']}): "
                    + (
                        f"รายการงบประมาณ “{p['budget_line']}” ไม่ตรงกับรายการใดในข้อบัญญัติ"
                        if named
                        else "ไม่ระบุรายการงบประมาณ"
                    ),
                    {"project": p["ref"], "budget_line": p["budget_line"], "amount": str(p["amount"])},
                )
            )
    return found


# --- measures' counts -------------------------------------------------------------------------------


def check_counts(org, start, end):
    """(disbursements, cross-checked, errors found) of disbursements dated in [start, end]."""
    c = (
        Disbursement.objects.for_org(org)
        .filter(on__range=(start, end))
        .aggregate(
            n=Count("pk"),
            checked=Count("pk", filter=~Q(check_result="")),
            errors=Count("pk", filter=Q(check_result="error")),
        )
    )
    return c["n"], c["checked"], c["errors"]


def meeting_quarters(org, start, end):
    """Quarters (fiscal year, quarter) in which a budget monitoring meeting was held within [start, end]."""
    days = MonitoringMeeting.objects.for_org(org).filter(on__range=(start, end)).values_list("on", flat=True)
    return {(thai.fiscal_year_of(d), (d.month - 10) % 12 // 3 + 1) for d in days}
