"""Public statistics (page, CSV, JSON; O23), the published manuals (page, PDF; O21) and the 6/12-month
summary reports (public and staff: page, PDF, Excel)."""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from sujarit.core import charts
from sujarit.core.pdf import PDF_CONTENT_TYPE, render_pdf
from sujarit.core.spreadsheet import CSV_CONTENT_TYPE, csv_bytes, file_response
from sujarit.core.tenancy import public_view, staff_view

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


def _report(org, fiscal_year, round_months, public):
    try:
        return reports.build(org, fiscal_year, round_months, public=public)
    except reports.ReportNotFound:
        raise Http404(
            _("There is no complaint report for fiscal year %(year)s, round %(round)s.")
            % {"year": fiscal_year, "round": round_months}
        ) from None


def _report_page(request, org, fiscal_year, round, public):
    report = _report(org, fiscal_year, round, public)
    template = "complaints/public/stats_report.html" if public else "complaints/staff/report.html"
    return render(request, template, {"report": report, "charts": stats_charts(report.general)})


def _report_pdf(request, org, fiscal_year, round, public):
    report = _report(org, fiscal_year, round, public)
    return file_response(*reports.pdf(report, request=request), inline=True)


def _report_xlsx(request, org, fiscal_year, round, public):
    return file_response(*reports.xlsx(_report(org, fiscal_year, round, public)))


@public_view
def public_reports(request, org):
    return render(request, "complaints/public/stats_reports.html", {"available": reports.available(org)})


@public_view
def public_report(request, org, fiscal_year, round):
    return _report_page(request, org, fiscal_year, round, public=True)


@public_view
def public_report_pdf(request, org, fiscal_year, round):
    return _report_pdf(request, org, fiscal_year, round, public=True)


@public_view
def public_report_xlsx(request, org, fiscal_year, round):
    return _report_xlsx(request, org, fiscal_year, round, public=True)


@staff_view("complaints.reports")
def staff_reports(request, org):
    return render(request, "complaints/staff/report_index.html", {"available": reports.available(org)})


@staff_view("complaints.reports")
def staff_report(request, org, fiscal_year, round):
    return _report_page(request, org, fiscal_year, round, public=False)


@staff_view("complaints.reports")
def staff_report_pdf(request, org, fiscal_year, round):
    return _report_pdf(request, org, fiscal_year, round, public=False)


@staff_view("complaints.reports")
def staff_report_xlsx(request, org, fiscal_year, round):
    return _report_xlsx(request, org, fiscal_year, round, public=False)


R = "<int:fiscal_year>/<int:round>"
public_urls = [
    # The same views serve both channels; the URL says which (kind).
    *(
        path(f"{prefix}/{page}", view, {"kind": kind}, name=f"{name_prefix}{name}")
        for prefix, name_prefix, kind in (
            ("complaints", "", Kind.GENERAL),
            ("integrity", "integrity_", Kind.INTEGRITY),
        )
        for page, view, name in (
            ("stats/", stats_page, "stats"),
            ("stats.csv", stats_csv, "stats_csv"),
            ("stats.json", stats_json, "stats_json"),
            ("manual/", manual_page, "manual"),
            ("manual.pdf", manual_pdf, "manual_pdf"),
        )
    ),
    path("complaints/reports/", public_reports, name="reports_public_index"),
    path(f"complaints/reports/{R}/", public_report, name="reports_public"),
    path(f"complaints/reports/{R}.pdf", public_report_pdf, name="reports_public_pdf"),
    path(f"complaints/reports/{R}.xlsx", public_report_xlsx, name="reports_public_xlsx"),
]
staff_urls = [
    path("complaints/reports/", staff_reports, name="reports"),
    path(f"complaints/reports/{R}/", staff_report, name="report"),
    path(f"complaints/reports/{R}.pdf", staff_report_pdf, name="report_pdf"),
    path(f"complaints/reports/{R}.xlsx", staff_report_xlsx, name="report_xlsx"),
]
