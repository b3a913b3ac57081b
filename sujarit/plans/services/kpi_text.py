"""What a KPI's Thai text asks for: the one place that decides a KPI's shape.

- existence: "มี…", "จัดทำ…", "ประกาศ…", "เกิด…" with no number — a yes/no answered มี / ไม่มี, with
  its evidence; stored as target ≥ 1 of unit "yesno" (a count measure bound to it still works: two
  networks are "มี");
- reduction: "…ลดลง" — year on year, in percent; "ลดลงร้อยละ 5" is ≥ 5 %, a bare "ลดลง" is > 0 %;
- percent: "ไม่น้อยกว่าร้อยละ 80" — ≥ 80 %;
- count: "อย่างน้อย 3 ช่องทาง" — a number with its unit; "ไม่มีเรื่องร้องเรียน…" is a count of none;
- other: anything else, a value typed by hand with no target.

`shape` is called on import (plans.services.diffing) and by auto-binding, which binds a KPI only to a
measure whose unit fits its shape (a percentage is never the answer to "is there a complaint centre").
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from ..parsing.targets import find_target
from ..parsing.text import clean

EXISTENCE = "existence"
REDUCTION = "reduction"
PERCENT = "percent"
COUNT = "count"
OTHER = "other"

YESNO = "yesno"  # the target unit of an existence KPI

EXISTENCE_RE = re.compile(r"^(?:มี|จัดทำ|ประกาศ|เกิด)")
# "No complaint about …" is a count whose target is none at all.
NONE_RE = re.compile(r"ไม่มี\s*(?:เรื่อง|ข้อ)\s*ร้องเรียน")
# A degree ("covering every area", "in the order they came") asks how much, not whether: not a yes/no.
DEGREE_RE = re.compile(r"ครอบคลุม|ตามลำดับ")
REDUCTION_RE = re.compile(r"ลดลง")

# Which measure units can answer a KPI of each shape.
FITTING_UNITS = {
    EXISTENCE: {YESNO, "count"},
    REDUCTION: {"percent"},
    PERCENT: {"percent"},
}


@dataclass(frozen=True)
class Shape:
    kind: str
    op: str = ""
    value: str | None = None
    unit: str = ""

    def target(self):
        """The target as the parser's dict ({} when the KPI states none)."""
        if not self.op:
            return {}
        return {"op": self.op, "value": self.value, "unit": self.unit}


def shape(text, target=None):
    """The shape of a KPI with this text (and the target the parser found in it, if already known)."""
    text = clean(text or "")
    target = find_target(text) if target is None else (target or None)
    if NONE_RE.search(text) and not (target and target.get("value") is not None):
        return Shape(COUNT, "=", "0", "count")
    if REDUCTION_RE.search(text):
        if target and target.get("unit") == "percent":
            return Shape(REDUCTION, ">=", target["value"], "percent")
        return Shape(REDUCTION, ">", "0", "percent")
    if target and target.get("value") is not None:
        kind = PERCENT if target.get("unit") == "percent" else COUNT
        return Shape(kind, target.get("op") or "=", target["value"], target.get("unit") or "")
    if EXISTENCE_RE.match(text) and not DEGREE_RE.search(text):
        return Shape(EXISTENCE, ">=", "1", YESNO)
    return Shape(OTHER)


def shape_of_kpi(kpi):
    """A stored KPI's shape, from what import stored (its target) and its text."""
    if kpi.target_unit == YESNO:
        return EXISTENCE
    if REDUCTION_RE.search(kpi.text or ""):
        return REDUCTION
    if kpi.target_op and kpi.target_value is not None:
        return PERCENT if kpi.target_unit == "percent" else COUNT
    return OTHER


def fits(kind, unit):
    """True when a measure of `unit` can answer a KPI of shape `kind` (any unit fits "other")."""
    if kind == OTHER:
        return True
    if kind == COUNT:  # a count, a score, baht, days … but never a share or a yes/no
        return unit not in ("percent", YESNO)
    return unit in FITTING_UNITS[kind]


def is_yes(value):
    return value is not None and Decimal(value) >= 1
