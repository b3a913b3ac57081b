"""The monitoring reports as they stand (every progress report, with its state) for staff: page, PDF
and Excel, before the round is published."""

from django.shortcuts import render

from sujarit.core.tenancy import staff_view

from ... import monitoring_report
from ...models import Plan
from .. import shared


@staff_view("plans.view")
def index(request, org):
    ctx = {"rounds": monitoring_report.available_rounds(org), "has_plan": Plan.objects.for_org(org).exists()}
    return render(request, "plans/reports/staff_index.html", ctx)


@staff_view("plans.view")
def report_page(request, org, fiscal_year, round):
    return shared.report_page(request, org, fiscal_year, round, official=False)


@staff_view("plans.view")
def report_pdf(request, org, fiscal_year, round):
    return shared.report_pdf(request, org, fiscal_year, round, official=False)


@staff_view("plans.view")
def report_xlsx(request, org, fiscal_year, round):
    return shared.report_xlsx(request, org, fiscal_year, round, official=False)
