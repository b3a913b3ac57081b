"""Exports: the plan with E-PlanNACC's plan-item fields (Excel, CSV) and the monitoring report (Excel).

E-PlanNACC is filled in by hand; this export puts each field where its form asks for it. The column
titles are E-PlanNACC's own (Thai) field names, so they are written in Thai, not translated.
Target groups become E-PlanNACC's tick boxes by keyword (`target_groups`); the plan's own wording is
kept beside them so the coordinator can check the ticks.
"""

import io
import re

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.cell import coordinate_from_string

from sujarit.core import documents, thai
from sujarit.core.pdf import PDF_CONTENT_TYPE, render_pdf
from sujarit.core.spreadsheet import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Column, Sheet, csv_bytes, xlsx_bytes

from . import monitoring_report, queries
from .models import CannotDoReason, ItemStatus, ItemType, Plan
from .services import kpi_text
from .services.progress import plan_for_year

NO_BUDGET = "ไม่ใช้งบประมาณ"
NOT_STATED = "ไม่ได้ระบุ"
TICK = "✓"
TYPE_NAMES = {
    ItemType.PROJECT: "โครงการ",
    ItemType.MEASURE: "มาตรการ",
    ItemType.ACTIVITY: "กิจกรรม",
    ItemType.GUIDELINE: "แนวปฏิบัติงาน",
}
# E-PlanNACC's target-group tick boxes, each with the words of a plan that mean it.
TARGET_GROUPS = [
    ("ข้าราชการการเมืองฝ่ายบริหาร", r"ผู้บริหาร|นายก|ฝ่ายบริหาร|ข้าราชการการเมือง(?!ฝ่ายสภา)"),
    ("ข้าราชการการเมืองฝ่ายสภาท้องถิ่น", r"สมาชิกสภา|สภาท้องถิ่น|สภาองค์การ|สภาเทศบาล|ฝ่ายสภา"),
    (
        "ข้าราชการส่วนท้องถิ่น/ลูกจ้าง/พนักงานจ้าง",
        r"ข้าราชการ(?!การเมือง)|พนักงาน|ลูกจ้าง|บุคลากร|เจ้าหน้าที่|ผู้ปฏิบัติงาน|ปฏิบัติงานด้าน|ฝ่ายประจำ"
        r"|หน่วยงานภายใน|สำนัก\s*กอง|ส่วนราชการภายใน",
    ),
    ("เด็กและเยาวชน", r"เด็ก(?!เล็ก)|เยาวชน|นักเรียน|นักศึกษา"),
    ("ประชาชน/ภาคประชาสังคม", r"ประชาชน|ประชาสังคม|ชุมชน|หมู่บ้าน|ภาคประชา|บุคคลในเขต|ผู้รับบริการ"),
    ("สถานศึกษา", r"สถานศึกษา|โรงเรียน|ศูนย์พัฒนาเด็กเล็ก|วิทยาลัย|มหาวิทยาลัย"),
    (
        "หน่วยงานภาครัฐ",
        r"ภาครัฐ(?!วิสาหกิจ)|หน่วยงานของรัฐ|หน่วยงานราชการ|ส่วนราชการ(?!ภายใน)|หน่วยงาน(?!ภายใน)(?=\s|$|และ)",
    ),
    ("รัฐวิสาหกิจ", r"รัฐวิสาหกิจ"),
    ("ภาคธุรกิจเอกชน", r"เอกชน|ภาคธุรกิจ|ผู้ประกอบการ|บริษัท|ห้างร้าน"),
]
_TARGET_RES = [(name, re.compile(pattern)) for name, pattern in TARGET_GROUPS]

# Fiscal quarters: Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep
_MONTHS = [(i + 1, name) for i, name in enumerate(thai.MONTHS)] + [
    (i + 1, name) for i, name in enumerate(thai.MONTHS_SHORT)
]
_MONTH_RE = re.compile("|".join(re.escape(name) for _n, name in sorted(_MONTHS, key=lambda t: -len(t[1]))))
_MONTH_OF = {name: n for n, name in _MONTHS}
_RANGE_SEP = re.compile(r"^\s*(?:\d{4})?\s*(?:-|–|—|ถึง|จนถึง)\s*$")


