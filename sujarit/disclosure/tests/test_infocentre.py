"""The information centre: requests under the Official Information Act, channels, statistics, surveys."""

import datetime as dt
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sujarit.core import codes, thai
from sujarit.core.models import AuditEvent, Role
from sujarit.core.tests.personas import make_staff

from .. import jobs
from ..models import ChannelKind, InfoChannel, InfoRequest, InfoSurvey, LegalGround, Outcome, Question
from ..queries import infocentre as infocentre_stats
from ..services import infocentre

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"}
NAME, CONTACT = "นางสาวมาลี ใจดี", "081-234-5678"


def purl(org, name, **kw):
    return reverse(f"disclosure:{name}", kwargs={"org_slug": org.slug, **kw})


def surl(org, name, **kw):
    return reverse(f"disclosure_staff:{name}", kwargs={"org_slug": org.slug, **kw})


def file(org, subject="ขอสำเนาสัญญาจ้างก่อสร้างถนนหมู่ 3", **kw):
    kw.setdefault("token", infocentre.new_form_token(org))
    return infocentre.file_request(org, subject=subject, name=NAME, contact=CONTACT, **kw)


def recorded(org, by, received_on, **kw):
    kw.setdefault("channel", ChannelKind.WALK_IN)
    kw.setdefault("subject", "ขอดูแผนการจัดซื้อจัดจ้าง")
    req, _secret = infocentre.record(org, by=by, received_on=received_on, name=NAME, contact=CONTACT, **kw)
    return req


# --- verbs --------------------------------------------------------------------------------------


def test_a_citizen_files_a_request_and_gets_a_number_and_secret(org):
    req, secret = file(org)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", req.number) and re.fullmatch(r"\d{8}", secret)
    assert req.channel == ChannelKind.WEBSITE and req.received_on == timezone.localdate()
    assert req.secret_hash and secret not in req.secret_hash
    assert infocentre.follow(org, req.number.lower(), codes.format_secret(secret)) == req
    event = AuditEvent.objects.get(action="disclosure.info_request_received")
    assert NAME not in json.dumps(event.data, ensure_ascii=False)


def test_a_resent_form_makes_one_request(org):
    token = infocentre.new_form_token(org)
    first, secret = file(org, token=token)
    again, no_secret = file(org, token=token)
    assert again == first and secret and no_secret == ""
    assert InfoRequest.objects.count() == 1


@pytest.mark.parametrize(
    "kw", [{"subject": "  "}, {"subject": "x" * 4001}, {"token": "forged"}, {"token": ""}]
)
def test_bad_public_requests_are_refused_and_nothing_is_stored(org, kw):
    with pytest.raises(ValidationError):
        file(org, **kw)
    assert InfoRequest.objects.count() == 0


def test_a_form_of_another_organization_is_refused(org, other_org):
    with pytest.raises(ValidationError):
        file(org, token=infocentre.new_form_token(other_org))


def test_wrong_secrets_are_limited_per_number(org):
    req, _secret = file(org)
    for _i in range(codes.FOLLOW_FAILURES):
        assert infocentre.follow(org, req.number, "00000000") is None
    with pytest.raises(infocentre.TooManyTries):
        infocentre.follow(org, req.number, "00000000")


def test_staff_record_and_answer_with_audit(org, unit_officer):
    req = recorded(org, unit_officer, timezone.localdate() - dt.timedelta(days=3))
    infocentre.answer(req, by=unit_officer, answered_on=timezone.localdate(), outcome=Outcome.DISCLOSED)
    req.refresh_from_db()
    assert req.days_taken == 3 and req.outcome == Outcome.DISCLOSED
    assert AuditEvent.objects.filter(action="disclosure.info_request_answered", actor=unit_officer).exists()


def test_a_refusal_needs_its_legal_ground(org, unit_officer):
    req = recorded(org, unit_officer, timezone.localdate())
    with pytest.raises(ValidationError):
        infocentre.answer(req, by=unit_officer, answered_on=timezone.localdate(), outcome=Outcome.REFUSED)
    infocentre.answer(
        req,
        by=unit_officer,
        answered_on=timezone.localdate(),
        outcome=Outcome.REFUSED,
        legal_ground=LegalGround.S15_5,
    )
    req.refresh_from_db()
    assert req.legal_ground == "s15_5"


