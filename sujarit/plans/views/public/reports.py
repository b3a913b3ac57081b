"""The monitoring reports (6 and 12 months) as page, PDF and Excel; the E-PlanNACC export."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from sujarit.core.pdf import PDF_CONTENT_TYPE, render_pdf
from sujarit.core.spreadsheet import file_response
from sujarit.core.tenancy import public_view, staff_view

from .. import exports, reports
from ..models import Plan


def _build(org, fiscal_year, round_months, official):
    try:
        return reports.build(org, fiscal_year, round_months, official=official)
    except reports.ReportNotFound:
        raise Http404(
            _("There is no monitoring report for fiscal year %(year)s, round %(round)s.")
            % {"year": fiscal_year, "round": round_months}
        ) from None


def _page(request, org, fiscal_year, round_months, official):
    report = _build(org, fiscal_year, round_months, official)
    template = "plans/reports/report.html" if official else "plans/reports/staff_report.html"
    return render(request, template, {"report": report})


def _pdf(request, org, fiscal_year, round_months, official):
    report = _build(org, fiscal_year, round_months, official)
    data = render_pdf("plans/reports/report_pdf.html", {"report": report, "org": org}, request=request)
    return file_response(f"{exports.report_file_stem(report)}.pdf", PDF_CONTENT_TYPE, data, inline=True)


def _xlsx(request, org, fiscal_year, round_months, official):
    report = _build(org, fiscal_year, round_months, official)
    return file_response(*exports.report_xlsx(report))


@public_view
def index(request, org):
    return render(request, "plans/reports/index.html", {"rounds": reports.available_rounds(org)})


@public_view
def report_page(request, org, fiscal_year, round):
    return _page(request, org, fiscal_year, round, official=True)


@public_view
def report_pdf(request, org, fiscal_year, round):
    return _pdf(request, org, fiscal_year, round, official=True)


@public_view
def report_xlsx(request, org, fiscal_year, round):
    return _xlsx(request, org, fiscal_year, round, official=True)


@staff_view("plans.view")
def staff_index(request, org):
    ctx = {"rounds": reports.available_rounds(org), "has_plan": Plan.objects.for_org(org).exists()}
    return render(request, "plans/reports/staff_index.html", ctx)


@staff_view("plans.view")
def staff_report_page(request, org, fiscal_year, round):
    return _page(request, org, fiscal_year, round, official=False)


@staff_view("plans.view")
def staff_report_pdf(request, org, fiscal_year, round):
    return _pdf(request, org, fiscal_year, round, official=False)


@staff_view("plans.view")
def staff_report_xlsx(request, org, fiscal_year, round):
    return _xlsx(request, org, fiscal_year, round, official=False)
