"""A plausible year of procurement for the demo organization (อบต.แหลมสอม): the previous fiscal year,
about thirty purchases, with one planted split purchase (three direct purchases of building
material from one shop within three weeks, each under 500,000 baht, together over it), one
e-bidding with a single bidder, one award close to its reference price, one contract above its
award, one vendor without a tax ID, and a quiet month (April). Made through the service verbs.
Idempotent: nothing is made when the organization already has procurement records.
"""

import datetime as dt
from decimal import Decimal

from sujarit.core import thai
from sujarit.core.models import Unit

from .models import Method, Project
from .services import records


def tax_id(twelve):
    """A 13-digit ID with its check digit (domain/procurement.md)."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(twelve))
    return twelve + str((11 - total % 11) % 10)


VENDORS = {
    "shop": ("ร้านแหลมสอมพาณิชย์", tax_id("310060012345"), [("นางสมใจ ใจดี", tax_id("310060012345"))]),
    "build": ("หจก.ตรังวัสดุก่อสร้าง", tax_id("092355000187"), [("นายวิชัย ก่อสร้างดี", tax_id("192010034567"))]),
    "andaman": (
        "บริษัท อันดามันซัพพลาย จำกัด",
        tax_id("010555301122"),
        [("นายอนันต์ ทะเลงาม", tax_id("384010055512"))],
    ),
    "elec": ("ร้านปะเหลียนการไฟฟ้า", tax_id("392010066781"), [("นายสมชาย ไฟสว่าง", tax_id("392010066781"))]),
    "road1": ("หจก.ปะเหลียนโยธา", tax_id("092355100455"), [("นายประยูร ทางดี", tax_id("192050012398"))]),
    "road2": (
        "บริษัท ตรังคอนสตรัคชั่น จำกัด",
        tax_id("010555800233"),
        [("นางกานดา สร้างสรรค์", tax_id("392040077120"))],
    ),
    "road3": ("หจก.ศรีตรังการโยธา", tax_id("092356200871"), [("นายสุเมธ แข็งแรง", tax_id("192030044561"))]),
    "it": ("บริษัท ไอทีตรัง จำกัด", tax_id("010556402399"), [("นายธนา คอมพิวท์", tax_id("110370088123"))]),
    "milk": ("สหกรณ์โคนมตรัง จำกัด", tax_id("099400015631"), []),
    "fuel": ("หจก.ปั๊มน้ำมันแหลมสอม", tax_id("092357001126"), [("นายเอกชัย น้ำมันดี", tax_id("392010091234"))]),
    "print": ("ร้านถ่ายเอกสารหน้าอำเภอ", "", []),  # no tax ID on the receipt: the invalid-ID flag
}
E, M, S, D = Method.E_BIDDING, Method.E_MARKET, Method.SELECTION, Method.SPECIFIC
# (month offset from October, day, name, unit, method, budget, reference, agreed, winner, [other bids], extra)
PURCHASES = [
    (0, 12, "จัดซื้อวัสดุสำนักงาน", "สำนักปลัด", D, 18500, 18500, 18350, "shop", [], {}),
    (0, 20, "จัดซื้ออาหารเสริม (นม) โรงเรียนและศูนย์พัฒนาเด็กเล็ก ภาคเรียนที่ 2", "กองการศึกษา ศาสนาและวัฒนธรรม", D, 96315, 96315, 96315, "milk", [], {}),
    (1, 8, "จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น", "สำนักปลัด", D, 30000, 30000, 30000, "fuel", [], {}),
    (1, 25, "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านแหลมสอม หมู่ที่ 1", "กองช่าง", E, 1480000, 1465000, 1298000, "road1", [("road2", 1340000), ("road3", 1375500)], {}),
    (2, 5, "จ้างเหมาซ่อมแซมไฟฟ้าส่องสว่างสาธารณะ หมู่ที่ 2", "กองช่าง", D, 45000, 45000, 44800, "elec", [], {}),
    (2, 18, "จ้างถ่ายเอกสารและเข้าเล่มข้อบัญญัติงบประมาณ", "กองคลัง", D, 6500, 6500, 6500, "print", [], {}),
    (3, 9, "จัดซื้อวัสดุคอมพิวเตอร์", "กองคลัง", D, 24900, 24900, 24500, "it", [], {}),
    (3, 21, "จัดซื้อเครื่องคอมพิวเตอร์สำหรับงานประมวลผล จำนวน 3 เครื่อง", "สำนักปลัด", M, 90000, 90000, 73500, "it", [("andaman", 78900), ("shop", 84000)], {}),
    (4, 6, "จ้างก่อสร้างรางระบายน้ำคอนกรีต หมู่ที่ 3", "กองช่าง", E, 2350000, 2338000, 2336000, "road2", [], {}),
    (4, 3, "จัดซื้อวัสดุก่อสร้างซ่อมแซมถนนลูกรัง หมู่ที่ 5", "กองช่าง", D, 188000, 188000, 187500, "build", [], {}),
    (4, 12, "จัดซื้อวัสดุก่อสร้างซ่อมแซมถนนลูกรัง หมู่ที่ 6", "กองช่าง", D, 176000, 176000, 175800, "build", [], {}),
    (4, 21, "จัดซื้อวัสดุก่อสร้างซ่อมแซมท่อลอดเหลี่ยม หมู่ที่ 2", "กองช่าง", D, 169000, 169000, 168900, "build", [], {}),
    (5, 11, "จ้างก่อสร้างอาคารศูนย์พัฒนาเด็กเล็ก (ต่อเติม)", "กองช่าง", S, 780000, 772000, 738000, "road3", [("road1", 751000)], {}),
    (7, 2, "จัดซื้ออาหารเสริม (นม) โรงเรียนและศูนย์พัฒนาเด็กเล็ก ภาคเรียนที่ 1", "กองการศึกษา ศาสนาและวัฒนธรรม", D, 112400, 112400, 112400, "milk", [], {}),
    (7, 19, "จัดซื้อวัสดุไฟฟ้าและวิทยุ", "กองช่าง", D, 12750, 12750, 12600, "elec", [], {}),
    (8, 4, "จ้างปรับปรุงถนนแอสฟัลต์ติกคอนกรีต สายควนโพธิ์ หมู่ที่ 4", "กองช่าง", E, 3120000, 3090000, 2595000, "road3", [("road1", 2680000), ("road2", 2743000), ("build", 2890000)], {"contract_amount": 2689000}),
    (9, 10, "จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น", "สำนักปลัด", D, 30000, 30000, 29870, "fuel", [], {}),
    (9, 23, "จ้างเหมาซ่อมแซมรถบรรทุกน้ำ", "สำนักปลัด", D, 27400, 27400, 27400, "andaman", [], {}),
    (10, 7, "จ้างขุดลอกคลองระบายน้ำ หมู่ที่ 4", "กองช่าง", D, 248000, 247000, 246000, "road1", [], {}),
    (10, 26, "จัดซื้อครุภัณฑ์สำนักงาน (ตู้เหล็ก โต๊ะ เก้าอี้)", "กองคลัง", M, 65000, 64000, 55000, "andaman", [("shop", 58500), ("it", 61000)], {}),
    (11, 3, "จัดซื้อวัสดุสำนักงาน", "กองคลัง", D, 21000, 21000, 20850, "shop", [], {}),
    (11, 12, "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอยบ้านนายแดง หมู่ที่ 6", "กองช่าง", E, 1150000, 1138000, 1015000, "road2", [("road3", 1049000), ("road1", 1088000)], {}),
]  # fmt: skip


def _vendors(org):
    out = {}
    for key, (name, tid, directors) in VENDORS.items():
        out[key] = records.save_vendor(
            org, by=None, name=name, tax_id=tid, address="อำเภอปะเหลียน จังหวัดตรัง", directors=directors
        )
    return out


def load(org, stdout=None):
    """Make the demo year once; returns how many projects were made."""
    if Project.objects.for_org(org).exists():
        return 0
    fy = thai.current_fiscal_year() - 1
    first, _last = thai.fiscal_year_bounds(fy)
    vendors = _vendors(org)
    units = {u.name: u for u in Unit.objects.for_org(org)}
    for n, (offset, day, name, unit, method, budget, ref, agreed, winner, others, extra) in enumerate(
        PURCHASES
    ):
        month = first.month - 1 + offset
        signed = dt.date(first.year + month // 12, month % 12 + 1, day)
        competitive = method != D
        announced = signed - dt.timedelta(days=30 if competitive else 5)
        bids = [(vendors[winner], Decimal(agreed))] + [(vendors[k], Decimal(p)) for k, p in others]
        values = {
            "egp_number": f"{thai.be_year(signed.year) % 100:02d}{signed.month:02d}9{n:06d}",
            "name": name,
            "unit": units.get(unit),
            "budget_line": "ข้อบัญญัติงบประมาณรายจ่ายประจำปี",
            "budget": Decimal(budget),
            "reference_price": Decimal(ref),
            "method": method,
            "announced_on": announced,
            "closing_on": announced + dt.timedelta(days=14) if competitive else None,
            "winner": vendors[winner],
            "agreed_price": Decimal(agreed),
            "reason": "ราคาต่ำสุดและคุณสมบัติถูกต้องตามเงื่อนไข"
            if competitive
            else "ผู้ประกอบการมีคุณสมบัติและเสนอราคาไม่เกินวงเงิน",
            "contract_number": f"{n + 1}/{fy}",
            "contract_date": signed,
            "contract_amount": Decimal(extra.get("contract_amount", agreed)),
            "delivery_date": signed + dt.timedelta(days=90 if competitive else 7),
            "delivery_note": "ส่งมอบครบถ้วน",
        }
        records.save_project(org, values, bids if competitive else [bids[0]], by=None)
    if stdout:
        stdout.write(f"procurement: {len(PURCHASES)} projects of fiscal year {fy}\n")
    return len(PURCHASES)
