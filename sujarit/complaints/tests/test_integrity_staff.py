"""Integrity officers handling corruption cases: reading, revealing, acting, outcomes, steps, grants."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from sujarit.complaints.models import (
    Case,
    CaseEvent,
    CaseKey,
    DisciplinaryStep,
    EventType,
    Outcome,
    State,
    StepKind,
)
from sujarit.complaints.protection import pow
from sujarit.complaints.services import intake, integrity, keys
from sujarit.core.models import AuditEvent, Role
from sujarit.core.services import ensure_unit
from sujarit.core.tests.personas import make_staff

REPORT = "ปลัดเรียกเงินห้าพันบาทเพื่อเร่งออกใบอนุญาตก่อสร้าง"


def _photo():
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, format="JPEG")
    return buf.getvalue(), "image/jpeg", "หลักฐาน.jpg"


def report(
    org, category, *, accused_unit=None, accused_name="", text=REPORT, name="", phone="", email="", files=()
):
    """A corruption case filed the way the public form files it (intake.submit_report)."""
    case, _receipt = intake.submit_report(
        org,
        category=category,
        accused_unit=accused_unit,
        accused_name=accused_name,
        text=text,
        when="มีนาคม 2569",
        where="ห้องปลัด",
        name=name,
        phone=phone,
        email=email,
        checked_files=files,
        token=pow.issue(org),
    )
    return case


def sign_in(user):
    """A browser signed in with the password, so the sign-in hook unlocks the officer's key."""
    client = Client()
    response = client.post(
        reverse("core_site:login"), {"username": user.username, "password": "pw-" + user.username}
    )
    assert response.status_code == 302
    return client


def case_url(case, name="integrity_case", **extra):
    return reverse(f"complaints_staff:{name}", kwargs={"org_slug": case.org.slug, "pk": case.pk, **extra})


def audits(action, case=None):
    qs = AuditEvent.objects.filter(action=action)
    return qs.filter(target_id=str(case.pk)) if case is not None else qs


@pytest.fixture
def named_case(org, categories, keyed_integrity_officer):
    return report(
        org, categories["bribe"], accused_name="นายสมปอง ใจร้าย", name="นางสาวผู้แจ้ง กล้าหาญ", phone="0812345678"
    )


def test_officer_reads_the_report_but_not_the_identity_until_revealed(
    org, named_case, keyed_integrity_officer
):
    client = sign_in(keyed_integrity_officer)
    page = client.get(case_url(named_case))
    body = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert REPORT in body and "นายสมปอง ใจร้าย" in body
    assert "กล้าหาญ" not in body and "0812345678" not in body
    assert audits("complaints.integrity_viewed", named_case).count() == 1


def test_revealing_the_identity_needs_a_reason_and_is_audited_with_it(
    org, named_case, keyed_integrity_officer
):
    client = sign_in(keyed_integrity_officer)
    refused = client.post(case_url(named_case), {"action": "reveal", "reveal-reason": "   "})
    assert refused.status_code == 400 and "กล้าหาญ" not in refused.content.decode()
    assert not audits("complaints.integrity_identity_revealed").exists()

    done = client.post(case_url(named_case), {"action": "reveal", "reveal-reason": "ต้องเชิญมาให้ถ้อยคำ"})
    assert done.status_code == 302
    body = client.get(case_url(named_case)).content.decode()
    assert "นางสาวผู้แจ้ง กล้าหาญ" in body and "0812345678" in body
    event = audits("complaints.integrity_identity_revealed", named_case).get()
    revealed = named_case.events.get(type=EventType.REVEALED)
    # The audit log names who and which sealed event; the reason itself is only in the sealed timeline.
    assert event.data == {"event": revealed.pk} and event.actor == keyed_integrity_officer
    assert "ต้องเชิญมาให้ถ้อยคำ" not in str(event.data)
    assert not revealed.is_public and revealed.body == ""  # the reason is sealed in the timeline

    # Shown for that session only: a fresh sign-in hides it again.
    again = sign_in(keyed_integrity_officer).get(case_url(named_case)).content.decode()
    assert "กล้าหาญ" not in again


def test_reveal_refused_when_the_reporter_stayed_anonymous(
    org, categories, keyed_integrity_officer, rf_session, unlocked
):
    case = report(org, categories["bribe"])
    request = rf_session()
    unlocked(request, keyed_integrity_officer, org)
    with pytest.raises(ValidationError, match="ไม่ได้ระบุชื่อ"):
        integrity.reveal_identity(request, keyed_integrity_officer, case, "need it")
    assert not case.events.filter(type=EventType.REVEALED).exists()


