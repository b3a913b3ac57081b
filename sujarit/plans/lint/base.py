"""Findings, their severities, and the small helpers every rule module shares."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sujarit.core.thai import baht

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

TYPE_LABELS = {"project": "โครงการ", "measure": "มาตรการ", "activity": "กิจกรรม", "guideline": "แนวปฏิบัติงาน"}
TYPE_ORDER = ("project", "measure", "activity", "guideline")

SECTION_LABELS = {
    "name": "1. ชื่อโครงการ",
    "rationale": "2. หลักการและเหตุผล",
    "objectives": "3. วัตถุประสงค์",
    "target_group": "4. กลุ่มเป้าหมาย",
    "steps": "5. วิธีดำเนินการ",
    "duration": "6. ระยะเวลาดำเนินการ",
    "budget": "7. งบประมาณ",
    "responsible": "8. ผู้รับผิดชอบ",
    "results": "9. ผลผลิต/ผลลัพธ์",
    "outputs": "9. ผลผลิต",
    "outcomes": "9. ผลลัพธ์",
}


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer would point at: a stable code, a severity, a place and a Thai message."""

    code: str
    severity: str
    where: str
    message: str

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_dict(self):
        return {"code": self.code, "severity": self.severity, "where": self.where, "message": self.message}


def has_errors(findings):
    return any(f.severity == ERROR for f in findings)


class Context:
    """The parsed plan plus what several rules derive from it (cycle years, the organization's names)."""

    def __init__(self, parsed, org=None):
        self.parsed = parsed if isinstance(parsed, dict) else {}
        self.org = org
        self.years = cycle_years(self.parsed)
        organization = as_dict(self.parsed.get("organization"))
        self.org_name = (getattr(org, "name", "") or organization.get("name") or "").strip()
        self.org_type = (getattr(org, "org_type", "") or organization.get("type") or "").strip()
        # numbers and types of the wrong shape are made harmless once, here, instead of in every rule
        self.items = [
            dict(
                i,
                number=i.get("number") if as_int(i.get("number")) is not None else "?",
                dimension=as_int(i.get("dimension")),
                type=i.get("type") if isinstance(i.get("type"), str) else None,
            )
            for i in as_list(self.parsed.get("items"))
            if isinstance(i, dict)
        ]
        self.dimensions = [
            dict(d, number=d.get("number") if as_int(d.get("number")) is not None else "?")
            for d in as_list(self.parsed.get("dimensions"))
            if isinstance(d, dict)
        ]


def as_dict(value):
    return value if isinstance(value, dict) else {}


def as_list(value):
    return value if isinstance(value, list) else []


def as_int(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_count(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def as_text(value):
    return value.strip() if isinstance(value, str) else ""


def cycle_years(parsed):
    cycle = as_dict(parsed.get("cycle"))
    years = [y for y in as_list(cycle.get("fiscal_years")) if isinstance(y, int)]
    if years:
        return sorted(years)
    first, last = cycle.get("first_year"), cycle.get("last_year")
    if isinstance(first, int) and isinstance(last, int) and first <= last <= first + 10:
        return list(range(first, last + 1))
    return []


def money(value):
    """A contract money string ("20000") as Decimal; None for null, blank or unreadable."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None


def fmt_baht(amount):
    return f"{baht(amount)} บาท" if amount is not None else "ไม่ระบุ"


def year_keys(mapping):
    """The integer years of a {"2566": …} mapping, sorted; non-year keys ignored."""
    years = []
    for key in as_dict(mapping):
        try:
            years.append(int(key))
        except (TypeError, ValueError):
            continue
    return sorted(years)


def years_text(years):
    """'ปี 2566–2570', 'ปี 2566 และ 2568', 'ปี 2566, 2567 และ 2569'."""
    years = sorted(set(years))
    if not years:
        return ""
    if len(years) >= 3 and years == list(range(years[0], years[-1] + 1)):
        return f"ปี {years[0]}–{years[-1]}"
    if len(years) == 1:
        return f"ปี {years[0]}"
    return "ปี " + ", ".join(str(y) for y in years[:-1]) + f" และ {years[-1]}"


def group_years(pairs):
    """[(year, a, b)] -> [((a, b), [years])] keeping first-seen order, so one finding covers equal years."""
    groups = {}
    for year, a, b in pairs:
        groups.setdefault((a, b), []).append(year)
    return list(groups.items())


def counts_text(counts):
    """{'project': 1, 'measure': 8} -> '1 โครงการ 8 มาตรการ 0 กิจกรรม' (guideline only when present)."""
    parts = []
    for kind in TYPE_ORDER:
        n = counts.get(kind, 0) or 0
        if kind == "guideline" and not n:
            continue
        parts.append(f"{n} {TYPE_LABELS[kind]}")
    return " ".join(parts)


def item_where(item, section=None):
    where = f"ส่วนที่ 3 ลำดับที่ {item.get('number', '?')}"
    if section:
        where += f" หัวข้อ {SECTION_LABELS.get(section, section)}"
    return where


def item_label(item):
    return f"ลำดับที่ {item.get('number', '?')} “{as_text(item.get('name'))}”"
