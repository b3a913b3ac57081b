"""The daily run: reminders before the due date, a delay notice and escalation after it, once each."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sujarit.core.models import AuditEvent, Role
from sujarit.core.tests.personas import make_staff

from ..jobs import send_delay_notice, send_escalation, send_reminder, standard_text
from ..models import Case, EventType, Kind, State
from ..protection import crypto
from ..services import keys
from ..services.cases import create_case
from ..services.daily import run_daily

BKK = zoneinfo.ZoneInfo("Asia/Bangkok")
NOW = dt.datetime(2026, 6, 15, 9, 0, tzinfo=BKK)  # calendar days, due in 15, reminded 3 days before


def at(day):
    return dt.datetime(2026, *day, 10, 0, tzinfo=BKK)


def general_case(org, category, received=(6, 3), **fields):
    """A general case received on `received` (June 3 → due June 18, reminded June 15)."""
    fields.setdefault("subject", "ถนนหน้าบ้านเป็นหลุม")
    fields.setdefault("description", "หลุมลึกมาก รถจักรยานยนต์ล้ม")
    with transaction.atomic():
        return create_case(
            org,
            Kind.GENERAL,
            received_at=received if isinstance(received, dt.datetime) else at(received),
            category=category,
            unit=category.unit,
            tracking_code=f"T{Case.objects.count() + 1:05d}",
            **fields,
        )


def integrity_case(org, category, officers, received=(6, 3)):
    """A corruption case keyed to `officers` (users); returns (case, key)."""
    key = crypto.new_key()
    people = [u.people.get(org=org) for u in officers]
    with transaction.atomic():
        case = create_case(
            org,
            Kind.INTEGRITY,
            received_at=at(received),
            key=key,
            event_body="ปลัดเรียกรับเงินค่าใบอนุญาต",
            category=category,
            sealed=crypto.seal_json(key, {"text": "ปลัดเรียกรับเงินค่าใบอนุญาต", "name": "นายผู้แจ้ง"}),
        )
        keys.seal_for(case, key, people)
    return case, key


def with_email(user, address):
    user.email = address
    user.save()
    return user


@pytest.fixture
def roads_officer(org):
    return with_email(make_staff(org, "t_roads", Role.UNIT_OFFICER, unit_name="กองช่าง"), "roads@example.org")


def daily(capture, now=NOW):
    with capture(execute=True):
        return run_daily(now=now)


def queued(name):
    return DBTaskResult.objects.filter(task_path=f"sujarit.complaints.jobs.{name}")


def test_unit_officers_are_reminded_once_three_days_before_due(
    django_capture_on_commit_callbacks, org, categories, roads_officer, unit_officer
):
    with_email(unit_officer, "palad@example.org")  # another unit: not told
    case = general_case(org, categories["road"])
    assert case.due_date == dt.date(2026, 6, 18)
    assert daily(django_capture_on_commit_callbacks, now=NOW - dt.timedelta(days=1))["reminded"] == 0
    done = daily(django_capture_on_commit_callbacks)
    assert done["reminded"] == 1
    case.refresh_from_db()
    assert case.reminded_at is not None
    assert case.events.filter(type=EventType.REMINDER).count() == 1
    task = queued("send_reminder").get()
    assert send_reminder.call(*task.args_kwargs["args"]) == 1
    assert mail.outbox[0].to == ["roads@example.org"]
    assert case.number in mail.outbox[0].subject
    assert "หลุม" not in mail.outbox[0].body  # no complaint text in a staff e-mail
    # The same day again, and the next day: nothing twice.
    assert daily(django_capture_on_commit_callbacks)["reminded"] == 0
    assert daily(django_capture_on_commit_callbacks, now=NOW + dt.timedelta(days=1))["reminded"] == 0
    assert queued("send_reminder").count() == 1
    assert case.events.filter(type=EventType.REMINDER).count() == 1


def test_assigned_officer_is_reminded_instead_of_the_unit(
    django_capture_on_commit_callbacks, org, categories, roads_officer, unit_officer
):
    with_email(unit_officer, "palad@example.org")
    case = general_case(org, categories["road"], assignee=unit_officer.people.get(org=org))
    daily(django_capture_on_commit_callbacks)
    send_reminder.call(*queued("send_reminder").get().args_kwargs["args"])
    assert [m.to for m in mail.outbox] == [["palad@example.org"]]
    assert case.pk


def test_answered_case_is_neither_reminded_nor_escalated(
    django_capture_on_commit_callbacks, org, categories, roads_officer, executive
):
    general_case(org, categories["road"], first_answer_at=at((6, 4)))
    general_case(org, categories["road"], received=(5, 1), first_answer_at=at((5, 2)))
    general_case(org, categories["road"], received=(5, 1), state=State.CLOSED, closed_at=at((5, 3)))
    done = daily(django_capture_on_commit_callbacks)
    assert done["reminded"] == done["explained"] == done["escalated"] == 0
    assert not DBTaskResult.objects.exists()


def test_overdue_general_case_is_explained_to_the_complainant_and_escalated_once(
    django_capture_on_commit_callbacks, org, categories, executive
):
    with_email(executive, "mayor@example.org")
    case = general_case(org, categories["road"], received=(5, 20), email="citizen@example.org")
    assert case.due_date == dt.date(2026, 6, 4)
    done = daily(django_capture_on_commit_callbacks)
    assert done["explained"] == 1 and done["escalated"] == 1
    case.refresh_from_db()
    assert case.explained_at and case.escalated_at
    explanation = case.events.get(type=EventType.EXPLANATION)
    assert explanation.is_public and explanation.body  # the complainant's timeline shows it
    assert explanation.data["standard"] == "delay"
    assert explanation.data["until"] == "2026-06-30"  # told when they will hear
    assert not case.events.get(type=EventType.ESCALATED).is_public

    assert send_delay_notice.call(*queued("send_delay_notice").get().args_kwargs["args"]) == 1
    notice = mail.outbox[-1]
    assert notice.to == ["citizen@example.org"] and case.tracking_code in notice.body
    assert send_escalation.call(*queued("send_escalation").get().args_kwargs["args"]) == 1
    assert mail.outbox[-1].to == ["mayor@example.org"] and case.number in mail.outbox[-1].body

    again = daily(django_capture_on_commit_callbacks, now=NOW + dt.timedelta(days=2))
    assert again["explained"] == again["escalated"] == 0
    assert DBTaskResult.objects.count() == 2
    actions = list(
        AuditEvent.objects.filter(action__startswith="complaints.").values_list("action", flat=True)
    )
    assert actions.count("complaints.escalated") == 1 and actions.count("complaints.delay_explained") == 1


def test_complainant_without_email_gets_the_timeline_notice_only(
    django_capture_on_commit_callbacks, org, categories
):
    case = general_case(org, categories["road"], received=(5, 20))
    daily(django_capture_on_commit_callbacks)
    assert case.events.filter(type=EventType.EXPLANATION).exists()
    assert not queued("send_delay_notice").exists()


def test_corruption_case_reminds_only_keyed_integrity_officers(
    django_capture_on_commit_callbacks,
    org,
    categories,
    keyed_integrity_officer,
    second_integrity_officer,
    admin_user,
    unit_officer,
):
    for user in (keyed_integrity_officer, second_integrity_officer, admin_user, unit_officer):
        with_email(user, f"{user.username}@example.org")
    integrity_case(org, categories["bribe"], [keyed_integrity_officer])
    daily(django_capture_on_commit_callbacks)
    assert send_reminder.call(*queued("send_reminder").get().args_kwargs["args"]) == 1
    assert [m.to for m in mail.outbox] == [["t_integrity@example.org"]]
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert "เรียกรับ" not in body and "ผู้แจ้ง" not in body


def test_overdue_corruption_case_gets_a_standard_explanation_without_plain_text(
    django_capture_on_commit_callbacks, org, categories, keyed_integrity_officer, executive
):
    with_email(executive, "mayor@example.org")
    case, _key = integrity_case(org, categories["bribe"], [keyed_integrity_officer], received=(5, 20))
    done = daily(django_capture_on_commit_callbacks)
    assert done["explained"] == 1 and done["escalated"] == 1
    event = case.events.get(type=EventType.EXPLANATION)
    assert event.is_public and event.body == "" and event.sealed_body is None
    assert event.data == {"standard": "delay", "until": "2026-06-30"}
    assert standard_text(event)  # the reporter's timeline renders the standard text
    assert not queued("send_delay_notice").exists()  # the reporter's contact is sealed
    send_escalation.call(*queued("send_escalation").get().args_kwargs["args"])
    message = mail.outbox[0]
    assert case.number in message.body
    assert categories["bribe"].name not in message.subject + message.body


def test_queued_mail_is_a_database_row_a_worker_runs_after_a_restart(
    django_capture_on_commit_callbacks, org, categories, roads_officer, monkeypatch
):
    # The worker closes "old" connections between tasks; in a test that would close the test's own
    # transaction on PostgreSQL (Django's test client keeps it open the same way).
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    general_case(org, categories["road"])
    daily(django_capture_on_commit_callbacks)
    row = queued("send_reminder").get()
    assert row.status == "READY" and mail.outbox == []
    # A fresh worker process picks the stored row up and sends the mail.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert [m.to for m in mail.outbox] == [["roads@example.org"]]


def test_daily_command_reports_in_thai_and_sends_nothing_twice(
    django_capture_on_commit_callbacks, org, categories, roads_officer
):
    case = general_case(org, categories["road"], received=timezone.now() - dt.timedelta(days=30))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("complaints", "daily", stdout=out)
    case.refresh_from_db()
    assert case.explained_at and case.escalated_at
    assert len(out.getvalue().splitlines()) == 2
    first = DBTaskResult.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("complaints", "daily", stdout=io.StringIO())
    assert DBTaskResult.objects.count() == first
