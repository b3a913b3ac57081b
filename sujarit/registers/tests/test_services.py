"""The verbs: bad inputs get a clear Thai message and change nothing; levels follow the bands;
only the register keepers write; every write is audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sujarit.core.models import AuditEvent, Role
from sujarit.core.tests.personas import make_staff

from ..models import DelegationOrder, Forum, Level, Risk, Training, Treatment
from ..services import civic, governance, risk
from .factories import assessment_with_risks, delegation

pytestmark = pytest.mark.django_db


def _message(exc):
    return " ".join(exc.value.messages)


def test_likelihood_7_is_refused_in_thai_and_adds_no_risk(org, coordinator):
    a = assessment_with_risks(org, coordinator, risks=())
    with pytest.raises(ValidationError) as exc:
        risk.add_risk(a, process="การจัดซื้อ", event="ฮั้วประมูล", likelihood=7, impact=3, by=coordinator)
    assert "ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 5" in _message(exc) and "โอกาส" in _message(exc)
    assert not Risk.objects.exists()


def test_levels_follow_the_bands_and_the_bands_are_settings(org, coordinator, settings):
    a = assessment_with_risks(org, coordinator, risks=((1, 3), (1, 5), (3, 4), (5, 5)))
    assert [r.level for r in a.risks.all()] == [Level.LOW, Level.MEDIUM, Level.HIGH, Level.VERY_HIGH]
    settings.SUJARIT_RISK_BANDS = ((5, "low"), (10, "medium"), (20, "high"), (25, "very_high"))
    assert [r.level for r in a.risks.all()] == [Level.LOW, Level.LOW, Level.HIGH, Level.VERY_HIGH]


def test_a_delegation_ending_before_it_starts_is_refused(org, coordinator):
    with pytest.raises(ValidationError) as exc:
        delegation(org, coordinator, start=dt.date(2025, 1, 1), until=dt.date(2024, 12, 31))
    assert "วันสิ้นสุดการมอบหมายต้องไม่ก่อนวันที่คำสั่งมีผล" in _message(exc)
    assert not DelegationOrder.objects.exists()


def test_attendance_above_the_target_group_is_refused(org, coordinator):
    with pytest.raises(ValidationError) as exc:
        governance.add_training(org, title="อบรมกฎหมาย", held_on=dt.date(2025, 2, 1), council_expected=12,
                                council_attended=13, by=coordinator)  # fmt: skip
    assert "มากกว่าจำนวนกลุ่มเป้าหมาย" in _message(exc)
    assert not Training.objects.exists()


def test_forum_attendance_above_the_village_population_is_refused(org, coordinator):
    village = civic.add_village(org, number=1, name="บ้านแหลมสอม", population=300, by=coordinator)
    with pytest.raises(ValidationError) as exc:
        civic.add_forum(org, village=village, held_on=dt.date(2025, 1, 5), attendees=301, by=coordinator)
    assert "มากกว่าจำนวนประชากรของหมู่บ้าน" in _message(exc)
    assert not Forum.objects.exists()


def test_other_organizations_village_is_refused(org, other_org, coordinator):
    outsider = make_staff(other_org, "o_coord", Role.PLAN_COORDINATOR)
    theirs = civic.add_village(other_org, number=1, name="บ้านอื่น", population=300, by=outsider)
    with pytest.raises(ValidationError):
        civic.add_forum(org, village=theirs, held_on=dt.date(2025, 1, 5), attendees=30, by=coordinator)
    assert not Forum.objects.exists()


def test_council_member_cannot_keep_the_registers(org, coordinator):
    council = make_staff(org, "t_council", Role.COUNCIL_MEMBER)
    with pytest.raises(PermissionDenied):
        delegation(org, council)
    a = assessment_with_risks(org, coordinator, risks=((2, 2),))
    with pytest.raises(PermissionDenied):
        risk.add_risk(a, process="x", event="y", likelihood=1, impact=1, by=council)


def test_treatment_done_needs_its_date_and_publication_needs_risks_and_a_channel(org, coordinator):
    a = assessment_with_risks(org, coordinator, risks=((2, 3),))
    t = risk.add_treatment(a.risks.get(), measure="ตรวจสอบเอกสารทุกฉบับ", by=coordinator)
    with pytest.raises(ValidationError):
        risk.set_treatment_status(t, status="done", by=coordinator)
    t.refresh_from_db()
    assert t.status == Treatment.Status.PLANNED
    risk.set_treatment_status(t, status="done", done_on=dt.date(2025, 3, 1), by=coordinator)
    with pytest.raises(ValidationError) as exc:
        risk.publish_assessment(a, published_on=dt.date(2025, 3, 2), channels="  \n", by=coordinator)
    assert "อย่างน้อยหนึ่งช่องทาง" in _message(exc)
    empty = assessment_with_risks(org, coordinator, fiscal_year=2569, risks=())
    with pytest.raises(ValidationError):
        risk.publish_assessment(empty, published_on=dt.date(2025, 3, 2), channels="เว็บไซต์", by=coordinator)
    a.refresh_from_db()
    assert a.published_on is None


def test_every_write_is_audited(org, coordinator):
    a = assessment_with_risks(org, coordinator, risks=((2, 3),))
    risk.add_treatment(a.risks.get(), measure="ตรวจสอบเอกสาร", by=coordinator)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"registers.assessment_opened", "registers.risk_added", "registers.treatment_added"} <= actions
