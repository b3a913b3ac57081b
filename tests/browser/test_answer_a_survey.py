"""A citizen answers a satisfaction survey on a phone from an invitation link; the same link answered
again says the first answer is kept; an officer sees the answer on the survey's results page."""

import pytest

from sujarit.surveys import contexts
from sujarit.surveys.models import Response
from sujarit.surveys.tests.conftest import make_survey

from .conftest import sign_in

pytestmark = pytest.mark.browser

SUGGESTION = "อยากให้เปิดบริการช่วงพักเที่ยงด้วย"


def test_citizen_answers_from_an_invitation_link_and_the_officer_sees_the_result(
    new_page, page, site, org, unit_officer
):
    survey = make_survey(org, unit_officer, open_link=False)
    link = site + contexts.invitation_url(survey, contexts.NUMBERED, 1)
    first, second, choice, text = survey.current_version().questions.all()

    # The citizen, on a 390 px phone, answers in Thai.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(link)
    assert "ไม่ต้องระบุชื่อ" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the form is wider than the phone"
    page.locator(f"#question-{first.pk} label", has_text="5").click()
    page.locator(f"#question-{second.pk} label", has_text="4").click()
    page.locator(f"#question-{choice.pk} label", has_text="ทะเบียน").click()
    page.fill(f"#question-{text.pk} textarea", SUGGESTION)
    with page.expect_navigation():
        page.locator("#survey-form button[type=submit]").click()
    assert "ขอบคุณ" in page.locator("#survey-thanks").inner_text()

    # The same link again: the first answer is kept, and the page says so.
    page.goto(link)
    assert "คำตอบแรก" in page.locator("#survey-refusal").inner_text()
    response = Response.objects.get()
    assert (response.satisfied, response.context_ref) == (True, "1")

    # The officer opens the results.
    officer = new_page()
    sign_in(officer, site, "t_officer", "pw-t_officer", f"/{org.slug}/staff/surveys/{survey.pk}/results/")
    summary = officer.locator("#results-summary").inner_text()
    assert "1" in summary and "100.00" in summary
    main = officer.locator("main").inner_text()
    assert SUGGESTION in main and "ทะเบียน" in main
    assert officer.locator("svg.chart").count() == 2
