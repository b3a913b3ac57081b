"""Public pages: the organization's procurement of a fiscal year and its monthly summaries (สขร.1)."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.spreadsheet import file_response
from sujarit.core.tenancy import public_view

from .. import analysis, exports, queries, summary
from ..models import AnnualAnalysis


def _month(slug):
    """The month of a '2568-01' slug; 404 for a malformed slug or a month that has not begun."""
    try:
        month = summary.Month.from_slug(slug)
    except ValueError:
        raise Http404(slug) from None
    if month.first > timezone.localdate():
        raise Http404(slug)
    return month


@public_view
def index(request, org):
    fy, _ok = thai.parse_fiscal_year(request.GET.get("fy"))
    months = []
    for m in summary.fiscal_months(fy):
        projects = summary.month_projects(org, m)
        months.append({"month": m, "projects": projects})
    ctx = {
        "fy": fy,
        "years": queries.fiscal_years(org),
        "months": list(reversed(months)),
        "totals": queries.year_totals(org, fy),
        "analyses": AnnualAnalysis.objects.for_org(org)
        .filter(published_at__isnull=False)
        .order_by("-fiscal_year"),
    }
    return render(request, "procurement/public/index.html", ctx)


@public_view
def month(request, org, month):
    m = _month(month)
    projects = summary.month_projects(org, m)
    ctx = {"month": m, "projects": projects, "none_text": summary.NONE_TEXT}
    return render(request, "procurement/public/month.html", ctx)


@public_view
def month_file(request, org, month, fmt):
    m = _month(month)
    if fmt not in ("pdf", "xlsx"):
        raise Http404(fmt)
    filename, content_type, data = exports.month_file(org, m, fmt)
    return file_response(filename, content_type, data, inline=fmt == "pdf")


@public_view
def ita_file(request, org, fiscal_year, fmt):
    """The fiscal year in the ITA 16-field format (Excel or CSV), as the ITA asks it published."""
    if fmt not in ("xlsx", "csv"):
        raise Http404(fmt)
    try:
        filename, content_type, data = exports.ita_export(org, fmt, fiscal_year)
    except LookupError:
        raise Http404(fiscal_year) from None
    return file_response(filename, content_type, data)


def _published(org, fiscal_year):
    a = analysis.build(org, fiscal_year)
    if not a.published:
        raise Http404(fiscal_year)
    return a


@public_view
def analysis_page(request, org, fiscal_year):
    """The published annual procurement analysis (plan item 13), with its PDF and Excel files."""
    a = _published(org, fiscal_year)
    return render(request, "procurement/public/analysis.html", {"a": a, "fy": fiscal_year})


@public_view
def analysis_download(request, org, fiscal_year, fmt):
    if fmt not in ("pdf", "xlsx"):
        raise Http404(fmt)
    _published(org, fiscal_year)
    filename, content_type, data = exports.analysis_file(org, fmt, fiscal_year)
    return file_response(filename, content_type, data, inline=fmt == "pdf")