def target_groups(text):
    """The E-PlanNACC tick boxes a plan's target-group text means (in the form's order)."""
    text = text or ""
    return [name for name, pattern in _TARGET_RES if pattern.search(text)]


def fiscal_quarter(month):
    return (month - 10) % 12 // 3 + 1


def quarters(duration):
    """Fiscal quarters (1–4) an item runs in, from its duration text; all four when it names no month."""
    found = [(m.start(), m.end(), _MONTH_OF[m.group()]) for m in _MONTH_RE.finditer(duration or "")]
    if not found:
        return [1, 2, 3, 4]
    months = set()
    for i, (_start, end, month) in enumerate(found):
        months.add(month)
        if i + 1 < len(found) and _RANGE_SEP.match(duration[end : found[i + 1][0]]):
            last = found[i + 1][2]
            m = month
            while m != last:  # walk the range in calendar order, wrapping past December
                m = m % 12 + 1
                months.add(m)
    return sorted({fiscal_quarter(m) for m in months})


def _years(item, budgets):
    years = sorted(b.fiscal_year for b in budgets)
    return years or item.plan.fiscal_years


def _objectives(item):
    objectives = item.objectives or []
    if isinstance(objectives, str):
        return objectives
    return (
        "\n".join(f"{i}. {o}" for i, o in enumerate(objectives, start=1))
        if len(objectives) > 1
        else "".join(objectives)
    )


def eplan_rows(org, plan, fiscal_year=None):
    """(header, rows) of the E-PlanNACC export; fiscal_year limits the budget to one year."""
    years = [fiscal_year] if fiscal_year else plan.fiscal_years
    header = [
        "ลำดับ",
        "ชื่อโครงการ/กิจกรรม/มาตรการ",
        "แผนปฏิบัติการ (รอบ)",
        "ปีที่ดำเนินการ",
        "ประเภท",
        "ไตรมาส 1",
        "ไตรมาส 2",
        "ไตรมาส 3",
        "ไตรมาส 4",
        "มิติ",
        "ภารกิจตามมิติ",
        *[f"งบประมาณ {y} (บาท)" for y in years],
        *[f"กลุ่มเป้าหมาย: {name}" for name, _p in TARGET_GROUPS],
        "กลุ่มเป้าหมาย (ตามแผน)",
        "วัตถุประสงค์",
        "หมายเหตุ",
    ]
    items = plan.items.select_related("dimension", "mission").prefetch_related("budgets").order_by("number")
    rows = []
    for item in items:
        budgets = list(item.budgets.all())
        by_year = {b.fiscal_year: b.amount for b in budgets}
        groups = set(target_groups(item.target_group))
        qs = quarters(item.duration)
        budget_cells = []
        for y in years:
            amount = by_year.get(y)
            if item.uses_budget is None:
                budget_cells.append(NOT_STATED)
            else:
                budget_cells.append(amount if item.uses_budget and amount else NO_BUDGET)
        note = []
        if item.responsible_text:
            note.append(f"ผู้รับผิดชอบ: {item.responsible_text}")
        if item.budget_text and not item.uses_budget and item.budget_text != NO_BUDGET:
            note.append(f"งบประมาณตามแผน: {item.budget_text}")
        rows.append(
            [
                item.number,
                item.name,
                f"{plan.first_year}–{plan.last_year}",
                ", ".join(str(y) for y in _years(item, budgets)),
                TYPE_NAMES.get(item.item_type, item.item_type),
                *[TICK if q in qs else "" for q in (1, 2, 3, 4)],
                item.dimension.number,
                f"{item.mission.code} {item.mission.name}" if item.mission else "",
                *budget_cells,
                *[TICK if name in groups else "" for name, _p in TARGET_GROUPS],
                item.target_group,
                _objectives(item),
                "\n".join(note),
            ]
        )
    return header, rows


