"""KPI targets in output/outcome texts: "อย่างน้อย 3 ช่องทาง" -> >= 3 channel, "ไม่น้อยกว่าร้อยละ 80" ->
>= 80 percent, "จำนวน 1 ฉบับ" -> = 1 report; and the cells of the Part 1 goals table."""

import re

from .numbers import NUM, decimal_string
from .text import clean

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
