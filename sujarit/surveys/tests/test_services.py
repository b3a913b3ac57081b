"""The survey engine's verbs: versions, validation, scoring, one response per link, permissions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sujarit.core.models import AuditEvent
from sujarit.surveys.models import Channel, Phase, Response, State, Version
from sujarit.surveys.services import answering, editing, standard

from .conftest import form, getlist_of


def submit(q, data, **kwargs):
    kwargs.setdefault("channel", Channel.LINK)
    kwargs.setdefault("form_token", answering.new_form_token(q))
    return answering.submit(q, getlist_of(data), **kwargs)


def test_a_satisfied_respondent_is_one_whose_mean_rating_is_at_least_3_5(survey):
    happy = submit(survey, form(survey, 4, 3, 0))
    unhappy = submit(survey, form(survey, 3, 3, 1))
    assert (happy.satisfied, str(happy.mean_rating)) == (True, "3.50")
    assert (unhappy.satisfied, str(unhappy.mean_rating)) == (False, "3.00")
    assert happy.submitted_on == timezone.localdate()


def test_a_test_is_scored_against_the_correct_choices_and_the_pass_mark(knowledge_test):
    passed = submit(knowledge_test, form(knowledge_test, 1, 1, 1, 1, 0), phase=Phase.POST)
    failed = submit(knowledge_test, form(knowledge_test, 1, 1, 1, 0, 0), phase=Phase.POST)
    assert (passed.score, passed.max_score, passed.passed) == (4, 5, True)  # 80 % reaches 80
    assert (failed.score, failed.passed) == (3, False)


def test_missing_and_wrong_answers_are_refused_by_question_and_nothing_is_kept(survey):
    questions = list(survey.current_version().questions.all())
    with pytest.raises(answering.Invalid) as refused:
        submit(survey, form(survey, 6, None, 9))
    assert set(refused.value.by_question) == {questions[0].pk, questions[1].pk, questions[2].pk}
    assert "1 ถึง 5" in refused.value.by_question[questions[0].pk]  # the Thai message
    assert Response.objects.count() == 0


def test_the_same_form_sent_twice_keeps_the_first_answer(survey):
    token = answering.new_form_token(survey)
    submit(survey, form(survey, 5, 5, 0), form_token=token)
    with pytest.raises(answering.AlreadyAnswered, match="คำตอบแรก"):
        submit(survey, form(survey, 1, 1, 1), form_token=token)
    assert list(Response.objects.values_list("satisfied", flat=True)) == [True]


def test_one_response_per_invitation_and_round(knowledge_test):
    kwargs = {"channel": Channel.INVITATION, "context_key": "surveys.invitation", "ref": "7"}
    submit(knowledge_test, form(knowledge_test, 0, 0, 0, 0, 0), phase=Phase.PRE, **kwargs)
    submit(knowledge_test, form(knowledge_test, 1, 1, 1, 1, 1), phase=Phase.POST, **kwargs)
    with pytest.raises(answering.AlreadyAnswered):
        submit(knowledge_test, form(knowledge_test, 1, 1, 1, 1, 1), phase=Phase.POST, **kwargs)
    assert knowledge_test.responses.count() == 2


def test_a_closed_questionnaire_and_an_invitation_only_one_refuse_open_answers(survey, unit_officer):
    editing.update(survey, by=unit_officer, title=survey.title, purpose="service", open_link=False)
    with pytest.raises(ValidationError, match="ลิงก์เชิญ"):
        submit(survey, form(survey, 5, 5, 0))
    editing.set_state(survey, State.CLOSED, by=unit_officer)
    with pytest.raises(ValidationError, match="ไม่ได้เปิด"):
        submit(survey, form(survey, 5, 5, 0), channel=Channel.INVITATION)
    assert Response.objects.count() == 0


def test_editing_an_answered_questionnaire_makes_a_new_version_and_old_answers_keep_their_questions(
    survey, unit_officer
):
    first = submit(survey, form(survey, 5, 4, 1))
    old_question = survey.current_version().questions.get(text="เจ้าหน้าที่สุภาพ")
    edited = editing.save_question(
        survey, by=unit_officer, question=old_question, wording="เจ้าหน้าที่สุภาพและเต็มใจ", kind="likert"
    )
    assert survey.current_version().number == 2 and edited.version.number == 2
    old_question.refresh_from_db()
    assert old_question.text == "เจ้าหน้าที่สุภาพ" and old_question.version.number == 1
    assert first.answers.get(question=old_question).value == 5
    # An edit of a version no one answered yet stays in that version.
    editing.save_question(survey, by=unit_officer, question=edited, wording="สุภาพ", kind="likert")
    assert Version.objects.filter(questionnaire=survey).count() == 2


def test_removing_a_question_after_answers_keeps_it_in_the_answered_version(survey, unit_officer):
    submit(survey, form(survey, 5, 4, 1))
    text_question = survey.current_version().questions.get(kind="text")
    editing.delete_question(survey, text_question, by=unit_officer)
    assert survey.current_version().number == 2
    assert not survey.current_version().questions.filter(kind="text").exists()
    assert survey.versions.get(number=1).questions.filter(kind="text").exists()


def test_a_form_showing_the_old_version_is_kept_with_the_old_version(survey, unit_officer):
    shown = survey.current_version()
    submit(survey, form(survey, 5, 5, 0))
    editing.save_question(survey, by=unit_officer, wording="คำถามใหม่", kind="likert")
    answers = {f"q{q.pk}": "0" if q.kind == "single" else "4" for q in shown.questions.exclude(kind="text")}
    late = submit(survey, answers, version=shown)
    assert late.version == shown


def test_choice_questions_need_two_distinct_choices_and_tests_a_valid_correct_one(
    survey, knowledge_test, unit_officer
):
    with pytest.raises(ValidationError, match="อย่างน้อยสอง"):
        editing.save_question(survey, by=unit_officer, wording="x", kind="single", choices=["ก"])
    with pytest.raises(ValidationError):
        editing.save_question(
            knowledge_test, by=unit_officer, wording="x", kind="single", choices=["ก", "ข"], correct=[5]
        )
    assert survey.current_version().questions.count() == 4


def test_a_questionnaire_without_questions_cannot_open(org, unit_officer):
    q = editing.create(org, by=unit_officer, title="ว่าง")
    with pytest.raises(ValidationError, match="อย่างน้อยหนึ่งข้อ"):
        editing.set_state(q, State.OPEN, by=unit_officer)


def test_a_purpose_of_the_other_kind_is_refused(org, unit_officer):
    with pytest.raises(ValidationError):
        editing.create(org, by=unit_officer, title="x", purpose="ethics_test")  # a satisfaction survey


def test_council_members_and_auditors_cannot_change_surveys(survey, council_member, auditor):
    for person in (council_member, auditor):
        with pytest.raises(PermissionDenied):
            editing.save_question(survey, by=person, wording="x", kind="likert")
        with pytest.raises(PermissionDenied):
            answering.enter_paper_forms(survey, [], by=person, submitted_on=timezone.localdate())


def test_staff_of_another_organization_cannot_change_a_survey(survey, other_org_officer):
    with pytest.raises(PermissionDenied):
        editing.set_state(survey, State.CLOSED, by=other_org_officer)


def test_paper_forms_are_kept_all_or_none_with_one_audit_event(survey, unit_officer):
    day = timezone.localdate() - dt.timedelta(days=40)
    before = AuditEvent.objects.count()
    good, bad = getlist_of(form(survey, 5, 5, 0)), getlist_of(form(survey, 5))
    with pytest.raises(answering.Invalid):
        answering.enter_paper_forms(survey, [good, bad], by=unit_officer, submitted_on=day)
    assert Response.objects.count() == 0
    assert answering.enter_paper_forms(survey, [good, good], by=unit_officer, submitted_on=day) == 2
    assert set(Response.objects.values_list("submitted_on", "channel")) == {(day, Channel.PAPER)}
    assert AuditEvent.objects.count() == before + 1
    with pytest.raises(ValidationError, match="อนาคต"):
        answering.enter_paper_forms(
            survey, [good], by=unit_officer, submitted_on=day + dt.timedelta(days=400)
        )


def test_the_standard_questionnaires_load_once_each(org, unit_officer):
    made = standard.load_standard(org, by=unit_officer)
    keys = {q.standard for q in made}
    assert {"service", "infocentre", "complaint", "promotion", "ethics-test"} <= keys
    ethics = next(q for q in made if q.standard == "ethics-test")
    assert ethics.is_test and ethics.purpose == "ethics_test"
    assert all(q.correct for q in ethics.current_version().questions.all())
    assert standard.load_standard(org, by=unit_officer) == []
    with pytest.raises(ValidationError):
        standard.load_standard(org, by=unit_officer, keys=["nope"])


def test_invitations_are_numbered_on(survey, unit_officer):
    assert editing.issue_invitations(survey, 3, by=unit_officer) == [1, 2, 3]
    assert editing.issue_invitations(survey, 2, by=unit_officer) == [4, 5]
    with pytest.raises(ValidationError):
        editing.issue_invitations(survey, 0, by=unit_officer)


def test_the_last_question_of_an_open_questionnaire_stays(org, unit_officer):
    q = editing.create(org, by=unit_officer, title="ข้อเดียว")
    only = editing.save_question(q, by=unit_officer, wording="พอใจไหม", kind="likert")
    editing.set_state(q, State.OPEN, by=unit_officer)
    with pytest.raises(ValidationError, match="อย่างน้อยหนึ่งข้อ"):
        editing.delete_question(q, only, by=unit_officer)
    assert q.current_version().questions.count() == 1
