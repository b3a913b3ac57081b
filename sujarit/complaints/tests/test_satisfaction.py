"""The satisfaction question: 1–5, once, only when the case is resolved or closed."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sujarit.core.models import AuditEvent

from ..models import EventType, State
from ..services.satisfaction import can_rate, rate
from .test_jobs import general_case, integrity_case


def resolved(case, state=State.RESOLVED):
    case.state = state
    case.save()
    return case


def test_complainant_rates_a_resolved_case_once(org, categories):
    case = resolved(general_case(org, categories["road"]))
    assert can_rate(case)
    rate(case, 5)
    case.refresh_from_db()
    assert case.satisfaction == 5 and case.satisfied_at is not None
    assert not can_rate(case)
    event = case.events.get(type=EventType.SATISFACTION)
    assert event.is_public and event.by_complainant and event.data == {"score": 5}
    with pytest.raises(ValidationError):
        rate(case, 1)
    case.refresh_from_db()
    assert case.satisfaction == 5
    assert AuditEvent.objects.filter(action="complaints.rated").count() == 1


def test_stale_copy_cannot_rate_twice(org, categories):
    case = resolved(general_case(org, categories["road"]), State.CLOSED)
    stale = type(case).objects.get(pk=case.pk)
    rate(case, 4)
    with pytest.raises(ValidationError):
        rate(stale, 2)
    case.refresh_from_db()
    assert case.satisfaction == 4


def test_open_case_cannot_be_rated(org, categories):
    case = general_case(org, categories["road"])
    assert not can_rate(case)
    with pytest.raises(ValidationError):
        rate(case, 4)
    case.refresh_from_db()
    assert case.satisfaction is None and not case.events.filter(type=EventType.SATISFACTION).exists()


@pytest.mark.parametrize("score", [0, 6, "ห้า", None, "", True, 4.5, "3x"])
def test_scores_outside_one_to_five_are_refused(org, categories, score):
    case = resolved(general_case(org, categories["road"]))
    with pytest.raises(ValidationError):
        rate(case, score)
    case.refresh_from_db()
    assert case.satisfaction is None


def test_score_from_a_form_field_is_accepted(org, categories):
    case = resolved(general_case(org, categories["road"]))
    rate(case, "3", by_complainant=False)
    case.refresh_from_db()
    assert case.satisfaction == 3
    assert not case.events.get(type=EventType.SATISFACTION).by_complainant


def test_purged_case_cannot_be_rated(org, categories):
    case = resolved(general_case(org, categories["road"]), State.CLOSED)
    case.purged_at = timezone.now()
    case.save()
    assert not can_rate(case)


def test_corruption_reporter_rates_without_a_key(org, categories, keyed_integrity_officer):
    case, _key = integrity_case(org, categories["bribe"], [keyed_integrity_officer])
    resolved(case, State.CLOSED)
    rate(case, 4)
    event = case.events.get(type=EventType.SATISFACTION)
    assert event.body == "" and event.sealed_body is None and event.data == {"score": 4}
