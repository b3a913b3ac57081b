"""Red flags over an organization's procurement of one fiscal year: each has a rule, parameters
(settings.SUJARIT_PROCUREMENT_FLAGS overrides DEFAULTS) and the evidence that triggered it.

Flags are computed whenever they are read, from the records as they stand; only an officer's review
is stored (models.FlagReview, keyed by code and the flag's key). Precedents: Open Contracting's
Cardinal (R018 single bid, R058 IQR fences, R011 split purchases, R059 contract above award) and ACT
Ai's checks on e-GP (domain/procurement.md). Thresholds marked "verify" there are parameters here.

The abnormal-discount rule uses Cardinal's fences — flag when the discount is at or above
Q3 + 1.5·IQR, skip when Q1 = Q3 = IQR = 0 — but over one organization's competitive processes of the
year (Python's `statistics.quantiles`, inclusive method), and only with `iqr_min_sample` of them.
"""

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from sujarit.core import thai

from . import ids
from .models import COMPETITIVE, FlagReview, Method, Project

DEFAULTS = {
    "min_bidders": 3,
    "near_reference_ratio": Decimal("0.99"),  # award ≥ 99 % of the reference price
    "iqr_min_sample": 5,
    "direct_limit": Decimal("500000"),  # verify: direct purchase limit per purchase
    "split_window_days": 30,
    "year_end_days": 30,
    "year_end_share": Decimal("0.25"),  # of the year's direct purchases (value) in its last days
    "year_end_min_count": 3,
}
RULES = {
    "single_bidder": "มีผู้เสนอราคารายเดียวในวิธีที่ต้องแข่งขัน (e-bidding, e-market, คัดเลือก)",
    "few_bidders": "มีผู้เสนอราคาน้อยกว่า {min_bidders} รายในวิธีที่ต้องแข่งขัน",
    "near_reference": "ราคาที่ตกลงใกล้เคียงหรือสูงกว่าราคากลาง (ตั้งแต่ร้อยละ {near_pct} ของราคากลาง) ในวิธีที่ต้องแข่งขัน",
    "below_reference": "ราคาที่ตกลงต่ำกว่าราคากลางผิดปกติ (ส่วนลดเกินรั้วบน Q3 + 1.5·IQR ของโครงการแข่งขันในปี)",
    "contract_above_award": "มูลค่าสัญญาสูงกว่าราคาที่ตกลงซื้อหรือจ้าง",
    "split_purchase": "ซื้อจากผู้ขายรายเดียวด้วยวิธีเฉพาะเจาะจงหลายครั้งภายใน {split_window_days} วัน "
    "แต่ละครั้งไม่ถึง {direct_limit} บาท แต่รวมกันเกิน (อาจแบ่งซื้อแบ่งจ้าง)",
    "year_end_direct": "การซื้อวิธีเฉพาะเจาะจงกระจุกตัวใน {year_end_days} วันสุดท้ายของปีงบประมาณ "
    "(ตั้งแต่ร้อยละ {year_end_pct} ของมูลค่าทั้งปี)",
    "invalid_id": "ผู้ประกอบการหรือกรรมการไม่มีเลขประจำตัว 13 หลัก หรือเลขตรวจสอบไม่ถูกต้อง",
}


def parameters():
    return {**DEFAULTS, **getattr(settings, "SUJARIT_PROCUREMENT_FLAGS", {})}