@pytest.mark.parametrize(
    "kw",
    [
        {"outcome": "lost"},
        {"outcome": Outcome.FORWARDED},  # to whom?
        {"outcome": Outcome.DISCLOSED, "answered_on": dt.date(2000, 1, 1)},  # before it was received
        {"outcome": Outcome.DISCLOSED, "answered_on": dt.date.today() + dt.timedelta(days=3)},
        {"outcome": Outcome.PARTLY, "legal_ground": "s99"},
    ],
)
def test_bad_answers_change_nothing(org, unit_officer, kw):
    req = recorded(org, unit_officer, timezone.localdate())
    kw.setdefault("answered_on", timezone.localdate())
    with pytest.raises(ValidationError):
        infocentre.answer(req, by=unit_officer, **kw)
    req.refresh_from_db()
    assert req.answered_on is None and req.outcome == ""


def test_a_future_received_date_or_unknown_channel_is_refused(org, unit_officer):
    with pytest.raises(ValidationError):
        recorded(org, unit_officer, timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        recorded(org, unit_officer, timezone.localdate(), channel="pigeon")
    assert InfoRequest.objects.count() == 0


def test_only_infocentre_staff_record_requests(org, finance_officer, other_org_officer):
    for user in (finance_officer, other_org_officer):
        with pytest.raises(PermissionDenied):
            recorded(org, user, timezone.localdate())


def test_the_requester_rates_once_after_the_answer(org, unit_officer):
    req, _secret = file(org)
    with pytest.raises(ValidationError):
        infocentre.rate(req, 5)  # not answered yet
    infocentre.answer(req, by=unit_officer, answered_on=timezone.localdate(), outcome=Outcome.DISCLOSED)
    for bad in (0, 6, "4.5", True, "x"):
        with pytest.raises(ValidationError):
            infocentre.rate(req, bad)
    infocentre.rate(req, "4")
    with pytest.raises(ValidationError):
        infocentre.rate(req, 1)
    req.refresh_from_db()
    assert req.rating == 4


def test_requester_data_is_erased_after_the_set_days(org, unit_officer):
    policy = infocentre.policy_for(org)
    infocentre.save_policy(org, by=unit_officer, purge_after_days=30)
    old = recorded(org, unit_officer, timezone.localdate() - dt.timedelta(days=60))
    infocentre.answer(
        old, by=unit_officer, answered_on=timezone.localdate() - dt.timedelta(days=40), outcome="disclosed"
    )
    recent = recorded(org, unit_officer, timezone.localdate() - dt.timedelta(days=5))
    infocentre.answer(recent, by=unit_officer, answered_on=timezone.localdate(), outcome="disclosed")
    still_open = recorded(org, unit_officer, timezone.localdate() - dt.timedelta(days=90))
    assert jobs.purge_personal_data() == 1
    old.refresh_from_db(), recent.refresh_from_db(), still_open.refresh_from_db()
    assert (old.requester_name, old.requester_contact) == ("", "") and old.purged_at
    assert recent.requester_name == NAME and still_open.requester_contact == CONTACT
    assert old.subject  # the register and its statistics stay
    assert jobs.purge_personal_data() == 0
    assert policy.pk == infocentre.policy_for(org).pk


def test_policy_and_survey_inputs_are_checked(org, unit_officer):
    with pytest.raises(ValidationError):
        infocentre.save_policy(org, by=unit_officer, purge_after_days=0)
    year = thai.current_fiscal_year()
    for kw in (
        {"fiscal_year": year, "respondents": 10, "satisfied": 11},
        {"fiscal_year": year, "respondents": 0, "satisfied": 0},
        {"fiscal_year": year + 1, "respondents": 10, "satisfied": 5},
    ):
        with pytest.raises(ValidationError):
            infocentre.save_survey(org, by=unit_officer, **kw)
    infocentre.save_survey(org, by=unit_officer, fiscal_year=year, respondents=50, satisfied=40)
    infocentre.save_survey(org, by=unit_officer, fiscal_year=year, respondents=60, satisfied=45)
    assert InfoSurvey.objects.get().respondents == 60


def test_a_channel_needs_a_kind_name_and_a_web_address(org, unit_officer):
    for kw in (
        {"kind": "fax", "name": "แฟกซ์"},
        {"kind": "phone", "name": ""},
        {"kind": "website", "name": "เว็บ", "url": "javascript:alert(1)"},
    ):
        with pytest.raises(ValidationError):
            infocentre.save_channel(org, by=unit_officer, **kw)
    assert InfoChannel.objects.count() == 0


def test_another_organizations_channel_cannot_be_changed(org, other_org, unit_officer, other_org_officer):
    theirs = infocentre.save_channel(other_org, by=other_org_officer, kind="phone", name="โทรศัพท์")
    with pytest.raises(ValidationError):
        infocentre.save_channel(org, by=unit_officer, channel=theirs, kind="phone", name="ของเรา")


# --- statistics ---------------------------------------------------------------------------------


def test_yearly_statistics_count_channels_outcomes_and_days(org, unit_officer):
    fast = recorded(org, unit_officer, dt.date(2024, 1, 1), channel=ChannelKind.PHONE)  # FY 2567
    infocentre.answer(fast, by=unit_officer, answered_on=dt.date(2024, 1, 11), outcome=Outcome.DISCLOSED)
    slow = recorded(org, unit_officer, dt.date(2024, 2, 1))
    infocentre.answer(
        slow, by=unit_officer, answered_on=dt.date(2024, 2, 21), outcome=Outcome.REFUSED, legal_ground="s15_3"
    )
    recorded(org, unit_officer, dt.date(2024, 9, 1))  # never answered: late
    recorded(org, unit_officer, dt.date(2023, 9, 30))  # FY 2566
    data = infocentre_stats.yearly(org, 2567)
    assert data["received"] == 3 and data["answered"] == 2 and data["open"] == 1
    assert data["mean_days"] == 15 and data["within"] == 1 and str(data["within_share"]) == "33.33"
    channels = {c["key"]: c["count"] for c in data["by_channel"]}
    assert channels["phone"] == 1 and channels["walk_in"] == 2
    assert {o["key"]: o["count"] for o in data["by_outcome"]} == {
        "disclosed": 1,
        "partly": 0,
        "refused": 1,
        "forwarded": 0,
        "not_held": 0,
    }
    jan = next(m for m in data["by_month"] if m["month"] == 1)
    assert jan["label"] == "ม.ค. 2567" and jan["received"] == 1 and str(jan["within_share"]) == "100.00"
    assert [m["month"] for m in data["by_month"]] == [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def test_open_requests_younger_than_15_days_are_not_judged(org, unit_officer):
    recorded(org, unit_officer, timezone.localdate())
    data = infocentre_stats.yearly(org, thai.current_fiscal_year())
    assert data["received"] == 1 and data["within_share"] is None


def test_statistics_as_csv_and_json_without_requesters(client, org, unit_officer):
    recorded(org, unit_officer, timezone.localdate())
    year = thai.current_fiscal_year()
    csv = client.get(purl(org, "infocentre_csv"), {"year": year})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    data = client.get(purl(org, "infocentre_json"), {"year": year}).json()
    assert data["received"] == 1 and data["fiscal_year"] == year and len(data["by_month"]) == 12
    for text in (body, json.dumps(data, ensure_ascii=False)):
        assert NAME not in text and CONTACT not in text
    assert client.get(purl(org, "infocentre_json"), {"year": "abc"}).status_code == 400
    assert client.get(purl(org, "infocentre_csv"), {"year": "99"}).status_code == 400


# --- public pages -------------------------------------------------------------------------------


def test_the_public_page_lists_active_channels_stats_and_satisfaction(client, org, unit_officer):
    infocentre.save_channel(org, by=unit_officer, kind="phone", name="โทรศัพท์ศูนย์ข้อมูล", contact="0 7536 0000")
    infocentre.save_channel(org, by=unit_officer, kind="line", name="LINE เก่า", active=False)
    infocentre.save_survey(
        org, by=unit_officer, fiscal_year=thai.current_fiscal_year(), respondents=10, satisfied=9
    )
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
    assert NAME not in page and CONTACT not in page and 'name="score"' not in page
    infocentre.answer(req, by=unit_officer, answered_on=timezone.localdate(), outcome=Outcome.DISCLOSED)
    assert 'name="score"' in client.get(status).content.decode()
    client.post(status, {"score": "5"})
    req.refresh_from_db()
    assert req.rating == 5 and 'id="rated"' in client.get(status).content.decode()


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
    bad = client.post(
        surl(org, "infocentre_settings"),
        {"action": "survey", "fiscal_year": thai.current_fiscal_year(), "respondents": 3, "satisfied": 4},
    )
    assert bad.status_code == 200 and InfoSurvey.objects.count() == 0
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


def test_question_contacts_are_erased_too(org, unit_officer):
    from ..services import qa

    q = qa.ask(org, question="ถนนหมู่ 5 จะซ่อมเมื่อไร", contact=CONTACT)
    qa.publish(q, by=unit_officer, answer="ไตรมาสหน้า")
    Question.objects.filter(pk=q.pk).update(moderated_at=timezone.now() - dt.timedelta(days=200))
    assert jobs.purge_personal_data() == 1
    q.refresh_from_db()
    assert q.contact == "" and q.answer == "ไตรมาสหน้า"


def test_every_staff_page_opens_for_an_officer(client, org, unit_officer):
    channel = infocentre.save_channel(org, by=unit_officer, kind="email", name="อีเมลศูนย์")
    infocentre.save_survey(
        org, by=unit_officer, fiscal_year=thai.current_fiscal_year(), respondents=5, satisfied=4
    )
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
