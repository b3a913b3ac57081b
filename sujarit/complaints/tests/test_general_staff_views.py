"""The back office of general grievances: inbox, registration, handling one case, files, isolation."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from sujarit.core.models import AuditEvent, Role
from sujarit.core.tests.personas import make_staff

from ..models import Case, Channel, EventType, Kind, State
from ..protection import casefiles, crypto
from ..services import cases, general, keys, workflow


def url(org, name, **kw):
    return reverse(f"complaints_staff:{name}", kwargs={"org_slug": org.slug, **kw})


def submit(org, category, subject="ขยะล้นถัง", **kw):
    case, _secret = general.submit(
        org, channel=Channel.WEB, category=category, subject=subject, description="หน้าตลาด", **kw
    )
    return case


def png(name="plan.png"):
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def road_officer(org):
    return make_staff(org, "t_road", Role.UNIT_OFFICER, unit_name="กองช่าง")


@pytest.fixture
def integrity_case(org, categories, keyed_integrity_officer):
    key = crypto.new_key()
    with transaction.atomic():
        case = cases.create_case(org, Kind.INTEGRITY, category=categories["bribe"], key=key)
        keys.seal_for(case, key, [keyed_integrity_officer.people.get(org=org)])
    return case


def test_inbox_lists_visible_cases_with_countdown(client, org, categories, unit_officer):
    mine = submit(org, categories["waste"])
    late = submit(org, categories["waste"], subject="ท่อตัน")
    late.due_date = timezone.localdate() - dt.timedelta(days=2)
    late.save()
    theirs = submit(org, categories["road"], subject="ถนนพัง")
    client.force_login(unit_officer)
    html = client.get(url(org, "inbox")).content.decode()
    assert mine.number in html and late.number in html and theirs.number not in html
    assert re.search(r"15 (day|วัน)", html) and re.search(r"2 (day|วัน)", html)
    overdue = client.get(url(org, "inbox") + "?overdue=on").content.decode()
    assert late.number in overdue and mine.number not in overdue


def test_inbox_filters(client, org, categories, admin_user):
    waste = submit(org, categories["waste"])
    road = submit(org, categories["road"], subject="ถนนพัง")
    workflow.change_state(road, State.ACCEPTED, by=admin_user)
    client.force_login(admin_user)
    html = client.get(url(org, "inbox"), {"category": categories["road"].pk}).content.decode()
    assert road.number in html and waste.number not in html
    html = client.get(url(org, "inbox"), {"state": "accepted"}).content.decode()
    assert road.number in html and waste.number not in html
    html = client.get(url(org, "inbox"), {"unit": categories["waste"].unit.pk}).content.decode()
    assert waste.number in html and road.number not in html
    html = client.get(url(org, "inbox"), {"channel": "phone"}).content.decode()
    assert waste.number not in html and road.number not in html


def test_inbox_query_count_is_pinned(client, org, categories, admin_user, django_assert_max_num_queries):
    for i in range(30):
        case = submit(org, categories["road" if i % 2 else "waste"], subject=f"เรื่อง {i}")
        if i % 3 == 0:
            workflow.assign(case, admin_user.people.get(org=org), by=admin_user)
    client.force_login(admin_user)
    client.get(url(org, "inbox"))  # warm the session
    with django_assert_max_num_queries(10):
        response = client.get(url(org, "inbox"), {"state": "open"})
    assert response.status_code == 200 and response.content.decode().count("<tr>") == 31


def test_integrity_cases_never_in_the_general_views(client, org, categories, admin_user, integrity_case):
    integrity_case.subject = "ไม่ควรเห็น"
    integrity_case.save()
    client.force_login(admin_user)
    html = client.get(url(org, "inbox")).content.decode()
    assert integrity_case.number not in html
    assert client.get(url(org, "case", pk=integrity_case.pk)).status_code == 404


def test_integrity_officer_does_not_see_corruption_cases_here(
    client, org, categories, keyed_integrity_officer, integrity_case
):
    client.force_login(keyed_integrity_officer)
    assert integrity_case.number not in client.get(url(org, "inbox")).content.decode()
    assert client.get(url(org, "case", pk=integrity_case.pk)).status_code == 404


def test_opening_a_case_is_audited(client, org, categories, unit_officer):
    case = submit(org, categories["waste"], name="สมศรี", phone="0811111111")
    client.force_login(unit_officer)
    html = client.get(url(org, "case", pk=case.pk)).content.decode()
    assert "สมศรี" in html and "0811111111" in html
    event = AuditEvent.objects.get(action="complaints.viewed")
    assert event.actor == unit_officer and event.target_id == str(case.pk)


def test_unit_officer_of_another_unit_refused(client, org, categories, road_officer):
    case = submit(org, categories["waste"])
    client.force_login(road_officer)
    assert client.get(url(org, "case", pk=case.pk)).status_code == 403
    response = client.post(url(org, "case", pk=case.pk), {"action": "state", "state": "accepted"})
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).state == State.RECEIVED


def test_other_org_refused_by_url(client, org, other_org, categories, other_org_officer):
    case = submit(org, categories["waste"])
    client.force_login(other_org_officer)
    assert client.get(url(org, "case", pk=case.pk)).status_code == 403  # not staff of this org
    assert client.get(url(org, "inbox")).status_code == 403
    # their own organization's address with this case's number: no such case there
    assert client.get(url(other_org, "case", pk=case.pk)).status_code == 404
    assert case.number not in client.get(url(other_org, "inbox")).content.decode()


def test_anonymous_and_roles_without_permission(client, org, categories, council_member):
    case = submit(org, categories["waste"])
    for name, kw in (("inbox", {}), ("case", {"pk": case.pk}), ("register", {})):
        response = client.get(url(org, name, **kw))
        assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(council_member)
    assert client.get(url(org, "inbox")).status_code == 403


def test_executive_reads_but_cannot_act(client, org, categories, executive):
    case = submit(org, categories["waste"])
    client.force_login(executive)
    html = client.get(url(org, "case", pk=case.pk)).content.decode()
    assert 'name="action" value="state"' not in html
    assert client.post(url(org, "case", pk=case.pk), {"action": "note", "note-text": "x"}).status_code == 403
    assert client.get(url(org, "register")).status_code == 403


def test_handling_a_case_through_the_page(client, org, categories, unit_officer):
    case = submit(org, categories["waste"])
    client.force_login(unit_officer)
    page = url(org, "case", pk=case.pk)
    assert client.post(page, {"action": "state", "state": "accepted", "note": "รับเรื่อง"}).status_code == 302
    person = unit_officer.people.get(org=org)
    assert client.post(page, {"action": "assign", "person": person.pk}).status_code == 302
    r = client.post(page, {"action": "reply", "reply-text": "จะเข้าไปเก็บ", "reply-files": [png("map.png")]})
    assert r.status_code == 302
    assert client.post(page, {"action": "note", "note-text": "รถเสีย"}).status_code == 302
    case.refresh_from_db()
    assert case.state == State.ASSIGNED and case.assignee == person and case.first_answer_at
    reply = case.events.get(type=EventType.REPLY)
    assert reply.files.get().public
    html = client.get(page).content.decode()
    assert "รถเสีย" in html and 'class="event event-note internal"' in html
    assert "map.png" in html


def test_refused_transition_shows_an_error(client, org, categories, unit_officer):
    case = submit(org, categories["waste"])
    client.force_login(unit_officer)
    response = client.post(url(org, "case", pk=case.pk), {"action": "state", "state": "closed"})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == State.RECEIVED


def test_forward_needs_an_agency(client, org, categories, unit_officer):
    case = submit(org, categories["waste"])
    client.force_login(unit_officer)
    page = url(org, "case", pk=case.pk)
    assert client.post(page, {"action": "state", "state": "forwarded"}).status_code == 200
    client.post(page, {"action": "state", "state": "forwarded", "forwarded_to": "อำเภอปะเหลียน"})
    case.refresh_from_db()
    assert case.state == State.FORWARDED and case.forwarded_to == "อำเภอปะเหลียน"


def test_file_download_checks_access(client, org, categories, unit_officer, road_officer):
    case = submit(org, categories["waste"])
    event = workflow.add_note(case, "แผนที่", by=unit_officer)
    f = cases.store_file(case, casefiles.check_upload(png()), event=event)
    download = url(org, "case_file", pk=case.pk, file_pk=f.pk)
    client.force_login(road_officer)
    assert client.get(download).status_code == 403
    client.force_login(unit_officer)
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert AuditEvent.objects.filter(action="complaints.file_downloaded", actor=unit_officer).exists()


def test_register_a_walk_in_with_its_date(client, org, categories, unit_officer):
    client.force_login(unit_officer)
    html = client.get(url(org, "register")).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    received = (timezone.localtime() - dt.timedelta(days=2)).replace(second=0, microsecond=0)
    data = {
        "token": token,
        "channel": "walk_in",
        "received_at": received.strftime("%Y-%m-%dT%H:%M"),
        "category": categories["road"].pk,
        "subject": "ขอให้ซ่อมถนน",
        "description": "ยื่นที่สำนักงาน",
        "name": "ลุงมี",
    }
    response = client.post(url(org, "register"), data)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    case = Case.objects.get()
    assert case.channel == Channel.WALK_IN and case.received_at == received
    assert case.tracking_code in response.content.decode()
    again = client.post(url(org, "register"), data)  # sent twice: the same case
    assert again.status_code == 302 and Case.objects.count() == 1


def test_a_complaint_marked_as_spam_leaves_statistics_and_kpis_but_stays_listed(
    client, org, categories, unit_officer, executive
):
    from sujarit.complaints import measures
    from sujarit.complaints.queries import stats
    from sujarit.core.periods import Period
    from sujarit.core.thai import current_fiscal_year

    period = Period.for_fiscal_year(current_fiscal_year())
    real = submit(org, categories["waste"])
    flood = [submit(org, categories["waste"], subject=f"ทดสอบ {i}") for i in range(3)]
    assert stats.summarize(org, Kind.GENERAL, period)["total"] == 4
    client.force_login(unit_officer)
    for case in flood:
        r = client.post(url(org, "case", pk=case.pk), {"action": "spam", "spam": "1"})
        assert r.status_code == 302
    assert stats.summarize(org, Kind.GENERAL, period)["total"] == 1
    Case.objects.filter(pk=real.pk).update(first_answer_at=timezone.now())
    assert measures.answered_within_due(org, period) == 100  # the unanswered flood no longer drags it down
    public = client.get(f"/{org.slug}/complaints/stats.json?year={current_fiscal_year()}").json()
    assert public["total"] == 1
    inbox = client.get(url(org, "inbox")).content.decode()
    assert all(c.number in inbox for c in flood) and inbox.count("badge warn") == 3
    assert AuditEvent.objects.filter(action="complaints.marked_spam").count() == 3
    # Undone: counted again; an executive, who reads but does not handle, cannot mark.
    assert client.post(url(org, "case", pk=flood[0].pk), {"action": "spam", "spam": "0"}).status_code == 302
    assert stats.summarize(org, Kind.GENERAL, period)["total"] == 2
    client.force_login(executive)
    assert client.post(url(org, "case", pk=real.pk), {"action": "spam", "spam": "1"}).status_code == 403
    assert not Case.objects.get(pk=real.pk).spam