def rule_text(code, params=None):
    p = params or parameters()
    return RULES[code].format(
        **p,
        near_pct=p["near_reference_ratio"] * 100,
        year_end_pct=p["year_end_share"] * 100,
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


def _baht(value):
    return thai.baht(value) if value is not None else "-"


def _ref(p):
    return p.egp_number or f"#{p.pk}"


def _bidder_flags(fy, p, params):
    if p.method not in COMPETITIVE or not p.bids_complete:
        return []
    bidders = len(p.bids.all())
    evidence = {"bidders": bidders, "method": p.method_label}
    if bidders == 1:
        return [Flag("single_bidder", f"p{p.pk}", fy, f"{p.name}: มีผู้เสนอราคารายเดียว", evidence, p, p.winner)]
    if 1 < bidders < params["min_bidders"]:
        message = f"{p.name}: มีผู้เสนอราคา {bidders} ราย"
        return [Flag("few_bidders", f"p{p.pk}", fy, message, evidence, p, p.winner)]
    return []


def _price_flags(fy, p, params):
    flags = []
    ref, agreed = p.reference_price, p.agreed_price
    if (
        p.method in COMPETITIVE
        and ref
        and agreed is not None
        and agreed >= ref * params["near_reference_ratio"]
    ):
        ratio = (agreed / ref * 100).quantize(Decimal("0.01"))
        word = "สูงกว่า" if agreed > ref else "ใกล้เคียง"
        flags.append(
            Flag(
                "near_reference",
                f"p{p.pk}",
                fy,
                f"{p.name}: ราคาที่ตกลง {_baht(agreed)} บาท{word}ราคากลาง {_baht(ref)} บาท (ร้อยละ {ratio})",
                {
                    "agreed_price": str(agreed),
                    "reference_price": str(ref),
                    "percent_of_reference": str(ratio),
                },
                p,
                p.winner,
            )
        )
    if p.contract_amount is not None and agreed is not None and p.contract_amount > agreed:
        flags.append(
            Flag(
                "contract_above_award",
                f"p{p.pk}",
                fy,
                f"{p.name}: สัญญา {_baht(p.contract_amount)} บาท สูงกว่าราคาที่ตกลง {_baht(agreed)} บาท",
                {"contract_amount": str(p.contract_amount), "agreed_price": str(agreed)},
                p,
                p.winner,
            )
        )
    return flags


def _discount_flags(fy, projects, params):
    sample = [
        (p, (p.reference_price - p.agreed_price) / p.reference_price)
        for p in projects
        if p.method in COMPETITIVE and p.reference_price and p.agreed_price is not None
    ]
    if len(sample) < params["iqr_min_sample"]:
        return []
    q1, _q2, q3 = statistics.quantiles([d for _p, d in sample], n=4, method="inclusive")
    iqr = q3 - q1
    if q1 == q3 == iqr == 0:
        return []
    fence = q3 + Decimal("1.5") * iqr
    flags = []
    for p, d in sample:
        if d > 0 and d >= fence:
            pct = (d * 100).quantize(Decimal("0.01"))
            flags.append(
                Flag(
                    "below_reference",
                    f"p{p.pk}",
                    fy,
                    f"{p.name}: ต่ำกว่าราคากลางร้อยละ {pct} (รั้วบนของปีนี้ร้อยละ {(fence * 100).quantize(Decimal('0.01'))})",
                    {
                        "discount_percent": str(pct),
                        "q1": str(q1.quantize(Decimal("0.0001"))),
                        "q3": str(q3.quantize(Decimal("0.0001"))),
                        "upper_fence": str(fence.quantize(Decimal("0.0001"))),
                        "sample": len(sample),
                    },
                    p,
                    p.winner,
                )
            )
    return flags


def _amount(p):
    return p.agreed_price if p.agreed_price is not None else p.budget


def _split_flags(fy, projects, params):
    limit, window = params["direct_limit"], dt.timedelta(days=params["split_window_days"])
    by_vendor = defaultdict(list)
    for p in projects:
        if p.method == Method.SPECIFIC and p.winner_id and p.summary_date and _amount(p) < limit:
            by_vendor[p.winner_id].append(p)
    flags = []
    for purchases in by_vendor.values():
        purchases.sort(key=lambda p: (p.summary_date, p.pk))
        clusters, current = [], []
        for p in purchases:
            if current and p.summary_date - current[0].summary_date > window:
                clusters.append(current)
                current = []
            current.append(p)
        clusters.append(current)
        for group in clusters:
            total = sum((_amount(p) for p in group), Decimal(0))
            if len(group) < 2 or total <= limit:
                continue
            vendor = group[0].winner
            flags.append(
                Flag(
                    "split_purchase",
                    "split:" + ",".join(str(p.pk) for p in group),
                    fy,
                    f"{vendor.name}: {len(group)} ครั้ง ระหว่าง {thai.thai_date(group[0].summary_date, short=True)}"
                    f"–{thai.thai_date(group[-1].summary_date, short=True)} รวม {_baht(total)} บาท",
                    {
                        "total": str(total),
                        "limit": str(limit),
                        "projects": [
                            {
                                "project": _ref(p),
                                "date": p.summary_date.isoformat(),
                                "amount": str(_amount(p)),
                            }
                            for p in group
                        ],
                    },
                    group[0],
                    vendor,
                )
            )
    return flags


def _year_end_flags(fy, projects, params):
    _start, end = thai.fiscal_year_bounds(fy)
    window_start = end - dt.timedelta(days=params["year_end_days"] - 1)
    direct = [p for p in projects if p.method == Method.SPECIFIC and p.summary_date]
    late = [p for p in direct if p.summary_date >= window_start]
    total = sum((_amount(p) for p in direct), Decimal(0))
    late_total = sum((_amount(p) for p in late), Decimal(0))
    if not total or len(late) < params["year_end_min_count"]:
        return []
    share = late_total / total
    if share < params["year_end_share"]:
        return []
    pct = (share * 100).quantize(Decimal("0.01"))
    return [
        Flag(
            "year_end_direct",
            f"fy{fy}",
            fy,
            f"ซื้อวิธีเฉพาะเจาะจง {len(late)} ครั้ง รวม {_baht(late_total)} บาท ใน {params['year_end_days']} วัน"
            f"สุดท้ายของปีงบประมาณ {fy} (ร้อยละ {pct} ของทั้งปี)",
            {
                "window_start": window_start.isoformat(),
                "count": len(late),
                "late_total": str(late_total),
                "year_total": str(total),
                "share_percent": str(pct),
                "projects": [_ref(p) for p in late],
            },
        )
    ]


def _id_flags(fy, projects):
    vendors = {}
    for p in projects:
        for v in [p.winner, *(b.vendor for b in p.bids.all())]:
            if v is not None:
                vendors[v.pk] = v
    flags = []
    for v in sorted(vendors.values(), key=lambda v: v.pk):
        bad = [] if ids.is_valid(v.tax_id) else [{"who": v.name, "id": v.tax_id or "(ไม่มี)"}]
        bad += [
            {"who": d.name, "id": d.id_number}
            for d in v.directors.all()
            if d.id_number and not ids.is_valid(d.id_number)
        ]
        if bad:
            flags.append(
                Flag(
                    "invalid_id",
                    f"v{v.pk}",
                    fy,
                    f"{v.name}: เลขประจำตัวไม่ถูกต้องหรือไม่มี ({', '.join(b['who'] for b in bad)})",
                    {"ids": bad},
                    None,
                    v,
                )
            )
    return flags


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
    params = params or parameters()
    projects = year_projects(org, fiscal_year)
    flags = []
    for p in projects:
        flags += _bidder_flags(fiscal_year, p, params)
        flags += _price_flags(fiscal_year, p, params)
    flags += _discount_flags(fiscal_year, projects, params)
    flags += _split_flags(fiscal_year, projects, params)
    flags += _year_end_flags(fiscal_year, projects, params)
    flags += _id_flags(fiscal_year, projects)
    reviews = {(r.code, r.key): r for r in FlagReview.objects.for_org(org).filter(fiscal_year=fiscal_year)}
    for f in flags:
        f.review = reviews.get((f.code, f.key))
    return flags


def find(org, fiscal_year, code, key):
    return next((f for f in compute(org, fiscal_year) if f.code == code and f.key == key), None)
