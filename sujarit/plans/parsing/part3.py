"""Part 3: one block per item ("ลำดับที่ N") with the template's numbered sections."""

import re

from .numbers import item_type, money_tokens, year_range
from .targets import find_target
from .text import clean, paragraphs, split_list

ITEM_RE = re.compile(r"^\s*ลำดับ\s*ที่\s*(\d{1,3})\s*[.:]?\s*$")
BANNER_RE = re.compile(r"^\s*(มิติ|มติ)\s*ที่\s*(\d)\s*[.:]?\s*(.*)$")
MISSION_RE = re.compile(r"^\s*(\d)\s*\.\s*(\d{1,2})(?![\d)])\s*\.?\s*(\S.*)$")
HEADING_RE = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(.+)$")
RULE_RE = re.compile(r"^\s*[#=_*~-]{3,}\s*$")

# Template order; each key with the heading wordings seen in plans, longest first.
SECTIONS = [
    ("name", 1, "ชื่อโครงการ", r"ชื่อ\s*(?:โครงการ|กิจกรรม|มาตรการ|แนวปฏิบัติ)[^:：]{0,40}?(?:[:：]|$)"),
    ("rationale", 2, "หลักการและเหตุผล", r"หลักการ\s*และ\s*เหตุผล|ที่มา(?:และความสำคัญ|ของโครงการ)?|เหตุผล"),
    ("objectives", 3, "วัตถุประสงค์", r"วัตถุประสงค์"),
    ("target_group", 4, "กลุ่มเป้าหมาย", r"กลุ่ม\s*เป้าหมาย|เป้าหมาย"),
    (
        "steps",
        5,
        "วิธีดำเนินการ",
        r"(?:วิธี\s*(?:การ)?|ขั้นตอน\s*(?:การ)?)\s*ดำเนิน\s*(?:การ|งาน)|วิธีการ|ขั้นตอน",
    ),
    ("duration", 6, "ระยะเวลาดำเนินการ", r"ระยะเวลา"),
    ("budget", 7, "งบประมาณดำเนินการ", r"งบประมาณ"),
    ("responsible", 8, "ผู้รับผิดชอบ", r"ผู้รับผิดชอบ|หน่วยงาน\s*(?:ที่)?\s*รับผิดชอบ"),
    ("results", 9, "ผลผลิต/ผลลัพธ์", r"ผลผลิต|ผลลัพธ์|ตัวชี้วัด|ผลที่คาดว่าจะได้รับ"),
]
SECTION_RES = [(key, num, label, re.compile(rf"^(?:{rx})")) for key, num, label, rx in SECTIONS]
LABELS = {key: f"{num}. {label}" for key, num, label, _ in SECTIONS}
SUFFIX_RE = re.compile(
    r"^\s*(?:ของ)?(?:การ)?(?:ดำเนินการ|ดำเนินงาน|โครงการ|กิจกรรม|มาตรการ|ที่ใช้|ที่คาดว่าจะได้รับ|ของแผน)+\s*"
)
OUT_RE = re.compile(
    r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s*)?[-•]?\s*(ผลผลิต|ผลลัพธ์|output|outcome)s?\s*(?:\([^)]*\))?\s*[:：]?\s*(.*)$",
    re.I,
)
PLACEHOLDER_RE = re.compile(r"^\s*(?:\(|\[|<)?\s*ระบุ")
ORG_SPLIT_RE = re.compile(
    r"\s*(?:องค์การบริหารส่วน|องค์กรบริหารส่วน|องค์การปกครองส่วน|องค์กรปกครองส่วน|เทศบาล|กรุงเทพมหานคร|เมืองพัทยา)"
)


def section_heading(line):
    """(key, rest of the line, numbered?) when the line is a section heading of an item block: numbered
    ("5. วิธีดำเนินการ"), or unnumbered and alone on its line (Word's automatic numbering is not text)."""
    m = HEADING_RE.match(line)
    if not m:
        return _bare_heading(clean(line))
    head = clean(m.group(2))
    for key, _, _, rx in SECTION_RES:
        hm = rx.match(head)
        if not hm:
            continue
        rest = head[hm.end() :]
        if key == "name":
            return key, rest.strip(), True
        m = re.match(r"^[^:：]{0,40}[:：]\s*", rest)
        if m:  # "heading : content"
            return key, rest[m.end() :].strip(), True
        rest = re.sub(r"^\s*/\s*\S+", "", rest)  # "หลักการและเหตุผล/ที่มาของโครงการ"
        rest = SUFFIX_RE.sub("", rest).strip()
        if not rest:
            return key, "", True
        if key in ("budget", "duration", "responsible") and (
            re.search(r"\d|ไม่ใช้|ระบุ", rest) or len(rest) > 25
        ):
            return key, rest, True
        if len(rest) > 25:
            return None  # a content line that happens to start with the keyword
        return key, "", True
    return None


