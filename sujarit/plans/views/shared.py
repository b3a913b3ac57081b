"""What the public and the staff pages of the plan both render: the progress charts, a fiscal year's
figures, an evidence file, and the monitoring report as page, PDF or Excel."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from sujarit.core import charts, files, thai
from sujarit.core.spreadsheet import file_response

from .. import exports, monitoring_report
from ..services.kpis import KPIStatus
from ..services.summary import figures, pick_year


def charts_for(fig):
    """The dashboard's charts as inline SVG (the same figures are also given as tables)."""
    dims = [(f"{d.dimension.number}. {d.dimension.name}", d.average_percent or 0) for d in fig.dimensions]
    budget = [(str(b.fiscal_year), [b.planned, b.spent]) for b in fig.budgets]
    counts = fig.kpi_counts
    kpis = [(KPIStatus(s).label, counts.get(s, 0)) for s in KPIStatus.values]
    return {
        "dimensions": charts.bar_chart(
            dims, title=_("Average percent done by dimension"), max_value=100, fmt=lambda v: f"{v} %"
        ),
        "budget": charts.bar_chart(
            budget,
            title=_("Budget planned and spent by fiscal year (baht)"),
            series=[_("Planned"), _("Spent")],
            fmt=thai.baht,
        ),
        "kpis": charts.bar_chart(kpis, title=_("KPIs by status"), fmt=str),
    }


def year_figures(request, org, plan, *, approved_only):
    """(fiscal year, figures) for ?year=…; a year outside the plan's cycle falls back, with a message."""
    year, ok = pick_year(plan, request.GET.get("year"))
    if not ok:
        messages.warning(
            request, _("That fiscal year is not in the plan's cycle; showing %(year)s.") % {"year": year}
        )
    return year, figures(org, plan, year, approved_only=approved_only)


def evidence_response(att):
    """PDF and pictures open in the browser (sandboxed), other files download; the name's extension is
    the detected type's (core.files.serve)."""
    resp = files.serve(att.file.open("rb"), att.original_name, att.content_type, inline=True)
    resp["Cache-Control"] = "private, no-store"
    return resp


def _build_report(org, fiscal_year, round_months, official):
    try:
        return monitoring_report.build(org, fiscal_year, round_months, official=official)
    except monitoring_report.ReportNotFound:
        raise Http404(
            _("There is no monitoring report for fiscal year %(year)s, round %(round)s.")
            % {"year": fiscal_year, "round": round_months}
        ) from None


def report_page(request, org, fiscal_year, round_months, official):
    report = _build_report(org, fiscal_year, round_months, official)
    template = "plans/reports/report.html" if official else "plans/reports/staff_report.html"
    return render(request, template, {"report": report})


def _document(org, fiscal_year, round_months, fmt, official):
    try:
        return exports.monitoring_document(org, fiscal_year, round_months, fmt, official=official)
    except monitoring_report.ReportNotFound:
        raise Http404(
            _("There is no monitoring report for fiscal year %(year)s, round %(round)s.")
            % {"year": fiscal_year, "round": round_months}
        ) from None


def report_pdf(request, org, fiscal_year, round_months, official):
    filename, content_type, data = _document(org, fiscal_year, round_months, "pdf", official)
    return file_response(filename, content_type, data, inline=True)


def report_xlsx(request, org, fiscal_year, round_months, official):
    return file_response(*_document(org, fiscal_year, round_months, "xlsx", official))
