"""Exports in the export centre: the yearly statistics (CSV, Excel) and the 6/12-month report (PDF, Excel)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core import thai
from sujarit.core.registry import Export
from sujarit.core.spreadsheet import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Column, Sheet, csv_bytes, xlsx_bytes

from .documents import reports
from .models import Kind
from .queries import stats


def stats_export(org, fmt, fiscal_year=None, **params):
    """Registry export: both channels' statistics of the fiscal year, one figure per row."""
    fiscal_year = fiscal_year or thai.current_fiscal_year()
    header, rows = None, []
    for kind in (Kind.GENERAL, Kind.INTEGRITY):
        header, kind_rows = stats.csv_rows(stats.yearly(org, kind, fiscal_year))
        rows += kind_rows
    base = f"{_('Complaint statistics')} {fiscal_year} {org.name}"
    if fmt == "csv":
        return f"{base}.csv", CSV_CONTENT_TYPE, csv_bytes(header, rows)
    if fmt != "xlsx":
        raise ValueError(f"unknown format {fmt}")
    widths = (12, 14, 14, 16, 40, 14)
    sheet = Sheet(
        str(fiscal_year),
        [
            Column(title, width, wrap=i == 4)
            for i, (title, width) in enumerate(zip(header, widths, strict=True))
        ],
        rows,
        heading=f"{_('Complaint statistics')} — {org.name}",
        subheading=_("Fiscal year %(year)s") % {"year": fiscal_year},
    )
    return f"{base}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(sheet)


def report_export(org, fmt, fiscal_year=None, round=12, **params):
    """Registry export: the summary report of (fiscal_year, round), staff copy, as PDF or Excel."""
    return reports.document(org, fiscal_year or thai.current_fiscal_year(), round, fmt, public=False)


def register(registry):
    registry.add_export(
        Export(
            "complaints.stats",
            gettext_lazy("Complaint statistics of the fiscal year (both channels)"),
            ("csv", "xlsx"),
            stats_export,
            "complaints",
            permission="complaints.reports",
            params=("fiscal_year",),
        )
    )
    registry.add_export(
        Export(
            "complaints.report",
            gettext_lazy("Complaint summary report (6/12 months)"),
            ("pdf", "xlsx"),
            report_export,
            "complaints",
            permission="complaints.reports",
            params=("fiscal_year", "round"),
        )
    )
