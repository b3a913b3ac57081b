"""Builders for procurement tests: vendors with valid IDs, projects, and e-GP / template files."""

import csv
import datetime as dt
import io
import itertools
from decimal import Decimal

from sujarit.procurement.demo import tax_id
from sujarit.procurement.models import Bid, Method, Project, Vendor

_serial = itertools.count(1)


def valid_id(prefix="0105"):
    n = next(_serial)
    return tax_id(f"{prefix}{n:0{12 - len(prefix)}d}")


def vendor(org, name=None, tid=None, **fields):
    n = next(_serial)
    tax_id = valid_id() if tid is None else tid
    return Vendor.objects.create(org=org, name=name or f"ผู้ขาย {n}", tax_id=tax_id, **fields)


def project(org, *, method=Method.SPECIFIC, day=dt.date(2025, 1, 15), budget=10000, ref=None, agreed=None,
            winner=None, bidders=(), contract_amount=None, bids_complete=True, name=None, announced=None,
            closing=None, budget_line=""):  # fmt: skip
    """A project dated `day`; bidders are [(vendor, price)] (the winner among them when competitive)."""
    n = next(_serial)
    p = Project.objects.create(
        org=org,
        egp_number=f"{n:011d}",
        name=name or f"โครงการทดสอบ {n}",
        budget=Decimal(budget),
        reference_price=None if ref is None else Decimal(ref),
        method=method,
        winner=winner,
        agreed_price=None if agreed is None else Decimal(agreed),
        contract_date=day,
        contract_number=f"{n}/2568",
        contract_amount=None if contract_amount is None else Decimal(contract_amount),
        bids_complete=bids_complete,
        announced_on=announced,
        closing_on=closing,
        budget_line=budget_line,
    )
    Bid.objects.bulk_create([Bid(project=p, vendor=v, price=Decimal(price)) for v, price in bidders])
    return p


EGP_HEADER_26 = [
    "ลำดับ", "รหัสโครงการ", "ชื่อโครงการ", "ชื่อประเภทโครงการ", "ชื่อหน่วยงาน", "ชื่อหน่วยงานย่อย", "วิธีจัดซื้อฯ",
    "กลุ่มวิธีจัดซื้อฯ", "วันที่ประกาศ", "งบประมาณ(บาท)", "ราคากลาง(บาท)", "ราคาตกลงซื้อ/จ้าง", "ปีงบประมาณ",
    "วันที่เกิดรายการ", "จังหวัด", "เขต/อำเภอ", "แขวง/ตำบล", "สถานะโครงการ", "พิกัด", "ละติจูด", "ลองจิจูด",
    "เลขนิติบุคคล", "ชื่อผู้ชนะ", "เลขที่สัญญา", "วันที่ลงนามสัญญา", "สถานะสัญญา",
]  # fmt: skip


def egp_row(n, *, agency="องค์การบริหารส่วนตำบลแหลมสอม", number=None, name=None, method="เฉพาะเจาะจง",
            budget="50,000.00", ref="50,000.00", agreed="49,500.00", tid=None, winner="ร้านทดสอบ",
            signed="15/01/2568", contract_amount="49,500.00"):  # fmt: skip
    return [
        str(n), number or f"6801{n:07d}", name or f"จัดซื้อวัสดุ {n}", "ซื้อ", agency, "กองคลัง", method,
        "เฉพาะเจาะจง", "10/01/2568", budget, ref, agreed, "2568", "15/01/2568", "ตรัง", "ปะเหลียน", "แหลมสอม",
        "จัดทำสัญญา/PO แล้ว", "", "", "", tid if tid is not None else tax_id(f"0923{n:08d}"), winner, f"{n}/2568",
        signed, "15/02/2568", contract_amount, "ดำเนินการแล้วเสร็จ",
    ]  # fmt: skip


def csv_file(rows, encoding="utf-8-sig"):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def egp_file(n_rows=3, header=EGP_HEADER_26, **kwargs):
    return csv_file([header, *[egp_row(i, **kwargs) for i in range(1, n_rows + 1)]])
