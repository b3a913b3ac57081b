"""The information centre's pages: the public page, filing and following a request on the web, the
back office (register, record, answer, channels, survey) and who may open it."""

import re

import pytest
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.models import Role
from sujarit.core.tests.personas import make_staff
from sujarit.surveys.models import Response

from ..models import InfoChannel, InfoRequest, InfoSurvey, Outcome
from ..services import infocentre
from .test_infocentre import BROWSER, CONTACT, NAME, paper_forms, purl, recorded, surl

# --- public pages -------------------------------------------------------------------------------


def test_the_public_page_lists_active_channels_stats_and_satisfaction(client, org, unit_officer):
    infocentre.save_channel(org, by=unit_officer, kind="phone", name="โทรศัพท์ศูนย์ข้อมูล", contact="0 7536 0000")
    infocentre.save_channel(org, by=unit_officer, kind="line", name="LINE เก่า", active=False)
    paper_forms(org, unit_officer, *([5] * 9), 1)
    recorded(org, unit_officer, timezone.localdate())
    page = client.get(purl(org, "infocentre"), **BROWSER)
    html = page.content.decode()
    assert page.status_code == 200
    assert "โทรศัพท์ศูนย์ข้อมูล" in html and "LINE เก่า" not in html
    assert re.search(r'id="channel-count">1<', html)
    assert re.search(r'id="satisfaction-share">90\.0 %<', html)
    assert re.search(r'id="stat-received">1<', html)
    assert NAME not in html and CONTACT not in html


def test_a_bad_year_on_the_public_page_falls_back_with_a_notice(client, org):
    page = client.get(purl(org, "infocentre"), {"year": "x"}, **BROWSER)
    assert (
        page.status_code == 200 and f'value="{thai.current_fiscal_year()}" selected' in page.content.decode()
    )


def test_filing_and_following_a_request_on_the_web(client, org, unit_officer):
    form = client.get(purl(org, "infocentre_request"))
    token = re.search(r'name="token" value="([^"]+)"', form.content.decode()).group(1)
    sent = client.post(
        purl(org, "infocentre_request"),
        {"token": token, "subject": "ขอรายงานการประชุมสภา", "name": NAME, "contact": CONTACT},
    )
    html = sent.content.decode()
    assert sent["Cache-Control"] == "no-store"
    number = re.search(r'id="tracking-number">([^<]+)<', html).group(1)
    secret = re.search(r'id="follow-secret">([^<]+)<', html).group(1)
    req = InfoRequest.objects.get(number=number)
    status = purl(org, "infocentre_status", number=number)
    assert client.get(status).status_code == 404  # not opened with the secret yet
    bad = client.post(purl(org, "infocentre_track"), {"number": number, "secret": "1111-1111"})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    opened = client.post(purl(org, "infocentre_track"), {"number": number, "secret": secret})
    assert opened.status_code == 302 and opened["Location"] == status
    page = client.get(status).content.decode()
    assert NAME not in page and CONTACT not in page and 'id="survey-form"' not in page
    infocentre.answer(req, by=unit_officer, answered_on=timezone.localdate(), outcome=Outcome.DISCLOSED)
    page = client.get(status).content.decode()
    assert 'id="survey-form"' in page and "ศูนย์ข้อมูลข่าวสาร" in page  # the engine's questionnaire
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    questions = re.findall(r'name="(q\d+)" value="5"', page)
    refused = client.post(status, {"token": token, **{q: "9" for q in questions}})
    assert refused.status_code == 400 and 'role="alert"' in refused.content.decode()
    client.post(status, {"token": token, **{q: "5" for q in questions}})
    assert 'id="rated"' in client.get(status).content.decode()
    assert Response.objects.get().context_ref == str(req.pk)


def test_the_honeypot_stores_nothing(client, org):
    token = infocentre.new_form_token(org)
    sent = client.post(
        purl(org, "infocentre_request"),
        {"token": token, "subject": "spam", "name": "x", "contact": "x", "website": "http://spam.example"},
    )
    assert sent.status_code == 200 and InfoRequest.objects.count() == 0


def test_a_flood_of_requests_from_one_address_is_stopped(client, org):
    for i in range(infocentre.PUBLIC_REQUESTS_PER_HOUR + 1):
        token = infocentre.new_form_token(org)
        last = client.post(
            purl(org, "infocentre_request"),
            {"token": token, "subject": f"ขอข้อมูล {i}", "name": NAME, "contact": CONTACT},
        )
    assert last.status_code == 429
    assert InfoRequest.objects.count() == infocentre.PUBLIC_REQUESTS_PER_HOUR


# --- back office --------------------------------------------------------------------------------


