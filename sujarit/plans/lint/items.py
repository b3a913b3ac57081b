"""Part 3, item by item: numbering, empty sections, template placeholders, years, measurable targets."""

import re
from collections import Counter

from .base import (
    ERROR,
    INFO,
    SECTION_LABELS,
    TYPE_LABELS,
    WARNING,
    Finding,
    as_dict,
    as_list,
    as_text,
    item_where,
    money,
    year_keys,
    years_text,
)
from .text import clean, short

# Template text left in: "ระบุงบประมาณที่ใช้ดำเนินการ", "(ระบุ…)", dotted blanks, "(ชื่อ อปท.)".
MARKERS = re.compile(r"\(\s*ระบุ|…{2,}|\.{5,}|_{4,}|[xX]{4,}|\(\s*ชื่อ\s*(?:อปท|องค์กร|หน่วยงาน|โครงการ)")
# Single-value sections, where a text that starts with "ระบุ" (specify…) is the template's instruction.
_SINGLE = ("name", "target_group", "duration", "budget", "responsible")
# "ระบุ…" as the first word, or the second after a heading's tail ("7. งบประมาณดำเนินการ" read as
# "ดำเนินการ ระบุงบประมาณ…").
_INSTRUCTION = re.compile(r"^(?:\S+\s+)?ระบุ")
_YEAR = re.compile(r"(?<!\d)(25\d\d)(?!\d)")


def section_texts(item):
    """(section, [texts]) for every section of an item."""
    budget, responsible = as_dict(item.get("budget")), as_dict(item.get("responsible"))
    return [
        ("name", [as_text(item.get("name"))]),
        ("rationale", [t for t in as_list(item.get("rationale")) if isinstance(t, str)]),
        ("objectives", [t for t in as_list(item.get("objectives")) if isinstance(t, str)]),
        ("target_group", [as_text(item.get("target_group"))]),
        ("steps", [t for t in as_list(item.get("steps")) if isinstance(t, str)]),
        ("duration", [as_text(item.get("duration"))]),
        ("budget", [as_text(budget.get("text"))]),
        ("responsible", [as_text(responsible.get("text"))]),
        ("outputs", [as_text(as_dict(k).get("text")) for k in as_list(item.get("outputs"))]),
        ("outcomes", [as_text(as_dict(k).get("text")) for k in as_list(item.get("outcomes"))]),
    ]


def placeholder_text(section, texts):
    """The template text left in a section, or ''."""
    for text in texts:
        t = clean(text)
        if section in _SINGLE and _INSTRUCTION.match(t):
            return t
        if MARKERS.search(t):
            return t
    return ""


def check_numbering(ctx):
    numbers = [i.get("number") for i in ctx.items if isinstance(i.get("number"), int)]
    for number, n in sorted(Counter(numbers).items()):
        if n > 1:
            yield Finding(
                "items.numbering", ERROR, f"ส่วนที่ 3 ลำดับที่ {number}", f"มี “ลำดับที่ {number}” ซ้ำกัน {n} รายการ"
            )
    if numbers:
        expected = set(range(1, max(numbers) + 1))
        for number in sorted(expected - set(numbers)):
            yield Finding(
                "items.numbering",
                ERROR,
                f"ส่วนที่ 3 ลำดับที่ {number}",
                f"ไม่มีรายละเอียดของ “ลำดับที่ {number}” (ลำดับข้ามจาก {number - 1} ไป {number + 1})",
            )


def check_sections(ctx):
    for item in ctx.items:
        missing = {s for s in as_list(item.get("sections_missing")) if isinstance(s, str)}
        budget = as_dict(item.get("budget"))
        for section, texts in section_texts(item):
            if not any(t.strip() for t in texts):
                if section == "budget" and (
                    budget.get("placeholder")
                    or any(v is not None for v in as_dict(budget.get("per_year")).values())
                ):
                    continue
                missing.add(section)
        if "results" in missing or {"outputs", "outcomes"} <= missing:
            missing = (missing - {"outputs", "outcomes"}) | {"results"}  # the whole section 9, said once
        for section in [s for s in SECTION_LABELS if s in missing] + sorted(missing - set(SECTION_LABELS)):
            yield Finding(
                "items.section_missing",
                ERROR,
                item_where(item, section),
                f"ลำดับที่ {item.get('number', '?')} ไม่มีเนื้อหาในหัวข้อ {SECTION_LABELS.get(section, section)} "
                "(ไม่มีหัวข้อนี้ หรือมีแต่หัวข้อที่ว่างเปล่า)",
            )


