"""Exports for the export centre: the fraud-risk assessment (PDF, Excel) and ปค.5 (PDF, Excel).

Each is func(org, fmt, fiscal_year=…) -> (filename, content_type, bytes); LookupError when the
fiscal year has nothing to export.
"""

from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.pdf import PDF_CONTENT_TYPE, render_pdf
from sujarit.core.registry import Export
from sujarit.core.spreadsheet import XLSX_CONTENT_TYPE, Column, Sheet, xlsx_bytes

from . import queries
from .heatmap import heat_map

PC5_HEADER = (
    "ภารกิจ/วัตถุประสงค์", "ความเสี่ยง", "การควบคุมภายในที่มีอยู่", "การประเมินผลการควบคุมภายใน",
    "ความเสี่ยงที่ยังมีอยู่", "การปรับปรุงการควบคุมภายใน", "กำหนดเสร็จ", "ผู้รับผิดชอบ", "สถานะ",
)  # fmt: skip
RISK_HEADER = (
    "กระบวนงาน", "เหตุการณ์ความเสี่ยง", "โอกาส", "ผลกระทบ", "คะแนน", "ระดับ", "การควบคุมที่มีอยู่",
    "มาตรการจัดการความเสี่ยง", "ผู้รับผิดชอบ", "กำหนดเสร็จ", "สถานะ", "วันที่ดำเนินการแล้วเสร็จ",
)  # fmt: skip


def _year(fiscal_year):
    return int(fiscal_year or thai.current_fiscal_year())


def assessment_context(assessment):
    """What the assessment's page, public page and PDF show: risks, treatments, the heat map."""
    risks = list(queries.risks_with_treatments(assessment))
    treatments = [t for r in risks for t in r.treatments.all()]
    return {
        "assessment": assessment,
        "risks": risks,
        "heat_map": heat_map(queries.heat_counts(assessment)),
        "treatments_total": len(treatments),
        "treatments_done": sum(1 for t in treatments if t.status == "done"),
    }


def risk_export(org, fmt, fiscal_year=None, **params):
    year = _year(fiscal_year)
    assessment = queries.assessments(org, year).first()
    if assessment is None:
        raise LookupError("no assessment")
    risks = list(queries.risks_with_treatments(assessment))
    if fmt == "pdf":
        context = {**assessment_context(assessment), "org": org}
        return (
            f"{assessment.title}.pdf",
            PDF_CONTENT_TYPE,
            render_pdf("registers/pdf/assessment.html", context),
        )
    rows = []
    for r in risks:
        base = [r.process, r.event, r.likelihood, r.impact, r.score, str(r.level.label), r.existing_controls]
        for t in r.treatments.all() or [None]:
            extra = ["", "", None, "", None] if t is None else [
                t.measure, t.owner, t.due_on, str(t.get_status_display()), t.done_on]  # fmt: skip
            rows.append(base + extra)
    columns = [Column(h, 30 if i in (0, 1, 6, 7) else 12, wrap=True) for i, h in enumerate(RISK_HEADER)]
    sheet = Sheet("ความเสี่ยง", columns, rows, heading=f"{assessment.title} {org.name}")
    return f"{assessment.title}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(sheet)


def pc5_export(org, fmt, fiscal_year=None, **params):
    year = _year(fiscal_year)
    evaluation = queries.control_evaluation(org, year)
    if evaluation is None:
        raise LookupError("no evaluation")
    improvements = list(evaluation.improvements.all())
    name = f"ปค.5 {org.name} {year}"
    if fmt == "pdf":
        context = {"org": org, "evaluation": evaluation, "rows": improvements}
        return f"{name}.pdf", PDF_CONTENT_TYPE, render_pdf("registers/pdf/pc5.html", context)
    rows = [
        [i.mission, i.risk, i.existing_control, i.assessment, i.remaining_risk, i.improvement, i.due_on, i.owner,
         str(i.get_status_display())]
        for i in improvements
    ]  # fmt: skip
    columns = [Column(h, 12 if i >= 6 else 28, wrap=True) for i, h in enumerate(PC5_HEADER)]
    sheet = Sheet(
        "ปค.5",
        columns,
        rows,
        heading=f"{org.name} รายงานการประเมินผลและการปรับปรุงการควบคุมภายใน",
        subheading=f"ณ วันที่ 30 เดือน กันยายน พ.ศ. {year}",
    )
    return f"{name}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(sheet)


def register(registry):
    registry.add_export(
        Export(
            "registers.risk",
            _("Fraud risk assessment"),
            ("pdf", "xlsx"),
            risk_export,
            "registers",
            permission="registers.view",
            params=("fiscal_year",),
        )  # fmt: skip
    )
    registry.add_export(
        Export(
            "registers.pc5",
            _("Internal control improvement plan (ปค.5)"),
            ("pdf", "xlsx"),
            pc5_export,
            "registers",
            permission="registers.view",
            params=("fiscal_year",),
        )  # fmt: skip
    )