def test_officer_replies_notes_and_moves_the_case(org, named_case, keyed_integrity_officer):
    client = sign_in(keyed_integrity_officer)
    assert (
        client.post(case_url(named_case), {"action": "state", "state-state": "accepted"}).status_code == 302
    )
    photo = io.BytesIO(_photo()[0])
    photo.name = "photo.jpg"
    r = client.post(
        case_url(named_case),
        {"action": "reply", "reply-text": "ขอรายละเอียดวันเวลาเพิ่ม", "reply-files": [photo]},
    )
    assert r.status_code == 302
    assert (
        client.post(case_url(named_case), {"action": "note", "note-text": "ตรวจสอบบัญชีแล้ว"}).status_code == 302
    )
    named_case.refresh_from_db()
    assert named_case.state == State.ACCEPTED and named_case.first_answer_at is not None
    # Nothing the officers wrote is stored in plain text.
    assert not CaseEvent.objects.filter(case=named_case).exclude(body="").exists()
    body = client.get(case_url(named_case)).content.decode()
    assert "ขอรายละเอียดวันเวลาเพิ่ม" in body and "ตรวจสอบบัญชีแล้ว" in body
    assert (
        audits("complaints.reply", named_case).exists() and audits("complaints.add_note", named_case).exists()
    )


def test_an_illegal_state_change_changes_nothing(org, named_case, keyed_integrity_officer):
    client = sign_in(keyed_integrity_officer)
    r = client.post(case_url(named_case), {"action": "state", "state-state": "closed"})
    assert r.status_code == 400
    named_case.refresh_from_db()
    assert named_case.state == State.RECEIVED


def test_case_files_download_decrypted_and_never_cached(org, categories, keyed_integrity_officer):
    case = report(org, categories["procure"], files=[_photo()])
    stored = case.files.get()
    client = sign_in(keyed_integrity_officer)
    r = client.get(case_url(case, "integrity_file", file_pk=stored.pk))
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    assert r.content.startswith(b"\xff\xd8") and r["Content-Type"] == "image/jpeg"
    assert r["Content-Disposition"].startswith("attachment;") and r["X-Content-Type-Options"] == "nosniff"
    with stored.blob.open("rb") as fh:
        assert not fh.read().startswith(b"\xff\xd8")  # encrypted at rest
    assert audits("complaints.integrity_file_read", case).count() == 1
    other = report(org, categories["bribe"])
    assert client.get(case_url(other, "integrity_file", file_pk=stored.pk)).status_code == 404


def test_outcome_is_public_and_its_note_internal(org, named_case, keyed_integrity_officer):
    client = sign_in(keyed_integrity_officer)
    r = client.post(
        case_url(named_case),
        {"action": "outcome", "outcome-outcome": Outcome.REFERRED_NACC, "outcome-note": "ส่งสำนวนให้ ป.ป.ช."},
    )
    assert r.status_code == 302
    named_case.refresh_from_db()
    assert named_case.outcome == Outcome.REFERRED_NACC
    outcome = named_case.events.get(type=EventType.OUTCOME)
    assert outcome.is_public and outcome.sealed_body is None and outcome.data == {"outcome": "referred_nacc"}
    note = named_case.events.get(type=EventType.NOTE)
    assert not note.is_public
    assert audits("complaints.integrity_outcome", named_case).get().data == {
        "outcome": "referred_nacc",
        "previous": "",
    }
    bad = client.post(case_url(named_case), {"action": "outcome", "outcome-outcome": "guilty"})
    assert bad.status_code == 400


def test_disciplinary_steps_are_recorded_with_dates_and_sealed_notes(
    org, named_case, keyed_integrity_officer
):
    client = sign_in(keyed_integrity_officer)
    today = timezone.localdate()
    r = client.post(
        case_url(named_case),
        {
            "action": "step",
            "step-kind": StepKind.FACT_FINDING,
            "step-date": today.isoformat(),
            "step-note": "คำสั่งที่ 12/2569",
        },
    )
    assert r.status_code == 302
    step = DisciplinaryStep.objects.get(case=named_case)
    assert step.date == today and b"12/2569" not in bytes(step.sealed_note)
    body = client.get(case_url(named_case)).content.decode()
    assert "คำสั่งที่ 12/2569" in body
    assert audits("complaints.integrity_step", named_case).get().data == {
        "step": "fact_finding",
        "date": today.isoformat(),
    }
    too_early = (named_case.received_at - dt.timedelta(days=30)).date().isoformat()
    r = client.post(
        case_url(named_case), {"action": "step", "step-kind": StepKind.PUNISHMENT, "step-date": too_early}
    )
    assert r.status_code == 400 and DisciplinaryStep.objects.filter(case=named_case).count() == 1


