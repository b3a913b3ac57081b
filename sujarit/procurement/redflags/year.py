"""Rules that read a fiscal year's projects together: outliers over the year (Cardinal's IQR fences),
split purchases, the year's end, the share of direct purchases, concentration, and IDs."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sujarit.core import thai

from .. import ids
from ..models import Method
from .hits import Hit, baht, fences, pct

SPECIFIC = Method.SPECIFIC


def discounts(fy, projects, params):
    """Award abnormally below the reference price: discount at or above the upper fence (Cardinal R058)."""
    sample = [
        (p, (p.reference - p.agreed) / p.reference)
        for p in projects
        if p.competitive and p.reference and p.agreed is not None
    ]
    if len(sample) < params["iqr_min_sample"]:
        return []
    fence = fences([d for _p, d in sample])
    if fence is None:
        return []
    q1, q3, _low, upper = fence
    q = Decimal("0.0001")
    return [
        Hit(
            "below_reference",
            f"p{p.id}",
            f"{p.name}: ต่ำกว่าราคากลางร้อยละ {pct(d)} (รั้วบนของปีนี้ร้อยละ {pct(upper)})",
            {
                "discount_percent": str(pct(d)),
                "q1": str(q1.quantize(q)),
                "q3": str(q3.quantize(q)),
                "upper_fence": str(upper.quantize(q)),
                "sample": len(sample),
            },
            p.id,
            p.winner,
        )
        for p, d in sample
        if d > 0 and d >= upper
    ]


def delays(fy, projects, params):
    """Days from closing (else announcement) to the contract above the year's upper fence and at least
    `delay_min_days` (OCP R060–R062: decision and signature delays)."""
    sample = []
    for p in projects:
        start = p.closing or p.announced
        if start and p.contract_date and p.contract_date >= start:
            sample.append((p, (p.contract_date - start).days))
    if len(sample) < params["iqr_min_sample"]:
        return []
    fence = fences([d for _p, d in sample])
    if fence is None:
        return []
    q1, q3, _low, upper = fence
    return [
        Hit(
            "abnormal_delay",
            f"p{p.id}",
            f"{p.name}: ลงนามสัญญาหลังปิดรับข้อเสนอ {d} วัน (รั้วบนของปีนี้ {upper:.1f} วัน)",
            {"days": d, "q1": q1, "q3": q3, "upper_fence": round(upper, 1), "sample": len(sample)},
            p.id,
            p.winner,
        )
        for p, d in sample
        if d > upper and d >= params["delay_min_days"]
    ]


def splits(fy, projects, vendors, params):
    """One vendor, the specific method, each under the limit, within the window of the group's first,
    together over the limit (OCP R011, ACT Ai)."""
    limit, window = params["direct_limit"], dt.timedelta(days=params["split_window_days"])
    by_vendor = defaultdict(list)
    for p in projects:
        if p.method == SPECIFIC and p.winner and p.day and p.amount < limit:
            by_vendor[p.winner].append(p)
    hits = []
    for purchases in by_vendor.values():
        if len(purchases) < 2:
            continue
        purchases.sort(key=lambda p: (p.day, p.id))
        clusters, current = [], []
        for p in purchases:
            if current and p.day - current[0].day > window:
                clusters.append(current)
                current = []
            current.append(p)
        clusters.append(current)
        for group in clusters:
            total = sum((p.amount for p in group), Decimal(0))
            if len(group) < 2 or total <= limit:
                continue
            vendor = vendors[group[0].winner]
            hits.append(
                Hit(
                    "split_purchase",
                    "split:" + ",".join(str(p.id) for p in group),
                    f"{vendor.name}: {len(group)} ครั้ง ระหว่าง {thai.thai_date(group[0].day, short=True)}"
                    f"–{thai.thai_date(group[-1].day, short=True)} รวม {baht(total)} บาท",
                    {
                        "total": str(total),
                        "limit": str(limit),
                        "projects": [
                            {"project": p.ref, "date": p.day.isoformat(), "amount": str(p.amount)}
                            for p in group
                        ],
                    },
                    group[0].id,
                    vendor.id,
                )
            )
    return hits


def year_end(fy, projects, params):
    _start, end = thai.fiscal_year_bounds(fy)
    window_start = end - dt.timedelta(days=params["year_end_days"] - 1)
    direct = [p for p in projects if p.method == SPECIFIC and p.day]
    late = [p for p in direct if p.day >= window_start]
    total = sum((p.amount for p in direct), Decimal(0))
    late_total = sum((p.amount for p in late), Decimal(0))
    if not total or len(late) < params["year_end_min_count"] or late_total / total < params["year_end_share"]:
        return []
    share = pct(late_total / total)
    return [
        Hit(
            "year_end_direct",
            f"fy{fy}",
            f"ซื้อวิธีเฉพาะเจาะจง {len(late)} ครั้ง รวม {baht(late_total)} บาท ใน {params['year_end_days']} วัน"
            f"สุดท้ายของปีงบประมาณ {fy} (ร้อยละ {share} ของทั้งปี)",
            {
                "window_start": window_start.isoformat(),
                "count": len(late),
                "late_total": str(late_total),
                "year_total": str(total),
                "share_percent": str(share),
                "projects": [p.ref for p in late],
            },
        )
    ]


def direct_share(fy, projects, params):
    """The year's value bought by the specific method above a share (OCP R013)."""
    if len(projects) < params["direct_share_min_projects"]:
        return []
    total = sum((p.amount for p in projects), Decimal(0))
    direct = [p for p in projects if p.method == SPECIFIC]
    direct_total = sum((p.amount for p in direct), Decimal(0))
    if not total or direct_total / total < params["direct_share"]:
        return []
    share = pct(direct_total / total)
    return [
        Hit(
            "direct_share",
            f"fy{fy}",
            f"ปีงบประมาณ {fy} ซื้อหรือจ้างด้วยวิธีเฉพาะเจาะจงร้อยละ {share} ของมูลค่าทั้งปี "
            f"({len(direct)} จาก {len(projects)} โครงการ)",
            {
                "direct_total": str(direct_total),
                "year_total": str(total),
                "share_percent": str(share),
                "direct_count": len(direct),
                "count": len(projects),
            },
        )
    ]


