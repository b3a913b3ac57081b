"""The queue's verbs: numbering, the kiosk's double tap, the published order, out-of-order calls,
and every refusal changing nothing."""

import pytest

from sujarit.core.models import AuditEvent

from ..errors import QueueError
from ..models import Status, Ticket
from ..services import counter as verbs
from ..services.tickets import issue_ticket

pytestmark = pytest.mark.django_db


def test_numbers_follow_each_other_per_service(tax, welfare):
    numbers = [issue_ticket(tax).label for _ in range(3)] + [issue_ticket(welfare).label]
    assert numbers == ["A001", "A002", "A003", "B001"]


def test_the_same_kiosk_form_twice_gives_one_ticket(tax):
    first = issue_ticket(tax, request_token="form-token-1")
    again = issue_ticket(tax, request_token="form-token-1")
    assert again.pk == first.pk and Ticket.objects.count() == 1
    assert issue_ticket(tax, request_token="form-token-2").number == 2  # no number was skipped


def test_an_inactive_service_refuses_and_gives_no_number(tax):
    tax.active = False
    tax.save(update_fields=["active"])
    with pytest.raises(QueueError, match="ไม่รับบัตรคิว"):
        issue_ticket(tax)
    tax.active = True
    tax.save(update_fields=["active"])
    assert issue_ticket(tax).number == 1


def test_a_priority_group_the_office_does_not_publish_is_refused(tax, counter_officer):
    with pytest.raises(QueueError, match="ไม่ได้ให้สิทธิ์ก่อน"):
        issue_ticket(tax, priority_group="elderly", by=counter_officer)
    assert not Ticket.objects.exists()


def test_a_citizen_account_cannot_issue_as_an_officer(tax, other_org_officer):
    with pytest.raises(QueueError):
        issue_ticket(tax, by=other_org_officer)
    assert not Ticket.objects.exists()


def test_call_next_follows_arrival_then_priority_groups_first(
    tax, counters, counter_officer, priority_policy
):
    first, _second = counters
    a1 = issue_ticket(tax)
    elderly = issue_ticket(tax, priority_group="elderly", by=counter_officer)
    called = verbs.call_next(first, by=counter_officer)
    assert called.pk == elderly.pk and not called.out_of_order
    verbs.complete(first, called, by=counter_officer)
    assert verbs.call_next(first, by=counter_officer).pk == a1.pk


def test_two_counters_never_get_the_same_ticket(tax, counters, counter_officer, unit_officer):
    first, second = counters
    issue_ticket(tax), issue_ticket(tax)
    one = verbs.call_next(first, by=counter_officer)
    two = verbs.call_next(second, by=unit_officer)
    assert {one.number, two.number} == {1, 2}


def test_a_counter_with_a_called_ticket_cannot_call_again(tax, counters, counter_officer):
    first, _ = counters
    issue_ticket(tax), issue_ticket(tax)
    verbs.call_next(first, by=counter_officer)
    with pytest.raises(QueueError, match="ก่อนเรียกคิวถัดไป"):
        verbs.call_next(first, by=counter_officer)
    assert Ticket.objects.filter(status=Status.WAITING).count() == 1


def test_calling_out_of_order_needs_a_reason_and_is_recorded(tax, counters, counter_officer):
    first, _ = counters
    issue_ticket(tax)
    later = issue_ticket(tax)
    events = AuditEvent.objects.count()
    with pytest.raises(QueueError, match="ต้องระบุเหตุผล"):
        verbs.call_ticket(first, later, reason="  ", by=counter_officer)
    later.refresh_from_db()
    assert later.status == Status.WAITING and AuditEvent.objects.count() == events
    called = verbs.call_ticket(first, later, reason="ผู้ป่วยรอไม่ได้", by=counter_officer)
    assert called.out_of_order and called.call_reason == "ผู้ป่วยรอไม่ได้"
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "queue.called" and event.data["out_of_order"] is True


def test_calling_the_head_of_the_line_by_hand_is_in_order(tax, counters, counter_officer):
    first, _ = counters
    head = issue_ticket(tax)
    issue_ticket(tax)
    assert not verbs.call_ticket(first, head, by=counter_officer).out_of_order


def test_an_officer_of_another_counter_cannot_work_this_one(tax, counters, unit_officer):
    first, _ = counters
    issue_ticket(tax)
    with pytest.raises(QueueError, match="ไม่ใช่เจ้าหน้าที่ประจำช่องบริการนี้"):
        verbs.call_next(first, by=unit_officer)
    assert Ticket.objects.get().status == Status.WAITING


def test_recall_serve_complete_and_no_show(tax, counters, counter_officer):
    first, _ = counters
    issue_ticket(tax), issue_ticket(tax)
    ticket = verbs.call_next(first, by=counter_officer)
    assert verbs.recall(first, ticket, by=counter_officer).calls == 2
    verbs.serve(first, ticket, by=counter_officer)
    with pytest.raises(QueueError):
        verbs.no_show(first, ticket, by=counter_officer)  # already being served
    done = verbs.complete(first, ticket, by=counter_officer)
    assert done.status == Status.DONE and done.finished_at >= done.served_at
    other = verbs.call_next(first, by=counter_officer)
    assert verbs.no_show(first, other, by=counter_officer).status == Status.NO_SHOW
    with pytest.raises(QueueError, match="ไม่ได้อยู่ที่ช่องบริการของท่านแล้ว"):
        verbs.complete(first, other, by=counter_officer)
