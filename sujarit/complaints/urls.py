"""Every URL of the complaints module (mounted by sujarit/urls.py from the registry).

public_urlpatterns under /<org>/ (namespace `complaints`), staff_urlpatterns under /<org>/staff/
(`complaints_staff`), urlpatterns at the site root (`complaints_site`: Open311 GeoReport v2).
"""

from django.urls import path, re_path

from .models import Kind
from .views.public import general as public_general
from .views.public import integrity as public_integrity
from .views.public import open311, stats
from .views.staff import general as staff_general
from .views.staff import integrity as staff_integrity
from .views.staff import reports as staff_reports
from .views.staff import settings as staff_settings

R = "<int:fiscal_year>/<int:round>"

public_urlpatterns = [
    # General complaints: file, track with code and follow secret.
    path("complaints/", public_general.index, name="index"),
    path("complaints/new/", public_general.new, name="new"),
    path("complaints/track/", public_general.track, name="track"),
    path("complaints/case/<str:code>/", public_general.case_page, name="case"),
    path("complaints/case/<str:code>/files/<int:file_pk>/", public_general.case_file, name="case_file"),
    # The corruption channel: report, follow with the receipt.
    path("integrity/", public_integrity.report, name="integrity_report"),
    path("integrity/follow/", public_integrity.follow, name="integrity_follow"),
    path("integrity/case/", public_integrity.case_view, name="integrity_case"),
    path("integrity/case/files/<int:pk>/", public_integrity.case_file, name="integrity_case_file"),
    # Statistics and manuals: the same views serve both channels; the URL says which (kind).
    *(
        path(f"{prefix}/{page}", view, {"kind": kind}, name=f"{name_prefix}{name}")
        for prefix, name_prefix, kind in (
            ("complaints", "", Kind.GENERAL),
            ("integrity", "integrity_", Kind.INTEGRITY),
        )
        for page, view, name in (
            ("stats/", stats.stats_page, "stats"),
            ("stats.csv", stats.stats_csv, "stats_csv"),
            ("stats.json", stats.stats_json, "stats_json"),
            ("manual/", stats.manual_page, "manual"),
            ("manual.pdf", stats.manual_pdf, "manual_pdf"),
        )
    ),
    path("complaints/reports/", stats.public_reports, name="reports_public_index"),
    path(f"complaints/reports/{R}/", stats.public_report, name="reports_public"),
    path(f"complaints/reports/{R}.pdf", stats.public_report_pdf, name="reports_public_pdf"),
    path(f"complaints/reports/{R}.xlsx", stats.public_report_xlsx, name="reports_public_xlsx"),
]

staff_urlpatterns = [
    path("complaints/", staff_general.inbox, name="inbox"),
    path("complaints/register/", staff_general.register, name="register"),
    path("complaints/<int:pk>/", staff_general.case_page, name="case"),
    path("complaints/<int:pk>/files/<int:file_pk>/", staff_general.case_file, name="case_file"),
    path("integrity/", staff_integrity.inbox, name="integrity_inbox"),
    path("integrity/unlock/", staff_integrity.unlock, name="integrity_unlock"),
    path("integrity/grants/", staff_integrity.grants, name="integrity_grants"),
    path("integrity/<int:pk>/", staff_integrity.case_page, name="integrity_case"),
    path("integrity/<int:pk>/files/<int:file_pk>/", staff_integrity.case_file, name="integrity_file"),
    path("complaints/reports/", staff_reports.staff_reports, name="reports"),
    path(f"complaints/reports/{R}/", staff_reports.staff_report, name="report"),
    path(f"complaints/reports/{R}.pdf", staff_reports.staff_report_pdf, name="report_pdf"),
    path(f"complaints/reports/{R}.xlsx", staff_reports.staff_report_xlsx, name="report_xlsx"),
    path("complaints/settings/", staff_settings.settings_page, name="settings"),
    path("complaints/settings/categories/new/", staff_settings.category_edit, name="settings_category_new"),
    path(
        "complaints/settings/categories/<int:pk>/",
        staff_settings.category_edit,
        name="settings_category_edit",
    ),
    path("complaints/settings/holidays/", staff_settings.holiday_add, name="settings_holiday_add"),
    path(
        "complaints/settings/holidays/<int:pk>/remove/",
        staff_settings.holiday_remove,
        name="settings_holiday_remove",
    ),
]

# Open311 GeoReport v2 under /api/open311/v2/<org-slug>/, JSON or XML by the file extension.
O311 = r"^api/open311/v2/(?P<org_slug>[-a-zA-Z0-9_]+)/"
FMT = r"\.(?P<fmt>[a-z0-9]{1,10})$"

urlpatterns = [
    re_path(O311 + r"discovery" + FMT, open311.discovery, name="open311_discovery"),
    re_path(O311 + r"services" + FMT, open311.services, name="open311_services"),
    re_path(
        O311 + r"services/(?P<code>[-a-zA-Z0-9_]{1,40})" + FMT,
        open311.service_definition,
        name="open311_service",
    ),
    re_path(O311 + r"requests" + FMT, open311.requests, name="open311_requests"),
    re_path(
        O311 + r"requests/(?P<request_id>[^/.]{1,40})" + FMT, open311.request_detail, name="open311_request"
    ),
    re_path(O311 + r"tokens/(?P<token>[^/.]{1,40})" + FMT, open311.token, name="open311_token"),
]
