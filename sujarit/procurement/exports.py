"""The monthly summary สขร.1 (PDF, Excel) and the ITA 2568 16-field format (Excel, CSV), registered
in the export centre; the public and staff pages serve single months with the same functions."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.pdf import PDF_CONTENT_TYPE, html_to_pdf
from sujarit.core.registry import Export
from sujarit.core.spreadsheet import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Column, Sheet, csv_bytes, xlsx_bytes

from . import analysis, summary

SKR1_WIDTHS = (7, 40, 16, 16, 16, 34, 30, 24, 26)
ITA_WIDTHS = (6, 11, 30, 14, 14, 12, 20, 40, 16, 18, 20, 18, 16, 16, 30, 16)


def _title(org, month):
    return f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน{month.label}"


def skr1_sheets(org, months):
    return [
        Sheet(
            title=month.slug,
            heading=_title(org, month),
            subheading=org.name,
            columns=[Column(t, w, wrap=True) for t, w in zip(summary.SKR1_COLUMNS, SKR1_WIDTHS, strict=True)],
            rows=summary.skr1_rows(org, month),
        )
        for month in months
    ]


def skr1_pdf(org, months):
    sections = [{"month": m, "title": _title(org, m), "rows": summary.skr1_rows(org, m)} for m in months]
    html = render_to_string(
        "procurement/pdf/skr1.html", {"org": org, "sections": sections, "columns": summary.SKR1_COLUMNS}
    )
    return html_to_pdf(html)


def month_file(org, month, fmt):
    """(filename, content type, bytes) of one month's สขร.1."""
    name = f"สขร1_{month.slug}"
    if fmt == "pdf":
        return f"{name}.pdf", PDF_CONTENT_TYPE, skr1_pdf(org, [month])
    return f"{name}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(skr1_sheets(org, [month]))


def skr1_export(org, fmt, fiscal_year):
    months = summary.fiscal_months(fiscal_year)
    if not months:
        raise LookupError(fiscal_year)
    name = f"สขร1_ปีงบประมาณ_{fiscal_year}"
    if fmt == "pdf":
        return f"{name}.pdf", PDF_CONTENT_TYPE, skr1_pdf(org, months)
    return f"{name}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(skr1_sheets(org, months))


def ita_export(org, fmt, fiscal_year):
    rows = summary.ita_rows(org, fiscal_year)
    if not rows:
        raise LookupError(fiscal_year)
    name = f"ITA_สรุปผลการจัดซื้อจัดจ้าง_{fiscal_year}"
    if fmt == "csv":
        return f"{name}.csv", CSV_CONTENT_TYPE, csv_bytes(summary.ITA_COLUMNS, rows)
    sheet = Sheet(
        title=f"ITA {fiscal_year}",
        heading=f"ข้อมูลผลการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. {fiscal_year}",
        subheading=f"{org.name} ({thai.thai_date(summary.timezone.localdate())})",
        columns=[Column(t, w, wrap=True) for t, w in zip(summary.ITA_COLUMNS, ITA_WIDTHS, strict=True)],
        rows=rows,
    )
    return f"{name}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(sheet)


def register(registry):
    registry.add_export(
        Export(
            "procurement.skr1",
            _("Monthly procurement summary (สขร.1)"),
            ("pdf", "xlsx"),
            skr1_export,
            "procurement",
            permission="procurement.view",
            params=("fiscal_year",),
            document="form",
        )
    )
    registry.add_export(
        Export(
            "procurement.analysis",
            _("Annual procurement analysis"),
            ("pdf", "xlsx"),
            analysis_file,
            "procurement",
            permission="procurement.view",
            params=("fiscal_year",),
        )
    )
    registry.add_export(
        Export(
            "procurement.ita",
            _("Procurement results, ITA 16-field format"),
            ("xlsx", "csv"),
            ita_export,
            "procurement",
            permission="procurement.view",
            params=("fiscal_year",),
        )
    )


# --- the annual analysis (plan item 13) -------------------------------------------------------------

ANALYSIS_COLUMNS = ("รายการ", "จำนวนโครงการ", "วงเงินงบประมาณ (บาท)", "ราคาที่ตกลง (บาท)", "ราคากลาง (บาท)",
                    "ประหยัดได้เทียบราคากลาง (บาท)", "ร้อยละที่ประหยัดได้")  # fmt: skip
ANALYSIS_WIDTHS = (40, 12, 18, 18, 18, 20, 12)


def _analysis_rows(rows):
    return [
        [
            r.label,
            r.count,
            r.budget,
            r.agreed,
            r.reference,
            r.savings,
            r.savings_percent if r.reference else "-",
        ]
        for r in rows
    ]


def analysis_sheets(a):
    cols = [Column(t, w, wrap=True) for t, w in zip(ANALYSIS_COLUMNS, ANALYSIS_WIDTHS, strict=True)]
    total = _analysis_rows([a.total])
    sheets = [
        Sheet(title=title, heading=f"{a.title} — {heading}", subheading=a.org.name, columns=cols,
              rows=_analysis_rows(rows), footer_rows=total)
        for title, heading, rows in (
            ("ตามวิธี", "จำแนกตามวิธีการจัดซื้อจัดจ้าง", a.by_method),
            ("ตามหน่วยงาน", "จำแนกตามหน่วยงาน", a.by_unit),
            ("ตามผู้ขาย", "จำแนกตามผู้ได้รับการคัดเลือก", a.by_vendor),
        )
    ]  # fmt: skip
    sheets.append(
        Sheet(
            title="ข้อสังเกต",
            heading=f"{a.title} — ข้อสังเกตความเสี่ยง (red flags) และผลการตรวจสอบ",
            subheading=a.org.name,
            columns=[
                Column("กฎ", 18),
                Column("รายละเอียด", 60, wrap=True),
                Column("ผลการตรวจสอบ", 30, wrap=True),
                Column("บันทึก", 40, wrap=True),
            ],  # fmt: skip
            rows=[
                [
                    f.code,
                    f.message,
                    f.review.get_outcome_display() if f.review else "ยังไม่ได้ตรวจสอบ",
                    f.review.note if f.review else "-",
                ]  # fmt: skip
                for f in a.flags
            ]
            or [["-", "ไม่พบข้อสังเกตในปีงบประมาณนี้", "-", "-"]],
        )
    )
    record = a.record
    sheets.append(
        Sheet(
            title="ปัญหาและแนวทาง",
            heading=f"{a.title} — ปัญหาอุปสรรคและแนวทางปรับปรุงในปีถัดไป",
            subheading=a.org.name,
            columns=[Column("หัวข้อ", 24), Column("รายละเอียด", 90, wrap=True)],
            rows=[
                ["ปัญหาและอุปสรรค", (record.problems if record else "") or "-"],
                ["แนวทางปรับปรุงในปีงบประมาณถัดไป", (record.improvements if record else "") or "-"],
            ],
        )
    )
    return sheets


def analysis_pdf(a):
    html = render_to_string("procurement/pdf/analysis.html", {"org": a.org, "a": a})
    return html_to_pdf(html)


def analysis_file(org, fmt, fiscal_year):
    """(filename, content type, bytes) of the year's analysis; LookupError when the year has no records."""
    a = analysis.build(org, fiscal_year)
    if not a.total.count:
        raise LookupError(fiscal_year)
    name = f"วิเคราะห์การจัดซื้อจัดจ้าง_ปีงบประมาณ_{fiscal_year}"
    if fmt == "pdf":
        return f"{name}.pdf", PDF_CONTENT_TYPE, analysis_pdf(a)
    return f"{name}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(analysis_sheets(a))
