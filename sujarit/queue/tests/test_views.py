"""The pages: the kiosk's double tap, the slip with its QR code, the follow page, the board, the
counter page's verbs with their Thai refusals, the fairness report, and the API."""

import json
import re

import pytest

from sujarit.core.models import Person

from ..models import Status, Ticket
from ..services.tickets import issue_ticket

pytestmark = pytest.mark.django_db


def _token(page):
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def test_a_double_tap_at_the_kiosk_gives_one_ticket(client, org, tax):
    page = client.get(f"/{org.slug}/queue/").content.decode()
    assert "กดบัตรคิว" in page and tax.name in page
    form = {"service": "tax", "token": _token(page)}
    first = client.post(f"/{org.slug}/queue/take/", form)
    second = client.post(f"/{org.slug}/queue/take/", form)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Ticket.objects.count() == 1
    slip = client.get(first["Location"]).content.decode()
    assert "A001" in slip and "<svg" in slip and "เวลารอโดยประมาณ 0 นาที" in slip


def test_an_unknown_service_at_the_kiosk_is_refused_in_thai(client, org, tax):
    resp = client.post(f"/{org.slug}/queue/take/", {"service": "nope", "token": "abcdefgh1"})
    assert resp.status_code == 400 and "กรุณาเลือกบริการจากรายการ" in resp.content.decode()
    assert not Ticket.objects.exists()


def test_the_follow_page_tells_the_place_in_line_then_the_counter(
    client, org, tax, counters, counter_officer
):
    issue_ticket(tax)
    mine = issue_ticket(tax)
    page = client.get(f"/{org.slug}/queue/t/{mine.follow_token}/").content.decode()
    assert "มีคิวก่อนหน้าท่าน 1 คิว" in page and "เวลารอโดยประมาณ 5 นาที" in page  # 10 min ÷ 2 counters
    assert client.get(f"/{org.slug}/queue/t/not-a-token/").status_code == 404


def test_the_counter_page_calls_and_the_board_shows_it(client, org, tax, counters, counter_officer):
    first, _ = counters
    issue_ticket(tax)
    client.force_login(counter_officer)
    base = f"/{org.slug}/staff/queue/counter/{first.pk}/"
    assert "เรียกคิวถัดไป" in client.get(base).content.decode()
    client.post(base + "next/")
    assert Ticket.objects.get().status == Status.CALLED
    board = client.get(f"/{org.slug}/queue/board/").content.decode()
    assert "A001" in board and "หมายเลข A001 เชิญที่ ช่องบริการ 1" in board
    resp = client.post(base + "next/", follow=True)
    assert "ก่อนเรียกคิวถัดไป" in resp.content.decode()


def test_calling_out_of_order_without_reason_is_refused_and_reported_with_one(
    client, org, tax, counters, counter_officer, executive
):
    first, _ = counters
    issue_ticket(tax)
    later = issue_ticket(tax)
    client.force_login(counter_officer)
    url = f"/{org.slug}/staff/queue/counter/{first.pk}/call/"
    resp = client.post(url, {"ticket": later.pk, "reason": ""}, follow=True)
    assert "การเรียกข้ามลำดับที่ประกาศต้องระบุเหตุผล" in resp.content.decode()
    assert Ticket.objects.get(pk=later.pk).status == Status.WAITING
    client.post(url, {"ticket": later.pk, "reason": "ผู้ป่วยรอไม่ได้"})
    client.force_login(executive)
    report = client.get(f"/{org.slug}/staff/queue/statistics/?period=week").content.decode()
    assert "ผู้ป่วยรอไม่ได้" in report and counter_officer.username in report and "A002" in report


def test_staff_of_another_org_cannot_work_the_counter(client, org, tax, counters, other_org_officer):
    client.force_login(other_org_officer)
    assert client.post(f"/{org.slug}/staff/queue/counter/{counters[0].pk}/next/").status_code == 403


def test_an_officer_issues_a_priority_ticket(client, org, tax, counters, counter_officer, priority_policy):
    client.force_login(counter_officer)
    resp = client.post(f"/{org.slug}/staff/queue/issue/", {"service": "tax", "group": "elderly"})
    assert resp.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.priority_group == "elderly" and ticket.issued_by == counter_officer
    policy = client.get(f"/{org.slug}/queue/policy/").content.decode()
    assert "ผู้สูงอายุ (60 ปีขึ้นไป)" in policy


