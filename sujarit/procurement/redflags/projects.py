"""Rules that read one project at a time: its bidders, prices, dates and the bidders' ties."""

import itertools

from .hits import Hit, baht, norm_address, norm_person, norm_phone, pct


def bidders(p, params):
    if not p.competitive or not p.bids_complete:
        return []
    n = len(p.bids)
    evidence = {"bidders": n, "method": p.method_label or p.method}
    if n == 1:
        return [Hit("single_bidder", f"p{p.id}", f"{p.name}: มีผู้เสนอราคารายเดียว", evidence, p.id, p.winner)]
    if 1 < n < params["min_bidders"]:
        return [Hit("few_bidders", f"p{p.id}", f"{p.name}: มีผู้เสนอราคา {n} ราย", evidence, p.id, p.winner)]
    return []


def prices(p, params):
    hits = []
    ref, agreed = p.reference, p.agreed
    if p.competitive and ref and agreed is not None and agreed >= ref * params["near_reference_ratio"]:
        ratio = pct(agreed / ref)
        word = "สูงกว่า" if agreed > ref else "ใกล้เคียง"
        hits.append(
            Hit(
                "near_reference",
                f"p{p.id}",
                f"{p.name}: ราคาที่ตกลง {baht(agreed)} บาท{word}ราคากลาง {baht(ref)} บาท (ร้อยละ {ratio})",
                {
                    "agreed_price": str(agreed),
                    "reference_price": str(ref),
                    "percent_of_reference": str(ratio),
                },
                p.id,
                p.winner,
            )
        )
    if p.contract_amount is not None and agreed is not None and p.contract_amount > agreed:
        hits.append(
            Hit(
                "contract_above_award",
                f"p{p.id}",
                f"{p.name}: สัญญา {baht(p.contract_amount)} บาท สูงกว่าราคาที่ตกลง {baht(agreed)} บาท",
                {"contract_amount": str(p.contract_amount), "agreed_price": str(agreed)},
                p.id,
                p.winner,
            )
        )
    if ref and p.budget and (ref > p.budget or ref < p.budget * params["reference_budget_low"]):
        ratio = pct(ref / p.budget)
        word = "สูงกว่างบประมาณ" if ref > p.budget else "ต่ำกว่างบประมาณมาก"
        hits.append(
            Hit(
                "reference_vs_budget",
                f"p{p.id}",
                f"{p.name}: ราคากลาง {baht(ref)} บาท{word} {baht(p.budget)} บาท (ร้อยละ {ratio})",
                {"reference_price": str(ref), "budget": str(p.budget), "percent_of_budget": str(ratio)},
                p.id,
                p.winner,
            )
        )
    return hits


def bid_prices(p, params):
    """Identical offers (Cardinal R028), else every offer within a narrow band of the lowest (ACT Ai)."""
    if len(p.bids) < 2:
        return []
    offered = sorted(price for _v, price in p.bids)
    same = sorted({a for a, b in itertools.pairwise(offered) if a == b})
    if same:
        return [
            Hit(
                "identical_bids",
                f"p{p.id}",
                f"{p.name}: มีผู้เสนอราคาเท่ากัน ({', '.join(baht(x) for x in same)} บาท)",
                {"prices": [str(x) for x in offered]},
                p.id,
                p.winner,
            )
        ]
    low, high = offered[0], offered[-1]
    if (
        len(offered) >= params["cluster_min_bids"]
        and low > 0
        and (high - low) / low <= params["cluster_spread"]
    ):
        spread = pct((high - low) / low)
        return [
            Hit(
                "clustered_bids",
                f"p{p.id}",
                f"{p.name}: ราคาที่เสนอ {len(offered)} รายห่างกันไม่เกินร้อยละ {spread}",
                {"prices": [str(x) for x in offered], "spread_percent": str(spread)},
                p.id,
                p.winner,
            )
        ]
    return []


def _ties(vendor):
    yield from (("director", who) for who in map(lambda d: norm_person(*d), vendor.directors) if who)
    if address := norm_address(vendor.address):
        yield ("address", address)
    if phone := norm_phone(vendor.phone):
        yield ("phone", phone)


def shared_contacts(p, vendors):
    """Competing bidders sharing a director, an address or a phone (OCP R044, ACT Ai)."""
    if len(p.bids) < 2:
        return []
    seen, hits = {}, []
    pairs = {}
    for vendor_id, _price in p.bids:
        vendor = vendors.get(vendor_id)
        if vendor is None:
            continue
        for tie in set(_ties(vendor)):
            other = seen.setdefault(tie, vendor_id)
            if other != vendor_id:
                pairs.setdefault((other, vendor_id), []).append(tie)
    for (a, b), ties in sorted(pairs.items()):
        what = ", ".join(sorted({kind for kind, _ in ties}))
        hits.append(
            Hit(
                "shared_contacts",
                f"p{p.id}:{a}-{b}",
                f"{p.name}: ผู้เสนอราคา {vendors[a].name} และ {vendors[b].name} มี{_THAI_TIE[what]}ร่วมกัน",
                {
                    "vendors": [vendors[a].name, vendors[b].name],
                    "shared": sorted(f"{k}: {v}" for k, v in ties),
                },
                p.id,
                b,
            )
        )
    return hits


_THAI_TIE = {
    "address": "ที่อยู่",
    "director": "กรรมการ",
    "phone": "หมายเลขโทรศัพท์",
    "address, director": "กรรมการและที่อยู่",
    "address, phone": "ที่อยู่และหมายเลขโทรศัพท์",
    "director, phone": "กรรมการและหมายเลขโทรศัพท์",
    "address, director, phone": "กรรมการ ที่อยู่ และหมายเลขโทรศัพท์",
}


def submission(p, params):
    """Fewer days between announcement and closing than the method's minimum (Cardinal R003)."""
    minimum = params["min_submission_days"].get(p.method)
    if not minimum or not p.announced or not p.closing:
        return []
    days = (p.closing - p.announced).days
    if days >= minimum:
        return []
    return [
        Hit(
            "short_submission",
            f"p{p.id}",
            f"{p.name}: เปิดให้ยื่นข้อเสนอเพียง {days} วัน (ขั้นต่ำ {minimum} วัน)",
            {"announced": p.announced.isoformat(), "closing": p.closing.isoformat(), "days": days},
            p.id,
            p.winner,
        )
    ]


def each(p, vendors, params):
    return [
        *bidders(p, params),
        *prices(p, params),
        *(bid_prices(p, params) if p.bids_complete else ()),
        *shared_contacts(p, vendors),
        *submission(p, params),
    ]
