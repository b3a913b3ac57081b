"""Public statistics (page, CSV, JSON; O23), the published manuals (page, PDF; O21) and the public
6/12-month summary reports (page, PDF, Excel; the staff copy is views/staff/reports.py)."""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sujarit.core import charts
from sujarit.core.pdf import PDF_CONTENT_TYPE, render_pdf
from sujarit.core.spreadsheet import CSV_CONTENT_TYPE, csv_bytes, file_response
from sujarit.core.tenancy import public_view

from ...documents import manuals, reports
from ...models import Kind
from ...queries import stats


def _bad_year():
    return _("The fiscal year must be a Buddhist Era year such as 2568.")


def stats_charts(data):
    """Inline SVG charts of a statistics dict (the same figures are also given as tables)."""
    months = [(m["short"], [m["count"], m["closed"]]) for m in data["by_month"]]
    out = {
        "months": charts.bar_chart(
            months, title=_("Cases received and closed by month"), series=[_("Received"), _("Closed")]
        ),
        "categories": charts.bar_chart(
            [(c["label"], c["count"]) for c in data["by_category"]], title=_("Cases by category")
        ),
        "channels": charts.bar_chart(
            [(c["label"], c["count"]) for c in data["by_channel"] if c["count"]] or [(_("No cases yet"), 0)],
            title=_("Cases by channel"),
        ),
    }
    if "by_outcome" in data:
        out["outcomes"] = charts.bar_chart(
            [(o["label"], o["count"]) for o in data["by_outcome"]], title=_("Outcomes")
        )
    return out


@public_view
def stats_page(request, org, kind):
    year, ok = stats.pick_year(request.GET.get("year"))
    if not ok:
        messages.warning(request, _("That is not a fiscal year; showing %(year)s.") % {"year": year})
    data = stats.yearly(org, kind, year)
    prefix = "complaints:integrity_stats" if kind == Kind.INTEGRITY else "complaints:stats"
    ctx = {
        "kind": kind,
        "is_integrity": kind == Kind.INTEGRITY,
        "fiscal_year": year,
        "years": stats.years_with_cases(org, kind),
        "data": data,
        "charts": stats_charts(data),
        "url_page": prefix,
        "url_csv": prefix + "_csv",
        "url_json": prefix + "_json",
    }
    return render(request, "complaints/public/stats.html", ctx)


def _year_or_400(request):
    year, ok = stats.pick_year(request.GET.get("year"))
    return year if ok else None


@public_view
def stats_csv(request, org, kind):
    year = _year_or_400(request)
    if year is None:
        return HttpResponseBadRequest(_bad_year(), content_type="text/plain; charset=utf-8")
    header, rows = stats.csv_rows(stats.yearly(org, kind, year))
    name = _("Corruption complaint statistics") if kind == Kind.INTEGRITY else _("Complaint statistics")
    return file_response(f"{name} {year} {org.name}.csv", CSV_CONTENT_TYPE, csv_bytes(header, rows))


@public_view
def stats_json(request, org, kind):
    year = _year_or_400(request)
    if year is None:
        return JsonResponse({"detail": _bad_year(), "code": "bad_fiscal_year"}, status=400)
    data = stats.as_json(org, stats.yearly(org, kind, year))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data
    return response


# --- manuals --------------------------------------------------------------------------------------


def _manual(request, org, kind):
    return manuals.build(org, kind, base=request.build_absolute_uri("/").rstrip("/"))


@public_view
def manual_page(request, org, kind):
    manual = _manual(request, org, kind)
    pdf_name = "complaints:integrity_manual_pdf" if kind == Kind.INTEGRITY else "complaints:manual_pdf"
    return render(request, "complaints/public/manual.html", {"manual": manual, "url_pdf": pdf_name})


@public_view
def manual_pdf(request, org, kind):
    manual = _manual(request, org, kind)
    data = render_pdf("complaints/pdf/manual.html", {"manual": manual, "org": org}, request=request)
    return file_response(f"{manual.title} {org.name}.pdf", PDF_CONTENT_TYPE, data, inline=True)


# --- summary reports ------------------------------------------------------------------------------


def report_or_404(org, fiscal_year, round_months, public):
    try:
        return reports.build(org, fiscal_year, round_months, public=public)
    except reports.ReportNotFound:
        raise Http404(
            _("There is no complaint report for fiscal year %(year)s, round %(round)s.")
            % {"year": fiscal_year, "round": round_months}
        ) from None


def report_page(request, org, fiscal_year, round, public):
    report = report_or_404(org, fiscal_year, round, public)
    template = "complaints/public/stats_report.html" if public else "complaints/staff/report.html"
    return render(request, template, {"report": report, "charts": stats_charts(report.general)})


def _document_or_404(org, fiscal_year, round_months, fmt, public):
    try:
        return reports.document(org, fiscal_year, round_months, fmt, public=public)
    except reports.ReportNotFound:
        raise Http404(
            _("There is no complaint report for fiscal year %(year)s, round %(round)s.")
            % {"year": fiscal_year, "round": round_months}
        ) from None


def report_pdf(request, org, fiscal_year, round, public):
    return file_response(*_document_or_404(org, fiscal_year, round, "pdf", public), inline=True)


def report_xlsx(request, org, fiscal_year, round, public):
    return file_response(*_document_or_404(org, fiscal_year, round, "xlsx", public))


@public_view
def public_reports(request, org):
    return render(request, "complaints/public/stats_reports.html", {"available": reports.available(org)})


@public_view
def public_report(request, org, fiscal_year, round):
    return report_page(request, org, fiscal_year, round, public=True)


@public_view
def public_report_pdf(request, org, fiscal_year, round):
    return report_pdf(request, org, fiscal_year, round, public=True)


@public_view
def public_report_xlsx(request, org, fiscal_year, round):
    return report_xlsx(request, org, fiscal_year, round, public=True)