def test_assign_only_to_officers_holding_the_case(
    org, keyed_integrity_officer, second_integrity_officer, named_case
):
    client = sign_in(keyed_integrity_officer)
    second = second_integrity_officer.people.get(org=org)
    assert (
        client.post(case_url(named_case), {"action": "assign", "assign-person": second.pk}).status_code == 302
    )
    named_case.refresh_from_db()
    assert named_case.assignee == second
    outsider = make_staff(org, "t_integrity3", Role.INTEGRITY_OFFICER)  # no key for this case
    r = client.post(
        case_url(named_case), {"action": "assign", "assign-person": outsider.people.get(org=org).pk}
    )
    assert r.status_code == 400
    named_case.refresh_from_db()
    assert named_case.assignee == second


def test_inbox_lists_numbers_and_dates_never_protected_text(
    org, categories, named_case, keyed_integrity_officer, django_assert_max_num_queries
):
    for _ in range(3):
        report(org, categories["procure"])
    overdue = report(org, categories["bribe"])
    Case.objects.filter(pk=overdue.pk).update(due_date=timezone.localdate() - dt.timedelta(days=2))
    client = sign_in(keyed_integrity_officer)
    url = reverse("complaints_staff:integrity_inbox", kwargs={"org_slug": org.slug})
    with django_assert_max_num_queries(25):
        r = client.get(url)
    body = r.content.decode()
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    assert named_case.number in body and REPORT not in body and "สมปอง" not in body
    only_overdue = client.get(url, {"overdue": "on"}).content.decode()
    assert overdue.number in only_overdue and named_case.number not in only_overdue
    # Answered before its due date, a case past that date is not overdue (the 15-day rule was met).
    Case.objects.filter(pk=overdue.pk).update(first_answer_at=timezone.now() - dt.timedelta(days=5))
    assert overdue.number not in client.get(url, {"overdue": "on"}).content.decode()
    by_category = client.get(url, {"category": categories["procure"].pk}).content.decode()
    assert named_case.number not in by_category and overdue.number not in by_category
    assert audits("complaints.integrity_inbox_viewed").exists()


def test_locked_key_sends_the_officer_to_unlock_and_back(org, named_case, keyed_integrity_officer):
    client = sign_in(keyed_integrity_officer)
    client.cookies.pop("sujarit_vault")  # the vault cookie lost: the session alone cannot decrypt
    r = client.get(case_url(named_case))
    unlock = reverse("complaints_staff:integrity_unlock", kwargs={"org_slug": org.slug})
    assert r.status_code == 302 and r["Location"].startswith(unlock)
    wrong = client.post(unlock, {"password": "nope", "next": case_url(named_case)})
    assert wrong.status_code == 400
    ok = client.post(unlock, {"password": "pw-t_integrity", "next": case_url(named_case)})
    assert ok.status_code == 302 and ok["Location"] == case_url(named_case)
    assert client.get(case_url(named_case)).status_code == 200


def test_a_late_officer_is_granted_a_case_but_never_a_conflicted_one(
    org, categories, keyed_integrity_officer
):
    finance = ensure_unit(org, "กองคลัง")
    plain = report(org, categories["bribe"])
    about_finance = report(org, categories["procure"], accused_unit=finance)
    newcomer = make_staff(org, "t_newcomer", Role.INTEGRITY_OFFICER, unit_name="กองคลัง")
    newcomer_client = sign_in(newcomer)  # first sign-in makes the key
    person = newcomer.people.get(org=org)
    assert newcomer_client.get(case_url(plain)).status_code == 404

    client = sign_in(keyed_integrity_officer)
    grants = reverse("complaints_staff:integrity_grants", kwargs={"org_slug": org.slug})
    page = client.get(grants).content.decode()
    assert plain.number in page and about_finance.number not in page
    assert client.post(grants, {"case": plain.pk, "person": person.pk}).status_code == 302
    assert newcomer_client.get(case_url(plain)).status_code == 200
    assert audits("complaints.integrity_access_granted", plain).get().data == {"person": person.pk}

    # Forcing the conflicted grant by hand is refused.
    client.post(grants, {"case": about_finance.pk, "person": person.pk})
    assert not CaseKey.objects.filter(case=about_finance, person=person).exists()
    assert newcomer_client.get(case_url(about_finance)).status_code == 404


