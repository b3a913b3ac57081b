from django.urls import path

from .views import public, staff

public_urlpatterns = [
    path("procurement/", public.index, name="index"),
    path("procurement/ita-<int:fiscal_year>.<str:fmt>", public.ita_file, name="ita_file"),
    path("procurement/analysis-<int:fiscal_year>/", public.analysis_page, name="analysis"),
    path("procurement/analysis-<int:fiscal_year>.<str:fmt>", public.analysis_download, name="analysis_file"),
    path("procurement/<slug:month>/", public.month, name="month"),
    path("procurement/<slug:month>.<str:fmt>", public.month_file, name="month_file"),
]

staff_urlpatterns = [
    path("procurement/", staff.projects, name="projects"),
    path("procurement/projects/new/", staff.project_edit, name="project_new"),
    path("procurement/projects/<int:pk>/", staff.project_edit, name="project_edit"),
    path("procurement/vendors/", staff.vendors, name="vendors"),
    path("procurement/vendors/new/", staff.vendor_edit, name="vendor_new"),
    path("procurement/vendors/<int:pk>/", staff.vendor_edit, name="vendor_edit"),
    path("procurement/import/", staff.import_file, name="import"),
    path("procurement/import/template.xlsx", staff.import_template, name="import_template"),
    path("procurement/analysis/", staff.analysis_page, name="analysis"),
    path("procurement/analysis-<int:fiscal_year>.<str:fmt>", staff.analysis_download, name="analysis_file"),
    path("procurement/flags/", staff.flags, name="flags"),
    path("procurement/flags/<int:fiscal_year>/<str:code>/<str:key>/", staff.flag_review, name="flag_review"),
]