def paint_cells(data, cells):
    """The workbook `data` with the result cells {(data row index, column index): Colour} filled in
    E-PlanNACC's colour (white text)."""
    if not cells:
        return data
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    first_data_row = coordinate_from_string(ws.freeze_panes)[1]  # core.spreadsheet freezes below the header
    for (index, col), colour in cells.items():
        cell = ws.cell(first_data_row + index, col + 1)
        cell.fill = PatternFill("solid", start_color=colour.hex, end_color=colour.hex)
        cell.font = Font(name=cell.font.name, size=cell.font.size, bold=True, color="FFFFFF")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _latest_plan(org):
    return Plan.objects.for_org(org).order_by("-first_year").first()


def eplan_export(org, fmt, plan=None, fiscal_year=None, **params):
    """Registry export: (filename, content_type, bytes) of the plan with E-PlanNACC's fields."""
    plan = plan or _latest_plan(org)
    if plan is None:
        raise LookupError("no plan")
    header, rows = eplan_rows(org, plan, fiscal_year)
    base = f"E-PlanNACC {org.name} {plan.first_year}-{plan.last_year}"
    if fmt == "csv":
        return f"{base}.csv", CSV_CONTENT_TYPE, csv_bytes(header, rows)
    if fmt != "xlsx":
        raise ValueError(f"unknown format {fmt}")
    widths = {1: 50, 3: 16, 10: 40, len(header) - 3: 40, len(header) - 2: 50, len(header) - 1: 30}
    columns = [
        Column(title, widths.get(i, 14 if "งบประมาณ" in title else 10 if i else 7), wrap=True)
        for i, title in enumerate(header)
    ]
    sheet = Sheet(
        "E-PlanNACC",
        columns,
        rows,
        heading=f"{plan.title} {org.name}",
        subheading=_("Plan items with E-PlanNACC's fields"),
    )
    return f"{base}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(sheet)


# --- the progress of a round, in E-PlanNACC's progress form's order -----------------------------

# E-PlanNACC's status codes and words (its progress form: 2 in progress, 3 done, 4 cannot be carried out)
STATUS_CODES = {
    ItemStatus.NOT_STARTED: ("1", "ยังไม่ดำเนินการ"),
    ItemStatus.IN_PROGRESS: ("2", "อยู่ระหว่างดำเนินการ"),
    ItemStatus.DONE: ("3", "แล้วเสร็จ"),
    ItemStatus.CANNOT_DO: ("4", "ไม่สามารถดำเนินการได้"),
}
REASON_NAMES = {
    CannotDoReason.NO_BUDGET: "ไม่ได้รับงบประมาณ",
    CannotDoReason.POLICY_CHANGED: "นโยบายผู้บริหารเปลี่ยน",
    CannotDoReason.NOT_ENOUGH_STAFF: "บุคลากรไม่เพียงพอ",
    CannotDoReason.OTHER: "อื่น ๆ",
}
PROGRESS_HEADER = [
    "ลำดับ",
    "ชื่อโครงการ/กิจกรรม/มาตรการ",
    "มิติ",
    "ปีงบประมาณ",
    "รอบการรายงาน",
    "งบประมาณตามข้อบัญญัติ/เทศบัญญัติ (บาท)",
    "งบประมาณที่เบิกจ่าย (บาท)",
    "บรรจุไว้ในข้อบัญญัติ/เทศบัญญัติ/แผนการดำเนินงาน",
    "สถานะ (รหัส)",
    "สถานะ",
    "เหตุผลที่ไม่สามารถดำเนินการได้",
    "เหตุผลอื่น ๆ (ระบุ)",
    "หมายเหตุ",
    # after E-PlanNACC's fields: what the coordinator checks before copying
    "ร้อยละความก้าวหน้า",
    "ผลการดำเนินงาน (สี)",
    "สถานะรายงานในระบบ",
]


