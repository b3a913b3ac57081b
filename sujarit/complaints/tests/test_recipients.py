"""Issue 8, items 1–2: who receives a corruption report.

The reporter sees the integrity officers who would receive the report and can leave any out (web
form and API); an officer named in the report, however the name is written, is left out
automatically; a report nobody could read is refused with the routes outside the organization; an
organization with fewer than two integrity officers in different units is warned.
"""

import json
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from sujarit.complaints.models import Case, CaseKey, OfficerDisplay
from sujarit.complaints.protection import names, pow
from sujarit.complaints.services import intake, integrity, keys
from sujarit.core.models import Role
from sujarit.core.services import ensure_unit
from sujarit.core.tests.personas import make_staff

from .test_integrity_public_views import _follow
from .test_integrity_staff import REPORT, report, sign_in

HOTLINES = ("1205", "1206", "1567")


@pytest.fixture
def somchai(org, keyed_integrity_officer):
    """The integrity officer persona, renamed นายสมชาย ใจดี (สำนักปลัด)."""
    person = keyed_integrity_officer.people.get(org=org)
    person.full_name = "นายสมชาย ใจดี"
    person.save(update_fields=["full_name"])
    return person


@pytest.fixture
def colleague(org, second_integrity_officer):
    """A second integrity officer, of กองคลัง."""
    return second_integrity_officer.people.get(org=org)


def holders(case):
    return set(CaseKey.objects.filter(case=case).values_list("person__full_name", flat=True))


# --- item 1: a named officer never receives the case ----------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "คุณสมชาย",
        "ดร. สมชาย ใจดี",
        "ดร.สมชาย",
        "สมชาย ใจดี (นิติกร)",
        "นิติกร (สมชาย ใจดี)",
        "ใจดี สมชาย",
        "ว่าที่ ร.ต.สมชาย ใจดี",
        "พ.ต.อ. สมชาย ใจดี",
        "ผศ.ดร.สมชาย",
        "สมชาย\u200bใจดี",
        "นายสมชาย  ใจดี",
        "ใจดี",
        "ปลัดสมปองและสมชาย ใจดี",
    ],
)
def test_an_officer_named_in_any_usual_way_does_not_receive_the_case(
    org, categories, somchai, colleague, written
):
    case = report(org, categories["bribe"], accused_name=written)
    assert holders(case) == {colleague.full_name}


def test_an_officer_named_in_the_text_does_not_receive_the_case(org, categories, somchai, colleague):
    case = report(org, categories["bribe"], text="ปลัดกับ สมชาย ใจดี ร่วมกันเรียกเงินห้าพันบาท")
    assert holders(case) == {colleague.full_name}


@pytest.mark.parametrize("written", ["", "ปลัด", "หัวหน้าช่าง", "นายสมศักดิ์ รักดี", "นายก อบต."])
def test_officers_not_named_still_receive_the_case(org, categories, somchai, colleague, written):
    case = report(org, categories["bribe"], accused_name=written)
    assert holders(case) == {somchai.full_name, colleague.full_name}


def test_titles_are_data_not_code():
    assert {"คุณ", "ดร", "ผศ", "พตอ", "ว่าที่", "รต"} <= set(names.titles())
    assert names.is_named("ร.ต.อ. ประยุทธ มั่นคง", ["ประยุทธ มั่นคง"])
    assert names.is_named("สมชาย ใจดี", ["๑. สมชาย ใจดี"])


def test_the_reporter_leaves_an_officer_out_and_no_colleague_can_grant_him_the_case(
    org, categories, somchai, colleague, rf_session, unlocked
):
    case, _receipt = intake.submit_report(
        org,
        category=categories["bribe"],
        accused_unit=None,
        accused_name="",
        text=REPORT,
        token=pow.issue(org),
        recipients=[colleague.pk],
    )
    assert holders(case) == {colleague.full_name}
    request = rf_session()
    unlocked(request, colleague.user, org)
    assert integrity.grantable(request, colleague.user, org) == []
    with pytest.raises(ValidationError):
        integrity.grant_access(request, colleague.user, case, somchai)
    assert holders(case) == {colleague.full_name}


def test_choosing_nobody_is_refused_and_stores_nothing(org, categories, somchai, colleague):
    with pytest.raises(ValidationError):
        intake.submit_report(
            org,
            category=categories["bribe"],
            accused_unit=None,
            accused_name="",
            text=REPORT,
            token=pow.issue(org),
            recipients=[],
        )
    assert not Case.objects.exists()


