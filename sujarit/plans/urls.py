from django.urls import path

from .views.public import plan as plan_pages
from .views.public import reports as public_reports
from .views.public import summary
from .views.staff import dashboard, importing, progress
from .views.staff import reports as staff_reports

# Each section below belongs to one part of the module; add your patterns to your section.
public_urlpatterns = [
    # plan pages (import/public)
    path("plan/", plan_pages.plan, name="plan"),
    path("plan/items/<int:number>/", plan_pages.item, name="item"),
    path("plan/goals/", plan_pages.goals, name="goals"),
    # progress summary (dashboard)
    path("plan/summary/", summary.summary, name="summary"),
    path("plan/reports/<int:pk>/evidence/<int:attachment_pk>/", summary.evidence, name="evidence"),
    # reports
    path("plan/reports/", public_reports.index, name="reports"),
    path("plan/reports/<int:fiscal_year>/<int:round>/", public_reports.report_page, name="report"),
    path("plan/reports/<int:fiscal_year>/<int:round>.pdf", public_reports.report_pdf, name="report_pdf"),
    path("plan/reports/<int:fiscal_year>/<int:round>.xlsx", public_reports.report_xlsx, name="report_xlsx"),
]

staff_urlpatterns = [
    # dashboard and progress reporting
    path("plan/", dashboard.dashboard, name="dashboard"),
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
    path("plan/progress/", dashboard.progress_list, name="progress_list"),
    path("plan/kpis/", progress.kpi_list, name="kpi_list"),
    path("plan/kpis/<int:pk>/measure/", progress.kpi_measure, name="kpi_measure"),
    path("plan/goals/<int:order>/measure/", progress.goal_measure, name="goal_measure"),
    path("plan/kpis/auto-bind/", progress.auto_bind, name="kpi_auto_bind"),
    # import and lint
    path("plan/import/", importing.upload, name="import"),
    path("plan/import/<int:pk>/", importing.preview, name="import_preview"),
    path("plan/lint/", importing.lint, name="lint"),
    path("plan/items/<int:number>/unit/", importing.item_unit, name="item_unit"),
    # reports and exports
    path("plan/monitoring/", staff_reports.index, name="monitoring_reports"),
    path(
        "plan/monitoring/<int:fiscal_year>/<int:round>/",
        staff_reports.report_page,
        name="monitoring_report",
    ),
    path(
        "plan/monitoring/<int:fiscal_year>/<int:round>.pdf",
        staff_reports.report_pdf,
        name="monitoring_report_pdf",
    ),
    path(
        "plan/monitoring/<int:fiscal_year>/<int:round>.xlsx",
        staff_reports.report_xlsx,
        name="monitoring_report_xlsx",
    ),
]
