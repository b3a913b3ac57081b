"""Part 1 (บทนำ) and the preface: risk table, rationale, objectives, goals and their table, benefits."""

import re

from .targets import goal_value
from .text import clean, paragraphs, split_enumeration, split_list

INTRO_HEADINGS = [
    ("risks", r"การประเมินความเสี่ยง"),
    ("rationale", r"หลักการ\s*และ\s*เหตุผล"),
    ("objectives", r"วัตถุประสงค์"),
    ("goals", r"เป้าหมาย"),
    ("benefits", r"ประโยชน์"),
]
INTRO_RE = re.compile(r"^\s*(\d)\s*[.)]\s*(.{2,60})$")
YEAR_CELL_RE = re.compile(r"(25\d\d)")


def intro_heading(line):
    m = INTRO_RE.match(clean(line))
    if not m or "\t" in line:
        return None
    head = m.group(2)
    for key, rx in INTRO_HEADINGS:
        if re.match(rx, head):
            return key
    return None


def parse_part1(lines, warnings):
    """lines: (lineno, raw) of Part 1. Returns (risks, intro, goals)."""
    blocks, current = {}, None
    for lineno, raw in lines:
        key = intro_heading(raw)
        if key and key not in blocks:
            current = key
            blocks[key] = []
            continue
        if current:
            blocks[current].append((lineno, raw))
    risks = parse_risks(blocks.get("risks", []), warnings)
    goal_text = [(n, r) for n, r in blocks.get("goals", []) if "\t" not in r]
    goal_rows = [(n, r) for n, r in blocks.get("goals", []) if "\t" in r]
    intro = {
        "rationale": paragraphs([(n, r) for n, r in blocks.get("rationale", []) if "\t" not in r]),
        "objectives": split_list([(n, r) for n, r in blocks.get("objectives", []) if "\t" not in r]),
        "goals": split_list(goal_text),
        "benefits": split_list([(n, r) for n, r in blocks.get("benefits", []) if "\t" not in r]),
    }
    return risks, intro, parse_goals(goal_rows, warnings)


def _cells(raw):
    return raw.split("\t")


def parse_risks(lines, warnings):
    rows, columns = [], None
    for lineno, raw in lines:
        if "\t" not in raw:
            continue
        cells = _cells(raw)
        joined = clean(" ".join(cells))
        if not joined:
            continue
        if "Risk" in joined or re.match(r"^ลำดับ", clean(cells[0])):
            columns = _risk_columns(cells)
            continue
        cols = columns or {"number": 0, "process": 1, "issues": 2, "level": 3, "controls": 4}
        values = {k: clean(cells[i]) if i < len(cells) else "" for k, i in cols.items()}
        m = re.match(r"^(\d{1,2})\.?$", values["number"])
        if m:
            rows.append(
                {
                    "number": int(m.group(1)),
                    "line": lineno,
                    **{k: [values[k]] for k in values if k != "number"},
                }
            )
        elif rows and not values["number"]:
            for key in ("process", "issues", "level", "controls"):
                if values[key]:
                    rows[-1][key].append(values[key])
        else:
            warnings.append(
                {
                    "code": "risks.unreadable_row",
                    "where": f"ส่วนที่ 1 ตารางความเสี่ยง บรรทัดที่ {lineno}",
                    "message": f"แถวในตารางประเมินความเสี่ยงบรรทัดที่ {lineno} ไม่มีลำดับที่ จึงข้ามไป",
                }
            )
    out = []
    for row in rows:
        levels = []
        for lv in row["level"]:
            if lv and lv not in levels:
                levels.append(lv)
        out.append(
            {
                "number": row["number"],
                "process": clean(" ".join(row["process"])),
                "issues": _enumerated(" ".join(row["issues"])),
                "level": " ".join(levels),
                "controls": _enumerated(" ".join(row["controls"])),
                "line": row["line"],
            }
        )
    return out


def _risk_columns(cells):
    cols = {}
    for i, cell in enumerate(cells):
        c = clean(cell)
        if not c:
            continue
        if c.startswith("ลำดับ") and "number" not in cols:
            cols["number"] = i
        elif "ขั้นตอน" in c or "กระบวนงาน" in c:
            cols.setdefault("process", i)
        elif "ประเด็น" in c or "เหตุการณ์" in c:
            cols.setdefault("issues", i)
        elif "Risk" in c or "ระดับ" in c:
            cols.setdefault("level", i)
        elif "มาตรการ" in c or "ควบคุม" in c:
            cols.setdefault("controls", i)
    default = {"number": 0, "process": 1, "issues": 2, "level": 3, "controls": 4}
    return {k: cols.get(k, v) for k, v in default.items()}


def _enumerated(text):
    first, prefix, parts = split_enumeration(text, start=1)
    if not parts:
        return [clean(text)] if clean(text) else []
    if prefix:
        parts[0] = prefix + " " + parts[0] if parts[0] else prefix
    return [p for p in parts if p]


def parse_goals(rows, warnings):
    years, goals = [], []
    for lineno, raw in rows:
        cells = [clean(c) for c in _cells(raw)]
        found = [
            (i, int(m.group(1)))
            for i, c in enumerate(cells)
            if (m := YEAR_CELL_RE.fullmatch(c.replace("ปี", "").replace("พ.ศ.", "").strip()))
        ]
        if len(found) >= 2:
            years = found
            continue
        if not cells or not cells[0]:
            continue
        if not years:
            warnings.append(
                {
                    "code": "goals.no_header",
                    "where": f"ส่วนที่ 1 ตารางเป้าหมาย บรรทัดที่ {lineno}",
                    "message": "ตารางค่าเป้าหมายไม่มีหัวตารางที่ระบุปี จึงอ่านค่าเป้าหมายรายปีไม่ได้",
                }
            )
            continue
        targets = {}
        for i, year in years:
            if i < len(cells) and cells[i]:
                targets[str(year)] = goal_value(cells[i])
        goals.append({"indicator": cells[0], "targets": targets})
    return goals


PREFACE_DIM_RE = re.compile(r"^\s*(?:มิติ|มติ)\s*ที่\s*(\d)\s*(.*?)\s*(?:จำนวน\s*(\d+)\s*(?:โครงการ|รายการ).*)?$")


def parse_preface(lines):
    """(stated total items, {dimension: stated count}, {dimension: name}) from the preface."""
    total, per_dim, names = None, {}, {}
    for _, raw in lines:
        text = clean(raw)
        if total is None:
            m = re.search(r"รวม\s*(?:ทั้งสิ้น)?\s*(?:จำนวน)?\s*(\d+)\s*(?:โครงการ|รายการ)", text)
            if m:
                total = int(m.group(1))
        m = PREFACE_DIM_RE.match(text)
        if m and "\t" not in raw:
            dim = int(m.group(1))
            if m.group(3):
                per_dim.setdefault(str(dim), int(m.group(3)))
            if m.group(2):
                names.setdefault(dim, m.group(2).strip())
    return total, per_dim, names
