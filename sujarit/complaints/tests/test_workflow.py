"""The shared staff verbs: the state machine, who may act, what is audited, what the complainant hears."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sujarit.core.models import AuditEvent, Role
from sujarit.core.services import ensure_unit
from sujarit.core.tests.personas import make_staff
from sujarit.core.tests.samples import scheduled_work

from .. import permissions as access
from ..jobs import notify_reply
from ..models import Case, CaseEvent, EventType, Kind, State
from ..protection import crypto
from ..services import cases, keys, workflow


def general_case(org, category, **fields):
    with transaction.atomic():
        defaults = {"subject": "ถนนเป็นหลุม", "description": "หน้าบ้านเลขที่ 5", "unit": category.unit}
        defaults.update(fields)
        return cases.create_case(org, Kind.GENERAL, category=category, **defaults)


def integrity_case(org, category, officers):
    key = crypto.new_key()
    with transaction.atomic():
        case = cases.create_case(org, Kind.INTEGRITY, category=category, key=key)
        keys.seal_for(case, key, officers)
    return case, key


@pytest.fixture
def road_officer(org):
    return make_staff(org, "t_road", Role.UNIT_OFFICER, unit_name="กองช่าง")


@pytest.fixture
def case(org, categories):
    return general_case(org, categories["waste"])  # routed to สำนักปลัด, the unit officer's unit


def test_allowed_path_to_closed_sets_answer_and_close_times(case, unit_officer):
    workflow.change_state(case, State.ACCEPTED, by=unit_officer)
    assert case.first_answer_at is None  # accepting is not yet an answer
    workflow.change_state(case, State.IN_PROGRESS, by=unit_officer)
    workflow.change_state(case, State.RESOLVED, by=unit_officer, note="เก็บขยะแล้ว")
    assert case.first_answer_at is not None
    workflow.change_state(case, State.CLOSED, by=unit_officer)
    case.refresh_from_db()
    assert case.state == State.CLOSED and case.closed_at is not None
    states = list(case.events.filter(type=EventType.STATE).values_list("state", flat=True))
    assert states == ["accepted", "in_progress", "resolved", "closed"]


@pytest.mark.parametrize(
    "path,refused",
    [
        ([], State.RESOLVED),
        ([], State.CLOSED),
        ([State.ACCEPTED], State.RESOLVED),
        ([State.OUT_OF_SCOPE], State.ACCEPTED),
        ([State.ACCEPTED, State.IN_PROGRESS, State.RESOLVED, State.CLOSED], State.IN_PROGRESS),
    ],
)
def test_refused_transitions_change_nothing(case, unit_officer, path, refused):
    for state in path:
        workflow.change_state(case, state, by=unit_officer)
    before = case.events.count()
    with pytest.raises(workflow.IllegalTransition):
        workflow.change_state(case, refused, by=unit_officer)
    case.refresh_from_db()
    assert case.state == (path[-1] if path else State.RECEIVED)
    assert case.events.count() == before


def test_resolved_case_can_be_reopened(case, unit_officer):
    for state in (State.ACCEPTED, State.IN_PROGRESS, State.RESOLVED, State.IN_PROGRESS):
        workflow.change_state(case, state, by=unit_officer)
    assert Case.objects.get(pk=case.pk).state == State.IN_PROGRESS


def test_forwarding_needs_the_agency_and_counts_as_an_answer(case, unit_officer):
    with pytest.raises(ValidationError):
        workflow.change_state(case, State.FORWARDED, by=unit_officer)
    workflow.change_state(case, State.FORWARDED, by=unit_officer, forwarded_to="การไฟฟ้าส่วนภูมิภาค")
    case.refresh_from_db()
    assert case.forwarded_to == "การไฟฟ้าส่วนภูมิภาค" and case.first_answer_at is not None


def test_out_of_scope_is_an_answer(case, unit_officer):
    workflow.change_state(case, State.OUT_OF_SCOPE, by=unit_officer, note="ไม่ใช่อำนาจหน้าที่")
    assert Case.objects.get(pk=case.pk).first_answer_at is not None


def test_officer_of_another_unit_cannot_act(case, road_officer):
    with pytest.raises(PermissionDenied):
        workflow.change_state(case, State.ACCEPTED, by=road_officer)
    with pytest.raises(PermissionDenied):
        workflow.reply(case, "สวัสดี", by=road_officer)
    assert Case.objects.get(pk=case.pk).state == State.RECEIVED


def test_assigned_officer_of_another_unit_may_act(org, case, unit_officer, road_officer):
    workflow.change_state(case, State.ACCEPTED, by=unit_officer)
    person = road_officer.people.get(org=org)
    workflow.assign(case, person, by=unit_officer)
    assert case.state == State.ASSIGNED and case.assignee == person
    workflow.change_state(case, State.IN_PROGRESS, by=road_officer)
    assert access.can_handle(road_officer, case)


def test_executive_sees_but_cannot_handle(org, case, executive):
    assert case in access.visible_cases(executive, org, Kind.GENERAL)
    with pytest.raises(PermissionDenied):
        workflow.add_note(case, "ดูแล้ว", by=executive)


def test_other_org_officer_cannot_act(case, other_org_officer):
    with pytest.raises(PermissionDenied):
        workflow.change_state(case, State.ACCEPTED, by=other_org_officer)


def test_cannot_assign_someone_of_another_org(case, unit_officer, other_org_officer, other_org):
    with pytest.raises(ValidationError):
        workflow.assign(case, other_org_officer.people.get(org=other_org), by=unit_officer)


def test_reply_sets_first_answer_and_is_audited_without_text(case, unit_officer):
    workflow.reply(case, "จะเข้าไปดูพรุ่งนี้ครับ", by=unit_officer)
    case.refresh_from_db()
    assert case.first_answer_at is not None
    event = AuditEvent.objects.get(action="complaints.reply")
    assert event.actor == unit_officer
    assert "พรุ่งนี้" not in str(event.data)
    assert CaseEvent.objects.get(case=case, type=EventType.REPLY).body == "จะเข้าไปดูพรุ่งนี้ครับ"


def test_empty_reply_refused(case, unit_officer):
    with pytest.raises(ValidationError):
        workflow.reply(case, "   ", by=unit_officer)
    assert not case.events.filter(type=EventType.REPLY).exists()


def test_reply_mails_a_complainant_with_an_address(
    django_capture_on_commit_callbacks, org, categories, unit_officer
):
    case = general_case(org, categories["waste"], email="somchai@example.org", tracking_code="ABCD2345")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.reply(case, "เก็บแล้วครับ", by=unit_officer)
    assert len(scheduled_work(callbacks)) == 1
    assert notify_reply.call(case.pk) == 1
    assert mail.outbox[0].to == ["somchai@example.org"]
    assert "ABCD2345" in mail.outbox[0].subject
    assert "เก็บแล้วครับ" not in mail.outbox[0].body  # read on the case page, after the secret


def test_reply_without_address_schedules_nothing(django_capture_on_commit_callbacks, case, unit_officer):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.reply(case, "รับทราบ", by=unit_officer)
    assert scheduled_work(callbacks) == []


def test_note_is_internal(case, unit_officer):
    event = workflow.add_note(case, "ผู้ร้องโทรมาซ้ำ", by=unit_officer)
    assert event.type == EventType.NOTE and not event.is_public
    assert Case.objects.get(pk=case.pk).first_answer_at is None


# --- corruption cases ---------------------------------------------------------------------------


def test_integrity_case_text_is_sealed_and_only_key_holders_act(
    org,
    categories,
    keyed_integrity_officer,
    second_integrity_officer,
    admin_user,
    django_capture_on_commit_callbacks,
):
    holder = keyed_integrity_officer.people.get(org=org)
    case, key = integrity_case(org, categories["bribe"], [holder])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event = workflow.reply(case, "ได้รับเรื่องแล้ว", by=keyed_integrity_officer, key=key)
    assert scheduled_work(callbacks) == []  # never a mail for a corruption case
    assert event.body == "" and cases.event_text(event, key) == "ได้รับเรื่องแล้ว"
    note = workflow.add_note(case, "ตรวจสอบเอกสาร", by=keyed_integrity_officer, key=key)
    assert b"\xe0\xb8" not in bytes(note.sealed_body)  # no Thai plain text inside
    with pytest.raises(PermissionDenied):  # integrity officer without the case key
        workflow.change_state(case, State.ACCEPTED, by=second_integrity_officer, key=key)
    with pytest.raises(PermissionDenied):  # administrators never handle corruption cases
        workflow.change_state(case, State.ACCEPTED, by=admin_user, key=key)
    assert case not in access.visible_cases(admin_user, org, Kind.INTEGRITY)
    assert list(access.visible_cases(keyed_integrity_officer, org, Kind.INTEGRITY)) == [case]


def test_integrity_case_requires_the_key(org, categories, keyed_integrity_officer):
    case, key = integrity_case(org, categories["bribe"], [keyed_integrity_officer.people.get(org=org)])
    with pytest.raises(ValueError):
        workflow.add_note(case, "ไม่มีกุญแจ", by=keyed_integrity_officer)
    assert not case.events.filter(type=EventType.NOTE).exists()


def test_integrity_case_assignee_must_hold_the_key(
    org, categories, keyed_integrity_officer, second_integrity_officer
):
    case, key = integrity_case(org, categories["bribe"], [keyed_integrity_officer.people.get(org=org)])
    workflow.change_state(case, State.ACCEPTED, by=keyed_integrity_officer, key=key)
    with pytest.raises(ValidationError):
        workflow.assign(case, second_integrity_officer.people.get(org=org), by=keyed_integrity_officer)


def test_unit_officer_sees_own_unit_and_assigned_only(org, categories, unit_officer, road_officer):
    waste = general_case(org, categories["waste"])
    road = general_case(org, categories["road"])
    assert set(access.visible_cases(unit_officer, org, Kind.GENERAL)) == {waste}
    assert set(access.visible_cases(road_officer, org, Kind.GENERAL)) == {road}
    other = ensure_unit(org, "กองการศึกษา")
    elsewhere = general_case(org, categories["waste"], unit=other)
    assert elsewhere not in access.visible_cases(unit_officer, org, Kind.GENERAL)
