"""/api/v1/orgs/{slug}/surveys gives counts and shares per fiscal year, never an answer."""

from django.utils import timezone

from sujarit.core import thai
from sujarit.surveys.models import State
from sujarit.surveys.services import answering, editing

from .conftest import form, getlist_of


def test_the_api_lists_open_questionnaires_with_yearly_shares(client, org, survey, unit_officer):
    forms = [getlist_of(form(survey, *a)) for a in ((5, 5, 0), (1, 1, 0))]
    answering.enter_paper_forms(survey, forms, by=unit_officer, submitted_on=timezone.localdate())
    draft = editing.create(org, by=unit_officer, title="ฉบับร่าง")
    body = client.get(f"/api/v1/orgs/{org.slug}/surveys").json()
    assert [q["key"] for q in body] == [survey.key]
    assert draft.state == State.DRAFT
    assert body[0]["measure"] == "surveys.service"
    assert body[0]["years"] == [
        {"fiscal_year": thai.current_fiscal_year(), "respondents": 2, "share": "50.00"}
    ]


def test_an_unknown_organization_is_a_404_in_the_api_shape(client, db):
    answer = client.get("/api/v1/orgs/nowhere/surveys")
    assert answer.status_code == 404 and answer.json()["code"] == "org_not_found"
