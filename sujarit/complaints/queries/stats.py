"""Complaint statistics of a fiscal year (or a reporting round): counts, the 15-day rule, satisfaction.

Figures are counts and shares only, of cases not marked as spam or a test. Nothing here reads a complainant's identity, contact or any free
text, and the accused unit of a corruption case is never counted, so the published corruption
statistics (OIT O23) cannot point at a reporter or at the person reported.
"""

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.figures import percent
from sujarit.core.periods import Period

from ..models import OPEN_STATES, Case, Category, Channel, Kind, Outcome, State
from .satisfaction import tally as satisfaction_tally

UNCATEGORISED = "-"
# Fiscal-year months in order: October of the year before to September.


def cases_in(org, kind, period):
    """The org's counted cases of `kind` (None: both) received within the period.

    Cases officers marked as spam or a test are left out here, so the public statistics, O23, the
    monitoring reports and every KPI measure (all read through this) never count them.
    """
    start, end = period.datetime_bounds()
    qs = Case.objects.for_org(org).counted().filter(received_at__gte=start, received_at__lt=end)
    return qs.filter(kind=kind) if kind else qs


def _rows(org, kind, period):
    return list(
        cases_in(org, kind, period).values(
            "channel",
            "category_id",
            "state",
            "outcome",
            "received_at",
            "due_date",
            "first_answer_at",
            "closed_at",
            "satisfaction",
            "unit_id",
            "id",
        )
    )


def answered_on_time(row, today):
    """True/False for a case the 15-day rule can judge; None for an open case not yet due."""
    if row["first_answer_at"] is not None:
        return timezone.localtime(row["first_answer_at"]).date() <= row["due_date"]
    if row["due_date"] < today:
        return False
    return None


def days_to_close(row):
    if row["closed_at"] is None:
        return None
    return (timezone.localtime(row["closed_at"]).date() - timezone.localtime(row["received_at"]).date()).days


