"""Numbers in plan text: money, stated counts, fiscal-year ranges and KPI targets."""

import re
from decimal import Decimal, InvalidOperation

from .text import clean

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MONEY_TOKEN_RE = re.compile(rf"(?P<n>{NUM})|(?P<dash>(?<![\w])[-–—](?![\w]))|(?P<none>ไม่ใช้งบ)")
YEAR_RE = re.compile(r"(25\d\d)")
RANGE_RE = re.compile(r"(25\d\d)\s*[-–—ถึง]+\s*(25\d\d)")
COUNT_RE = re.compile(r"(\d+)\s*(โครงการ|มาตรการ|กิจกรรม|แนวปฏิบัติ(?:งาน)?)")
TYPE_WORDS = {"โครงการ": "project", "มาตรการ": "measure", "กิจกรรม": "activity", "แนวปฏิบัติ": "guideline"}


def decimal_string(raw):
    """'20,000' -> '20000', '7,200.50' -> '7200.50'; None when not a number."""
    try:
        value = Decimal(raw.replace(",", ""))
    except (InvalidOperation, AttributeError):
        return None
    if not value.is_finite() or value < 0:
        return None
    if value == value.to_integral_value():
        return str(int(value))
    return format(value, "f")


def money_tokens(text):
    """Amounts in a budget cell, in order: '10,000 -' -> ['10000', None]; 'จำนวน7,200 บาท' -> ['7200']."""
    out = []
    for m in MONEY_TOKEN_RE.finditer(clean(text)):
        if m.group("n"):
            out.append(decimal_string(m.group("n")))
        elif m.group("none"):
            out.append("0")
        else:
            out.append(None)
    return out


def stated_counts(text):
    """'จำนวน 1 โครงการ 3 มาตรการ 2กิจกรรม' -> {'project': 1, 'measure': 3, 'activity': 2}."""
    out = {}
    for m in COUNT_RE.finditer(clean(text)):
        kind = TYPE_WORDS["แนวปฏิบัติ" if m.group(2).startswith("แนวปฏิบัติ") else m.group(2)]
        out.setdefault(kind, int(m.group(1)))
    return out


def year_range(text):
    """(first, last) Buddhist Era years named in a text such as 'ปีงบประมาณ พ.ศ. 2566 – 2570'."""
    text = clean(text)
    m = RANGE_RE.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b <= a + 20:
            return a, b
    years = [int(y) for y in YEAR_RE.findall(text)]
    if years:
        return min(years), max(years)
    return None


def item_type(name):
    """The item type its name starts with (โครงการ/มาตรการ/กิจกรรม/แนวปฏิบัติ), or ''."""
    name = re.sub(r"^[\s\"“”'‘’(]+", "", clean(name))
    for word, kind in TYPE_WORDS.items():
        if name.startswith(word):
            return kind
    return ""


# --- KPI targets -------------------------------------------------------------------------------

UNITS = [
    ("channel", "ช่องทาง"),
    ("report", "ฉบับ|เล่ม|ชุด|รายงาน"),
    ("times", "ครั้ง"),
    ("person", "คน|ราย|ท่าน"),
    ("baht", "บาท"),
    ("score", "คะแนน"),
    ("level", "ระดับ"),
    ("day", "วัน"),
    (
        "count",
        "เรื่อง|มาตรการ|โครงการ|กิจกรรม|เครือข่าย|แห่ง|หน่วยงาน|ประเด็น|ชุมชน|หมู่บ้าน|ศูนย์|ระบบ|แผน|คำสั่ง|ประกาศ|รายการ|ช่อง",
    ),
]
UNIT_OF = {}
for _unit, _words in UNITS:
    for _w in _words.split("|"):
        UNIT_OF.setdefault(_w, _unit)
UNIT_WORDS = "|".join(sorted(UNIT_OF, key=len, reverse=True))
GE = "อย่างน้อย|ไม่น้อยกว่า|ไม่ต่ำกว่า|มากกว่าหรือเท่ากับ|≥|>="
LE = "ไม่เกิน|ไม่มากกว่า|น้อยกว่าหรือเท่ากับ|ภายใน|≤|<="
DOWN = "ลดลง"
FILL = r"(?:\s*(?:จำนวน|ปีละ|ไตรมาสละ|เดือนละ|ภาคเรียนละ|ครั้งละ)\s*)*"
TARGET_RE = re.compile(
    rf"(?P<q>{GE}|{LE}|{DOWN})?\s*{FILL}"
    rf"(?:ร้อยละ\s*(?P<pct>{NUM})|(?P<pct2>{NUM})\s*(?:%|เปอร์เซ็นต์)|(?P<v>{NUM})\s*(?P<u>{UNIT_WORDS}))"
    rf"(?P<up>\s*ขึ้นไป)?"
)


def _op(qualifier, up, unit):
    if qualifier == "ภายใน" and unit != "day":
        qualifier = None
    if up or (qualifier and re.fullmatch(GE + "|" + DOWN, qualifier)):
        return ">="
    if qualifier and re.fullmatch(LE, qualifier):
        return "<="
    return "="


def find_target(text):
    """The target a KPI text states: 'อย่างน้อย 3 ช่องทาง' -> {'op': '>=', 'value': '3', 'unit': 'channel'}."""
    best = None
    for m in TARGET_RE.finditer(clean(text)):
        raw = m.group("pct") or m.group("pct2") or m.group("v")
        value = decimal_string(raw)
        if value is None:
            continue
        unit = "percent" if (m.group("pct") or m.group("pct2")) else UNIT_OF.get(m.group("u"), "other")
        target = {"op": _op(m.group("q"), m.group("up"), unit), "value": value, "unit": unit}
        qualified = (m.group("q") and not (m.group("q") == "ภายใน" and unit != "day")) or m.group("up")
        rank = 0 if qualified else (1 if unit == "percent" else 2)
        if best is None or rank < best[0]:
            best = (rank, target)
        if rank == 0:
            break
    return best[1] if best else None


def goal_value(text):
    """A goals-table cell: {'text': 'ร้อยละ 5', 'value': '5', 'unit': 'percent'}."""
    text = clean(text)
    target = find_target(text)
    if target:
        return {"text": text, "value": target["value"], "unit": target["unit"]}
    m = re.search(NUM, text)
    value = decimal_string(m.group(0)) if m else None
    return {"text": text, "value": value, "unit": "other" if value is not None else ""}