def eplan_progress_rows(report):
    """(header, rows, colours) of a MonitoringReport's items in E-PlanNACC's progress-form order.

    The staff report (every report as it stands) is read, and the report's own state is the last
    column, so nothing unapproved is copied unnoticed. `colours` maps a row index to its Colour."""
    rows, colours = [], {}
    round_name = f"{report.round} เดือน"
    for row in report.rows:
        r = row.report
        code, word = STATUS_CODES.get(row.status, ("", "ยังไม่รายงาน"))
        reason = r.reason if r is not None and row.status == ItemStatus.CANNOT_DO else ""
        if row.carried:
            word = f"{word} (ปี {row.done_since[0]} รอบ {row.done_since[1]} เดือน)"
        in_ordinance = "" if r is None or r.in_ordinance is None else (TICK if r.in_ordinance else "ไม่บรรจุ")
        if row.colour is not None:
            colours[len(rows)] = row.colour
        rows.append(
            [
                row.item.number,
                row.item.name,
                row.item.dimension.number,
                report.fiscal_year,
                round_name,
                r.ordinance_amount if r is not None else None,
                r.spent if r is not None else None,
                in_ordinance,
                code,
                word,
                REASON_NAMES.get(reason, ""),
                r.reason_text if reason == CannotDoReason.OTHER else "",
                r.remark if r is not None else "",
                row.percent_done,
                row.colour.eplan if row.colour else "",
                row.state_label if row.raw_report is not None else "ยังไม่มีรายงาน",
            ]
        )
    return PROGRESS_HEADER, rows, colours


def eplan_progress_export(org, fmt, fiscal_year=None, round=None, **params):
    """Registry export: a round's progress with E-PlanNACC's progress fields, CSV or Excel."""
    report = monitoring_report.build(org, fiscal_year, round, official=False)
    header, rows, colours = eplan_progress_rows(report)
    base = f"E-PlanNACC ผลการดำเนินงาน {org.name} {report.fiscal_year} รอบ {report.round} เดือน"
    if fmt == "csv":
        return f"{base}.csv", CSV_CONTENT_TYPE, csv_bytes(header, rows)
    if fmt != "xlsx":
        raise ValueError(f"unknown format {fmt}")
    widths = {1: 50, 7: 20, 9: 22, 10: 28, 11: 30, 12: 30, 15: 20}
    columns = [
        Column(title, widths.get(i, 16 if "บาท" in title else 10 if i else 7), wrap=True)
        for i, title in enumerate(header)
    ]
    sheet = Sheet(
        f"{report.fiscal_year} ({report.round})",
        columns,
        rows,
        heading=f"{report.title} — {org.name}",
        subheading=_(
            "Progress with E-PlanNACC's fields; reports as they stand, their state in the last column"
        ),
    )
    colour_col = header.index("ผลการดำเนินงาน (สี)")
    data = paint_cells(xlsx_bytes(sheet), {(i, colour_col): c for i, c in colours.items()})
    return f"{base}.xlsx", XLSX_CONTENT_TYPE, data


# --- the monitoring report as Excel -----------------------------------------------------------


