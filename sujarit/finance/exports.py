"""The spending report (รายงานการใช้จ่ายงบประมาณ) of a month or a quarter as PDF (letterhead and
signatures) and Excel; the web pages show the same rows."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from sujarit.core.pdf import PDF_CONTENT_TYPE, html_to_pdf
from sujarit.core.registry import Export
from sujarit.core.spreadsheet import XLSX_CONTENT_TYPE, Column, Sheet, xlsx_bytes

from . import queries

COLUMNS = ("แผนงาน", "งาน", "หมวด", "รายการ", "ตามข้อบัญญัติ (บาท)", "โอนเพิ่ม (บาท)", "โอนลด (บาท)",
           "งบประมาณคงเหลือหลังโอน (บาท)", "เบิกจ่ายในงวด (บาท)", "เบิกจ่ายสะสม (บาท)", "คงเหลือ (บาท)",
           "ร้อยละการเบิกจ่าย")  # fmt: skip
WIDTHS = (22, 22, 18, 30, 16, 14, 14, 18, 16, 16, 16, 10)


def title(period):
    return f"รายงานการใช้จ่ายงบประมาณ {period.label}"


def _row(r):
    line = r.line
    return [line.plan, line.work, line.category, line.item, line.amount, r.transfers_in, r.transfers_out,
            r.current, r.in_period, r.to_date, r.remaining, r.used_percent if r.used_percent is not None else "-"]  # fmt: skip


def report_file(org, period, fmt):
    rows = queries.report(org, period)
    if not rows:
        raise LookupError(period.slug)
    name = f"รายงานการใช้จ่ายงบประมาณ_{period.slug}"
    if fmt == "pdf":
        html = render_to_string(
            "finance/pdf/report.html",
            {
                "org": org,
                "period": period,
                "title": title(period),
                "rows": rows,
                "totals": queries.totals(rows),
            },
        )
        return f"{name}.pdf", PDF_CONTENT_TYPE, html_to_pdf(html)
    t = queries.totals(rows)
    sheet = Sheet(
        title=period.slug,
        heading=title(period),
        subheading=org.name,
        columns=[Column(c, w, wrap=True) for c, w in zip(COLUMNS, WIDTHS, strict=True)],
        rows=[_row(r) for r in rows],
        footer_rows=[
            [
                "รวม",
                "",
                "",
                "",
                t["ordinance"],
                t["transfers_in"],
                t["transfers_out"],
                t["current"],
                t["in_period"],
                t["to_date"],
                t["remaining"],
                "",
            ]
        ],  # fmt: skip
    )
    return f"{name}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(sheet)


def year_export(org, fmt, fiscal_year):
    """The fiscal year's quarterly spending reports, for the export centre (the latest quarter begun)."""
    from django.utils import timezone

    today = timezone.localdate()
    begun = [q for q in queries.quarters(fiscal_year) if q.start <= today]
    if not begun:
        raise LookupError(fiscal_year)
    return report_file(org, begun[-1], fmt)


def register(registry):
    registry.add_export(
        Export(
            "finance.spending",
            _("Budget spending report (latest quarter)"),
            ("pdf", "xlsx"),
            year_export,
            "finance",
            permission="finance.view",
            params=("fiscal_year",),
        )
    )
