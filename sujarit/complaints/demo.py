"""Demo data of the complaints module: policy, categories, national holidays, a year of general cases.

Idempotent: the policy and categories are ensured every run; cases are made once. Corruption cases
are not invented: their content is sealed to integrity officers' keys, which exist only after an
officer's first sign-in (the demo `integrity` account), and a fake one would only teach people that
the channel holds made-up reports.
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sujarit.core.models import Unit

from .models import Case, CaseEvent, Category, Channel, Kind, State, Topic
from .queries import deadlines
from .services import cases, general, holidays, satisfaction, workflow

GENERAL_CATEGORIES = [
    ("road", "ถนน ทางเท้า ท่อระบายน้ำชำรุด", "กองช่าง"),
    ("light", "ไฟฟ้าส่องสว่างสาธารณะดับหรือชำรุด", "กองช่าง"),
    ("water", "น้ำประปาไม่ไหลหรือไม่สะอาด", "กองช่าง"),
    ("waste", "ขยะและความสะอาด", "สำนักปลัด"),
    ("nuisance", "เหตุเดือดร้อนรำคาญ (เสียง กลิ่น ควัน)", "สำนักปลัด"),
    ("welfare", "เบี้ยยังชีพและสวัสดิการ", "สำนักปลัด"),
    ("service", "การให้บริการของเจ้าหน้าที่", "สำนักปลัด"),
    ("personnel", "การบริหารงานบุคคล (สรรหา แต่งตั้ง โยกย้าย)", "สำนักปลัด"),
    ("salary", "การเลื่อนขั้นเงินเดือน", "สำนักปลัด"),
    ("procurement", "การจัดซื้อจัดจ้าง", "กองคลัง"),
    ("other", "เรื่องอื่น ๆ", "สำนักปลัด"),
]
# The topic the plan's "complaints about … down" KPIs count (items 10, 11, 13, 14).
TOPICS = {
    "personnel": Topic.PERSONNEL,
    "salary": Topic.SALARY_PROMOTION,
    "procurement": Topic.PROCUREMENT,
    "integrity-procurement": Topic.PROCUREMENT,
    "integrity-bribe": Topic.BRIBERY,
}
INTEGRITY_CATEGORIES = [
    ("bribe", "เรียกรับเงินหรือผลประโยชน์"),
    ("procurement", "การจัดซื้อจัดจ้างไม่โปร่งใส"),
    ("abuse", "ใช้อำนาจหน้าที่โดยมิชอบ"),
    ("assets", "ใช้ทรัพย์สินของทางราชการเพื่อประโยชน์ส่วนตน"),
    ("conflict", "ผลประโยชน์ทับซ้อน"),
    ("misconduct", "ประพฤติมิชอบอื่น ๆ"),
]
# (category, subject, place) — ordinary street problems of a coastal subdistrict in Trang.
# Procurement, personnel and salary complaints fall where the year-on-year KPIs of items 10, 11, 13
# and 14 compare them (the first weeks of this fiscal year and the same weeks of the last).
SAMPLES = [
    ("procurement", "ขอตรวจสอบคุณภาพงานจ้างเหมาวางท่อระบายน้ำ", "หน้าโรงเรียน หมู่ที่ 1"),
    ("procurement", "การจัดซื้อวัสดุซ่อมถนนไม่ประกาศราคากลางให้ทราบ", ""),
    ("personnel", "สอบถามหลักเกณฑ์การสรรหาพนักงานจ้าง", ""),
    ("salary", "ขอให้ชี้แจงหลักเกณฑ์การเลื่อนขั้นเงินเดือนพนักงานจ้าง", ""),
    ("road", "ถนนเป็นหลุมเป็นบ่อ", "ถนนสายบ้านแหลมสอม หมู่ที่ 1"),
    ("nuisance", "เสียงดังจากร้านคาราโอเกะยามวิกาล", "หมู่ที่ 5"),
    ("procurement", "ขอทราบผลการประกาศผู้ชนะการเสนอราคาซ่อมถนน", ""),
    ("personnel", "ขอทราบเหตุผลการย้ายเจ้าหน้าที่ผู้รับผิดชอบงานเบี้ยยังชีพ", ""),
    ("welfare", "สอบถามการลงทะเบียนเบี้ยยังชีพผู้สูงอายุ", ""),
    ("service", "รอรับบริการนานเกินควร", "ที่ทำการ อบต."),
    ("road", "สะพานไม้ชำรุด", "หมู่ที่ 6"),
    ("water", "น้ำประปาไหลอ่อน", "หมู่ที่ 4"),
    ("light", "เสาไฟเอียงเสี่ยงล้ม", "ทางเข้าท่าเรือ"),
    ("waste", "มีการเผาขยะใกล้บ้านเรือน", "หมู่ที่ 2"),
    ("light", "ไฟทางดับหลายต้น", "ซอยริมคลอง หมู่ที่ 2"),
    ("waste", "ขยะตกค้างไม่มีรถมาเก็บ", "ตลาดนัดหมู่ที่ 3"),
    ("road", "ท่อระบายน้ำอุดตัน น้ำท่วมขัง", "หน้าโรงเรียน หมู่ที่ 1"),
    ("other", "ขอให้ตัดกิ่งไม้ที่บังทาง", "หมู่ที่ 3"),
]
CHANNELS = [Channel.WEB, Channel.WEB, Channel.WALK_IN, Channel.PHONE, Channel.TRAFFY, Channel.DAMRONGDHAMA]


def _units(org):
    return {u.name: u for u in Unit.objects.for_org(org)}


@transaction.atomic
def ensure_configuration(org):
    """The policy (15 calendar days, the office of the permanent secretary) and the categories."""
    units = _units(org)
    office = units.get("สำนักปลัด")
    policy = cases.policy_for(org)
    changed = []
    for field, value in (("general_unit", office), ("integrity_unit", office), ("phone", org.phone)):
        if value and not getattr(policy, field):
            setattr(policy, field, value)
            changed.append(field)
    if changed:
        policy.save(update_fields=[*changed, "updated_at"])
    for order, (code, name, unit_name) in enumerate(GENERAL_CATEGORIES):
        Category.objects.get_or_create(
            org=org, code=code, defaults={"name": name, "unit": units.get(unit_name), "order": order}
        )
    for order, (code, name) in enumerate(INTEGRITY_CATEGORIES):
        Category.objects.get_or_create(
            org=org, code=f"integrity-{code}", defaults={"name": name, "kind": Kind.INTEGRITY, "order": order}
        )
    for code, topic in TOPICS.items():
        Category.objects.for_org(org).filter(code=code, topic="").update(topic=topic)
    return policy


def _backdate(case, received, answered, closed):
    """Move a demo case's clock back to when it is supposed to have happened."""
    due = deadlines.due_date(case.org, timezone.localtime(received).date())
    Case.objects.filter(pk=case.pk).update(
        received_at=received, due_date=due, first_answer_at=answered, closed_at=closed
    )
    events = list(CaseEvent.objects.filter(case=case).order_by("pk"))
    end = closed or answered or received
    for i, event in enumerate(events):
        at = received + (end - received) * i / max(len(events) - 1, 1)
        CaseEvent.objects.filter(pk=event.pk).update(created_at=at)