# Unnumbered headings must be the template's full wording ("เหตุผล" alone is too common a word).
BARE_RES = [
    (key, re.compile(rx))
    for key, rx in [
        ("rationale", r"หลักการ\s*และ\s*เหตุผล|ที่มา\s*(?:และความสำคัญ|ของโครงการ)"),
        ("objectives", r"วัตถุประสงค์"),
        ("target_group", r"กลุ่ม\s*เป้าหมาย"),
        ("steps", r"(?:วิธี\s*(?:การ)?|ขั้นตอน\s*(?:การ)?)\s*ดำเนิน\s*(?:การ|งาน)"),
        ("duration", r"ระยะเวลา\s*(?:การ)?\s*ดำเนิน\s*(?:การ|งาน)"),
        ("budget", r"งบประมาณ"),
        ("responsible", r"ผู้รับผิดชอบ|หน่วยงาน\s*(?:ที่)?\s*รับผิดชอบ"),
    ]
]
BARE_RE = re.compile(r"^\s*[-•]?\s*(.{2,40}?)\s*[:：]?\s*$")


def _bare_heading(text):
    if text.startswith("ชื่อ"):
        m = re.match(r"^ชื่อ\s*(?:โครงการ|กิจกรรม|มาตรการ|แนวปฏิบัติ)[^:：]{0,40}[:：]\s*(.*)$", text)
        return ("name", m.group(1).strip(), False) if m else None
    m = BARE_RE.match(text)
    if not m:
        return None
    head = m.group(1)
    if "ผลผลิต" in head or "ผลลัพธ์" in head:
        # "ผลผลิต" and "ผลลัพธ์" alone are the sub-headings of section 9
        return ("results", "", False) if "ผลผลิต" in head and "ผลลัพธ์" in head else None
    for key, rx in BARE_RES:
        hm = rx.match(head)
        if hm and len(SUFFIX_RE.sub("", re.sub(r"^\s*/\s*\S+", "", head[hm.end() :])).strip()) == 0:
            return key, "", False
    return None


def parse_item_block(number, start, lines, fiscal_years, warnings):
    """One item from its block: lines is a list of (lineno, raw) after the 'ลำดับที่' line."""
    where = f"ส่วนที่ 3 ลำดับที่ {number}"
    sections, order, current, preamble = {}, [], None, []
    for lineno, raw in lines:
        head = section_heading(clean(raw))
        if head and not head[2] and (head[0] in sections or current is None and head[0] != "name"):
            head = None  # an unnumbered heading seen twice, or before the name, is ordinary text
        if head:
            key, rest, _ = head
            if key in sections:
                warnings.append(
                    {
                        "code": "item.duplicate_section",
                        "where": f"{where} บรรทัดที่ {lineno}",
                        "message": f"{where} มีหัวข้อ {LABELS[key]} ซ้ำ (บรรทัดที่ {lineno}) จึงรวมเนื้อหาไว้ด้วยกัน",
                    }
                )
            else:
                sections[key] = []
                order.append(key)
            current = key
            if rest:
                sections[key].append((lineno, rest))
            continue
        if current is None:
            if clean(raw):
                preamble.append((lineno, raw))
            continue
        sections[current].append((lineno, raw))

    name = " ".join(paragraphs(sections.get("name", [])))
    if not name and preamble:
        name = " ".join(paragraphs(preamble))
    outputs, outcomes, subheads = _results(sections.get("results", []))
    order.extend(subheads)
    budget = _budget(" ".join(paragraphs(sections.get("budget", []))), sections.get("duration"), fiscal_years)
    duration = " ".join(paragraphs(sections.get("duration", [])))
    responsible = _responsible(" ".join(paragraphs(sections.get("responsible", []))))
    item = {
        "number": number,
        "dimension": None,
        "mission": "",
        "type": item_type(name),
        "name": name,
        "rationale": paragraphs(sections.get("rationale", [])),
        "objectives": split_list(sections.get("objectives", [])),
        "target_group": " ".join(paragraphs(sections.get("target_group", []))),
        "steps": split_list(sections.get("steps", [])),
        "duration": duration,
        "budget": budget,
        "responsible": responsible,
        "outputs": [{"text": t, "target": find_target(t)} for t in outputs],
        "outcomes": [{"text": t, "target": find_target(t)} for t in outcomes],
        "sections_missing": [],
        "line": start,
    }
    for key, _, _, _ in SECTIONS:
        empty = {
            "name": not name,
            "rationale": not item["rationale"],
            "objectives": not item["objectives"],
            "target_group": not item["target_group"],
            "steps": not item["steps"],
            "duration": not duration,
            "budget": not budget["text"],
            "responsible": not responsible["text"],
            "results": not outputs and not outcomes,
        }[key]
        if empty:
            item["sections_missing"].append(key)
    if "results" not in item["sections_missing"]:
        if not outputs:
            item["sections_missing"].append("outputs")
        if not outcomes:
            item["sections_missing"].append("outcomes")
    return item, order


