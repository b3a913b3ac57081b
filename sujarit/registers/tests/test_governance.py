"""Salary-promotion rounds (item 11), HR transparency (item 10, O18–O20) and the code of ethics with
its drive and acknowledgement (item 1): refusals in Thai that keep nothing, measures that move the
plan, evidence for the OIT board."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sujarit.core.models import Person
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.plans import demo as plan_demo
from sujarit.plans.models import KPI

from ..models import EthicsAcknowledgement, EthicsCode, SalaryRound
from ..services import governance

pytestmark = pytest.mark.django_db
COMMITTEE = "นายก อบต.\nปลัด อบต.\nหัวหน้าสำนักปลัด"


def _measure(key, org, fy):
    return registry.measures[f"registers.{key}"].func(org, Period.for_fiscal_year(fy))


def _round(org, by, fy=2568, number=1, **kw):
    fields = {"committee": COMMITTEE, "criteria_published_on": dt.date(2025, 1, 10),
              "results_published_on": dt.date(2025, 3, 25), "assessed": 40, "promoted": 36, **kw}  # fmt: skip
    return governance.record_salary_round(org, fiscal_year=fy, number=number, by=by, **fields)


def test_the_seed_binds_items_1_10_and_11_to_these_registers(org):
    plan = plan_demo.load(org).plan
    keys = set(
        KPI.objects.filter(item__plan=plan, item__number__in=(1, 10, 11)).values_list(
            "measure_key", flat=True
        )
    )
    assert {"registers.ethics_code_channels", "registers.hr_measures"} <= keys
    # "ข้อร้องเรียนในการเลื่อนขั้นเงินเดือนลดลง" counts complaints: the complaints module's topic measure
    # takes it; the salary-appeals measure stays in the picker for a plan that words it as appeals.
    assert "complaints.salary_promotion_reduction" in keys


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"promoted": 41}, "จำนวนผู้ได้เลื่อนขั้นมากกว่าจำนวนผู้รับการประเมิน"),
        ({"results_published_on": dt.date(2025, 1, 1)}, "ต้องประกาศหลักเกณฑ์ก่อนประกาศผล"),
        ({"committee": "นายก อบต."}, "อย่างน้อยสามคน"),
        ({"appeals": 1, "appeals_resolved": 2}, "มากกว่าจำนวนที่ยื่น"),
        ({"assessed": -3}, "ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป"),
    ],
)
def test_a_bad_round_is_refused_in_thai_and_nothing_is_kept(org, coordinator, fields, words):
    with pytest.raises(ValidationError) as exc:
        _round(org, coordinator, **fields)
    assert words in " ".join(exc.value.messages)
    assert not SalaryRound.objects.exists()


def test_recording_a_round_again_updates_it_and_fewer_appeals_move_item_11(org, coordinator):
    _round(org, coordinator, fy=2567, appeals=4, appeals_resolved=4)
    assert _measure("salary_appeals_reduction", org, 2568) is None  # nothing recorded in 2568 yet
    _round(org, coordinator, fy=2568, appeals=3)
    _round(org, coordinator, fy=2568, appeals=2, appeals_resolved=2)  # the same round, corrected
    assert SalaryRound.objects.filter(fiscal_year=2568).count() == 1
    assert _measure("salary_appeals_reduction", org, 2568) == 50
    assert _measure("salary_rounds_published", org, 2568) == 1


def test_hr_documents_are_oit_evidence_by_their_kind(org, coordinator):
    for kind, title in (("policy", "นโยบายการบริหารทรัพยากรบุคคล"), ("criteria", "หลักเกณฑ์การบริหารบุคคล"),
                        ("plan", "แผนอัตรากำลัง 3 ปี"), ("report", "รายงานผลการบริหารบุคคล 2567")):  # fmt: skip
        governance.add_hr_document(org, fiscal_year=2568, kind=kind, title=title,
                                   published_on=dt.date(2024, 11, 1), by=coordinator)  # fmt: skip
    evidence = registry.oit_providers["registers.hr"].func(org, 2568)
    assert sorted(e["topic"] for e in evidence) == ["hr criteria", "hr policy", "hr policy", "hr report"]
    assert _measure("hr_measures", org, 2568) == 1  # the policy is the item's measure
    with pytest.raises(ValidationError) as exc:
        governance.add_hr_document(org, fiscal_year=2568, kind="memo", title="x", published_on=dt.date(2024, 11, 1),
                                   by=coordinator)  # fmt: skip
    assert "ประเภทเอกสาร" in " ".join(exc.value.messages)


def test_the_code_of_ethics_channels_and_acknowledgements(org, coordinator, other_org):
    code = governance.add_ethics_code(org, title="ประมวลจริยธรรม", adopted_on=dt.date(2024, 10, 1),
                                      published_on=dt.date(2024, 10, 5), channels="เว็บไซต์\nบอร์ด\nเฟซบุ๊ก\nเว็บไซต์",
                                      by=coordinator)  # fmt: skip
    assert _measure("ethics_code_channels", org, 2568) == 3
    staff = list(Person.objects.for_org(org).filter(active=True, is_council=False))
    governance.acknowledge_code(code, person=staff[0], acknowledged_on=dt.date(2024, 10, 10), by=coordinator)
    with pytest.raises(ValidationError) as exc:
        governance.acknowledge_code(
            code, person=staff[0], acknowledged_on=dt.date(2024, 10, 11), by=coordinator
        )
    assert "ลงนามรับทราบประมวลจริยธรรมแล้ว" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        governance.acknowledge_code(
            code, person=staff[-1], acknowledged_on=dt.date(2024, 9, 1), by=coordinator
        )
    assert "ก่อนวันที่ประกาศใช้" in " ".join(exc.value.messages)
    outsider = Person.objects.create(org=other_org, full_name="คนนอก")
    with pytest.raises(ValidationError):
        governance.acknowledge_code(
            code, person=outsider, acknowledged_on=dt.date(2024, 10, 10), by=coordinator
        )
    assert EthicsAcknowledgement.objects.count() == 1
    assert _measure("ethics_acknowledged", org, 2568) == round(100 / len(staff), 2) or len(staff) == 1


def test_a_code_published_without_a_channel_is_refused(org, coordinator):
    with pytest.raises(ValidationError) as exc:
        governance.add_ethics_code(org, title="ประมวลจริยธรรม", adopted_on=dt.date(2024, 10, 1),
                                   published_on=dt.date(2024, 10, 5), by=coordinator)  # fmt: skip
    assert "อย่างน้อยหนึ่งช่องทาง" in " ".join(exc.value.messages)
    assert not EthicsCode.objects.exists()


def test_the_salary_page_shows_the_staff_survey_and_refuses_bad_input(client, org, coordinator):
    client.force_login(coordinator)
    url = reverse("registers_staff:salary", kwargs={"org_slug": org.slug}) + "?year=2568"
    page = client.post(url, {"action": "add", "fiscal_year": 2568, "number": 1, "committee": COMMITTEE,
                             "assessed": 10, "promoted": 12}).content.decode()  # fmt: skip
    assert "จำนวนผู้ได้เลื่อนขั้นมากกว่าจำนวนผู้รับการประเมิน" in page
    assert not SalaryRound.objects.exists()
    resp = client.post(url, {"action": "add", "fiscal_year": 2568, "number": 1, "committee": COMMITTEE,
                             "criteria_published_on": "2025-01-10", "assessed": 10, "promoted": 9})  # fmt: skip
    assert resp.status_code == 302
    page = client.get(url).content.decode()
    assert "ความพึงพอใจของบุคลากรต่อการเลื่อนขั้นเงินเดือน (แบบสำรวจ)" in page and "9/10" in page
