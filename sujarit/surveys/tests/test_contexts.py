"""Another module attaches a survey to its records through the registry, never by importing surveys."""

import pytest
from django.core.exceptions import ValidationError

from sujarit.core.registry import SurveyContext, registry
from sujarit.surveys import contexts
from sujarit.surveys.models import Response
from sujarit.surveys.services import editing

from .conftest import form, make_survey
from .test_public_views import send

CLOSED_CASES = {"C-1": {"label": "เรื่องร้องเรียนที่ปิดแล้ว"}}  # a stand-in for a module's records


@pytest.fixture
def closed_case_context(monkeypatch):
    context = SurveyContext(
        "demo.closed_case", "เรื่องร้องเรียนที่ปิดแล้ว", "demo", lambda org, ref: CLOSED_CASES.get(ref)
    )
    monkeypatch.setitem(registry.survey_contexts, context.key, context)
    return context


@pytest.fixture
def attached(org, unit_officer, closed_case_context):
    return make_survey(org, unit_officer, context_key=closed_case_context.key, open_link=False)


def test_the_link_of_a_record_comes_from_the_registry_query(org, attached):
    link_for = registry.query("surveys.link_for")
    assert link_for(org, "demo.closed_case", "C-1").startswith(f"/{org.slug}/surveys/i/")
    assert link_for(org, "demo.closed_case", "C-404") is None  # the module says the record cannot be rated
    assert link_for(org, "demo.other", "C-1") is None  # no questionnaire attached to that context


def test_a_record_is_rated_once_and_the_response_names_the_record_not_the_person(client, org, attached):
    url = registry.query("surveys.link_for")(org, "demo.closed_case", "C-1")
    page = client.get(url).content.decode()
    assert "เรื่องร้องเรียนที่ปิดแล้ว" in page  # the module's label is shown above the questions
    assert send(client, url, attached, 5, 4, 0).status_code == 200
    assert registry.query("surveys.answered")(org, "demo.closed_case", "C-1") is True
    response = Response.objects.get()
    assert (response.context_key, response.context_ref, response.channel) == (
        "demo.closed_case",
        "C-1",
        "invitation",
    )
    assert client.get(url).status_code == 409


def test_a_record_that_can_no_longer_be_rated_refuses_its_link(client, org, attached, monkeypatch):
    url = contexts.invitation_url(attached, "demo.closed_case", "C-1")
    monkeypatch.setitem(CLOSED_CASES, "C-1", None)
    page = client.get(url)
    assert page.status_code == 404 and "ประเมินได้" in page.content.decode()


def test_a_questionnaire_can_only_be_attached_to_a_registered_context(org, unit_officer):
    with pytest.raises(ValidationError):
        editing.create(org, by=unit_officer, title="x", context_key="nobody.nothing")


def test_the_survey_module_registers_its_numbered_invitations():
    assert registry.survey_contexts[contexts.NUMBERED].module == "surveys"


def test_the_form_helper_answers_in_order(survey):
    assert len(form(survey, 5, 4, 0)) == 3


def test_a_standard_questionnaire_is_attached_to_its_module_once_the_module_registers_the_context(
    org, unit_officer, monkeypatch
):
    from sujarit.surveys.services import standard

    monkeypatch.delitem(registry.survey_contexts, "complaints.closed_case")  # as if complaints came later
    (before,) = standard.load_standard(org, by=unit_officer, keys=["complaint"])
    assert before.context_key == ""  # the complaints module does not offer its closed cases yet
    context = SurveyContext("complaints.closed_case", "เรื่องร้องเรียนที่ปิดแล้ว", "complaints", lambda o, r: {})
    monkeypatch.setitem(registry.survey_contexts, context.key, context)
    (after,) = standard.load_standard(org, by=unit_officer, keys=["complaint"])
    assert after.context_key == "complaints.closed_case" and after.purpose == "complaint"


def test_the_tally_query_gives_counts_for_a_module_adding_its_older_ratings(org, attached, client):
    from sujarit.core import thai
    from sujarit.core.periods import Period

    url = registry.query("surveys.link_for")(org, "demo.closed_case", "C-1")
    send(client, url, attached, 5, 4, 0)
    tally = registry.query("surveys.tally")
    assert tally(org, "service", Period.for_fiscal_year(thai.current_fiscal_year())) == (1, 1)