def test_grant_refused_to_an_officer_named_in_the_report(
    org, categories, keyed_integrity_officer, rf_session, unlocked
):
    named = make_staff(org, "t_named", Role.INTEGRITY_OFFICER, unit_name="กองช่าง")
    person = named.people.get(org=org)
    person.full_name = "นายสมปอง ใจร้าย"
    person.save()
    keys.setup_key(person, "pw-t_named")
    case = report(org, categories["bribe"], accused_name="สมปอง ใจร้าย")
    assert not CaseKey.objects.filter(case=case, person=person).exists()
    request = rf_session()
    unlocked(request, keyed_integrity_officer, org)
    person.refresh_from_db()
    with pytest.raises(ValidationError):
        integrity.grant_access(request, keyed_integrity_officer, case, person)
    assert not CaseKey.objects.filter(case=case, person=person).exists()
    assert audits("complaints.integrity_grant_refused", case).exists()
    assert integrity.grantable(request, keyed_integrity_officer, org) == []


def test_cases_for_and_waiting_for_grant(org, categories, keyed_integrity_officer):
    case = report(org, categories["bribe"])
    me = keyed_integrity_officer.people.get(org=org)
    assert list(integrity.cases_for(keyed_integrity_officer, org)) == [case]
    late = make_staff(org, "t_late", Role.INTEGRITY_OFFICER, unit_name="กองการศึกษา").people.get(org=org)
    assert list(integrity.waiting_for_grant(org, late)) == [case]
    assert list(integrity.waiting_for_grant(org, me)) == []
    assert list(integrity.cases_for(User.objects.get(username="t_late"), org)) == []


def test_api_lists_and_opens_cases_with_the_officers_session(
    org, categories, named_case, keyed_integrity_officer
):
    client = sign_in(keyed_integrity_officer)
    listed = client.get(f"/api/v1/orgs/{org.slug}/integrity-cases")
    assert listed.status_code == 200 and "no-store" in listed["Cache-Control"]
    payload = listed.json()
    assert payload["count"] == 1 and payload["cases"][0]["number"] == named_case.number
    assert REPORT not in listed.content.decode()
    assert payload["cases"][0]["days_left"] == (named_case.due_date - timezone.localdate()).days
    detail = client.get(f"/api/v1/orgs/{org.slug}/integrity-cases/{named_case.pk}")
    assert detail.status_code == 200 and "no-store" in detail["Cache-Control"]
    data = detail.json()
    assert data["text"] == REPORT and data["accused_name"] == "นายสมปอง ใจร้าย"
    assert data["identity_given"] is True and data["identity"] is None
    assert data["timeline"][0]["type"] == "created"
    assert audits("complaints.integrity_viewed", named_case).count() == 1
    client.post(case_url(named_case), {"action": "reveal", "reveal-reason": "สอบข้อเท็จจริง"})
    shown = client.get(f"/api/v1/orgs/{org.slug}/integrity-cases/{named_case.pk}").json()
    assert shown["identity"]["phone"] == "0812345678"


def test_api_says_when_the_key_is_locked(org, named_case, keyed_integrity_officer):
    client = sign_in(keyed_integrity_officer)
    client.cookies.pop("sujarit_vault")
    r = client.get(f"/api/v1/orgs/{org.slug}/integrity-cases/{named_case.pk}")
    assert r.status_code == 403 and r.json()["code"] == "key_locked"


def test_unlock_page_stops_password_guessing(org, named_case, keyed_integrity_officer, settings):
    settings.SUJARIT_SIGNIN_MAX_FAILURES = 2
    client = sign_in(keyed_integrity_officer)
    unlock = reverse("complaints_staff:integrity_unlock", kwargs={"org_slug": org.slug})
    assert client.post(unlock, {"password": "guess1"}).status_code == 400
    assert client.post(unlock, {"password": "guess2"}).status_code == 400
    assert client.post(unlock, {"password": "pw-t_integrity"}).status_code == 429


