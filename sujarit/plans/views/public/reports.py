"""The official monitoring reports (6 and 12 months, approved progress only) as page, PDF and Excel."""

from django.shortcuts import render

from sujarit.core.tenancy import public_view

from ... import monitoring_report
from .. import shared


@public_view
def index(request, org):
    return render(request, "plans/reports/index.html", {"rounds": monitoring_report.available_rounds(org)})


@public_view
def report_page(request, org, fiscal_year, round):
    return shared.report_page(request, org, fiscal_year, round, official=True)


@public_view
def report_pdf(request, org, fiscal_year, round):
    return shared.report_pdf(request, org, fiscal_year, round, official=True)


@public_view
def report_xlsx(request, org, fiscal_year, round):
    return shared.report_xlsx(request, org, fiscal_year, round, official=True)
