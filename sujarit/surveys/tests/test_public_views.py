"""A citizen answers through a public link or an invitation link, in Thai, on any phone."""

import pytest
from django.test import override_settings

from sujarit.surveys import contexts
from sujarit.surveys.models import Phase, Response, State
from sujarit.surveys.services import editing
from sujarit.surveys.views import public

from .conftest import form


def answer_page(client, q, query=""):
    return client.get(f"/{q.org.slug}/surveys/{q.key}/{query}")


def token_of(page):
    text = page.content.decode()
    start = text.index('name="token" value="') + len('name="token" value="')
    return text[start : text.index('"', start)]


def send(client, url, q, *values):
    page = client.get(url)
    data = form(q, *values, token=token_of(page), version=q.current_version().pk)
    return client.post(url, data)


def test_the_list_shows_open_questionnaires_with_a_public_link_only(client, org, survey, unit_officer):
    hidden = editing.create(org, by=unit_officer, title="แบบสำรวจบุคลากร", open_link=False)
    page = client.get(f"/{org.slug}/surveys/").content.decode()
    assert survey.title in page and hidden.title not in page


def test_a_citizen_answers_through_the_public_link_in_thai(client, survey):
    page = answer_page(client, survey)
    text = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "ด้านเจ้าหน้าที่" in text and "พอใจมากที่สุด" in text  # sections and the Thai scale
    done = send(client, f"/{survey.org.slug}/surveys/{survey.key}/", survey, 5, 4, 0, None)
    assert done.status_code == 200 and "ขอบคุณ" in done.content.decode()
    assert Response.objects.get().satisfied is True


def test_a_missing_answer_is_marked_and_what_was_chosen_stays_chosen(client, survey):
    url = f"/{survey.org.slug}/surveys/{survey.key}/"
    page = send(client, url, survey, 5, None, 1)
    text = page.content.decode()
    assert page.status_code == 400 and "กรุณาตอบข้อนี้" in text
    assert 'value="5" checked' in text
    assert Response.objects.count() == 0


def test_the_same_form_sent_twice_says_the_first_answer_is_kept(client, survey):
    url = f"/{survey.org.slug}/surveys/{survey.key}/"
    data = form(survey, 5, 5, 0, token=token_of(answer_page(client, survey)))
    assert client.post(url, data).status_code == 200
    again = client.post(url, form(survey, 1, 1, 1, token=data["token"]))
    assert again.status_code == 409 and "คำตอบแรก" in again.content.decode()
    assert Response.objects.count() == 1


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_an_open_link_takes_a_few_answers_an_hour_from_one_address(client, survey):
    url = f"/{survey.org.slug}/surveys/{survey.key}/"
    for _i in range(public.LINK_ANSWERS_PER_HOUR):
        assert send(client, url, survey, 5, 5, 0).status_code == 200
    refused = send(client, url, survey, 5, 5, 0)
    assert refused.status_code == 429 and "ชั่วโมง" in refused.content.decode()
    assert Response.objects.count() == public.LINK_ANSWERS_PER_HOUR


def test_a_draft_is_not_found_and_a_closed_one_says_so(client, survey, unit_officer):
    editing.set_state(survey, State.DRAFT, by=unit_officer)
    assert answer_page(client, survey).status_code == 404
    editing.set_state(survey, State.CLOSED, by=unit_officer)
    closed = answer_page(client, survey)
    assert closed.status_code == 410 and "ไม่ได้เปิด" in closed.content.decode()


def test_an_invitation_link_is_answered_once_and_then_says_the_first_answer_is_kept(client, knowledge_test):
    url = contexts.invitation_url(knowledge_test, contexts.NUMBERED, 3, Phase.POST)
    assert send(client, url, knowledge_test, 1, 1, 1, 1, 1).status_code == 200
    again = client.get(url)
    assert again.status_code == 409 and "คำตอบแรก" in again.content.decode()
    response = Response.objects.get()
    assert (response.phase, response.context_ref, response.passed) == (Phase.POST, "3", True)


@pytest.mark.parametrize("damage", [lambda t: t[:-3], lambda t: "x" + t, lambda t: "nonsense"])
def test_a_damaged_invitation_link_is_refused_in_thai(client, knowledge_test, damage):
    url = contexts.invitation_url(knowledge_test, contexts.NUMBERED, 3)
    token = url.rstrip("/").rsplit("/", 1)[1]
    page = client.get(f"/{knowledge_test.org.slug}/surveys/i/{damage(token)}/")
    assert page.status_code == 404 and "ลิงก์" in page.content.decode()


def test_an_invitation_of_another_organization_is_refused(client, knowledge_test, other_org):
    url = contexts.invitation_url(knowledge_test, contexts.NUMBERED, 3)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/{other_org.slug}/surveys/i/{token}/").status_code == 404


def test_a_pre_test_link_records_the_pre_test(client, knowledge_test):
    url = f"/{knowledge_test.org.slug}/surveys/{knowledge_test.key}/?phase=pre"
    assert send(client, url, knowledge_test, 0, 0, 0, 0, 0).status_code == 200
    assert Response.objects.get().phase == Phase.PRE