def make_cases(org, admin, today=None):
    """About two general cases a month for the last 14 months, in every state, some rated."""
    rnd = random.Random(2567)
    today = today or timezone.localdate()
    categories = {c.code: c for c in Category.objects.for_org(org).filter(kind=Kind.GENERAL)}
    made = 0
    for n in range(28):
        days_ago = 420 - n * 15 + rnd.randint(0, 6)
        received = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(9 + rnd.randint(0, 6), 15))
        )
        code, subject, place = SAMPLES[n % len(SAMPLES)]
        case, _secret = general.submit(
            org,
            by=admin,
            channel=CHANNELS[n % len(CHANNELS)],
            received_at=received,
            category=categories[code],
            subject=subject,
            description=f"{subject} บริเวณ{place or 'ในตำบล'} ขอให้ อบต. ช่วยดำเนินการ (ข้อมูลสาธิต)",
            location=place,
        )
        answered = closed = None
        if days_ago > 20 or n % 3:
            workflow.change_state(case, State.ACCEPTED, by=admin)
            workflow.reply(case, "ได้รับเรื่องแล้ว ส่วนราชการที่รับผิดชอบจะออกตรวจพื้นที่", by=admin)
            answered = received + dt.timedelta(days=rnd.choice([1, 2, 3, 5, 8, 12, 18]))
            if days_ago > 30:
                workflow.change_state(case, State.IN_PROGRESS, by=admin)
                workflow.change_state(case, State.RESOLVED, by=admin, note="ดำเนินการแก้ไขเรียบร้อยแล้ว")
                closed = answered + dt.timedelta(days=rnd.randint(2, 20))
                if n % 4:
                    workflow.change_state(case, State.CLOSED, by=admin)
                    _rate(case, rnd.choice([3, 4, 4, 5, 5, 5]))
        _backdate(case, received, answered, closed)
        made += 1
    return made


def _rate(case, score):
    """The complainant answers the complaint satisfaction questionnaire, every rating `score`."""
    survey = satisfaction.survey_for(case)
    if survey is None:  # the survey engine is not installed
        return
    values = {f"q{pk}": [str(score)] for pk, kind in survey.questions if kind == "likert"}
    satisfaction.answer(case, lambda name: values.get(name, []), survey.token)


def load(org, stdout=None):
    ensure_configuration(org)
    holidays_loaded = holidays.load_national_holidays()
    admin = get_user_model().objects.filter(people__org=org, username="admin").first()
    made = 0
    if admin is not None and not Case.objects.for_org(org).exists():
        with transaction.atomic():
            made = make_cases(org, admin)
    if stdout is not None:
        stdout.write(
            f"complaints: {made} demo cases, {holidays_loaded.get('created', 0)} national holidays added"
        )