def check_placeholders(ctx):
    for item in ctx.items:
        flagged = {
            "budget": bool(as_dict(item.get("budget")).get("placeholder")),
            "responsible": bool(as_dict(item.get("responsible")).get("placeholder")),
        }
        for section, texts in section_texts(item):
            text = placeholder_text(section, texts)
            if not text and not flagged.get(section):
                continue
            label = SECTION_LABELS[section]
            shown = f" “{short(text or texts[0])}”" if (text or (texts and texts[0])) else ""
            what = {
                "budget": "ยังไม่ได้ระบุจำนวนเงินหรือ “ไม่ใช้งบประมาณ”",
                "responsible": "ยังไม่ได้ระบุหน่วยงานที่รับผิดชอบ",
            }.get(section, "ยังไม่ได้แทนด้วยเนื้อหาจริง")
            yield Finding(
                "items.placeholder",
                ERROR,
                item_where(item, section),
                f"ลำดับที่ {item.get('number', '?')} หัวข้อ {label} ยังเป็นข้อความของแม่แบบ{shown} — {what}",
            )


def check_years(ctx):
    if not ctx.years:
        return
    cycle = set(ctx.years)
    for item in ctx.items:
        outside = [y for y in year_keys(as_dict(item.get("budget")).get("per_year")) if y not in cycle]
        if outside:
            yield Finding(
                "items.year_outside_cycle",
                ERROR,
                item_where(item, "budget"),
                f"ลำดับที่ {item.get('number', '?')} มีงบประมาณของ{years_text(outside)} "
                f"ซึ่งอยู่นอกรอบแผน {years_text(ctx.years)}",
            )
        duration = as_text(item.get("duration"))
        stray = sorted({int(y) for y in _YEAR.findall(duration)} - cycle)
        if stray:
            yield Finding(
                "items.duration_outside_cycle",
                WARNING,
                item_where(item, "duration"),
                f"ลำดับที่ {item.get('number', '?')} ระยะเวลาดำเนินการ “{short(duration)}” "
                f"อ้างถึง{years_text(stray)} ซึ่งอยู่นอกรอบแผน {years_text(ctx.years)}",
            )


def check_dimension_known(ctx):
    known = {d.get("number") for d in ctx.dimensions}
    if not known:
        return
    for item in ctx.items:
        if item.get("dimension") not in known:
            yield Finding(
                "items.dimension_unknown",
                ERROR,
                item_where(item),
                f"ลำดับที่ {item.get('number', '?')} อยู่ในมิติที่ {item.get('dimension')} "
                f"ซึ่งไม่มีในแผน (มีมิติที่ {', '.join(str(n) for n in sorted(k for k in known if isinstance(k, int)))})",
            )


def check_types(ctx):
    """An item whose name does not say what it is (โครงการ, มาตรการ, กิจกรรม or แนวปฏิบัติงาน)."""
    for item in ctx.items:
        if item.get("type") not in TYPE_LABELS and as_text(item.get("name")):
            yield Finding(
                "items.type_unknown",
                WARNING,
                item_where(item, "name"),
                f"ลำดับที่ {item.get('number', '?')} “{short(as_text(item.get('name')))}” ไม่ได้ขึ้นต้นชื่อด้วยประเภท "
                "(โครงการ มาตรการ กิจกรรม หรือแนวปฏิบัติงาน) จึงนับจำนวนตามประเภทไม่ได้",
            )


def check_targets(ctx):
    """Info: an item none of whose outputs or outcomes states a measurable target."""
    for item in ctx.items:
        kpis = [as_dict(k) for k in as_list(item.get("outputs")) + as_list(item.get("outcomes"))]
        kpis = [k for k in kpis if as_text(k.get("text"))]
        if kpis and not any(isinstance(k.get("target"), dict) for k in kpis):
            yield Finding(
                "items.no_measurable_target",
                INFO,
                item_where(item, "outputs"),
                f"ลำดับที่ {item.get('number', '?')} ผลผลิต/ผลลัพธ์ทั้ง {len(kpis)} ข้อไม่ระบุค่าเป้าหมายที่วัดได้ "
                "(เช่น “ไม่น้อยกว่าร้อยละ 80”, “อย่างน้อย 3 ช่องทาง”, “จำนวน 1 ฉบับ”) จึงติดตามผลเป็นตัวเลขไม่ได้",
            )


def check_budget_text(ctx):
    """A budget that says it is not used but carries amounts, or uses a budget with no amount in any year."""
    for item in ctx.items:
        budget = as_dict(item.get("budget"))
        if budget.get("placeholder"):
            continue
        amounts = [money(v) for v in as_dict(budget.get("per_year")).values()]
        if budget.get("uses_budget") is False and any(a for a in amounts if a is not None):
            yield Finding(
                "items.budget_inconsistent",
                ERROR,
                item_where(item, "budget"),
                f"ลำดับที่ {item.get('number', '?')} ระบุ “{short(as_text(budget.get('text')))}” แต่มีจำนวนเงินรายปี",
            )


RULES = (
    check_numbering,
    check_dimension_known,
    check_sections,
    check_placeholders,
    check_budget_text,
    check_years,
    check_types,
    check_targets,
)
