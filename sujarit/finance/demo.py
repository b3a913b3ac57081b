"""The demo organization's budget control for the fiscal year the procurement demo covers: six lines of
the ordinance, one transfer, a dozen disbursements recorded by the finance officer and cross-checked
by the auditor (one error found, one still unchecked), one line overspent, and a monitoring
meeting each quarter — so every flag and
measure has something to show. Made through the service verbs; idempotent."""

import datetime as dt

from django.contrib.auth import get_user_model

from sujarit.core import thai

from . import services
from .models import BudgetLine

LINES = [
    # code, plan, work, category, item, amount
    ("00111", "แผนงานบริหารงานทั่วไป", "งานบริหารทั่วไป", "ค่าใช้สอย", "ค่าจ้างเหมาบริการ", 300000),
    ("00112", "แผนงานบริหารงานทั่วไป", "งานบริหารทั่วไป", "ค่าวัสดุ", "วัสดุสำนักงาน", 120000),
    ("00113", "แผนงานบริหารงานทั่วไป", "งานบริหารงานคลัง", "ค่าวัสดุ", "วัสดุคอมพิวเตอร์", 80000),
    ("00241", "แผนงานเคหะและชุมชน", "งานไฟฟ้าและถนน", "ค่าที่ดินและสิ่งก่อสร้าง", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก", 2500000),
    ("00242", "แผนงานเคหะและชุมชน", "งานไฟฟ้าและถนน", "ค่าวัสดุ", "วัสดุก่อสร้าง", 600000),
    ("00251", "แผนงานสาธารณสุข", "งานบริการสาธารณสุข", "ค่าวัสดุ", "วัสดุวิทยาศาสตร์หรือการแพทย์", 150000),
]
# month offset from October, day, line index, amount, payee, description, check (None = not yet)
PAYMENTS = [
    (0, 20, 1, 18500, "ร้านแหลมสอมพาณิชย์", "ซื้อกระดาษและหมึกพิมพ์", "correct"),
    (1, 10, 0, 45000, "นายสมศักดิ์ รักงาน", "จ้างเหมาทำความสะอาด ต.ค.–พ.ย.", "correct"),
    (2, 5, 3, 980000, "หจก.ปะเหลียนโยธา", "ถนน คสล. หมู่ 3 งวดที่ 1", "correct"),
    (3, 12, 4, 210000, "หจก.ตรังวัสดุก่อสร้าง", "หินคลุก ทราย ปูนซีเมนต์", "error"),
    (4, 3, 2, 52000, "ร้านปะเหลียนการไฟฟ้า", "เครื่องพิมพ์และหมึก", "correct"),
    (5, 18, 3, 1290000, "หจก.ปะเหลียนโยธา", "ถนน คสล. หมู่ 3 งวดสุดท้าย", "correct"),
    (6, 9, 5, 64000, "บริษัท อันดามันซัพพลาย จำกัด", "ทรายอะเบท น้ำยาพ่นหมอกควัน", "correct"),
    (7, 22, 4, 330000, "หจก.ตรังวัสดุก่อสร้าง", "วัสดุซ่อมถนนลูกรัง", "correct"),
    (8, 15, 0, 90000, "นายสมศักดิ์ รักงาน", "จ้างเหมาทำความสะอาด", "correct"),
    (10, 8, 4, 140000, "ร้านแหลมสอมพาณิชย์", "วัสดุก่อสร้างซ่อมท่อระบายน้ำ", "correct"),
    (11, 20, 1, 40000, "ร้านแหลมสอมพาณิชย์", "วัสดุสำนักงานปลายปี", None),
]


def _day(first, offset, day):
    month = first.month - 1 + offset
    return dt.date(first.year + month // 12, month % 12 + 1, day)


def load(org, stdout=None):
    """Make the demo year once; returns how many disbursements were made."""
    fy = thai.current_fiscal_year() - 1
    if BudgetLine.objects.for_org(org).filter(fiscal_year=fy).exists():
        return 0
    User = get_user_model()
    finance = User.objects.filter(username="finance").first()
    auditor = User.objects.filter(username="auditor").first()
    if finance is None or auditor is None:
        return 0
    first, _last = thai.fiscal_year_bounds(fy)
    lines = [
        services.add_line(
            org, fiscal_year=fy, code=c, plan=p, work=w, category=k, item=i, amount=a, by=finance
        )
        for c, p, w, k, i, a in LINES
    ]
    services.transfer(
        org, source=lines[0], target=lines[2], amount=30000, on=_day(first, 3, 1),
        reason="โอนเพิ่มเพื่อจัดซื้อวัสดุคอมพิวเตอร์", by=finance,
    )  # fmt: skip
    made = 0
    for n, (offset, day, index, amount, payee, what, result) in enumerate(PAYMENTS, start=1):
        d = services.record_disbursement(
            org, line=lines[index], voucher=f"{fy}/{n:04d}", on=_day(first, offset, day), amount=amount,
            payee=payee, description=what, by=finance,
        )  # fmt: skip
        made += 1
        if result:
            note = "ใบสำคัญคู่จ่ายไม่ครบ ขอเอกสารเพิ่มแล้ว" if result == "error" else ""
            services.cross_check(org, d, result=result, note=note, by=auditor)
    for offset, day, attendees in ((1, 25, 14), (4, 20, 12), (7, 22, 15), (10, 24, 13)):
        services.record_meeting(
            org, on=_day(first, offset, day), title="ประชุมติดตามความก้าวหน้าการเบิกจ่ายงบประมาณ",
            attendees=attendees, summary="รายงานผลการเบิกจ่ายของแต่ละกองเทียบกับแผน และเร่งรัดรายการที่ล่าช้า",
            by=finance,
        )  # fmt: skip
    if stdout:
        stdout.write(f"finance: {len(lines)} budget lines, {made} disbursements in fiscal year {fy}\n")
    return made
