"""Progress reports: the responsible unit writes and submits, the coordinator approves or returns."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.models import Attachment, AuditEvent, Role
from sujarit.core.tests.personas import make_staff
from sujarit.core.tests.samples import png_bytes, scheduled_work
from sujarit.plans.jobs import notify_report
from sujarit.plans.models import KPIResult, ProgressReport, ReportState
from sujarit.plans.services import progress

from .factories import ProgressReportFactory, build_plan

PNG = png_bytes()  # a real picture: pictures are read from their header on upload
CUR = thai.current_fiscal_year()
YEAR = CUR - 1  # both rounds have started


def png(name="photo.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture
def plan(org):
    return build_plan(org, first_year=CUR - 3, last_year=CUR + 1)


@pytest.fixture
def item(plan):
    return plan.items.get(number=1)


@pytest.fixture
def other_unit_officer(org):
    return make_staff(org, "t_officer_works", Role.UNIT_OFFICER, "กองช่าง")


def edit_url(org, item, year=YEAR, round_months=6):
    return reverse(
        "plans_staff:report_edit",
        kwargs={"org_slug": org.slug, "number": item.number, "fiscal_year": year, "round": round_months},
    )


def form_data(item, **over):
    data = {
        "status": "in_progress",
        "percent_done": "60",
        "spent": "12500.50",
        "work_done": "จัดอบรมแล้ว 1 ครั้ง",
        "problems": "",
        "next_steps": "จัดอบรมครั้งที่ 2",
        f"kpi_{item.kpis.get().pk}": "3",
        "action": "submit",
    }
    data.update(over)
    return data


def save(item, by, fiscal_year=YEAR, round_months=6, **over):
    kwargs = {"status": "in_progress", "percent_done": 50, "spent": Decimal("1000")}
    kwargs.update(over)
    return progress.save_report(item, fiscal_year, round_months, by=by, **kwargs)


def test_unit_officer_submits_report_with_evidence_and_coordinator_approves(
    client, django_capture_on_commit_callbacks, org, item, unit_officer, coordinator
):
    client.force_login(unit_officer)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(edit_url(org, item), form_data(item, evidence=[png("a.png"), png("b.png")]))
    assert resp.status_code == 302
    report = ProgressReport.objects.get(item=item, fiscal_year=YEAR, round=6)
    assert report.state == ReportState.SUBMITTED
    assert report.percent_done == 60 and report.spent == Decimal("12500.50")
    assert report.submitted_by == unit_officer
    assert sorted(a.original_name for a in report.evidence.all()) == ["a.png", "b.png"]
    assert KPIResult.objects.get(report=report).value == Decimal("3")

    # the public cannot see a file of a report not yet approved
    att = report.evidence.first()
    public_url = reverse(
        "plans:evidence", kwargs={"org_slug": org.slug, "pk": report.pk, "attachment_pk": att.pk}
    )
    client.logout()
    assert client.get(public_url).status_code == 403

    client.force_login(coordinator)
    review = reverse("plans_staff:report_review", kwargs={"org_slug": org.slug, "pk": report.pk})
    page = client.get(review)
    assert "a.png" in page.content.decode()
    resp = client.post(review, {"decision": "approve", "comment": "ครบถ้วน"})
    assert resp.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED and report.reviewed_by == coordinator

    actions = list(
        AuditEvent.objects.filter(target_type="plans.progressreport", target_id=str(report.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == ["plans.report_created", "plans.report_submitted", "plans.report_approved"]

    client.logout()
    resp = client.get(public_url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PNG


def test_staff_evidence_download_is_audited(client, org, item, unit_officer, executive):
    report = save(item, unit_officer, evidence=[png()])
    att = report.evidence.get()
    client.force_login(executive)
    url = reverse(
        "plans_staff:report_evidence", kwargs={"org_slug": org.slug, "pk": report.pk, "attachment_pk": att.pk}
    )
    assert client.get(url).status_code == 200
    event = AuditEvent.objects.filter(action="plans.evidence_downloaded").get()
    assert event.actor == executive and event.data["attachment"] == att.pk


def test_submitting_notifies_coordinators_with_an_address(
    django_capture_on_commit_callbacks, item, unit_officer, coordinator
):
    coordinator.email = "coord@example.org"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = save(item, unit_officer, submit=True)
    assert len(scheduled_work(callbacks)) == 1  # the notification is enqueued after commit
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "sujarit.plans.jobs.notify_report"
    assert queued.args_kwargs["args"] == [report.pk, "submitted"]
    assert notify_report.call(report.pk, "submitted") == 1
    assert mail.outbox[0].to == ["coord@example.org"]
    assert str(item.number) in mail.outbox[0].body
    # whoever submitted has no address: nothing is sent for the approval
    assert notify_report.call(report.pk, "approved") == 0


def test_other_units_officer_cannot_report_on_the_item(client, org, item, other_unit_officer):
    client.force_login(other_unit_officer)
    assert client.get(edit_url(org, item)).status_code == 403
    assert client.post(edit_url(org, item), form_data(item)).status_code == 403
    assert not ProgressReport.objects.exists()
    with pytest.raises(PermissionDenied):
        save(item, other_unit_officer)


def test_coordinator_may_report_on_any_item(item, coordinator, admin_user):
    item.responsible_unit = None
    item.save()
    assert save(item, coordinator).state == ReportState.DRAFT
    assert save(item, admin_user, percent_done=70).percent_done == 70


def test_other_organizations_officer_gets_403(client, org, item, other_org_officer):
    report = ProgressReportFactory(item=item, fiscal_year=YEAR)
    client.force_login(other_org_officer)
    assert client.get(edit_url(org, item)).status_code == 403
    detail = reverse("plans_staff:report_detail", kwargs={"org_slug": org.slug, "pk": report.pk})
    assert client.get(detail).status_code == 403


def test_returning_needs_a_comment(client, org, item, unit_officer, coordinator):
    report = save(item, unit_officer, submit=True)
    client.force_login(coordinator)
    review = reverse("plans_staff:report_review", kwargs={"org_slug": org.slug, "pk": report.pk})
    resp = client.post(review, {"decision": "return", "comment": "  "})
    assert resp.status_code == 200
    assert "comment is required" in resp.content.decode() or "ความเห็น" in resp.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    with pytest.raises(progress.ReportError):
        progress.return_report(report, by=coordinator, comment="")
    assert not AuditEvent.objects.filter(action="plans.report_returned").exists()


def test_returned_report_is_edited_and_resubmitted(item, unit_officer, coordinator):
    report = save(item, unit_officer, submit=True)
    first_submission = report.submitted_at
    progress.return_report(report, by=coordinator, comment="แนบรูปถ่ายด้วย")
    report = save(item, unit_officer, percent_done=80, evidence=[png()], submit=True)
    assert report.state == ReportState.SUBMITTED and report.percent_done == 80
    assert report.submitted_at == first_submission  # lateness counts from the first submission
    assert report.evidence.count() == 1
    assert AuditEvent.objects.filter(action="plans.report_submitted", data__resubmitted=True).exists()


def test_report_page_shows_its_history(client, org, item, unit_officer, coordinator):
    report = save(item, unit_officer, submit=True)
    progress.return_report(report, by=coordinator, comment="แนบรูปถ่ายด้วย")
    client.force_login(unit_officer)
    html = client.get(
        reverse("plans_staff:report_detail", kwargs={"org_slug": org.slug, "pk": report.pk})
    ).content
    history = html.decode().split('id="history"')[1].split("</ol>")[0]
    assert history.count("<li>") == 3 and "แนบรูปถ่ายด้วย" in history and "t_coord" in history


def test_approved_report_is_locked(client, org, item, unit_officer, coordinator):
    report = save(item, unit_officer, submit=True)
    progress.approve_report(report, by=coordinator)
    with pytest.raises(progress.IllegalTransition):
        save(item, unit_officer, percent_done=100)
    client.force_login(unit_officer)
    resp = client.post(edit_url(org, item), form_data(item, percent_done="100"), follow=True)
    assert "can no longer be changed" in resp.content.decode() or "ไม่สามารถ" in resp.content.decode()
    report.refresh_from_db()
    assert report.percent_done == 50 and report.state == ReportState.APPROVED


def test_illegal_transitions_raise_a_clear_error(item, unit_officer, coordinator):
    report = save(item, unit_officer)
    with pytest.raises(progress.IllegalTransition) as err:
        progress.approve_report(report, by=coordinator)
    assert err.value.messages[0]  # a sentence for the person, not a code
    progress.submit_report(report, by=unit_officer)
    with pytest.raises(progress.IllegalTransition):
        progress.submit_report(report, by=unit_officer)
    with pytest.raises(PermissionDenied):
        progress.approve_report(report, by=unit_officer)


def test_fiscal_year_must_be_in_the_cycle_and_round_started(item, unit_officer, coordinator):
    with pytest.raises(progress.ReportError):
        save(item, unit_officer, fiscal_year=CUR - 4)
    with pytest.raises(progress.ReportError):
        save(item, unit_officer, status="finished-ish")
    with pytest.raises(progress.ReportError):
        save(item, unit_officer, round_months=9)
    future = save(item, coordinator, fiscal_year=CUR + 1)  # a draft may be prepared early
    with pytest.raises(progress.ReportError):
        progress.submit_report(future, by=coordinator)
    future.refresh_from_db()
    assert future.state == ReportState.DRAFT


@pytest.mark.parametrize(
    "over, message",
    [
        ({"percent_done": "150"}, "100"),
        ({"spent": "-5"}, " 0"),
        ({"evidence": [SimpleUploadedFile("virus.exe", b"MZ\x90\x00\x03" + b"\x00" * 40)]}, "virus.exe"),
    ],
)
def test_bad_form_gives_a_message_and_changes_nothing(client, org, item, unit_officer, over, message):
    client.force_login(unit_officer)
    resp = client.post(edit_url(org, item), form_data(item, **over))
    assert resp.status_code == 200
    errors = " ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', resp.content.decode(), re.S))
    assert message in errors
    assert not ProgressReport.objects.exists()
    assert not Attachment.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="plans.").exists()


def test_a_bad_file_among_good_ones_saves_nothing(item, unit_officer):
    from django.core.exceptions import ValidationError

    bad = SimpleUploadedFile("notes.zip", b"PK\x03\x04" + b"\x00" * 30)
    with pytest.raises(ValidationError):
        save(item, unit_officer, evidence=[png(), bad])
    assert not ProgressReport.objects.exists() and not Attachment.objects.exists()


def test_due_dates_follow_the_setting(settings):
    assert progress.due_date(2567, 6) == dt.date(2024, 4, 30)
    assert progress.due_date(2567, 12) == dt.date(2024, 10, 31)
    settings.SUJARIT_PLAN_REPORT_DUE = {6: "05-15", 12: "09-30"}
    assert progress.due_date(2567, 6) == dt.date(2024, 5, 15)
    assert progress.due_date(2567, 12) == dt.date(2025, 9, 30)  # the first 30 Sep after the year ends


def test_lateness(item):
    due = progress.due_date(2567, 6)
    report = ProgressReportFactory(item=item, fiscal_year=2567, round=6)
    assert progress.is_late(report, 2567, 6, today=due) is False
    assert progress.is_late(report, 2567, 6, today=due + dt.timedelta(days=1)) is True
    report.submitted_at = timezone.make_aware(dt.datetime(2024, 4, 30, 23, 0))
    assert progress.is_late(report, 2567, 6, today=dt.date(2025, 1, 1)) is False
    report.submitted_at = timezone.make_aware(dt.datetime(2024, 5, 1, 0, 30))
    assert progress.is_late(report, 2567, 6, today=dt.date(2025, 1, 1)) is True
    assert progress.is_overdue(report, 2567, 6, today=dt.date(2025, 1, 1)) is False


def test_evidence_downloads_under_its_detected_type_never_as_a_web_page(
    client, org, item, unit_officer, executive
):
    """A PDF uploaded as "poly.html" is served as poly.pdf, application/pdf, never sniffed, sandboxed."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sujarit.core.tests.samples import tiny_pdf

    report = save(item, unit_officer, evidence=[SimpleUploadedFile("poly.html", tiny_pdf())])
    att = report.evidence.get()
    client.force_login(executive)
    url = reverse(
        "plans_staff:report_evidence", kwargs={"org_slug": org.slug, "pk": report.pk, "attachment_pk": att.pk}
    )
    resp = client.get(url)
    assert resp["Content-Type"] == "application/pdf" and resp["X-Content-Type-Options"] == "nosniff"
    assert 'filename="poly.pdf"' in resp["Content-Disposition"] and ".html" not in resp["Content-Disposition"]
    assert "sandbox" in resp["Content-Security-Policy"]  # shown by the browser's PDF viewer, in a sandbox