def report_xlsx(report):
    """(filename, content_type, bytes) of a MonitoringReport as one Excel sheet (totals per dimension)."""
    columns = [
        Column(_("No."), 7),
        Column(_("Project / activity / measure"), 50, wrap=True),
        Column(_("Status"), 16),
        Column(_("Reason"), 24, wrap=True),
        # xgettext:no-python-format
        Column(_("% done"), 10),
        Column(_("Result colour"), 12),
        Column(_("Budget planned (baht)"), 18),
        Column(_("Spent (baht)"), 18),
        Column(_("Indicator"), 45, wrap=True),
        Column(_("Target"), 16),
        Column(_("Achieved"), 16),
        Column(_("Result"), 16),
        Column(_("What was done"), 50, wrap=True),
        Column(_("Problems and obstacles"), 40, wrap=True),
        Column(_("Next steps"), 40, wrap=True),
        Column(_("Remark"), 30, wrap=True),
        Column(_("Activity dates"), 26, wrap=True),
        Column(_("Participants"), 26, wrap=True),
        Column(_("Published at"), 40, wrap=True),
        Column(_("Entered afterwards"), 14),
    ]
    if not report.official:
        columns.insert(3, Column(_("Report state"), 18))
    result_col = [c.title for c in columns].index(_("Result colour"))
    paint = {}  # data row index -> Colour
    rows = []
    for block in report.dimensions:
        rows.append([None, f"{_('Dimension')} {block.dimension.number} {block.dimension.name}"])
        for row in block.rows:
            kpis = row.kpis or [None]
            for i, k in enumerate(kpis):
                first = i == 0
                cells = [
                    row.item.number if first else None,
                    row.item.name if first else None,
                    row.status_label if first else None,
                    row.reason_label if first else None,
                    row.percent_done if first else None,
                    (row.colour.label if row.colour else "") if first else None,
                    (row.planned if row.uses_budget else _("No budget")) if first else None,
                    row.spent if first else None,
                    k.kpi.text if k else "",
                    k.target if k else "",
                    # a yes/no prints มี / ไม่มี; a number stays a number the sheet can add up
                    (k.value_display if k.kpi.target_unit == kpi_text.YESNO else k.value) if k else None,
                    k.status_label if k else "",
                    row.work_done if first else None,
                    row.problems if first else None,
                    row.next_steps if first else None,
                    row.remark if first else None,
                    row.activity_dates if first else None,
                    row.participants if first else None,
                    row.published_url if first else None,
                    (_("Yes") if row.entered_afterwards else "") if first else None,
                ]
                if not report.official:
                    cells.insert(3, row.state_label if first else None)
                if first and row.colour:
                    paint[len(rows)] = row.colour
                rows.append(cells)
        t = block.totals
        total = [None, _("Total, dimension %(n)s") % {"n": block.dimension.number}, "", ""]
        total += [t.average_percent, "", t.planned, t.spent]
        if not report.official:
            total.insert(3, "")
        rows.append(total)
    t = report.totals
    grand = [None, _("Grand total"), f"{t.done}/{t.items} {_('done')}", "", t.average_percent, ""]
    grand += [t.planned, t.spent]
    if not report.official:
        grand.insert(3, "")
    sheet = Sheet(
        f"{report.fiscal_year} ({report.round})",
        columns,
        rows,
        heading=f"{report.title} — {report.org.name}",
        subheading=f"{report.period_text} · "
        + _("Spent %(amount)s baht (%(words)s)")
        % {"amount": thai.baht(t.spent), "words": report.spent_in_words},
        footer_rows=[grand],
    )
    data = paint_cells(xlsx_bytes(sheet), {(i, result_col): c for i, c in paint.items()})
    return f"{report_file_stem(report)}.xlsx", XLSX_CONTENT_TYPE, data


def monitoring_document(org, fiscal_year, round, fmt, *, official=True):
    """(filename, content type, bytes) of the monitoring report as PDF or Excel.

    Built once per version of the data it shows (the plan's import and its progress reports — approved
    ones for the official report, every one for the staff copy — and the organization's heading and
    signers); raises ReportNotFound when no plan covers the year.
    """
    if fmt not in ("pdf", "xlsx"):
        raise ValueError(f"unknown format {fmt}")
    fiscal_year, round = monitoring_report.parse_round(fiscal_year, round)
    plan = plan_for_year(org, fiscal_year)
    if plan is None:
        raise monitoring_report.ReportNotFound
    version = f"{queries.plan_version(plan, approved_only=official)}:{documents.org_stamp(org)}"

    def build():
        report = monitoring_report.build(org, fiscal_year, round, official=official)
        if fmt == "xlsx":
            return report_xlsx(report)
        data = render_pdf("plans/reports/report_pdf.html", {"report": report, "org": org})
        return f"{report_file_stem(report)}.pdf", PDF_CONTENT_TYPE, data

    name = f"plans.monitoring:{org.pk}:{fiscal_year}:{round}:{'official' if official else 'staff'}"
    return documents.cached(name, version, fmt, build)


def monitoring_export(org, fmt, fiscal_year=None, round=None, official=True, **params):
    """Registry export: the monitoring report of (fiscal_year, round) as PDF or Excel."""
    return monitoring_document(org, fiscal_year, round, fmt, official=official)


def report_file_stem(report):
    name = _("Monitoring report %(year)s round %(round)s") % {
        "year": report.fiscal_year,
        "round": report.round,
    }
    return f"{name} {report.org.name}"
