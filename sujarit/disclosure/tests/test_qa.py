"""The public Q&A board (OIT O6): asking, moderation, the public list, flood protection, O6 evidence."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from sujarit.core import throttle
from sujarit.core.models import AuditEvent
from sujarit.core.registry import Registry

from .. import oit
from ..models import Question, QuestionState
from ..services import qa

CONTACT = "malee@example.com"
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone) Mobile Safari"}


def board(org):
    return reverse("disclosure:qa", kwargs={"org_slug": org.slug})


def staff(org, name="qa", **kw):
    return reverse(f"disclosure_staff:{name}", kwargs={"org_slug": org.slug, **kw})


def test_a_question_waits_for_moderation_and_is_not_public(client, org):
    q = qa.ask(org, question="ตลาดนัดเปิดวันไหน", name="มาลี", contact=CONTACT)
    assert q.state == QuestionState.PENDING
    html = client.get(board(org)).content.decode()
    assert "ตลาดนัดเปิดวันไหน" not in html


def test_published_questions_show_newest_answer_first_without_contacts(client, org, unit_officer):
    first = qa.ask(org, question="คำถามแรก", contact=CONTACT)
    second = qa.ask(org, question="คำถามที่สอง", name="สมชาย", contact="0812345678")
    qa.publish(second, by=unit_officer, answer="คำตอบที่สอง")
    qa.publish(first, by=unit_officer, answer="คำตอบแรก")
    html = client.get(board(org)).content.decode()
    assert html.index("คำถามแรก") < html.index("คำถามที่สอง")  # answered last, shown first
    assert "สมชาย" in html and CONTACT not in html and "0812345678" not in html


def test_staff_may_edit_the_question_before_publishing(org, unit_officer):
    q = qa.ask(org, question="บ้านเลขที่ 12 ของนายเอ ทิ้งขยะ ใครดูแล")
    qa.publish(q, by=unit_officer, answer="กองสาธารณสุข", text="ใครดูแลการทิ้งขยะ")
    q.refresh_from_db()
    assert q.question == "ใครดูแลการทิ้งขยะ"
    assert AuditEvent.objects.get(action="disclosure.question_published").data["question_edited"] is True


def test_a_rejected_question_stays_private_with_its_reason(client, org, unit_officer):
    q = qa.ask(org, question="โฆษณาขายของ")
    qa.reject(q, by=unit_officer, reason="สแปม")
    html = client.get(board(org)).content.decode()
    assert "โฆษณาขายของ" not in html and "สแปม" not in html
    with pytest.raises(ValidationError):
        qa.publish(q, by=unit_officer, answer="ไม่")
    with pytest.raises(ValidationError):
        qa.reject(q, by=unit_officer, reason="อีกครั้ง")


@pytest.mark.parametrize(
    "kw", [{"question": ""}, {"question": "x" * 2001}, {"question": "ok", "name": "n" * 101}]
)
def test_bad_questions_are_refused(org, kw):
    with pytest.raises(ValidationError):
        qa.ask(org, **kw)
    assert Question.objects.count() == 0


def test_moderation_needs_the_permission_and_an_answer_or_reason(
    org, other_org_officer, finance_officer, unit_officer
):
    q = qa.ask(org, question="ถาม")
    for user in (other_org_officer, finance_officer):
        with pytest.raises(PermissionDenied):
            qa.publish(q, by=user, answer="ตอบ")
    with pytest.raises(ValidationError):
        qa.publish(q, by=unit_officer, answer="  ")
    with pytest.raises(ValidationError):
        qa.reject(q, by=unit_officer, reason="")
    q.refresh_from_db()
    assert q.state == QuestionState.PENDING


def test_asking_on_the_web(client, org):
    sent = client.post(board(org), {"question": "ขอเบอร์โทรกองช่าง", "contact": CONTACT}, **BROWSER)
    assert sent.status_code == 302
    q = Question.objects.get()
    assert q.contact == CONTACT and q.name == ""
    empty = client.post(board(org), {"question": ""}, **BROWSER)
    assert empty.status_code == 200 and Question.objects.count() == 1


def test_the_honeypot_keeps_nothing_but_looks_fine(client, org):
    sent = client.post(board(org), {"question": "buy now", "website": "http://spam.example"}, **BROWSER)
    assert sent.status_code == 302 and Question.objects.count() == 0


def test_a_flood_from_one_address_is_stopped_and_the_address_is_not_kept(client, org):
    for i in range(qa.QUESTIONS_PER_HOUR):
        assert (
            client.post(board(org), {"question": f"คำถาม {i}"}, REMOTE_ADDR="203.0.113.9").status_code == 302
        )
    stopped = client.post(board(org), {"question": "อีกข้อ"}, REMOTE_ADDR="203.0.113.9")
    assert stopped.status_code == 429 and Question.objects.count() == qa.QUESTIONS_PER_HOUR
    # Someone else is not affected.
    assert client.post(board(org), {"question": "ของฉัน"}, REMOTE_ADDR="198.51.100.7").status_code == 302
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any("203.0.113.9" in str(k) for k in keys)
    assert not any("203.0.113.9" in str(e.data) for e in AuditEvent.objects.all())


def test_the_client_tag_changes_every_day(org, settings):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    today = throttle.client_tag(request)
    assert "203" not in today and len(today) == 32
    from unittest import mock

    later = timezone.now() + dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert throttle.client_tag(request) != today


def test_staff_moderate_from_the_queue(client, org, unit_officer):
    q = qa.ask(org, question="ถนนพังเมื่อไรซ่อม", contact=CONTACT)
    client.force_login(unit_officer)
    queue = client.get(staff(org)).content.decode()
    assert "ถนนพังเมื่อไรซ่อม" in queue
    page = client.get(staff(org, "qa_question", pk=q.pk)).content.decode()
    assert CONTACT in page  # staff see the contact
    bad = client.post(
        staff(org, "qa_question", pk=q.pk), {"action": "publish", "question": "ถนนพัง", "answer": ""}
    )
    assert bad.status_code == 200
    done = client.post(
        staff(org, "qa_question", pk=q.pk),
        {"action": "publish", "question": "ถนนพังเมื่อไรซ่อม", "answer": "เดือนหน้า"},
    )
    assert done.status_code == 302
    assert "เดือนหน้า" in client.get(board(org)).content.decode()


def test_staff_of_another_organization_cannot_open_a_question(client, org, other_org, other_org_officer):
    q = qa.ask(org, question="ถาม")
    client.force_login(other_org_officer)
    assert client.get(staff(other_org, "qa_question", pk=q.pk)).status_code == 404


def test_o6_is_proven_by_an_answer_in_the_fiscal_year(org, unit_officer):
    assert oit.qa_evidence(org, 2567) == []
    q = qa.ask(org, question="ถาม")
    qa.publish(q, by=unit_officer, answer="ตอบ")
    answered = timezone.make_aware(dt.datetime(2024, 5, 2, 10, 0))
    Question.objects.filter(pk=q.pk).update(answered_at=answered)
    [evidence] = oit.qa_evidence(org, 2567)
    assert evidence["topic"] == "qa" and evidence["date"] == dt.date(2024, 5, 2)
    assert evidence["url"] == board(org)
    assert oit.qa_evidence(org, 2568) == []
    registry = Registry()
    oit.register(registry)
    assert registry.oit_providers["disclosure.qa"].topics == ("qa",)


def test_board_query_count_is_pinned(client, org, unit_officer, django_assert_max_num_queries):
    for i in range(40):
        qa.publish(qa.ask(org, question=f"คำถาม {i}"), by=unit_officer, answer="ตอบ")
    with django_assert_max_num_queries(8):
        page = client.get(board(org), **BROWSER)
    assert page.status_code == 200 and "?page=2" in page.content.decode()


def test_odd_page_numbers_show_a_page_not_an_error(client, org):
    for page in ("99999999999999999999", "²", "-3", "abc"):
        assert client.get(board(org), {"page": page}, **BROWSER).status_code == 200, page