def test_each_look_at_the_grants_page_is_audited(org, categories, keyed_integrity_officer):
    client = sign_in(keyed_integrity_officer)
    grants = reverse("complaints_staff:integrity_grants", kwargs={"org_slug": org.slug})
    assert client.get(grants).status_code == 200
    assert client.get(grants).status_code == 200
    assert audits("complaints.integrity_grants_viewed").filter(actor=keyed_integrity_officer).count() == 2


def test_a_report_marked_as_spam_leaves_o23_and_every_kpi_but_stays_in_the_inbox(
    org, categories, named_case, keyed_integrity_officer
):
    from sujarit.complaints import measures
    from sujarit.complaints.queries import stats
    from sujarit.core.periods import Period
    from sujarit.core.registry import registry
    from sujarit.core.thai import current_fiscal_year

    period = Period.for_fiscal_year(current_fiscal_year())
    flood = [report(org, categories["bribe"], text=f"ทดสอบระบบ {i}") for i in range(3)]
    assert measures.integrity_cases(org, period) == 4
    client = sign_in(keyed_integrity_officer)
    for case in flood:
        r = client.post(case_url(case), {"action": "spam", "spam-spam": "True"})
        assert r.status_code == 302, r.content.decode()
        assert client.get(case_url(case)).content.decode().count("badge warn") >= 1
    assert Case.objects.filter(spam=True).count() == 3
    assert stats.summarize(org, "integrity", period)["total"] == 1
    o23 = client.get(f"/{org.slug}/integrity/stats.json?year={current_fiscal_year()}")
    assert o23.json()["total"] == 1
    values = {m.key: m.func(org, period) for m in registry.measures.values() if m.module == "complaints"}
    assert values["complaints.integrity_cases"] == 1
    assert values["complaints.integrity_answered_within_due"] is None  # the one real case is not yet due
    inbox = client.get(reverse("complaints_staff:integrity_inbox", kwargs={"org_slug": org.slug}))
    assert all(c.number in inbox.content.decode() for c in flood)
    assert audits("complaints.marked_spam").count() == 3
    event = flood[0].events.get(type=EventType.SPAM)
    assert not event.is_public  # the reporter is not told
    r = client.post(case_url(flood[0]), {"action": "spam", "spam-spam": "False"})
    assert r.status_code == 302 and measures.integrity_cases(org, period) == 2


def _disposition_name(response):
    from urllib.parse import unquote

    value = response["Content-Disposition"]
    return unquote(value.split("filename*=utf-8''")[-1]) if "filename*=" in value else value.split('"')[1]


def test_officers_see_the_reporters_file_names_only_after_revealing(org, categories, keyed_integrity_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sujarit.complaints.protection import casefiles
    from sujarit.core.tests.samples import AUTHOR, docx_with_author, tiny_pdf, unpacked

    uploads = [
        SimpleUploadedFile("วันเพ็ญ_สลิป.pdf", tiny_pdf("slip")),
        SimpleUploadedFile("บันทึกของวันเพ็ญ.docx", docx_with_author()),
    ]
    case = report(org, categories["bribe"], files=casefiles.check_uploads(uploads))
    client = sign_in(keyed_integrity_officer)
    page = client.get(case_url(case)).content.decode()
    assert "วันเพ็ญ" not in page and "ไฟล์แนบ 1.pdf" in page and "ไฟล์แนบ 2.docx" in page
    first, second = case.files.order_by("pk")
    download = client.get(case_url(case, "integrity_file", file_pk=first.pk))
    assert _disposition_name(download) == "ไฟล์แนบ 1.pdf"
    # An anonymous report's file names are revealed like an identity: for a stated, recorded reason.
    r = client.post(case_url(case), {"action": "reveal", "reveal-reason": "ต้องติดต่อพยานตามชื่อไฟล์"})
    assert r.status_code == 302
    assert "วันเพ็ญ_สลิป.pdf" in client.get(case_url(case)).content.decode()
    download = client.get(case_url(case, "integrity_file", file_pk=second.pk))
    assert _disposition_name(download) == "บันทึกของวันเพ็ญ.docx"
    assert audits("complaints.integrity_identity_revealed", case).count() == 1
    assert AUTHOR.encode() not in unpacked(download.content)  # the file's own metadata never came through
