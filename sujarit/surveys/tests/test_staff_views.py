"""The back office: questionnaires, questions, invitation links, paper forms, results and exports."""

import io

from openpyxl import load_workbook

from sujarit.surveys.models import Questionnaire, Response, State
from sujarit.surveys.services import answering

from .conftest import form, getlist_of, make_survey


def paper(q, by, *answers, day=None):
    from django.utils import timezone

    forms = [getlist_of(form(q, *a)) for a in answers]
    answering.enter_paper_forms(q, forms, by=by, submitted_on=day or timezone.localdate())


def test_an_officer_loads_the_standard_questionnaires_and_opens_one(client, org, unit_officer):
    client.force_login(unit_officer)
    client.post(f"/{org.slug}/staff/surveys/standard/", {"key": ["service"]})
    q = Questionnaire.objects.get(standard="service")
    assert q.state == State.DRAFT and q.purpose == "service"
    client.post(f"/{org.slug}/staff/surveys/{q.pk}/state/", {"state": "open"})
    q.refresh_from_db()
    assert q.state == State.OPEN
    page = client.get(f"/{org.slug}/staff/surveys/{q.pk}/").content.decode()
    assert "ด้านเจ้าหน้าที่ผู้ให้บริการ" in page and f"/{org.slug}/surveys/service/" in page


def test_editing_an_answered_question_through_the_form_makes_version_2(client, org, survey, unit_officer):
    paper(survey, unit_officer, (5, 5, 0))
    question = survey.current_version().questions.first()
    client.force_login(unit_officer)
    url = f"/{org.slug}/staff/surveys/{survey.pk}/questions/{question.pk}/"
    assert "สร้างฉบับใหม่" in client.get(url).content.decode()
    done = client.post(url, {"wording": "เจ้าหน้าที่สุภาพและเต็มใจ", "kind": "likert", "required": "on"})
    assert done.status_code == 302
    assert survey.current_version().number == 2
    assert survey.versions.get(number=1).questions.filter(text="เจ้าหน้าที่สุภาพ").exists()


def test_a_bad_question_is_refused_in_thai_and_nothing_changes(client, org, survey, unit_officer):
    client.force_login(unit_officer)
    page = client.post(
        f"/{org.slug}/staff/surveys/{survey.pk}/questions/new/",
        {"wording": "x", "kind": "single", "choices": "ก"},
    )
    assert page.status_code == 400 and "อย่างน้อยสองตัวเลือก" in page.content.decode()
    assert survey.current_version().questions.count() == 4


def test_invitation_links_are_listed_once_made(client, org, survey, unit_officer):
    client.force_login(unit_officer)
    page = client.post(f"/{org.slug}/staff/surveys/{survey.pk}/invitations/", {"count": "3"}).content.decode()
    assert page.count(f"/{org.slug}/surveys/i/") == 3 * 2  # each link is its text and its href


def test_an_officer_enters_a_paper_form(client, org, survey, unit_officer):
    client.force_login(unit_officer)
    url = f"/{org.slug}/staff/surveys/{survey.pk}/paper/"
    data = form(survey, 4, 4, 1, submitted_on="2026-01-15")
    assert client.post(url, data).status_code == 302
    response = Response.objects.get()
    assert (str(response.submitted_on), response.channel) == ("2026-01-15", "paper")
    refused = client.post(url, form(survey, 4, submitted_on="2026-01-15"))
    assert refused.status_code == 400 and "กรุณาตอบข้อนี้" in refused.content.decode()
    assert Response.objects.count() == 1


def test_the_results_page_shows_the_share_satisfied_and_charts(
    client, org, survey, unit_officer, council_member
):
    paper(survey, unit_officer, (5, 5, 0), (4, 3, 1), (2, 2, 1), (5, 4, 0))
    client.force_login(council_member)  # read-only roles see results
    page = client.get(f"/{org.slug}/staff/surveys/{survey.pk}/results/").content.decode()
    assert "75.00" in page  # 3 of 4 respondents satisfied
    assert page.count('<svg class="chart"') == 2  # the ratings and the choice question
    assert "ภาษี" in page


def test_results_export_to_excel_has_a_row_per_response(client, org, survey, unit_officer):
    paper(survey, unit_officer, (5, 5, 0), (1, 1, 1))
    client.force_login(unit_officer)
    download = client.get(f"/{org.slug}/staff/surveys/{survey.pk}/results.xlsx")
    sheet = load_workbook(io.BytesIO(download.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any("ภาษี" in row for row in values) and any("ทะเบียน" in row for row in values)
    csv = client.get(f"/{org.slug}/staff/surveys/{survey.pk}/results.csv").content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == 3


def test_the_export_centre_lists_the_year_results(client, org, survey, unit_officer):
    from sujarit.core import thai

    paper(survey, unit_officer, (5, 5, 0))
    client.force_login(unit_officer)
    fy = thai.current_fiscal_year()
    download = client.get(f"/{org.slug}/staff/exports/surveys.results/csv/?fiscal_year={fy}")
    assert download.status_code == 200 and survey.title in download.content.decode("utf-8-sig")


def test_another_organizations_questionnaire_is_not_found(
    client, org, other_org, unit_officer, other_org_officer
):
    theirs = make_survey(other_org, other_org_officer)
    client.force_login(unit_officer)
    for tail in ("", "results/", "results.csv", "paper/"):
        assert client.get(f"/{org.slug}/staff/surveys/{theirs.pk}/{tail}").status_code == 404


def test_the_list_page_query_count_does_not_grow_with_questionnaires(
    client, org, unit_officer, django_assert_max_num_queries
):
    for n in range(6):
        make_survey(org, unit_officer, key=f"s{n}")
    client.force_login(unit_officer)
    with django_assert_max_num_queries(12):
        assert client.get(f"/{org.slug}/staff/surveys/").status_code == 200


def test_read_only_roles_see_questions_and_results_without_the_buttons_to_change_them(
    client, org, survey, council_member
):
    client.force_login(council_member)
    page = client.get(f"/{org.slug}/staff/surveys/{survey.pk}/").content.decode()
    assert "เจ้าหน้าที่สุภาพ" in page
    assert "/questions/new/" not in page and "/state/" not in page and "/invitations/" not in page
