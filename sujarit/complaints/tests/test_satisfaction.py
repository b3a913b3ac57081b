"""The satisfaction questionnaire on a case page: the survey engine's complaint questionnaire, asked
once a case is resolved or closed, answered once, counted by the engine (with ratings kept from
before the move) in the statistics and the plan's KPI."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.models import AuditEvent
from sujarit.core.periods import Period
from sujarit.surveys.models import Questionnaire, Response
from sujarit.surveys.models import State as SurveyState

from ..measures import satisfaction as satisfaction_measure
from ..models import EventType, State
from ..queries import stats
from ..services.satisfaction import answer, survey_for
from .test_jobs import general_case, integrity_case
from .test_jobs import general_case as _general_case


def resolved(case, state=State.RESOLVED):
    case.state = state
    case.save()
    return case


def answers(survey, score, **override):
    values = {f"q{pk}": [str(score)] for pk, kind in survey.questions if kind == "likert"}
    values.update(override)
    return lambda name: values.get(name, [])


def this_year():
    return Period.for_fiscal_year(thai.current_fiscal_year())


def test_complainant_answers_the_engines_questionnaire_once(org, categories):
    case = resolved(general_case(org, categories["road"]))
    survey = survey_for(case)
    # The organization never set a questionnaire up: the standard complaint questionnaire is opened.
    q = Questionnaire.objects.get(org=org, context_key="complaints.closed_case")
    assert q.standard == "complaint" and q.state == SurveyState.OPEN and survey.title == q.title
    assert len(survey.questions) == q.current_version().questions.count() and 'type="radio"' in survey.html
    answer(case, answers(survey, 5), survey.token)
    response = Response.objects.get()
    assert (response.context_ref, response.satisfied) == (str(case.pk), True)
    assert survey_for(case) is None  # asked once
    event = case.events.get(type=EventType.SATISFACTION)
    assert event.is_public and event.by_complainant and event.data == {}
    with pytest.raises(ValidationError):
        answer(case, answers(survey, 1), survey.token)
    assert Response.objects.count() == 1
    assert AuditEvent.objects.filter(action="complaints.rated").count() == 1


def test_open_case_is_not_asked_and_cannot_answer(org, categories):
    case = general_case(org, categories["road"])
    assert survey_for(case) is None
    with pytest.raises(ValidationError):
        answer(case, lambda name: ["5"], "token")
    assert not Response.objects.exists() and not case.events.filter(type=EventType.SATISFACTION).exists()


@pytest.mark.parametrize("bad", ["0", "6", "ห้า", "", "4.5", "3x"])
def test_answers_outside_one_to_five_are_refused_and_nothing_is_stored(org, categories, bad):
    case = resolved(general_case(org, categories["road"]))
    survey = survey_for(case)
    first = f"q{survey.questions[0][0]}"
    with pytest.raises(ValidationError) as refused:
        answer(case, answers(survey, 4, **{first: [bad]}), survey.token)
    assert refused.value.messages  # a Thai message says which answer needs attention
    assert not Response.objects.exists() and not case.events.filter(type=EventType.SATISFACTION).exists()


def test_purged_or_spam_cases_are_not_asked(org, categories):
    purged = resolved(general_case(org, categories["road"]), State.CLOSED)
    purged.purged_at = timezone.now()
    purged.save()
    spam = resolved(general_case(org, categories["road"]), State.CLOSED)
    spam.spam = True
    spam.save()
    assert survey_for(purged) is None and survey_for(spam) is None


def test_a_questionnaire_staff_closed_is_respected(org, categories):
    case = resolved(general_case(org, categories["road"]))
    assert survey_for(case) is not None
    Questionnaire.objects.filter(org=org).update(state=SurveyState.CLOSED)
    assert survey_for(case) is None


def test_corruption_reporter_answers_without_a_key_and_the_label_names_nothing(
    org, categories, keyed_integrity_officer
):
    case, _key = integrity_case(org, categories["bribe"], [keyed_integrity_officer])
    resolved(case, State.CLOSED)
    survey = survey_for(case)
    answer(case, answers(survey, 4), survey.token)
    event = case.events.get(type=EventType.SATISFACTION)
    assert event.body == "" and event.sealed_body is None and event.data == {}
    assert Response.objects.get().context_ref == str(case.pk)
    assert survey_for(case) is None


def test_statistics_and_the_kpi_count_the_engines_answers_and_the_ratings_kept(org, categories):
    def general_case(org, category):  # received this fiscal year
        return _general_case(org, category, received=timezone.now() - dt.timedelta(days=1))

    before = resolved(general_case(org, categories["road"]), State.CLOSED)
    before.satisfaction = 2  # a rating given before the move, kept on the case
    before.save()
    happy = resolved(general_case(org, categories["road"]))
    survey = survey_for(happy)
    answer(happy, answers(survey, 5), survey.token)
    unhappy = resolved(general_case(org, categories["road"]))
    answer(unhappy, answers(survey_for(unhappy), 2), survey_for(unhappy).token)
    period = this_year()
    block = stats.summarize(org, None, period)["satisfaction"]
    assert (block["rated"], block["satisfied"]) == (3, 1)
    assert float(satisfaction_measure(org, period)) == pytest.approx(100 / 3, abs=0.01)
