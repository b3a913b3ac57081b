"""Red flags over an organization's procurement of one fiscal year: each has a rule, parameters
(settings.SUJARIT_PROCUREMENT_FLAGS overrides DEFAULTS) and the evidence that triggered it.

Flags are computed whenever they are read, from the records as they stand; only an officer's review
is stored (models.FlagReview, keyed by code and the flag's key). The rules (projects.py, year.py) read
plain records (records.py), not the ORM, so the benchmark runs the same code over a million of them.
Precedents: Open Contracting's Cardinal and red-flag catalogue, ACT Ai's checks on e-GP
(domain/procurement.md). Thresholds marked "verify" there are parameters here.

Outlier rules use Cardinal's fences — Q1 − 1.5·IQR / Q3 + 1.5·IQR with inclusive quartiles, skipped
when Q1 = Q3 = IQR = 0 — over one organization's processes of the year, and only with
`iqr_min_sample` of them.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from sujarit.core import thai

from ..models import FlagReview, Project
from . import projects as project_rules
from . import year as year_rules
from .records import ProjectRec, VendorRec, from_projects  # noqa: F401

DEFAULTS = {
    "min_bidders": 3,
    "near_reference_ratio": Decimal("0.99"),  # award ≥ 99 % of the reference price
    "reference_budget_low": Decimal("0.5"),  # reference price under half the budget
    "iqr_min_sample": 5,
    "direct_limit": Decimal("500000"),  # verify: direct purchase limit per purchase
    "split_window_days": 30,
    "year_end_days": 30,
    "year_end_share": Decimal("0.25"),  # of the year's direct purchases (value) in its last days
    "year_end_min_count": 3,
    "direct_share": Decimal("0.5"),  # of the year's value bought by the specific method
    "direct_share_min_projects": 10,
    "concentration_share": Decimal("0.25"),  # of the year's awarded value won by one vendor
    "concentration_min_awards": 3,
    "cluster_spread": Decimal("0.01"),  # every offer within 1 % of the lowest
    "cluster_min_bids": 3,
    # verify: minimum days between announcement and closing, per competitive method
    "min_submission_days": {"e_bidding": 7, "e_market": 3, "selection": 3},
    "delay_min_days": 30,  # an outlier delay must also be at least this long
}
RULES = {
    "single_bidder": "มีผู้เสนอราคารายเดียวในวิธีที่ต้องแข่งขัน (e-bidding, e-market, คัดเลือก)",
    "few_bidders": "มีผู้เสนอราคาน้อยกว่า {min_bidders} รายในวิธีที่ต้องแข่งขัน",
    "near_reference": "ราคาที่ตกลงใกล้เคียงหรือสูงกว่าราคากลาง (ตั้งแต่ร้อยละ {near_pct} ของราคากลาง) ในวิธีที่ต้องแข่งขัน",
    "below_reference": "ราคาที่ตกลงต่ำกว่าราคากลางผิดปกติ (ส่วนลดเกินรั้วบน Q3 + 1.5·IQR ของโครงการแข่งขันในปี)",
    "reference_vs_budget": "ราคากลางไม่สอดคล้องกับงบประมาณ: สูงกว่างบประมาณ หรือต่ำกว่าร้อยละ {low_pct} ของงบประมาณ",
    "contract_above_award": "มูลค่าสัญญาสูงกว่าราคาที่ตกลงซื้อหรือจ้าง",
    "split_purchase": "ซื้อจากผู้ขายรายเดียวด้วยวิธีเฉพาะเจาะจงหลายครั้งภายใน {split_window_days} วัน "
    "แต่ละครั้งไม่ถึง {direct_limit} บาท แต่รวมกันเกิน (อาจแบ่งซื้อแบ่งจ้าง)",
    "year_end_direct": "การซื้อวิธีเฉพาะเจาะจงกระจุกตัวใน {year_end_days} วันสุดท้ายของปีงบประมาณ "
    "(ตั้งแต่ร้อยละ {year_end_pct} ของมูลค่าทั้งปี)",
    "direct_share": "สัดส่วนมูลค่าการซื้อหรือจ้างวิธีเฉพาะเจาะจงตั้งแต่ร้อยละ {direct_pct} ของมูลค่าทั้งปี "
    "(เมื่อมีอย่างน้อย {direct_share_min_projects} โครงการ)",
    "supplier_concentration": "ผู้ขายรายเดียวได้รับคัดเลือกตั้งแต่ร้อยละ {concentration_pct} ของมูลค่าทั้งปี "
    "และอย่างน้อย {concentration_min_awards} โครงการ",
    "identical_bids": "ผู้เสนอราคาตั้งแต่สองรายเสนอราคาเท่ากันในโครงการเดียวกัน",
    "clustered_bids": "ราคาที่เสนออย่างน้อย {cluster_min_bids} รายห่างจากราคาต่ำสุดไม่เกินร้อยละ {cluster_pct}",
    "shared_contacts": "ผู้เสนอราคาที่แข่งขันกันมีกรรมการ ที่อยู่ หรือหมายเลขโทรศัพท์ร่วมกัน",
    "short_submission": "ระยะเวลาตั้งแต่ประกาศถึงวันปิดรับข้อเสนอสั้นกว่าขั้นต่ำของวิธี ({submission_days})",
    "abnormal_delay": "ลงนามสัญญาช้ากว่าปกติ: จำนวนวันหลังปิดรับข้อเสนอเกินรั้วบน Q3 + 1.5·IQR ของปี "
    "และอย่างน้อย {delay_min_days} วัน",
    "invalid_id": "ผู้ประกอบการหรือกรรมการไม่มีเลขประจำตัว 13 หลัก หรือเลขตรวจสอบไม่ถูกต้อง",
}


def parameters():
    return {**DEFAULTS, **getattr(settings, "SUJARIT_PROCUREMENT_FLAGS", {})}


def rule_text(code, params=None):
    p = params or parameters()
    return RULES[code].format(
        **p,
        near_pct=p["near_reference_ratio"] * 100,
        low_pct=p["reference_budget_low"] * 100,
        year_end_pct=p["year_end_share"] * 100,
        direct_pct=p["direct_share"] * 100,
        concentration_pct=p["concentration_share"] * 100,
        cluster_pct=p["cluster_spread"] * 100,
        submission_days=", ".join(f"{m} {d} วัน" for m, d in p["min_submission_days"].items()),
    )


@dataclass
class Flag:
    code: str
    key: str
    fiscal_year: int
    message: str
    evidence: dict
    project: Project | None = None
    vendor: object = None
    review: FlagReview | None = field(default=None, compare=False)

    def as_json(self):
        return {
            "code": self.code,
            "project": self.project.egp_number or self.project.name if self.project else None,
            "vendor": self.vendor.tax_id or self.vendor.name if self.vendor else None,
            "message": self.message,
            "evidence": self.evidence,
            "review": self.review.outcome if self.review else None,
        }


def evaluate(fiscal_year, projects, vendors, params=None):
    """Every rule over plain records (records.ProjectRec, {id: VendorRec}) → [hits.Hit]."""
    params = params or parameters()
    hits = []
    for p in projects:
        hits += project_rules.each(p, vendors, params)
    hits += year_rules.every(fiscal_year, projects, vendors, params)
    return hits


def year_projects(org, fiscal_year):
    start, end = thai.fiscal_year_bounds(fiscal_year)
    return list(
        Project.objects.for_org(org)
        .in_range(start, end)
        .select_related("winner", "unit")
        .prefetch_related("bids__vendor__directors", "winner__directors")
        .order_by("pk")
    )


def compute(org, fiscal_year, params=None):
    """Every flag of org's procurement in fiscal_year, with its stored review attached."""
    projects = year_projects(org, fiscal_year)
    recs, vendor_recs = from_projects(projects)
    by_pk = {p.pk: p for p in projects}
    vendors = {}
    for p in projects:
        for v in [p.winner, *(b.vendor for b in p.bids.all())]:
            if v is not None:
                vendors[v.pk] = v
    reviews = {(r.code, r.key): r for r in FlagReview.objects.for_org(org).filter(fiscal_year=fiscal_year)}
    return [
        Flag(
            h.code,
            h.key,
            fiscal_year,
            h.message,
            h.evidence,
            by_pk.get(h.project) if h.project else None,
            vendors.get(h.vendor) if h.vendor else None,
            reviews.get((h.code, h.key)),
        )
        for h in evaluate(fiscal_year, recs, vendor_recs, params)
    ]


def find(org, fiscal_year, code, key):
    return next((f for f in compute(org, fiscal_year) if f.code == code and f.key == key), None)
