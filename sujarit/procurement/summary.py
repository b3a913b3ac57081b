"""The monthly procurement summary (แบบ สขร.1, Official Information Act §9(8)) and the ITA 2568
16-field format, as rows of text/Decimal — the pages, PDF, Excel and OIT evidence all read these.

No cell is left blank ("-" when a value is unknown) and a month without procurement still has its
summary, one row saying "ไม่มีการจัดซื้อจัดจ้าง" (ITA 2568 rules, domain/procurement.md). Column titles
are the forms' own Thai wording, so they are not translated.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from sujarit.core import thai

from .models import Project

NONE_TEXT = "ไม่มีการจัดซื้อจัดจ้าง"
DASH = "-"
SKR1_COLUMNS = (
    "ลำดับที่",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง (บาท)",
    "ราคากลาง (บาท)",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
)
ITA_COLUMNS = (
    "ที่",
    "ปีงบประมาณ",
    "ชื่อหน่วยงาน",
    "อำเภอ",
    "จังหวัด",
    "กระทรวง",
    "ประเภทหน่วยงาน",
    "รายการ",
    "วงเงินงบประมาณที่ได้รับจัดสรร (บาท)",
    "แหล่งที่มาของงบประมาณ",
    "สถานะการจัดซื้อจัดจ้าง",
    "วิธีการจัดซื้อจัดจ้าง",
    "ราคากลาง (บาท)",
    "ราคาที่ตกลงซื้อหรือจ้าง (บาท)",
    "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก",
    "เลขที่โครงการในระบบ e-GP",
)
MINISTRY = "มหาดไทย"
AGENCY_TYPE = "องค์กรปกครองส่วนท้องถิ่น"


@dataclass(frozen=True)
class Month:
    year: int  # CE
    month: int

    @property
    def first(self):
        return dt.date(self.year, self.month, 1)

    @property
    def last(self):
        nxt = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)

    @property
    def label(self):
        return f"{thai.MONTHS[self.month - 1]} {thai.be_year(self.year)}"

    @property
    def slug(self):
        return f"{thai.be_year(self.year)}-{self.month:02d}"

    @property
    def fiscal_year(self):
        return thai.fiscal_year_of(self.first)

    @classmethod
    def from_slug(cls, slug):
        """'2568-01' (BE) → Month; ValueError otherwise."""
        year, _sep, month = slug.partition("-")
        month_number = int(month)
        if not (2400 <= int(year) <= 3000 and 1 <= month_number <= 12):
            raise ValueError(slug)
        return cls(thai.ce_year(int(year)), month_number)


def fiscal_months(fy, *, started_only=True):
    """The fiscal year's months, October first; only those begun by today when started_only."""
    start, _end = thai.fiscal_year_bounds(fy)
    months = [
        Month(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1) for i in range(12)
    ]
    if started_only:
        today = timezone.localdate()
        months = [m for m in months if m.first <= today]
    return months


def _money(value):
    return value if value is not None else DASH


def _text(value):
    return value.strip() if value and value.strip() else DASH


def month_projects(org, month):
    return list(
        Project.objects.for_org(org)
        .in_range(month.first, month.last)
        .select_related("winner")
        .prefetch_related("bids__vendor")
        .order_by("contract_date", "announced_on", "pk")
    )


def _bids_text(p):
    bids = list(p.bids.all())
    if bids:
        return "\n".join(f"{b.vendor.name} ราคา {thai.baht(b.price)} บาท" for b in bids)
    if p.winner and p.agreed_price is not None:
        return f"{p.winner.name} ราคา {thai.baht(p.agreed_price)} บาท"
    return DASH


def _winner_text(p):
    if p.winner is None:
        return DASH
    price = f" ราคา {thai.baht(p.agreed_price)} บาท" if p.agreed_price is not None else ""
    return p.winner.name + price


def _contract_text(p):
    parts = []
    if p.contract_number:
        parts.append(f"เลขที่ {p.contract_number}")
    if p.contract_date:
        parts.append(f"ลงวันที่ {thai.thai_date(p.contract_date)}")
    return " ".join(parts) or DASH


def skr1_rows(org, month, projects=None):
    """Rows of the month's สขร.1; one "ไม่มีการจัดซื้อจัดจ้าง" row for a month without procurement."""
    projects = month_projects(org, month) if projects is None else projects
    if not projects:
        return [[1, NONE_TEXT, DASH, DASH, DASH, DASH, DASH, DASH, DASH]]
    return [
        [
            n,
            p.name,
            p.budget,
            _money(p.reference_price),
            p.method_label,
            _bids_text(p),
            _winner_text(p),
            _text(p.reason),
            _contract_text(p),
        ]
        for n, p in enumerate(projects, start=1)
    ]


def ita_status(p, today=None):
    """The ITA template's procurement status (verify the wording against the year's template)."""
    today = today or timezone.localdate()
    if p.contract_date is None:
        return "ยังไม่ได้ลงนามในสัญญา"
    if p.delivery_date and p.delivery_date < today:
        return "สิ้นสุดระยะสัญญา"
    return "อยู่ระหว่างระยะสัญญา"


def ita_rows(org, fy):
    """The ITA 2568 16-field rows of the fiscal year: every project, and a row for each quiet month."""
    head = [fy, org.name, _text(org.district), _text(org.province), MINISTRY, AGENCY_TYPE]
    rows = []
    for month in fiscal_months(fy):
        projects = month_projects(org, month)
        if not projects:
            rows.append(
                [*head, f"{NONE_TEXT} (เดือน{month.label})", DASH, DASH, DASH, DASH, DASH, DASH, DASH, DASH]
            )
        for p in projects:
            rows.append(
                [
                    *head,
                    p.name,
                    p.budget,
                    _text(p.budget_source),
                    ita_status(p),
                    p.method_label,
                    _money(p.reference_price),
                    _money(p.agreed_price),
                    p.winner.name if p.winner else DASH,
                    p.egp_number or DASH,
                ]
            )
    return [[n, *row] for n, row in enumerate(rows, start=1)]
