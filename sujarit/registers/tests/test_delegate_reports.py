"""The delegates' monthly reports (plan item 17, step 4): one a month and order, refused in Thai when
the month or the order is wrong, and the delegations page says which months are still missing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from .. import queries
from ..models import DelegateReport
from ..services import governance
from .factories import delegation

pytestmark = pytest.mark.django_db
FY2568 = (dt.date(2024, 10, 1), dt.date(2025, 9, 30))


def _report(org, by, order, month=dt.date(2025, 1, 15), reported_on=dt.date(2025, 2, 3), **kw):
    fields = {"summary": "อนุมัติจัดซื้อวัสดุสำนักงาน 3 รายการ", **kw}
    return governance.add_delegate_report(
        org, order=order, month=month, reported_on=reported_on, by=by, **fields
    )


def test_a_report_is_kept_for_its_month_and_counts_against_the_months_due(org, coordinator):
    order = delegation(org, coordinator)
    report = _report(org, coordinator, order)
    assert report.month == dt.date(2025, 1, 1)  # any day of the month names the month
    done, missing = queries.missing_reports(
        order, queries.reported_months(org, *FY2568)[order.pk], *FY2568, dt.date(2026, 1, 1)
    )
    assert done == 1 and len(missing) == 11 and dt.date(2025, 1, 1) not in missing


def test_only_months_that_are_over_and_in_force_are_due(org, coordinator):
    order = delegation(org, coordinator, start=dt.date(2024, 11, 20), until=dt.date(2025, 2, 10))
    due = queries.months_due(order, *FY2568, dt.date(2026, 1, 1))
    assert due == [dt.date(2024, 11, 1), dt.date(2024, 12, 1), dt.date(2025, 1, 1), dt.date(2025, 2, 1)]
    # in the middle of February, February is not due yet
    assert queries.months_due(order, *FY2568, dt.date(2025, 2, 15))[-1] == dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"month": dt.date(2024, 9, 1), "reported_on": dt.date(2024, 10, 2)}, "ไม่มีผลบังคับในเดือนที่รายงาน"),
        ({"reported_on": dt.date(2024, 12, 31)}, "ต้องไม่ก่อนเดือนที่รายงาน"),
        ({"month": "next month"}, "ต้องไม่เป็นวันในอนาคต"),
        ({"summary": "  "}, "ผลการปฏิบัติงานตามคำสั่ง"),
    ],
)
def test_a_bad_report_is_refused_in_thai_and_nothing_is_kept(org, coordinator, fields, words):
    order = delegation(org, coordinator)
    if fields.get("month") == "next month":
        fields = {"month": timezone.localdate() + dt.timedelta(days=40), "reported_on": timezone.localdate()}
    with pytest.raises(ValidationError) as exc:
        _report(org, coordinator, order, **fields)
    assert words in " ".join(exc.value.messages)
    assert not DelegateReport.objects.exists()


def test_a_month_is_reported_once_and_only_for_the_organizations_own_order(
    org, coordinator, other_org, other_org_officer
):
    order = delegation(org, coordinator)
    _report(org, coordinator, order)
    with pytest.raises(ValidationError) as exc:
        _report(org, coordinator, order, month=dt.date(2025, 1, 31), summary="ซ้ำ")
    assert "มีรายงานผลการปฏิบัติงานของเดือนดังกล่าวแล้ว" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:  # another organization's staff, naming this order
        _report(
            other_org, other_org_officer, order, month=dt.date(2025, 2, 1), reported_on=dt.date(2025, 3, 1)
        )
    assert "รายการนี้เป็นของหน่วยงานอื่น" in exc.value.messages
    assert DelegateReport.objects.count() == 1


def test_the_delegations_page_records_a_report_and_lists_the_missing_months(client, org, coordinator):
    order = delegation(org, coordinator)
    client.force_login(coordinator)
    url = reverse("registers_staff:delegations", kwargs={"org_slug": org.slug}) + "?year=2568"
    resp = client.post(url, {"action": "report", "order": order.pk, "month": "2025-03",
                             "summary": "อนุญาตใช้อาคาร 2 ครั้ง", "reported_on": "2025-04-02"})  # fmt: skip
    assert resp.status_code == 302
    assert DelegateReport.objects.get().month == dt.date(2025, 3, 1)
    page = client.get(url).content.decode()
    assert "1 จาก 12 เดือน" in page
    assert "ยังไม่รายงานผลการปฏิบัติงานประจำเดือน ต.ค. 2567" in page and "มี.ค. 2568," not in page
    # a month the order was not in force: the Thai reason on the form, nothing kept
    resp = client.post(url, {"action": "report", "order": order.pk, "month": "2024-08",
                             "summary": "x", "reported_on": "2024-09-02"})  # fmt: skip
    assert "คำสั่งนี้ไม่มีผลบังคับในเดือนที่รายงาน" in resp.content.decode()
    assert DelegateReport.objects.count() == 1


def test_an_order_records_its_circular_letter_and_a_training_its_materials(client, org, coordinator):
    with pytest.raises(ValidationError) as exc:
        governance.add_delegation(
            org, number="1/2568", title="t", delegator="นายก อบต.", delegate="ปลัด อบต.", powers="p",
            effective_from=dt.date(2024, 10, 1), circulated_on=timezone.localdate() + dt.timedelta(days=2),
            by=coordinator,
        )  # fmt: skip
    assert "วันที่แจ้งเวียน ต้องไม่เป็นวันในอนาคต" in exc.value.messages
    governance.add_delegation(
        org, number="2/2568", title="t", delegator="นายก อบต.", delegate="ปลัด อบต.", powers="p",
        effective_from=dt.date(2024, 10, 1), circulated_on=dt.date(2024, 10, 3), by=coordinator,
    )  # fmt: skip
    governance.add_training(
        org, title="อบรมกฎหมาย", held_on=dt.date(2025, 2, 1), council_expected=12, council_attended=10,
        materials="สไลด์ พ.ร.บ. สภาตำบลฯ\nคู่มือระเบียบการเงินการคลัง", by=coordinator,
    )  # fmt: skip
    client.force_login(coordinator)
    page = client.get(reverse("registers_staff:delegations", kwargs={"org_slug": org.slug}), {"year": 2568})
    assert "<td>3 ต.ค. 2567</td>" in page.content.decode()  # the circulation column
    page = client.get(reverse("registers_staff:trainings", kwargs={"org_slug": org.slug}), {"year": 2568})
    assert "สไลด์ พ.ร.บ. สภาตำบลฯ<br>คู่มือระเบียบการเงินการคลัง" in page.content.decode()
