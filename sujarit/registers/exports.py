"""Exports for the export centre: the fraud-risk assessment (PDF, Excel) and ปค.5 (PDF, Excel).

Each is func(org, fmt, fiscal_year=…) -> (filename, content_type, bytes); LookupError when the
fiscal year has nothing to export.
"""

from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.documents import executive_title
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


DOC_TITLES = {
    "pc1": "หนังสือรับรองการประเมินผลการควบคุมภายใน (ระดับหน่วยงานของรัฐ)",
    "pc4": "รายงานการประเมินองค์ประกอบของการควบคุมภายใน",
    "pc6": "รายงานการสอบทานการประเมินผลการควบคุมภายในของผู้ตรวจสอบภายใน",
}
# An อบต. or a เทศบาลตำบล sends its report to the district chief, the others to the governor
# (standard 2561, clause 9).
TO_DISTRICT = {"sao", "tambon_muni"}


def addressee(org):
    if org.org_type in TO_DISTRICT or not org.province:
        return f"นายอำเภอ{org.district}" if org.district else "นายอำเภอ"
    return f"ผู้ว่าราชการจังหวัด{org.province}"


def control_document_context(org, evaluation, form):
    """What ปค.1, ปค.4 and ปค.6 print; LookupError when the year has not got that far."""
    if form == "pc4" and not evaluation.components_done:
        raise LookupError("no ปค.4")
    if form == "pc6" and not evaluation.reviewed_on:
        raise LookupError("no ปค.6")
    if form == "pc1" and not evaluation.improvements.exists():
        raise LookupError("no ปค.5 behind the ปค.1")
    year_end = f"30 เดือน กันยายน พ.ศ. {evaluation.fiscal_year}"
    return {
        "org": org,
        "evaluation": evaluation,
        "rows": list(evaluation.improvements.exclude(status="done")) if form == "pc1" else [],
        "doc_title": DOC_TITLES[form],
        "year_line": f"ณ วันที่ {year_end}" if form == "pc4" else f"สำหรับปีสิ้นสุดวันที่ {year_end}",
        "year_end": year_end,
        "executive": executive_title(org),
        "addressee": addressee(org),
    }


def control_document_pdf(org, evaluation, form, request=None):
    context = control_document_context(org, evaluation, form)
    return render_pdf(f"registers/pdf/{form}.html", context, request=request)


def _control_sheet(org, evaluation, form):
    context = control_document_context(org, evaluation, form)
    heading, sub = f"{org.name} {DOC_TITLES[form]}", context["year_line"]
    if form == "pc4":
        rows = [[label, text] for label, text in evaluation.component_rows]
        rows.append(["ผลการประเมินโดยรวม", evaluation.overall])
        columns = [
            Column("องค์ประกอบของการควบคุมภายใน", 40, wrap=True),
            Column("ผลการประเมิน/ข้อสรุป", 80, wrap=True),
        ]
        return Sheet("ปค.4", columns, rows, heading=heading, subheading=sub)
    if form == "pc6":
        rows = [
            ["ผลการสอบทาน", evaluation.review_findings],
            ["ผู้ตรวจสอบภายใน", evaluation.auditor_name],
            ["ตำแหน่ง", evaluation.auditor_position],
            ["วันที่สอบทาน", evaluation.reviewed_on],
        ]
        return Sheet(
            "ปค.6", [Column("", 24), Column("", 90, wrap=True)], rows, heading=heading, subheading=sub
        )
    rows = [["เรียน", context["addressee"]], ["ผู้รับรอง", executive_title(org)],
            ["วันที่รับรอง", evaluation.certified_on]]  # fmt: skip
    rows += [
        [f"ความเสี่ยงที่ยังมีอยู่ {n}", f"{r.risk} การปรับปรุง {r.improvement}"]
        for n, r in enumerate(context["rows"], 1)
    ]
    return Sheet("ปค.1", [Column("", 24), Column("", 90, wrap=True)], rows, heading=heading, subheading=sub)


def _control_export(form):
    def export(org, fmt, fiscal_year=None, **params):
        year = _year(fiscal_year)
        evaluation = queries.control_evaluation(org, year)
        if evaluation is None:
            raise LookupError("no evaluation")
        name = f"{form.replace('pc', 'ปค.')} {org.name} {year}"
        if fmt == "pdf":
            return f"{name}.pdf", PDF_CONTENT_TYPE, control_document_pdf(org, evaluation, form)
        return f"{name}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(_control_sheet(org, evaluation, form))

    return export


CONTROL_EXPORTS = (
    ("pc4", _("Assessment of the five components of internal control (ปค.4)")),
    ("pc6", _("Internal auditor's review of the evaluation (ปค.6)")),
    ("pc1", _("Internal control certification letter (ปค.1)")),
)


def register(registry):
    for form, label in CONTROL_EXPORTS:
        registry.add_export(
            Export(
                f"registers.{form}",
                label,
                ("pdf", "xlsx"),
                _control_export(form),
                "registers",
                permission="registers.view",
                params=("fiscal_year",),
                document="form",
            )  # fmt: skip
        )
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
