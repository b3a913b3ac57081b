"""Public pages: the yearly No Gift report (O27) with its PDF, and a signed announcement (O25)."""

from django.shortcuts import get_object_or_404, render

from sujarit.core import thai
from sujarit.core.pdf import PDF_CONTENT_TYPE
from sujarit.core.spreadsheet import file_response
from sujarit.core.tenancy import public_view

from .. import queries
from ..exports import report_pdf, report_title
from ..models import Announcement


def _year(request):
    year, _ok = thai.parse_fiscal_year(request.GET.get("year"))
    return year


@public_view
def no_gift(request, org):
    year = _year(request)
    context = {
        **queries.gift_report(org, year),
        "org": org,
        "title": report_title(year),
        "years": range(thai.current_fiscal_year(), 2565, -1),
    }
    return render(request, "integrity/public/no_gift.html", context)


@public_view
def no_gift_pdf(request, org, fiscal_year):
    return file_response(
        f"{report_title(fiscal_year)}.pdf", PDF_CONTENT_TYPE, report_pdf(org, fiscal_year), inline=True
    )


@public_view
def announcement(request, org, pk):
    a = get_object_or_404(Announcement.objects.for_org(org), pk=pk)
    return render(request, "integrity/public/announcement.html", {"org": org, "announcement": a})
