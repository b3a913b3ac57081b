"""The information centre: requests under the Official Information Act, channels, statistics, surveys."""

import datetime as dt
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sujarit.core import codes, thai
from sujarit.core.models import AuditEvent

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


def paper_forms(org, by, *scores, day=None):
    """Staff type in paper satisfaction forms on the survey engine's questionnaire of the centre, each
    form rating every question with one score."""
    from sujarit.surveys.contexts import questionnaire_for
    from sujarit.surveys.services import answering

    q = questionnaire_for(org, infocentre.SURVEY_CONTEXT)
    questions = list(q.current_version().questions.all())
    forms = [
        (
            lambda name, s=score: (
                [str(s)] if any(name == f"q{x.pk}" and x.kind == "likert" for x in questions) else []
            )
        )
        for score in scores
    ]
    return answering.enter_paper_forms(q, forms, by=by, submitted_on=day or timezone.localdate())


def test_a_citizen_files_a_request_and_gets_a_number_and_secret(org):
    req, secret = file(org)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", req.number) and re.fullmatch(r"\d{8}", secret)
    assert req.channel == ChannelKind.WEBSITE and req.received_on == timezone.localdate()
    assert req.secret_hash and secret not in req.secret_hash
    assert infocentre.follow(org, req.number.lower(), codes.format_secret(secret), client="citizen") == req
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


def test_wrong_secrets_are_limited_per_number_and_client(org):
    req, secret = file(org)
    for _i in range(codes.FOLLOW_FAILURES):
        assert infocentre.follow(org, req.number, "00000000", client="guesser") is None
    with pytest.raises(infocentre.TooManyTries):
        infocentre.follow(org, req.number, secret, client="guesser")
    assert infocentre.follow(org, req.number, secret, client="requester") == req  # not locked out


def test_wrong_secrets_from_many_clients_reach_a_ceiling_per_number(org):
    req, secret = file(org)
    guessers = codes.FOLLOW_CEILING // codes.FOLLOW_FAILURES
    for g in range(guessers):  # only many clients together get this far, never one
        for _i in range(codes.FOLLOW_FAILURES):
            infocentre.follow(org, req.number, "00000000", client=f"guesser-{g}")
    with pytest.raises(infocentre.TooManyTries):
        infocentre.follow(org, req.number, secret, client="requester")


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


def _answers(survey, score, **override):
    values = {f"q{pk}": [str(score)] for pk, kind in survey.questions if kind == "likert"}
    values.update(override)
    return lambda name: values.get(name, [])


def test_the_requester_answers_the_engines_questionnaire_once_after_the_answer(org, unit_officer):
    from sujarit.surveys.models import Response

    req, _secret = file(org)
    assert infocentre.survey_for(req) is None  # not answered yet
    with pytest.raises(ValidationError):
        infocentre.answer_survey(req, lambda name: ["5"], "token")
    infocentre.answer(req, by=unit_officer, answered_on=timezone.localdate(), outcome=Outcome.DISCLOSED)
    survey = infocentre.survey_for(req)
    first = f"q{survey.questions[0][0]}"
    for bad in ("0", "6", "4.5", "x"):
        with pytest.raises(ValidationError):
            infocentre.answer_survey(req, _answers(survey, 4, **{first: [bad]}), survey.token)
    assert not Response.objects.exists()
    infocentre.answer_survey(req, _answers(survey, 4), survey.token)
    with pytest.raises(ValidationError):
        infocentre.answer_survey(req, _answers(survey, 1), survey.token)
    response = Response.objects.get()
    assert (response.context_key, response.context_ref, response.satisfied) == (
        "disclosure.answered_request", str(req.pk), True,
    )  # fmt: skip
    assert infocentre.survey_for(req) is None and infocentre.rated(req)


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


def test_question_contacts_are_erased_too(org, unit_officer):
    from ..services import qa

    q = qa.ask(org, question="ถนนหมู่ 5 จะซ่อมเมื่อไร", contact=CONTACT)
    qa.publish(q, by=unit_officer, answer="ไตรมาสหน้า")
    Question.objects.filter(pk=q.pk).update(moderated_at=timezone.now() - dt.timedelta(days=200))
    assert jobs.purge_personal_data() == 1
    q.refresh_from_db()
    assert q.contact == "" and q.answer == "ไตรมาสหน้า"


def test_policy_inputs_are_checked(org, unit_officer):
    with pytest.raises(ValidationError):
        infocentre.save_policy(org, by=unit_officer, purge_after_days=0)
    assert infocentre.policy_for(org).purge_after_days != 0


def test_paper_forms_and_the_totals_kept_from_before_count_together(org, unit_officer):
    year = thai.current_fiscal_year()
    assert infocentre_stats.satisfaction(org, year)["total"] == 0
    paper_forms(org, unit_officer, 5, 5, 4, 2)  # the mean rating of 2 is not satisfied
    s = infocentre_stats.satisfaction(org, year)
    assert (s["survey_respondents"], s["survey_satisfied"], s["ratings"]) == (4, 3, 0)
    # The yearly totals typed in before the survey engine (read-only now) still count, in their year.
    InfoSurvey.objects.create(org=org, fiscal_year=year, respondents=6, satisfied=6)
    InfoSurvey.objects.create(org=org, fiscal_year=year - 1, respondents=100, satisfied=0)
    s = infocentre_stats.satisfaction(org, year)
    assert (s["survey_respondents"], s["survey_satisfied"], str(s["share"])) == (10, 9, "90.00")


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
