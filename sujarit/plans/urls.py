from django.urls import path

from .views import progress, public, staff, staff_import, summary
from .views import reports as report_views

# Each section below belongs to one part of the module; add your patterns to your section.
public_urlpatterns = [
    # plan pages (import/public)
    path("plan/", public.plan, name="plan"),
    path("plan/items/<int:number>/", public.item, name="item"),
    path("plan/goals/", public.goals, name="goals"),
    # progress summary (dashboard)
    path("plan/summary/", summary.summary, name="summary"),
    path("plan/reports/<int:pk>/evidence/<int:attachment_pk>/", summary.evidence, name="evidence"),
    # reports
    path("plan/reports/", report_views.index, name="reports"),
    path("plan/reports/<int:fiscal_year>/<int:round>/", report_views.report_page, name="report"),
    path("plan/reports/<int:fiscal_year>/<int:round>.pdf", report_views.report_pdf, name="report_pdf"),
    path("plan/reports/<int:fiscal_year>/<int:round>.xlsx", report_views.report_xlsx, name="report_xlsx"),
]

staff_urlpatterns = [
    # dashboard and progress reporting
    path("plan/", staff.dashboard, name="dashboard"),
    path(
        "plan/items/<int:number>/report/<int:fiscal_year>/<int:round>/",
        progress.report_edit,
        name="report_edit",
    ),
    path("plan/reports/<int:pk>/", progress.report_detail, name="report_detail"),
    path("plan/reports/<int:pk>/review/", progress.report_review, name="report_review"),
    path(
        "plan/reports/<int:pk>/evidence/<int:attachment_pk>/",
        progress.report_evidence,
        name="report_evidence",
    ),
    path("plan/progress/", staff.progress_list, name="progress_list"),
    path("plan/kpis/", progress.kpi_list, name="kpi_list"),
    path("plan/kpis/<int:pk>/measure/", progress.kpi_measure, name="kpi_measure"),
    path("plan/goals/<int:order>/measure/", progress.goal_measure, name="goal_measure"),
    path("plan/kpis/auto-bind/", progress.auto_bind, name="kpi_auto_bind"),
    # import and lint
    path("plan/import/", staff_import.upload, name="import"),
    path("plan/import/<int:pk>/", staff_import.preview, name="import_preview"),
    path("plan/lint/", staff_import.lint, name="lint"),
    # reports and exports
    path("plan/monitoring/", report_views.staff_index, name="monitoring_reports"),
    path(
        "plan/monitoring/<int:fiscal_year>/<int:round>/",
        report_views.staff_report_page,
        name="monitoring_report",
    ),
    path(
        "plan/monitoring/<int:fiscal_year>/<int:round>.pdf",
        report_views.staff_report_pdf,
        name="monitoring_report_pdf",
    ),
    path(
        "plan/monitoring/<int:fiscal_year>/<int:round>.xlsx",
        report_views.staff_report_xlsx,
        name="monitoring_report_xlsx",
    ),
]