def test_api_takes_a_ticket_once_per_token_and_calls_it(client, org, tax, counters, counter_officer):
    url = f"/api/v1/orgs/{org.slug}/queue/services/tax/tickets"
    body = json.dumps({"token": "api-token-1"})
    one = client.post(url, body, content_type="application/json")
    two = client.post(url, body, content_type="application/json")
    assert (
        one.status_code == two.status_code == 201 and one.json()["number"] == two.json()["number"] == "A001"
    )
    missing = client.post(
        f"/api/v1/orgs/{org.slug}/queue/services/nope/tickets", "{}", content_type="application/json"
    )
    assert missing.status_code == 404 and missing.json()["code"] == "service_not_found"
    call = f"/api/v1/orgs/{org.slug}/queue/counters/{counters[0].pk}/call-next"
    assert client.post(call).status_code == 401
    client.force_login(counter_officer)
    assert client.post(call).json()["called"]["number"] == "A001"
    refused = client.post(call)
    assert refused.status_code == 400 and refused.json()["code"] == "busy"
    state = client.get(f"/api/v1/orgs/{org.slug}/queue/state").json()
    assert state["calling"][0]["number"] == "A001"


def test_person_officers_belong_to_their_org(org, counters, counter_officer):
    assert Person.objects.get(user=counter_officer).queue_counters.get() == counters[0]


def test_board_and_counter_pages_keep_their_query_counts(
    client, org, tax, counters, counter_officer, django_assert_max_num_queries
):
    first, second = counters
    for _i in range(12):
        issue_ticket(tax)
    from ..services import counter as verbs

    verbs.call_next(first, by=counter_officer)
    with django_assert_max_num_queries(5):
        client.get(f"/{org.slug}/queue/board/")
    client.force_login(counter_officer)
    with django_assert_max_num_queries(11):
        client.get(f"/{org.slug}/staff/queue/counter/{first.pk}/")


def test_the_served_ticket_links_to_the_survey_only_when_the_surveys_module_offers_it(
    client, org, tax, counters, counter_officer, monkeypatch
):
    from sujarit.core.registry import registry
    from sujarit.surveys.models import Questionnaire, State

    from ..services import counter as verbs

    first, _ = counters
    ticket = issue_ticket(tax)
    waiting = issue_ticket(tax)
    verbs.complete(first, verbs.call_next(first, by=counter_officer), by=counter_officer)
    url = f"/{org.slug}/queue/t/{ticket.follow_token}/"
    page = client.get(url).content.decode()
    # The organization never set a questionnaire up: the standard service questionnaire (attached to
    # served tickets by its data file) is opened the first time a served ticket can be rated.
    assert "ให้บริการเรียบร้อยแล้ว" in page and "ประเมินความพึงพอใจต่อการให้บริการ" in page
    assert Questionnaire.objects.get(org=org, context_key="queue.served_ticket").standard == "service"
    link = page.split('class="button" href="')[1].split('"')[0]
    survey = client.get(link)
    assert survey.status_code == 200 and f"บัตรคิว {ticket.label}" in survey.content.decode()
    # a ticket still waiting cannot be rated, and without the surveys module nothing is offered
    assert (
        "ประเมินความพึงพอใจต่อการให้บริการ"
        not in client.get(f"/{org.slug}/queue/t/{waiting.follow_token}/").content.decode()
    )
    monkeypatch.delitem(registry.queries, "surveys.link_for")
    assert "ประเมินความพึงพอใจต่อการให้บริการ" not in client.get(url).content.decode()
    monkeypatch.undo()
    assert "ประเมินความพึงพอใจต่อการให้บริการ" in client.get(url).content.decode()
    # Staff closed it: the follow page no longer offers a survey.
    Questionnaire.objects.filter(org=org).update(state=State.CLOSED)
    assert "ประเมินความพึงพอใจต่อการให้บริการ" not in client.get(url).content.decode()
