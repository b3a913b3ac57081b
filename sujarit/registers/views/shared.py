"""What the public and the staff pages both render: the assessment with its heat map, and its PDF."""

from sujarit.core import thai
from sujarit.core.pdf import PDF_CONTENT_TYPE, render_pdf
from sujarit.core.spreadsheet import file_response

from ..exports import assessment_context


def fiscal_year(request):
    year, _ok = thai.parse_fiscal_year(request.GET.get("year"))
    return year


def assessment_pdf(request, org, assessment):
    context = {**assessment_context(assessment), "org": org}
    data = render_pdf("registers/pdf/assessment.html", context, request=request)
    return file_response(f"{assessment.title[:80]}.pdf", PDF_CONTENT_TYPE, data, inline=True)