def _months(period):
    """(year CE, month) of every month the period covers, in order."""
    out, year, month = [], period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def summarize(org, kind, period, *, today=None):
    """The statistics dict of `kind` cases received in `period` (see `yearly`)."""
    today = today or timezone.localdate()
    rows = _rows(org, kind, period)
    judged = [(r, answered_on_time(r, today)) for r in rows]
    within = sum(1 for _r, ok in judged if ok is True)
    late = sum(1 for _r, ok in judged if ok is False)
    closing = [d for d in (days_to_close(r) for r in rows) if d is not None]
    satisfied, rated = satisfaction_tally(org, rows)

    channels = Counter(r["channel"] for r in rows)
    states = Counter(r["state"] for r in rows)
    outcomes = Counter(r["outcome"] for r in rows if r["outcome"])
    by_category = Counter(r["category_id"] for r in rows)
    late_by_category = Counter(r["category_id"] for r, ok in judged if ok is False)

    categories = list(Category.objects.for_org(org).filter(kind=kind or Kind.GENERAL))
    known = {c.pk for c in categories}
    extra = [pk for pk in by_category if pk and pk not in known]
    if extra:  # a case filed under another kind's category still counts under its own name
        categories += list(Category.objects.for_org(org).filter(pk__in=extra))
    category_rows = [
        {
            "code": c.code,
            "label": c.name,
            "count": by_category.get(c.pk, 0),
            "late": late_by_category.get(c.pk, 0),
        }
        for c in categories
        if c.active or by_category.get(c.pk)
    ]
    if by_category.get(None):
        category_rows.append(
            {
                "code": UNCATEGORISED,
                "label": _("No category"),
                "count": by_category[None],
                "late": late_by_category.get(None, 0),
            }
        )

    month_rows = []
    per_month: dict[tuple[int, int], dict[str, int]] = {}  # (year, month) -> counts
    for r, ok in judged:
        local = timezone.localtime(r["received_at"])
        slot = per_month.setdefault(
            (local.year, local.month), {"received": 0, "within": 0, "late": 0, "closed": 0}
        )
        slot["received"] += 1
        slot["within"] += ok is True
        slot["late"] += ok is False
        slot["closed"] += r["closed_at"] is not None
    for year, month in _months(period):
        slot = per_month.get((year, month), {"received": 0, "within": 0, "late": 0, "closed": 0})
        month_rows.append(
            {
                "month": f"{year:04d}-{month:02d}",
                "label": f"{thai.MONTHS[month - 1]} {thai.be_year(year)}",
                "short": f"{thai.MONTHS_SHORT[month - 1]} {str(thai.be_year(year))[-2:]}",
                "count": slot["received"],
                "answered_within_due": slot["within"],
                "late": slot["late"],
                "closed": slot["closed"],
            }
        )

    data = {
        "kind": kind,
        "fiscal_year": period.fiscal_year,
        "round": period.round,
        "start": period.start,
        "end": period.end,
        "total": len(rows),
        "open": sum(states.get(s, 0) for s in OPEN_STATES),
        "by_channel": [
            {"code": c.value, "label": str(c.label), "count": channels.get(c.value, 0)} for c in Channel
        ],
        "by_category": category_rows,
        "by_state": [
            {"code": s.value, "label": str(s.label), "count": states.get(s.value, 0)} for s in State
        ],
        "by_month": month_rows,
        "due": {
            "judged": within + late,
            "within": within,
            "late": late,
            "pending": len(rows) - within - late,
            "share": percent(within, within + late),
        },
        "closed": len(closing),
        "mean_days_to_close": (
            (Decimal(sum(closing)) / len(closing)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if closing
            else None
        ),
        "satisfaction": {
            "rated": rated,
            "satisfied": satisfied,
            "share": percent(satisfied, rated),
        },
    }
    if kind == Kind.INTEGRITY:
        data["by_outcome"] = [
            {"code": o.value, "label": str(o.label), "count": outcomes.get(o.value, 0)} for o in Outcome
        ]
    return data


def yearly(org, kind, fiscal_year, *, today=None):
    """Statistics of `kind` cases received in the fiscal year (BE): counts by channel, category,
    state, month (and outcome for corruption cases), share answered within the due date, mean days
    to close and the satisfaction share (ratings 4–5 of 5)."""
    return summarize(org, kind, Period.for_fiscal_year(fiscal_year), today=today)


def years_with_cases(org, kind):
    """Fiscal years (BE, newest first) from the first case of `kind` (None: any) to this year."""
    this_year = thai.current_fiscal_year()
    qs = Case.objects.for_org(org).counted()
    first = (
        (qs.filter(kind=kind) if kind else qs)
        .order_by("received_at")
        .values_list("received_at", flat=True)
        .first()
    )
    first_year = min(thai.fiscal_year_of(first), this_year) if first else this_year
    return list(range(this_year, first_year - 1, -1))


pick_year = thai.parse_fiscal_year


# --- open data ----------------------------------------------------------------------------------


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def as_json(org, data):
    """The statistics as JSON-ready values: decimals as strings, dates ISO."""
    return {"organization": {"slug": org.slug, "name": org.name}, **_plain(data)}


def csv_rows(data):
    """(header, rows) of the statistics in long form: one row per figure, easy to pivot."""
    header = [_("Fiscal year"), _("Kind"), _("Figure"), _("Code"), _("Item"), _("Value")]
    year, kind = data["fiscal_year"], data["kind"]
    rows = [[year, kind, "total", "", _("Cases received"), data["total"]]]
    for section in ("by_channel", "by_category", "by_state", "by_outcome", "by_month"):
        for row in data.get(section, []):
            code = row.get("code", row.get("month"))
            rows.append([year, kind, section.removeprefix("by_"), code, row["label"], row["count"]])
    due = data["due"]
    rows += [
        [year, kind, "due", "within", _("Answered within the due date"), due["within"]],
        [year, kind, "due", "late", _("Answered late or overdue"), due["late"]],
        [year, kind, "due", "pending", _("Open and not yet due"), due["pending"]],
        [year, kind, "due", "share_percent", _("Share answered within the due date (%)"), due["share"]],
        [year, kind, "closing", "closed", _("Cases closed"), data["closed"]],
        [year, kind, "closing", "mean_days", _("Mean days to close"), data["mean_days_to_close"]],
        [year, kind, "satisfaction", "rated", _("Ratings given"), data["satisfaction"]["rated"]],
        [year, kind, "satisfaction", "satisfied", _("Ratings of 4 or 5"), data["satisfaction"]["satisfied"]],
        [year, kind, "satisfaction", "share_percent", _("Satisfied (%)"), data["satisfaction"]["share"]],
    ]
    return header, rows
