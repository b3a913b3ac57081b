"""Issue 3: only integrity officers holding a case's key reach a corruption case, by URL or API.

Officers of another unit or organization, council members, executives and the administrator without
the integrity role are refused everywhere; an integrity officer of the accused unit, or named in the
report, is kept off the case without learning it exists; every view and change is audited.
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import NoReverseMatch, reverse

from sujarit.complaints import permissions as access
from sujarit.complaints.models import CaseKey, Kind
from sujarit.complaints.services import integrity
from sujarit.core.models import AuditEvent, Role
from sujarit.core.services import ensure_unit
from sujarit.core.tests.personas import make_staff

from .test_integrity_staff import REPORT, _photo, case_url, report, sign_in

OUTSIDERS = ["unit_officer", "other_org_officer", "council_member", "executive", "admin_user"]


@pytest.fixture
def filed(org, categories, keyed_integrity_officer):
    """A corruption case with a photo, readable by the integrity officer persona."""
    case = report(
        org, categories["bribe"], accused_name="นายสมปอง ใจร้าย", name="ผู้แจ้ง ลับมาก", files=[_photo()]
    )
    return case, case.files.get()


def _urls(case, case_file):
    slug = case.org.slug
    return {
        "inbox": reverse("complaints_staff:integrity_inbox", kwargs={"org_slug": slug}),
        "case": case_url(case),
        "file": case_url(case, "integrity_file", file_pk=case_file.pk),
        "grants": reverse("complaints_staff:integrity_grants", kwargs={"org_slug": slug}),
        "unlock": reverse("complaints_staff:integrity_unlock", kwargs={"org_slug": slug}),
        "api_list": f"/api/v1/orgs/{slug}/integrity-cases",
        "api_case": f"/api/v1/orgs/{slug}/integrity-cases/{case.pk}",
    }


def _general_inbox(org):
    try:
        return reverse("complaints_staff:inbox", kwargs={"org_slug": org.slug})
    except NoReverseMatch:
        return None


def _assert_nothing_shown(response, case):
    body = response.content.decode(errors="replace")
    assert REPORT not in body and "ผู้แจ้ง ลับมาก" not in body and "สมปอง" not in body
    assert case.number not in body


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_cannot_open_corruption_cases_by_url_or_api(request, persona, filed):
    case, case_file = filed
    user = request.getfixturevalue(persona)
    client = sign_in(user)
    for name, url in _urls(case, case_file).items():
        response = client.get(url)
        assert response.status_code in (403, 404), (name, response.status_code)
        _assert_nothing_shown(response, case)
    assert not integrity.cases_for(user, case.org).exists()
    assert not access.visible_cases(user, case.org, Kind.INTEGRITY).exists()
    assert not access.can_handle(user, case)


@pytest.mark.parametrize("persona", OUTSIDERS + ["keyed_integrity_officer"])
def test_corruption_cases_never_appear_in_the_general_inbox(request, persona, filed, org):
    case, _file = filed
    user = request.getfixturevalue(persona)
    assert not access.visible_cases(user, org, Kind.GENERAL).filter(pk=case.pk).exists()
    url = _general_inbox(org)
    if url is None:
        pytest.skip("the general inbox is not written yet")
    response = sign_in(user).get(url)
    _assert_nothing_shown(response, case)
    general_case = reverse("complaints_staff:case", kwargs={"org_slug": org.slug, "pk": case.pk})
    assert sign_in(user).get(general_case).status_code in (403, 404)


def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_answers_401(filed):
    case, case_file = filed
    client = Client()
    for name, url in _urls(case, case_file).items():
        response = client.get(url)
        if name.startswith("api"):
            assert response.status_code == 401, name
        else:
            assert response.status_code == 302 and "login" in response["Location"], name
        _assert_nothing_shown(response, case)


def test_integrity_officer_of_the_accused_unit_is_kept_off_without_learning_the_case_exists(
    org, categories, keyed_integrity_officer, second_integrity_officer
):
    finance = ensure_unit(org, "กองคลัง")  # the second officer's unit
    case = report(org, categories["procure"], accused_unit=finance, files=[_photo()])
    kept_off = second_integrity_officer.people.get(org=org)
    assert not CaseKey.objects.filter(case=case, person=kept_off).exists()
    assert CaseKey.objects.filter(case=case, person__user=keyed_integrity_officer).exists()
    client = sign_in(second_integrity_officer)
    urls = _urls(case, case.files.get())
    for name in ("case", "file", "api_case"):
        assert client.get(urls[name]).status_code == 404, name
    # Same answer as for a case number that does not exist at all.
    assert client.get(case_url(case).replace(f"/{case.pk}/", "/999999/")).status_code == 404
    for name in ("inbox", "api_list", "grants"):
        response = client.get(urls[name])
        assert response.status_code == 200
        _assert_nothing_shown(response, case)
    assert AuditEvent.objects.filter(
        action="complaints.integrity_access_refused", actor=second_integrity_officer
    ).exists()
    assert not AuditEvent.objects.filter(
        action="complaints.integrity_viewed", actor=second_integrity_officer
    ).exists()


def test_integrity_officer_named_in_the_report_is_kept_off(org, categories, keyed_integrity_officer):
    named = make_staff(org, "t_named", Role.INTEGRITY_OFFICER, unit_name="กองช่าง")
    person = named.people.get(org=org)
    person.full_name = "นางสาวมาลี ศรีสุข"
    person.save()
    sign_in(named)  # the first sign-in makes the key
    case = report(org, categories["bribe"], accused_name="มาลี ศรีสุข")
    assert not CaseKey.objects.filter(case=case, person=person).exists()
    client = sign_in(named)
    assert client.get(case_url(case)).status_code == 404
    assert client.get(f"/api/v1/orgs/{org.slug}/integrity-cases/{case.pk}").status_code == 404
    assert client.get(f"/api/v1/orgs/{org.slug}/integrity-cases").json()["count"] == 0


def test_integrity_officer_of_another_organization_cannot_open_the_case(filed, other_org):
    case, case_file = filed
    stranger = make_staff(other_org, "t_other_integrity", Role.INTEGRITY_OFFICER)
    client = sign_in(stranger)
    for name, url in _urls(case, case_file).items():
        response = client.get(url)
        assert response.status_code in (403, 404), name
        _assert_nothing_shown(response, case)
    # Their own organization's URL with this case's number opens nothing either.
    own = reverse("complaints_staff:integrity_case", kwargs={"org_slug": other_org.slug, "pk": case.pk})
    assert client.get(own).status_code == 404
    assert client.get(f"/api/v1/orgs/{other_org.slug}/integrity-cases/{case.pk}").status_code == 404


def test_outsiders_cannot_change_a_case_by_posting(request, filed, admin_user, executive):
    case, _file = filed
    for user in (admin_user, executive):
        client = sign_in(user)
        for data in (
            {"action": "reveal", "reveal-reason": "อยากรู้"},
            {"action": "note", "note-text": "x"},
            {"action": "state", "state-state": "accepted"},
        ):
            assert client.post(case_url(case), data).status_code == 403
    case.refresh_from_db()
    assert case.state == "received" and case.events.count() == 1
    assert not AuditEvent.objects.filter(action="complaints.integrity_identity_revealed").exists()


def test_every_view_and_change_writes_an_audit_event(org, filed, keyed_integrity_officer):
    case, case_file = filed
    client = sign_in(keyed_integrity_officer)
    urls = _urls(case, case_file)

    def count():
        return AuditEvent.objects.filter(actor=keyed_integrity_officer).count()

    for name in ("inbox", "case", "file", "grants", "api_list", "api_case"):
        before = count()
        assert client.get(urls[name]).status_code == 200, name
        assert count() > before, name
    for data in (
        {"action": "reveal", "reveal-reason": "ต้องเชิญมาให้ถ้อยคำ"},
        {"action": "state", "state-state": "accepted"},
        {"action": "reply", "reply-text": "ได้รับเรื่องแล้ว"},
        {"action": "note", "note-text": "บันทึกภายใน"},
        {"action": "assign", "assign-person": keyed_integrity_officer.people.get(org=org).pk},
        {"action": "outcome", "outcome-outcome": "substantiated"},
        {"action": "step", "step-kind": "fact_finding", "step-date": case.received_at.date().isoformat()},
    ):
        before = count()
        assert client.post(urls["case"], data).status_code == 302, data["action"]
        assert count() > before, data["action"]
    # Nothing a reporter wrote, nor their identity, is in the audit log.
    for event in AuditEvent.objects.all():
        text = str(event.data)
        assert REPORT not in text and "ผู้แจ้ง ลับมาก" not in text and "สมปอง" not in text


def test_reveal_without_a_reason_is_refused(org, filed, keyed_integrity_officer, rf_session, unlocked):
    case, _file = filed
    client = sign_in(keyed_integrity_officer)
    for reason in ("", "   "):
        response = client.post(case_url(case), {"action": "reveal", "reveal-reason": reason})
        assert response.status_code == 400 and "ผู้แจ้ง ลับมาก" not in response.content.decode()
    request = rf_session()
    unlocked(request, keyed_integrity_officer, org)
    with pytest.raises(ValidationError):
        integrity.reveal_identity(request, keyed_integrity_officer, case, " \n ")
    assert not AuditEvent.objects.filter(action="complaints.integrity_identity_revealed").exists()
    assert not case.events.filter(type="revealed").exists()