def concentration(fy, projects, vendors, params):
    """One vendor winning a large share of the year's awarded value (OCP R040/R050)."""
    won, count = defaultdict(Decimal), defaultdict(int)
    for p in projects:
        if p.winner:
            won[p.winner] += p.amount
            count[p.winner] += 1
    total = sum(won.values(), Decimal(0))
    if not total or len(won) < 2:
        return []
    hits = []
    for vendor_id, value in sorted(won.items()):
        share = value / total
        if share >= params["concentration_share"] and count[vendor_id] >= params["concentration_min_awards"]:
            vendor = vendors[vendor_id]
            hits.append(
                Hit(
                    "supplier_concentration",
                    f"v{vendor_id}",
                    f"{vendor.name}: ได้รับคัดเลือก {count[vendor_id]} โครงการ รวม {baht(value)} บาท "
                    f"(ร้อยละ {pct(share)} ของมูลค่าทั้งปี)",
                    {
                        "awards": count[vendor_id],
                        "value": str(value),
                        "year_total": str(total),
                        "share_percent": str(pct(share)),
                    },
                    None,
                    vendor_id,
                )
            )
    return hits


def invalid_ids(fy, projects, vendors):
    used = set()
    for p in projects:
        if p.winner:
            used.add(p.winner)
        used.update(v for v, _price in p.bids)
    hits = []
    for vendor_id in sorted(used):
        v = vendors[vendor_id]
        bad = [] if ids.is_valid(v.tax_id) else [{"who": v.name, "id": v.tax_id or "(ไม่มี)"}]
        bad += [
            {"who": name, "id": number} for name, number in v.directors if number and not ids.is_valid(number)
        ]
        if bad:
            hits.append(
                Hit(
                    "invalid_id",
                    f"v{vendor_id}",
                    f"{v.name}: เลขประจำตัวไม่ถูกต้องหรือไม่มี ({', '.join(b['who'] for b in bad)})",
                    {"ids": bad},
                    None,
                    vendor_id,
                )
            )
    return hits


def every(fy, projects, vendors, params):
    return [
        *discounts(fy, projects, params),
        *delays(fy, projects, params),
        *splits(fy, projects, vendors, params),
        *year_end(fy, projects, params),
        *direct_share(fy, projects, params),
        *concentration(fy, projects, vendors, params),
        *invalid_ids(fy, projects, vendors),
    ]
