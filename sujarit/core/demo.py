"""The demo organization อบต.แหลมสอม and one staff account per role (passwords printed once)."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from . import services, thai
from .models import Organization, OrgType, Role

DEMO_SLUG = "laemsom"
UNITS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม", "หน่วยตรวจสอบภายใน"]
# username, full name, position, unit, roles, council member
DEMO_STAFF = [
    ("admin", "ผู้ดูแลระบบ (สาธิต)", "นักวิชาการคอมพิวเตอร์", "สำนักปลัด", [Role.ADMIN], False),
    ("executive", "นายก อบต. (สาธิต)", "นายกองค์การบริหารส่วนตำบลแหลมสอม", None, [Role.EXECUTIVE], False),
    (
        "coordinator",
        "ผู้ประสานงานแผน (สาธิต)",
        "นักวิเคราะห์นโยบายและแผน",
        "สำนักปลัด",
        [Role.PLAN_COORDINATOR],
        False,
    ),
    ("officer", "เจ้าหน้าที่สำนักปลัด (สาธิต)", "นักทรัพยากรบุคคล", "สำนักปลัด", [Role.UNIT_OFFICER], False),
    ("integrity", "เจ้าหน้าที่ศูนย์ร้องเรียน (สาธิต)", "นิติกร", "สำนักปลัด", [Role.INTEGRITY_OFFICER], False),
    ("finance", "เจ้าหน้าที่การเงิน (สาธิต)", "ผู้อำนวยการกองคลัง", "กองคลัง", [Role.FINANCE_OFFICER], False),
    (
        "council",
        "สมาชิกสภา อบต. (สาธิต)",
        "สมาชิกสภาองค์การบริหารส่วนตำบล หมู่ที่ 1",
        None,
        [Role.COUNCIL_MEMBER],
        True,
    ),
    ("auditor", "ผู้ตรวจสอบภายใน (สาธิต)", "นักวิชาการตรวจสอบภายใน", "หน่วยตรวจสอบภายใน", [Role.AUDITOR], False),
]


@transaction.atomic
def load_org():
    """Create the demo organization and its staff accounts; returns (org, [(username, password)]) ."""
    org = Organization.objects.filter(slug=DEMO_SLUG).first()
    if org is None:
        org = services.create_organization(
            slug=DEMO_SLUG,
            name="องค์การบริหารส่วนตำบลแหลมสอม",
            short_name="อบต.แหลมสอม",
            org_type=OrgType.SAO,
            province="ตรัง",
            district="ปะเหลียน",
            subdistrict="แหลมสอม",
            nacc_region=thai.province_region("ตรัง"),
            # The office's address as the plan document gives its place; no phone number is invented.
            address="ที่ทำการองค์การบริหารส่วนตำบลแหลมสอม ตำบลแหลมสอม อำเภอปะเหลียน จังหวัดตรัง",
        )
    units = {name: services.ensure_unit(org, name, order=i) for i, name in enumerate(UNITS)}
    created = []
    User = get_user_model()
    for username, full_name, position, unit, roles, council in DEMO_STAFF:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(9)
        services.create_staff_account(
            org, username=username, password=password, full_name=full_name, position=position,
            unit=units.get(unit) if unit else None, roles=roles,
        )  # fmt: skip
        if council:
            org.people.filter(user__username=username).update(is_council=True)
        created.append((username, password, roles[0].label))
    return org, created