def _results(lines):
    """(outputs, outcomes, sub-headings seen) of section 9, split at its ผลผลิต/ผลลัพธ์ lines."""
    outputs, outcomes, current, loose, seen = [], [], None, [], []
    for lineno, raw in lines:
        text = clean(raw)
        m = OUT_RE.match(text)
        if m and len(text) - len(m.group(2)) <= 30:
            kind = m.group(1).lower()
            current = outputs if kind in ("ผลผลิต", "output") else outcomes
            seen.append("outputs_heading" if current is outputs else "outcomes_heading")
            if m.group(2):
                current.append((lineno, m.group(2)))
            continue
        (current if current is not None else loose).append((lineno, raw))
    if loose:
        outputs[:0] = loose
    return split_list(outputs), split_list(outcomes), seen


def _budget(text, duration_lines, fiscal_years):
    per_year = {str(y): None for y in fiscal_years}
    budget = {"text": text, "uses_budget": None, "placeholder": False, "per_year": per_year}
    if not text:
        return budget
    if PLACEHOLDER_RE.match(text):
        budget["placeholder"] = True
        return budget
    years = fiscal_years
    if duration_lines:
        span = year_range(" ".join(t for _, t in duration_lines))
        if span:
            inside = [y for y in fiscal_years if span[0] <= y <= span[1]]
            years = inside or fiscal_years
    if re.search(r"ไม่ใช้\s*งบ|ไม่ได้ใช้\s*งบ|ไม่มีค่าใช้จ่าย", text):
        budget["uses_budget"] = False
        for y in fiscal_years:
            per_year[str(y)] = "0"
        return budget
    # "ปี 2566 20,000 บาท ปี 2567 ..." names the years; otherwise one figure per year of the item
    pairs = re.findall(
        r"(?:ปี(?:งบประมาณ)?\s*(?:พ\.ศ\.)?\s*)(25\d\d)\D{0,20}?(\d[\d,]*(?:\.\d+)?)\s*บาท", text
    )
    if pairs:
        for y, amount in pairs:
            if y in per_year:
                per_year[y] = money_tokens(amount)[0]
    else:
        stripped = re.sub(r"(?:พ\.ศ\.|ปี(?:งบประมาณ)?)\s*25\d\d(?:\s*[-–—]\s*25\d\d)?", " ", text)
        amounts = [a for a in money_tokens(stripped) if a is not None]
        if len(amounts) == len(years) > 1:
            for y, a in zip(years, amounts, strict=True):
                per_year[str(y)] = a
        elif amounts:
            for y in years:
                per_year[str(y)] = amounts[0]
    values = [v for v in per_year.values() if v is not None]
    if values:
        budget["uses_budget"] = any(v != "0" for v in values)
    return budget


def _responsible(text):
    out = {"text": text, "unit": "", "placeholder": False}
    if not text:
        return out
    if PLACEHOLDER_RE.match(text):
        out["placeholder"] = True
        return out
    first = re.split(r"\s*[,/]\s*|\s+และ\s+", text)[0]
    unit = ORG_SPLIT_RE.split(first, maxsplit=1)[0].strip()
    out["unit"] = unit or first.strip()
    return out