# --- item 2: a report nobody can read is never accepted -------------------------------------------


def test_a_report_every_officer_is_excluded_from_is_refused_with_the_outside_routes(
    org, categories, somchai, colleague
):
    finance = ensure_unit(org, "กองคลัง")  # the colleague's unit; somchai is named
    with pytest.raises(ValidationError) as refused:
        report(org, categories["bribe"], accused_unit=finance, accused_name="คุณสมชาย")
    assert all(number in " ".join(refused.value.messages) for number in HOTLINES)
    assert not Case.objects.exists()


def test_the_only_officer_s_unit_accused_on_the_web_form_is_refused_before_anything_is_stored(
    client, org, categories, keyed_integrity_officer
):
    url = reverse("complaints:integrity_report", kwargs={"org_slug": org.slug})
    page = client.get(url).content.decode()
    # Before writing anything, the page names the outside routes.
    assert all(number in page for number in HOTLINES)
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    ticked = re.findall(r'name="recipients" value="(\d+)"[^>]*\bchecked', page)
    own_unit = keyed_integrity_officer.people.get(org=org).unit
    response = client.post(
        url,
        {
            "category": categories["bribe"].pk,
            "accused_unit": own_unit.pk,
            "text": REPORT,
            "token": token,
            "nonce": pow.solve(token),
            "recipients": ticked,
        },
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'class="receipt"' not in html
    assert all(number in html for number in HOTLINES)
    assert REPORT in html  # what was typed is kept
    assert not Case.objects.exists()


def test_the_api_refuses_a_report_nobody_can_read(client, org, categories, somchai):
    base = f"/api/v1/orgs/{org.slug}/integrity-reports"
    challenge = client.get(f"{base}/challenge").json()
    body = {
        "token": challenge["token"],
        "nonce": pow.solve(challenge["token"], challenge["bits"]),
        "category": "bribe",
        "accused_name": "ดร.สมชาย ใจดี",
        "text": REPORT,
    }
    response = client.post(base, json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert all(number in response.json()["detail"] for number in HOTLINES)
    assert not Case.objects.exists()


# --- the reporter sees and chooses the recipients --------------------------------------------------


def test_the_form_lists_the_officers_as_the_organization_shows_them(
    client, org, categories, policy, somchai, colleague
):
    url = reverse("complaints:integrity_report", kwargs={"org_slug": org.slug})
    html = client.get(url).content.decode()
    assert "นายสมชาย ใจดี — สำนักปลัด" in html and f"{colleague.full_name} — กองคลัง" in html
    assert len(re.findall(r'name="recipients" value="\d+"[^>]*\bchecked', html)) == 2
    policy.officer_display = OfficerDisplay.UNIT
    policy.save()
    html = client.get(url).content.decode()
    assert "สมชาย" not in html and "สำนักปลัด" in html and "กองคลัง" in html


def test_the_reporter_unticks_an_officer_on_the_web_form_and_the_receipt_names_who_can_read(
    client, org, categories, somchai, colleague
):
    url = reverse("complaints:integrity_report", kwargs={"org_slug": org.slug})
    page = client.get(url).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    response = client.post(
        url,
        {
            "category": categories["bribe"].pk,
            "text": REPORT,
            "token": token,
            "nonce": pow.solve(token),
            "recipients": [colleague.pk],  # somchai unticked
        },
    )
    assert response.status_code == 200
    readers = re.search(r'<ul id="readers">(.*?)</ul>', response.content.decode(), re.S).group(1)
    assert colleague.full_name in readers and "สมชาย" not in readers
    assert holders(Case.objects.get()) == {colleague.full_name}


def test_the_api_lists_the_recipients_and_honours_the_choice(client, org, categories, somchai, colleague):
    base = f"/api/v1/orgs/{org.slug}/integrity-reports"
    preview = client.post(
        f"{base}/recipients",
        json.dumps({"accused_name": "คุณสมชาย"}),
        content_type="application/json",
    ).json()
    by_id = {o["id"]: o for o in preview["officers"]}
    assert by_id[somchai.pk]["receives"] is False and by_id[somchai.pk]["excluded_because"] == "named"
    assert by_id[colleague.pk]["receives"] is True and preview["anyone"] is True
    finance = ensure_unit(org, "กองคลัง")
    nobody = client.post(
        f"{base}/recipients",
        json.dumps({"accused_name": "คุณสมชาย", "accused_unit": finance.pk}),
        content_type="application/json",
    ).json()
    assert nobody["anyone"] is False and any("1205" in route for route in nobody["elsewhere"])

    challenge = client.get(f"{base}/challenge").json()
    body = {
        "token": challenge["token"],
        "nonce": pow.solve(challenge["token"], challenge["bits"]),
        "category": "bribe",
        "text": REPORT,
        "recipients": [somchai.pk],
    }
    assert client.post(base, json.dumps(body), content_type="application/json").status_code == 201
    assert holders(Case.objects.get()) == {somchai.full_name}


# --- the organization is warned --------------------------------------------------------------------


def test_fewer_than_two_officers_in_different_units_warns_on_the_dashboard_and_settings(
    client, org, categories, keyed_integrity_officer, admin_user
):
    client.force_login(admin_user)
    home = reverse("core_staff:home", kwargs={"org_slug": org.slug})
    settings_url = reverse("complaints_staff:settings", kwargs={"org_slug": org.slug})
    for url in (home, settings_url):
        assert "Fewer than two integrity officers" in _english(client, url)
    # A second officer of the same unit is not enough; one of another unit is.
    same = make_staff(org, "t_same_unit", Role.INTEGRITY_OFFICER)
    sign_in(same)
    assert "Fewer than two integrity officers" in _english(client, home)
    other = make_staff(org, "t_other_unit", Role.INTEGRITY_OFFICER, unit_name="กองช่าง")
    sign_in(other)
    for url in (home, settings_url):
        assert "Fewer than two integrity officers" not in _english(client, url)


def _english(client, url):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # as /i18n/setlang/ leaves it
    return client.get(url).content.decode()


def test_keys_recipients_default_is_every_officer_not_conflicted(org, somchai, colleague):
    assert set(keys.recipients(org)) == {somchai, colleague}
    assert keys.recipients(org, chosen=[colleague.pk]) == [colleague]
    assert keys.recipients(org, accused_names=["คุณสมชาย"], chosen=[somchai.pk]) == []


# --- siblings: a case nobody can open any more; a replaced officer key -----------------------------


def test_a_case_nobody_can_open_any_more_takes_no_message_and_the_reporter_is_sent_elsewhere(
    client, org, categories, keyed_integrity_officer, admin_user
):
    case, receipt = intake.submit_report(
        org,
        category=categories["bribe"],
        accused_unit=None,
        accused_name="",
        text=REPORT,
        token=pow.issue(org),
    )
    # The only holder makes a new key (as after a password reset): the case's key is sealed to nobody.
    keys.setup_key(keyed_integrity_officer.people.get(org=org), "pw-t_integrity")
    page_url = reverse("complaints:integrity_case", kwargs={"org_slug": org.slug})
    _follow(client, org, receipt)
    page = client.get(page_url).content.decode()
    assert 'id="unreadable"' in page and all(number in page for number in HOTLINES)
    events = case.events.count()
    response = client.post(page_url, {"action": "message", "text": "มีหลักฐานเพิ่ม"})
    assert response.status_code == 400 and "1205" in response.content.decode()
    assert case.events.count() == events

    client.force_login(admin_user)
    home = reverse("core_staff:home", kwargs={"org_slug": org.slug})
    assert "1 open corruption report can be opened by no integrity officer" in _english(client, home)


def test_a_replaced_officer_key_is_told_to_the_colleagues(
    django_capture_on_commit_callbacks, org, keyed_integrity_officer, second_integrity_officer
):
    from django.core import mail
    from django_tasks_db.models import DBTaskResult

    from sujarit.complaints.jobs import send_new_key_notice

    second_integrity_officer.email = "colleague@example.org"
    second_integrity_officer.save()
    person = keyed_integrity_officer.people.get(org=org)
    with django_capture_on_commit_callbacks(execute=True):
        keys.setup_key(person, "pw-t_integrity")
    assert DBTaskResult.objects.filter(task_path="sujarit.complaints.jobs.send_new_key_notice").exists()
    mail.outbox.clear()
    assert send_new_key_notice.call(person.pk) == 1
    assert mail.outbox[-1].to == ["colleague@example.org"] and person.full_name in mail.outbox[-1].subject
