"""PDPA retention: personal data and protected content go after the policy's days; statistics stay."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from sujarit.core.models import AuditEvent

from ..models import (
    CaseEvent,
    CaseFile,
    CaseKey,
    Channel,
    DisciplinaryStep,
    EventType,
    Outcome,
    State,
    StepKind,
)
from ..services.cases import add_event, store_file
from ..services.daily import run_daily
from ..services.retention import purge_expired
from .test_jobs import general_case, integrity_case

PDF = (b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application/pdf", "หนังสือร้องเรียน.pdf")
NOW = timezone.now()


def closed(case, days_ago, **fields):
    case.state = fields.pop("state", State.CLOSED)
    case.closed_at = NOW - dt.timedelta(days=days_ago)
    case.first_answer_at = case.received_at + dt.timedelta(days=2)
    for k, v in fields.items():
        setattr(case, k, v)
    case.save()
    return case


def old_general(org, categories, days_ago, **fields):
    case = general_case(
        org,
        categories["road"],
        received=NOW - dt.timedelta(days=days_ago + 20),
        name="นางสาวสมหญิง ใจดี",
        phone="081 234 5678",
        email="somying@example.org",
        location="หมู่ 3 ซอยวัด",
        latitude=Decimal("7.123456"),
        longitude=Decimal("99.654321"),
        channel=Channel.PHONE,
    )
    with transaction.atomic():
        event = add_event(case, EventType.COMPLAINANT, by_complainant=True, body="บ้านเลขที่ 12 ของดิฉัน")
        store_file(case, PDF, event=event, by_complainant=True)
    return closed(case, days_ago, **fields)


def test_general_case_loses_personal_data_after_retention_and_keeps_statistics(
    django_capture_on_commit_callbacks, org, categories
):
    case = old_general(org, categories, 366)
    blob = case.files.get().blob.name
    assert default_storage.exists(blob)
    with django_capture_on_commit_callbacks(execute=True):
        counts = purge_expired(now=NOW)
    assert counts == {"general": 1, "integrity": 0, "files": 1}
    case.refresh_from_db()
    assert case.purged_at is not None
    assert (case.name, case.phone, case.email, case.description, case.location) == ("", "", "", "", "")
    assert case.latitude is None and case.longitude is None
    assert case.subject == "ถนนชำรุด"  # the category's name, not the complainant's words
    assert not CaseFile.objects.filter(case=case).exists() and not default_storage.exists(blob)
    assert not case.events.exclude(body="").exists()
    # What the statistics need is still there.
    assert (case.channel, case.state, case.category.code) == (Channel.PHONE, State.CLOSED, "road")
    assert case.received_at and case.due_date and case.closed_at and case.first_answer_at
    assert case.events.filter(type=EventType.PURGED).count() == 1
    audit = AuditEvent.objects.get(action="complaints.purged")
    assert audit.data == {"kind": "general", "files": 1, "events": 2}
    assert "สมหญิง" not in str(audit.data)


def test_cases_within_retention_or_still_open_are_kept(org, categories, policy):
    recent = old_general(org, categories, 300)
    still_open = old_general(org, categories, 400, state=State.IN_PROGRESS)
    still_open.closed_at = None
    still_open.save()
    assert purge_expired(now=NOW) == {"general": 0, "integrity": 0, "files": 0}
    for case in (recent, still_open):
        case.refresh_from_db()
        assert case.name == "นางสาวสมหญิง ใจดี" and case.files.count() == 1
    # A shorter policy makes the recent one due.
    policy.retention_days_general = 30
    policy.save()
    assert purge_expired(now=NOW)["general"] == 1


def test_corruption_case_loses_sealed_content_receipt_and_keys(
    django_capture_on_commit_callbacks, org, categories, keyed_integrity_officer, policy
):
    case, key = integrity_case(org, categories["bribe"], [keyed_integrity_officer])
    with transaction.atomic():
        event = add_event(case, EventType.REPLY, body="ขอเอกสารเพิ่มเติม", key=key)
        store_file(case, PDF, event=event, key=key)
        DisciplinaryStep.objects.create(
            case=case, kind=StepKind.FACT_FINDING, date=dt.date(2026, 1, 5), sealed_note=b"sealed"
        )
    case.receipt_lookup, case.receipt_wrap = "ab" * 32, b"wrapped"
    closed(case, 1800, outcome=Outcome.SUBSTANTIATED)
    blob = case.files.get().blob.name
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired(now=NOW) == {"general": 0, "integrity": 0, "files": 0}  # 5 years not passed
    closed(case, policy.retention_days_integrity + 1, outcome=Outcome.SUBSTANTIATED)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired(now=NOW) == {"general": 0, "integrity": 1, "files": 1}
    case.refresh_from_db()
    assert case.sealed is None and case.receipt_wrap is None and case.receipt_lookup is None
    assert not CaseKey.objects.filter(case=case).exists()
    assert not CaseEvent.objects.filter(case=case, sealed_body__isnull=False).exists()
    assert not CaseFile.objects.filter(case=case).exists() and not default_storage.exists(blob)
    assert case.steps.get().sealed_note is None and case.steps.get().kind == StepKind.FACT_FINDING
    assert (case.state, case.outcome, case.category.code) == (State.CLOSED, Outcome.SUBSTANTIATED, "bribe")
    assert case.events.filter(type=EventType.PURGED).exists()


def test_purge_runs_once(django_capture_on_commit_callbacks, org, categories):
    old_general(org, categories, 400)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired(now=NOW)["general"] == 1
        assert purge_expired(now=NOW)["general"] == 0
    assert AuditEvent.objects.filter(action="complaints.purged").count() == 1


def test_dry_run_counts_and_changes_nothing(org, categories):
    case = old_general(org, categories, 400)
    out = io.StringIO()
    call_command("complaints", "purge", "--dry-run", stdout=out)
    assert "1" in out.getvalue()
    case.refresh_from_db()
    assert case.purged_at is None and case.name and case.files.count() == 1
    call_command("complaints", "purge", stdout=io.StringIO())
    case.refresh_from_db()
    assert case.purged_at is not None and case.name == ""


def test_daily_run_also_purges(django_capture_on_commit_callbacks, org, categories):
    old_general(org, categories, 400)
    with django_capture_on_commit_callbacks(execute=True):
        done = run_daily(now=NOW)
    assert done["purged"]["general"] == 1
