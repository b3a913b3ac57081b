"""The plan lint: what a careful NACC reviewer would point at in a parsed plan (docs/PLAN_FORMAT.md).

`lint_plan(parsed, org=None)` returns a list of `Finding(code, severity, where, message)`; messages are
Thai, codes stable machine names. Errors are inconsistencies a reviewer would send back (totals that do
not add up, Part 2 and Part 3 disagreeing, placeholders left in); warnings are wording and cross-checks
worth fixing; info is advice. A clean plan gives no findings."""

import logging

from . import consistency, goals, items, risks, spelling, summary, wording
from .base import ERROR, INFO, WARNING, Context, Finding, has_errors

__all__ = ["CODES", "ERROR", "INFO", "WARNING", "Finding", "has_errors", "lint_plan", "RULES"]

# Every code the rules emit, with its severity and what it means (the parser's notes on the document
# are passed on under the parser's own codes, as warnings).
CODES = {
    "summary.dimension_total_mismatch": (ERROR, "ยอดรวมงบประมาณรายปีของมิติไม่เท่ากับผลรวมของรายการในมิติ"),
    "summary.grand_total_mismatch": (ERROR, "ยอดรวมทั้งสิ้นรายปีไม่เท่ากับผลรวมของทุกมิติ"),
    "summary.year_outside_cycle": (ERROR, "ตารางส่วนที่ 2 มีงบประมาณของปีนอกรอบแผน"),
    "summary.counts_mismatch": (ERROR, "จำนวนโครงการ/มาตรการ/กิจกรรมที่ระบุในมิติไม่ตรงกับรายการในส่วนที่ 2"),
    "summary.counts_mismatch_part3": (ERROR, "จำนวนโครงการ/มาตรการ/กิจกรรมที่ระบุในมิติไม่ตรงกับส่วนที่ 3"),
    "summary.grand_counts_mismatch": (ERROR, "จำนวนรวมทั้งสิ้นไม่เท่ากับผลรวมของทุกมิติ"),
    "summary.intro_counts_mismatch": (ERROR, "จำนวนในข้อความก่อนตารางไม่ตรงกับแถวรวมทั้งสิ้น"),
    "summary.preface_total_mismatch": (ERROR, "จำนวนรวมในคำนำไม่ตรงกับรายการในแผน"),
    "summary.preface_dimension_mismatch": (ERROR, "จำนวนรายมิติในคำนำไม่ตรงกับรายการในแผน"),
    "items.numbering": (ERROR, "ลำดับที่ของรายการในส่วนที่ 3 ซ้ำหรือขาดหาย"),
    "items.dimension_unknown": (ERROR, "รายการอยู่ในมิติที่ไม่มีในแผน"),
    "items.section_missing": (ERROR, "รายการขาดหัวข้อหรือหัวข้อว่าง"),
    "items.placeholder": (ERROR, "ยังมีข้อความของแม่แบบ (“ระบุ…”) ในรายการ"),
    "items.budget_inconsistent": (ERROR, "ระบุว่าไม่ใช้งบประมาณแต่มีจำนวนเงิน"),
    "items.year_outside_cycle": (ERROR, "รายการมีงบประมาณของปีนอกรอบแผน"),
    "items.type_unknown": (WARNING, "ชื่อรายการไม่ได้ระบุประเภท (โครงการ/มาตรการ/กิจกรรม)"),
    "items.duration_outside_cycle": (WARNING, "ระยะเวลาดำเนินการอ้างถึงปีนอกรอบแผน"),
    "items.no_measurable_target": (INFO, "ผลผลิต/ผลลัพธ์ไม่มีค่าเป้าหมายที่วัดได้"),
    "items.missing_in_part3": (ERROR, "รายการในส่วนที่ 2 ไม่มีรายละเอียดในส่วนที่ 3"),
    "items.missing_in_part2": (ERROR, "รายการในส่วนที่ 3 ไม่อยู่ในตารางส่วนที่ 2"),
    "items.dimension_mismatch": (ERROR, "รายการอยู่คนละมิติในส่วนที่ 2 และส่วนที่ 3"),
    "items.type_mismatch": (ERROR, "ประเภท (โครงการ/มาตรการ/กิจกรรม) ไม่ตรงกันระหว่างส่วนที่ 2 และส่วนที่ 3"),
    "items.name_mismatch": (WARNING, "ชื่อรายการไม่ตรงกันระหว่างส่วนที่ 2 และส่วนที่ 3"),
    "items.mission_mismatch": (WARNING, "รายการอยู่คนละภารกิจในส่วนที่ 2 และส่วนที่ 3"),
    "items.budget_mismatch": (ERROR, "งบประมาณไม่ตรงกันระหว่างส่วนที่ 2 และส่วนที่ 3"),
    "goals.year_outside_cycle": (ERROR, "ตารางค่าเป้าหมายมีปีนอกรอบแผน"),
    "goals.year_missing": (WARNING, "ตารางค่าเป้าหมายขาดบางปีของรอบแผน"),
    "goals.text_mismatch": (WARNING, "ข้อความเป้าหมายขัดกับตารางค่าเป้าหมาย"),
    "risks.missing": (WARNING, "ไม่มีตารางการประเมินความเสี่ยงการทุจริต"),
    "risks.no_controls": (WARNING, "ความเสี่ยงไม่มีมาตรการควบคุม"),
    "risks.control_not_in_plan": (WARNING, "มาตรการควบคุมความเสี่ยงไม่มีรายการใดในแผนรองรับ"),
    "plan.org_mismatch": (ERROR, "เอกสารเป็นแผนของหน่วยงานอื่น"),
    "plan.title_cycle_mismatch": (WARNING, "ปีในชื่อแผนไม่ตรงกับรอบแผน"),
    "wording.other_org_type": (WARNING, "มีคำของหน่วยงานประเภทอื่น (เช่น เทศบาล ในแผนของ อบต.)"),
    "wording.other_org_name": (WARNING, "มีชื่อหน่วยงานอื่น"),
    "wording.org_name_misspelt": (WARNING, "ชื่อหน่วยงานสะกดผิด"),
    "wording.org_name_truncated": (WARNING, "ชื่อหน่วยงานไม่ครบ"),
    "wording.typo": (WARNING, "คำที่อาจสะกดผิด: ไม่มีในพจนานุกรม หรือต่างจากคำที่แผนใช้เพียงตัวอักษรเดียว พร้อมคำที่ควรเป็น"),
    "wording.placeholder": (WARNING, "ยังมีข้อความของแม่แบบในส่วนที่ 1 หรือ 2"),
    "lint.rule_failed": (WARNING, "ตรวจบางส่วนไม่สำเร็จเพราะข้อมูลผิดรูปแบบ"),
}

log = logging.getLogger(__name__)

RULES = (
    summary.RULES
    + items.RULES
    + consistency.RULES
    + goals.RULES
    + risks.RULES
    + wording.RULES
    + spelling.RULES
)


def lint_plan(parsed, *, org=None):
    """Findings for a parsed plan, in rule order, without duplicates; never raises on odd input."""
    ctx = Context(parsed, org)
    findings, seen = [], set()
    for rule in RULES:
        try:
            found = list(rule(ctx))
        except Exception:  # a rule's bug must not hide the other findings or reach a user as a traceback
            log.exception("plan lint rule %s failed", rule.__name__)
            found = [
                Finding(
                    "lint.rule_failed",
                    WARNING,
                    "เอกสาร",
                    f"ตรวจสอบส่วน “{rule.__name__}” ไม่สำเร็จ เนื่องจากรูปแบบข้อมูลไม่เป็นไปตามที่คาด",
                )
            ]
        for finding in found:
            key = (finding.code, finding.where, finding.message)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return findings
