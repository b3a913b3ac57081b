"""The staff copy of the 6/12-month complaint summary reports (page, PDF, Excel): the same report as
the public one (views/public/stats.py) plus what only staff may read, such as repeated places."""

from django.shortcuts import render

from sujarit.core.tenancy import staff_view

from ...documents import reports
from ..public.stats import report_page, report_pdf, report_xlsx


@staff_view("complaints.reports")
def staff_reports(request, org):
    return render(request, "complaints/staff/report_index.html", {"available": reports.available(org)})


@staff_view("complaints.reports")
def staff_report(request, org, fiscal_year, round):
    return report_page(request, org, fiscal_year, round, public=False)


@staff_view("complaints.reports")
def staff_report_pdf(request, org, fiscal_year, round):
    return report_pdf(request, org, fiscal_year, round, public=False)


@staff_view("complaints.reports")
def staff_report_xlsx(request, org, fiscal_year, round):
    return report_xlsx(request, org, fiscal_year, round, public=False)