def test_staff_record_a_walk_in_request_and_answer_it(client, org, unit_officer):
    client.force_login(unit_officer)
    made = client.post(
        surl(org, "infocentre_record"),
        {
            "channel": "walk_in",
            "received_on": timezone.localdate().isoformat(),
            "subject": "ขอดูงบประมาณ",
            "name": NAME,
            "contact": CONTACT,
        },
    )
    assert made.status_code == 200 and 'id="follow-secret"' in made.content.decode()
    req = InfoRequest.objects.get()
    detail = surl(org, "infocentre_request", pk=req.pk)
    assert CONTACT in client.get(detail).content.decode()  # staff see who asked
    refused = client.post(detail, {"answered_on": timezone.localdate().isoformat(), "outcome": "refused"})
    assert refused.status_code == 200 and 'role="alert"' in refused.content.decode()
    done = client.post(detail, {"answered_on": timezone.localdate().isoformat(), "outcome": "not_held"})
    assert done.status_code == 302
    req.refresh_from_db()
    assert req.outcome == "not_held"
    register = client.get(surl(org, "infocentre")).content.decode()
    assert req.number in register


def test_staff_manage_channels_and_survey(client, org, coordinator):
    client.force_login(coordinator)
    client.post(
        surl(org, "infocentre_channels"),
        {"kind": "phone", "name": "สายด่วน", "contact": "1111", "active": "on", "order": 1},
    )
    channel = InfoChannel.objects.get()
    client.post(
        surl(org, "infocentre_channel", pk=channel.pk), {"kind": "phone", "name": "สายด่วน", "order": 1}
    )
    channel.refresh_from_db()
    assert not channel.active
    # Satisfaction totals are no longer typed in here: the page sends staff to the survey engine's
    # paper-form page of the centre's questionnaire, and an old-style post changes nothing.
    page = client.get(surl(org, "infocentre_settings")).content.decode()
    link = re.search(r'href="([^"]+/paper/)"', page).group(1)
    assert client.get(link).status_code == 200
    client.post(
        surl(org, "infocentre_settings"),
        {"action": "survey", "fiscal_year": thai.current_fiscal_year(), "respondents": 3, "satisfied": 2},
    )
    assert InfoSurvey.objects.count() == 0
    client.post(
        surl(org, "infocentre_settings"),
        {"action": "policy", "purge_after_days": 45, "how_to_request": "ยื่นคำขอที่สำนักปลัด"},
    )
    assert infocentre.policy_for(org).purge_after_days == 45


@pytest.mark.parametrize(
    "name, kw",
    [
        ("infocentre", {}),
        ("infocentre_record", {}),
        ("infocentre_channels", {}),
        ("infocentre_settings", {}),
        ("qa", {}),
    ],
)
def test_staff_pages_refuse_outsiders(client, org, finance_officer, other_org_officer, name, kw):
    assert client.get(surl(org, name, **kw)).status_code == 302  # to the sign-in page
    for user in (finance_officer, other_org_officer):
        client.force_login(user)
        assert client.get(surl(org, name, **kw)).status_code == 403


def test_staff_of_another_organization_never_see_its_requests(client, org, other_org, unit_officer):
    mine = recorded(org, unit_officer, timezone.localdate())
    theirs_officer = make_staff(other_org, "t_other_officer", Role.UNIT_OFFICER)
    client.force_login(theirs_officer)
    assert client.get(surl(other_org, "infocentre_request", pk=mine.pk)).status_code == 404
    assert mine.number not in client.get(surl(other_org, "infocentre")).content.decode()


def test_register_page_query_count_is_pinned(client, org, unit_officer, django_assert_max_num_queries):
    for _i in range(15):
        recorded(org, unit_officer, timezone.localdate())
    client.force_login(unit_officer)
    with django_assert_max_num_queries(20):
        assert client.get(surl(org, "infocentre")).status_code == 200


def test_every_staff_page_opens_for_an_officer(client, org, unit_officer):
    channel = infocentre.save_channel(org, by=unit_officer, kind="email", name="อีเมลศูนย์")
    InfoSurvey.objects.create(org=org, fiscal_year=thai.current_fiscal_year() - 1, respondents=5, satisfied=4)
    req = recorded(org, unit_officer, timezone.localdate())
    client.force_login(unit_officer)
    for name, kw in [
        ("infocentre", {}),
        ("infocentre_record", {}),
        ("infocentre_request", {"pk": req.pk}),
        ("infocentre_channels", {}),
        ("infocentre_channel", {"pk": channel.pk}),
        ("infocentre_settings", {}),
        ("qa", {}),
    ]:
        assert client.get(surl(org, name, **kw)).status_code == 200, name
    assert client.get(surl(org, "infocentre"), {"year": 2567, "open": "1"}).status_code == 200
