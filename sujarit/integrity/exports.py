"""The yearly No Gift report (O27) for the export centre: PDF on the letterhead, and Excel."""

from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.pdf import PDF_CONTENT_TYPE, render_pdf
from sujarit.core.registry import Export
from sujarit.core.spreadsheet import XLSX_CONTENT_TYPE, Column, Sheet, xlsx_bytes

from . import queries

HEADER = (
    "วันที่",
    "ผู้ได้รับการเสนอให้",
    "ผู้ให้",
    "ของขวัญหรือประโยชน์",
    "มูลค่า (บาท)",
    "โอกาส",
    "การดำเนินการ",
    "รายละเอียด",
)


def report_title(fy):
    return f"รายงานผลตามนโยบายไม่รับของขวัญ (No Gift Policy) ปีงบประมาณ พ.ศ. {fy}"


def report_pdf(org, fy):
    context = {**queries.gift_report(org, fy), "org": org, "title": report_title(fy)}
    return render_pdf("integrity/pdf/no_gift.html", context)


def no_gift_export(org, fmt, fiscal_year=None, **params):
    fy = int(fiscal_year or thai.current_fiscal_year())
    if fmt == "pdf":
        return f"{report_title(fy)}.pdf", PDF_CONTENT_TYPE, report_pdf(org, fy)
    report = queries.gift_report(org, fy)
    rows = [
        [
            g.offered_on,
            g.recipient,
            g.giver,
            g.description,
            g.value,
            g.occasion,
            str(g.get_status_display()),
            g.handling,
        ]
        for g in report["gifts"]
    ]
    columns = [Column(h, 24 if i in (1, 2, 3, 5, 7) else 14, wrap=True) for i, h in enumerate(HEADER)]
    sheet = Sheet("No Gift", columns, rows, heading=f"{report_title(fy)} {org.name}")
    return f"{report_title(fy)}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(sheet)


def register(registry):
    registry.add_export(
        Export(
            "integrity.no_gift",
            _("No Gift Policy yearly report"),
            ("pdf", "xlsx"),
            no_gift_export,
            "integrity",
            permission="integrity.declare",
            params=("fiscal_year",),
        )
    )
