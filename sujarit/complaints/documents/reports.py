"""The 6- and 12-month complaint summary report for the executive and the public (page, PDF, Excel).

Built from the statistics (stats.summarize) of both channels for the round, plus a problem analysis
written from the data: top categories, the month trend, places with repeated complaints (staff copy
only, since a place is free text), late answers and satisfaction against the plan's 80 % target.
Corruption cases appear as counts only.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import documents, thai
from sujarit.core.figures import percent
from sujarit.core.pdf import PDF_CONTENT_TYPE, render_pdf
from sujarit.core.periods import ROUNDS, Period
from sujarit.core.spreadsheet import XLSX_CONTENT_TYPE, Column, Sheet, xlsx_bytes

from ..models import Category, Kind, Outcome
from ..queries import stats

SATISFACTION_TARGET = Decimal(80)
TOP = 5


class ReportNotFound(LookupError):
    """The round is not 6 or 12, the fiscal year is not a Buddhist Era year, or the round has not begun."""


@dataclass
class Report:
    org: object
    fiscal_year: int
    round: int
    period: Period
    public: bool
    general: dict
    integrity: dict
    top_categories: list = field(default_factory=list)
    repeats: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    recommendations: list = field(default_factory=list)
    generated_at: object = None

    @property
    def title(self):
        return f"รายงานสรุปผลการจัดการเรื่องร้องเรียน รอบ {self.round} เดือน ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def period_text(self):
        return f"{thai.thai_date(self.period.start)} – {thai.thai_date(self.period.end)}"

    @property
    def complete(self):
        """False while the round is still running (the figures are as of today)."""
        return timezone.localdate() > self.period.end

    @property
    def substantiated(self):
        return next(
            (o["count"] for o in self.integrity.get("by_outcome", []) if o["code"] == Outcome.SUBSTANTIATED),
            0,
        )


def _period(fiscal_year, round_months):
    try:
        fiscal_year, round_months = int(fiscal_year), int(round_months)
    except (TypeError, ValueError):
        raise ReportNotFound(fiscal_year) from None
    if round_months not in ROUNDS or not 2400 <= fiscal_year <= 3000:
        raise ReportNotFound(f"{fiscal_year}/{round_months}")
    period = Period.for_round(fiscal_year, round_months)
    if not period.has_started:
        raise ReportNotFound(f"{fiscal_year}/{round_months} has not started")
    return period


def _norm_place(text):
    return re.sub(r"\s+", " ", (text or "").strip().lower())


def repeated_places(org, period):
    """Places with more than one general complaint of the same category in the period (staff only)."""
    rows = (
        stats.cases_in(org, Kind.GENERAL, period)
        .order_by("received_at")
        .values("category__name", "location", "latitude", "longitude")
    )
    groups, names = Counter(), {}
    for r in rows:
        if r["latitude"] is not None and r["longitude"] is not None:
            # about 100 m: reports of one pothole from a phone's GPS land in the same cell
            key = (r["category__name"], f"{float(r['latitude']):.3f},{float(r['longitude']):.3f}")
        elif _norm_place(r["location"]):
            key = (r["category__name"], _norm_place(r["location"]))
        else:
            continue
        groups[key] += 1
        names.setdefault(key, r["location"] or key[1])
    return [
        {"category": cat or _("No category"), "place": names[(cat, place)], "count": n}
        for (cat, place), n in groups.most_common()
        if n > 1
    ]


def _top(general):
    total = general["total"]
    ranked = sorted((c for c in general["by_category"] if c["count"]), key=lambda c: -c["count"])[:TOP]
    return [{**c, "share": percent(c["count"], total)} for c in ranked]


def _p(share):
    return f"{share:.1f}"


def _findings(report):
    g, i = report.general, report.integrity
    out, advice = [], []
    out.append(
        _("%(n)s general complaints were received from %(start)s to %(end)s; %(closed)s have been closed.")
        % {
            "n": g["total"],
            "start": thai.thai_date(report.period.start),
            "end": thai.thai_date(report.period.end),
            "closed": g["closed"],
        }  # fmt: skip
    )
    if report.top_categories:
        top = report.top_categories[0]
        out.append(
            _("The most frequent problem was %(name)s: %(count)s cases, %(share)s %% of all.")
            % {"name": top["label"], "count": top["count"], "share": _p(top["share"])}
        )
        if top["share"] is not None and top["share"] >= 30 and g["total"] >= 5:
            advice.append(
                _("Plan preventive work on %(name)s, which makes up %(share)s %% of the complaints.")
                % {"name": top["label"], "share": _p(top["share"])}
            )
    busiest = max(g["by_month"], key=lambda m: m["count"], default=None)
    if busiest and busiest["count"]:
        out.append(
            _("The busiest month was %(month)s with %(count)s complaints.")
            % {"month": busiest["label"], "count": busiest["count"]}
        )
    channel = max(g["by_channel"], key=lambda c: c["count"], default=None)
    if channel and channel["count"]:
        out.append(
            _("Most complaints came by %(channel)s (%(count)s).")
            % {"channel": channel["label"], "count": channel["count"]}
        )
    due = g["due"]
    if due["judged"]:
        out.append(
            _(
                "%(share)s %% of the complaints the due date applies to were answered in time (%(within)s of %(judged)s)."
            )
            % {"share": _p(due["share"]), "within": due["within"], "judged": due["judged"]}
        )
        late_by = sorted((c for c in g["by_category"] if c.get("late")), key=lambda c: -c["late"])
        if late_by:
            out.append(
                _("Most late answers were about %(name)s (%(count)s).")
                % {"name": late_by[0]["label"], "count": late_by[0]["late"]}
            )
            advice.append(
                _(
                    "Check why answers about %(name)s were late and set the responsible unit a reminder routine."
                )
                % {"name": late_by[0]["label"]}
            )
    if g["mean_days_to_close"] is not None:
        out.append(
            _("Closing a complaint took %(days)s days on average.") % {"days": g["mean_days_to_close"]}
        )
    sat = g["satisfaction"]
    if sat["rated"]:
        met = sat["share"] >= SATISFACTION_TARGET
        out.append(
            (
                _("%(share)s %% of %(rated)s ratings were 4 or 5 of 5, meeting the plan's target of 80 %%.")
                if met
                else _(
                    "%(share)s %% of %(rated)s ratings were 4 or 5 of 5, below the plan's target of 80 %%."
                )
            )
            % {"share": _p(sat["share"]), "rated": sat["rated"]}
        )
        if not met:
            advice.append(
                _("Ask dissatisfied complainants what went wrong and review replies before they are sent.")
            )
    if report.repeats:
        first = report.repeats[0]
        out.append(
            _(
                "%(n)s places had repeated complaints of the same kind; the most: %(place)s (%(category)s, %(count)s)."
            )
            % {
                "n": len(report.repeats),
                "place": first["place"],
                "category": first["category"],
                "count": first["count"],
            }
        )
        advice.append(_("Fix the cause at places with repeated complaints rather than each complaint alone."))
    out.append(
        _("%(n)s corruption or misconduct complaints were received; %(sub)s were substantiated.")
        % {"n": i["total"], "sub": report.substantiated}
    )
    if i["due"]["judged"]:
        out.append(
            _("%(share)s %% of the corruption complaints the due date applies to were answered in time.")
            % {"share": _p(i["due"]["share"])}
        )
    if not advice:
        advice.append(_("No problem stands out in the figures of this round."))
    return out, advice


def build(org, fiscal_year, round_months, *, public=False):
    """The summary report of (fiscal_year, round); `public` leaves out places (free text)."""
    period = _period(fiscal_year, round_months)
    general = stats.summarize(org, Kind.GENERAL, period)
    integrity = stats.summarize(org, Kind.INTEGRITY, period)
    report = Report(
        org=org,
        fiscal_year=period.fiscal_year,
        round=period.round,
        period=period,
        public=public,
        general=general,
        integrity=integrity,
        generated_at=timezone.now(),
    )
    report.top_categories = _top(general)
    if not public:
        report.repeats = repeated_places(org, period)
    report.findings, report.recommendations = _findings(report)
    return report


def available(org):
    """[(fiscal year, [rounds])] newest first: every year since the first case, round 6 once it began."""
    today = timezone.localdate()
    out = []
    for year in stats.years_with_cases(org, None):
        rounds = [r for r in ROUNDS if Period.for_round(year, r).start <= today]
        if rounds:
            out.append((year, rounds))
    return out


def file_stem(report):
    return f"{report.title} {report.org.name}"


# --- Excel -------------------------------------------------------------------------------------------


def xlsx(report):
    """(filename, content_type, bytes) of the report as an Excel workbook, one sheet per table."""
    g, i = report.general, report.integrity
    heading = f"{report.title} — {report.org.name}"

    def counts(title, rows_g, rows_i=None):
        columns = [Column(_("Item"), 40, wrap=True), Column(_("General complaints"), 18)]
        if rows_i is not None:
            columns.append(Column(_("Corruption complaints"), 18))
            by_code = {r["code"]: r["count"] for r in rows_i}
            rows = [[r["label"], r["count"], by_code.get(r["code"], 0)] for r in rows_g]
        else:
            rows = [[r["label"], r["count"]] for r in rows_g]
        return Sheet(title, columns, rows, heading=heading, subheading=report.period_text)

    summary_rows = [
        [_("Cases received"), g["total"], i["total"]],
        [_("Cases closed"), g["closed"], i["closed"]],
        [_("Still open"), g["open"], i["open"]],
        [_("Answered within the due date"), g["due"]["within"], i["due"]["within"]],
        [_("Answered late or overdue"), g["due"]["late"], i["due"]["late"]],
        [_("Share answered within the due date (%)"), g["due"]["share"], i["due"]["share"]],
        [_("Mean days to close"), g["mean_days_to_close"], i["mean_days_to_close"]],
        [_("Satisfied (%)"), g["satisfaction"]["share"], i["satisfaction"]["share"]],
        [_("Substantiated"), None, report.substantiated],
    ]
    sheets = [
        Sheet(
            _("Summary"),
            [
                Column(_("Figure"), 40, wrap=True),
                Column(_("General complaints"), 18),
                Column(_("Corruption complaints"), 18),
            ],
            summary_rows,
            heading=heading,
            subheading=report.period_text,
        ),
        Sheet(
            _("By month"),
            [
                Column(_("Month"), 24),
                Column(_("General complaints"), 18),
                Column(_("Corruption complaints"), 18),
            ],
            [
                [gm["label"], gm["count"], im["count"]]
                for gm, im in zip(g["by_month"], i["by_month"], strict=True)
            ],
            heading=heading,
            subheading=report.period_text,
        ),
        counts(_("By category"), g["by_category"]),
        counts(_("Corruption categories"), i["by_category"]),
        counts(_("By channel"), g["by_channel"], i["by_channel"]),
        counts(_("By state"), g["by_state"], i["by_state"]),
        counts(_("Corruption outcomes"), i["by_outcome"]),
    ]
    if report.repeats:
        sheets.append(
            Sheet(
                _("Repeated places"),
                [Column(_("Place"), 40, wrap=True), Column(_("Category"), 30), Column(_("Complaints"), 14)],
                [[r["place"], r["category"], r["count"]] for r in report.repeats],
                heading=heading,
            )
        )
    sheets.append(
        Sheet(
            _("Analysis"),
            [Column(_("Problem analysis"), 100, wrap=True)],
            [[s] for s in report.findings]
            + [[""], [_("Recommendations")]]
            + [[s] for s in report.recommendations],
            heading=heading,
        )
    )
    return f"{file_stem(report)}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(sheets)


def pdf(report, request=None):
    """(filename, content_type, bytes) of the report as PDF."""
    data = render_pdf("complaints/pdf/report.html", {"report": report, "org": report.org}, request=request)
    return f"{file_stem(report)}.pdf", PDF_CONTENT_TYPE, data


def _version(org, period):
    """Changes whenever a case of the period or a category changes (figures move with the date too:
    core.documents.cached keys by the day)."""
    cases = stats.cases_in(org, None, period).aggregate(n=Count("id"), last=Max("updated_at"))
    cats = Category.objects.for_org(org).aggregate(n=Count("id"), last=Max("id"))
    last = cases["last"].isoformat() if cases["last"] else ""
    return f"{cases['n']}-{last}-{cats['n']}-{cats['last']}-{documents.org_stamp(org)}"


def document(org, fiscal_year, round_months, fmt, *, public):
    """(filename, content type, bytes) of the report as PDF or Excel, built once per version of its data;
    raises ReportNotFound for a round that is not a report."""
    if fmt not in ("pdf", "xlsx"):
        raise ValueError(f"unknown format {fmt}")
    period = _period(fiscal_year, round_months)

    def make():
        report = build(org, period.fiscal_year, period.round, public=public)
        return xlsx(report) if fmt == "xlsx" else pdf(report)

    name = f"complaints.report:{org.pk}:{period.fiscal_year}:{period.round}:{'public' if public else 'staff'}"
    return documents.cached(name, _version(org, period), fmt, make)
