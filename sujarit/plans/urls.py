from django.urls import path

from .views import progress, public, staff, staff_import, summary

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
    path("plan/kpis/", progress.kpi_list, name="kpi_list"),
    path("plan/kpis/<int:pk>/measure/", progress.kpi_measure, name="kpi_measure"),
    # import and lint
    path("plan/import/", staff_import.upload, name="import"),
    path("plan/import/<int:pk>/", staff_import.preview, name="import_preview"),
    path("plan/lint/", staff_import.lint, name="lint"),
    # reports and exports
]
