"""A KPI whose target is an existence ("มีศูนย์…") is answered yes or no and prints back as มี / ไม่มี."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from sujarit.core import thai
from sujarit.plans import monitoring_report
from sujarit.plans.models import KPI, KPIResult, ProgressReport
from sujarit.plans.services import kpi_text
from sujarit.plans.services import kpis as kpi_service

from .factories import build_plan

CUR = thai.current_fiscal_year()
YEAR = CUR - 1


@pytest.fixture
def item(org):
    plan = build_plan(org, first_year=CUR - 3, last_year=CUR + 1)
    item = plan.items.get(number=1)
    KPI.objects.filter(item=item).update(
        text="มีศูนย์หรือหน่วยรับเรื่องราวร้องเรียน/ร้องทุกข์", target_op=">=", target_value=1, target_unit="yesno"
    )
    return item


def edit_url(org, item):
    kwargs = {"org_slug": org.slug, "number": item.number, "fiscal_year": YEAR, "round": 6}
    return reverse("plans_staff:report_edit", kwargs=kwargs)


def post(client, org, item, answer, action="submit"):
    kpi = item.kpis.get()
    data = {"status": "in_progress", "percent_done": "50", "spent": "0", "work_done": "ตั้งศูนย์แล้ว"}
    data.update({f"kpi_{kpi.pk}": answer, "action": action})
    return client.post(edit_url(org, item), data)


def test_the_form_asks_yes_or_no_not_for_a_number(client, org, item, unit_officer):
    client.force_login(unit_officer)
    html = client.get(edit_url(org, item)).content.decode()
    kpi = item.kpis.get()
    assert f'type="radio" name="kpi_{kpi.pk}" value="1"' in html
    assert f'type="radio" name="kpi_{kpi.pk}" value="0"' in html
    assert not re.search(rf'type="number" name="kpi_{kpi.pk}"', html)
    labels = re.findall(rf'name="kpi_{kpi.pk}" value="[01]"[^>]*>\s*([^<]+)</label>', html)
    assert [label.strip() for label in labels] == ["มี", "ไม่มี"]


def test_yes_is_stored_as_one_and_prints_back_as_mee(client, org, item, unit_officer, coordinator):
    client.force_login(unit_officer)
    assert post(client, org, item, "1", action="save").status_code == 302
    report = ProgressReport.objects.get(item=item, fiscal_year=YEAR, round=6)
    assert KPIResult.objects.get(report=report).value == Decimal("1")
    # the answer shows ticked when the officer opens the draft again
    html = client.get(edit_url(org, item)).content.decode()
    assert re.search(r'type="radio" name="kpi_\d+" value="1"[^>]*checked', html)
    assert post(client, org, item, "1").status_code == 302

    client.force_login(coordinator)
    detail = client.get(reverse("plans_staff:report_detail", kwargs={"org_slug": org.slug, "pk": report.pk}))
    cell = r"<td>มีศูนย์หรือหน่วยรับเรื่องราวร้องเรียน/ร้องทุกข์</td><td[^>]*>([^<]*)</td>"
    row = re.search(cell, detail.content.decode())
    assert row and row.group(1) == "มี"
    review = reverse("plans_staff:report_review", kwargs={"org_slug": org.slug, "pk": report.pk})
    client.post(review, {"decision": "approve"})

    [value] = kpi_service.evaluate(org, item.kpis.all(), YEAR, 6)
    assert (value.value_display, value.target, value.status) == ("มี", "มี", "met")
    rows = [k for r in monitoring_report.build(org, YEAR, 6).rows for k in r.kpis]
    assert [(k.value_display, k.status_label) for k in rows if k.kpi.item_id == item.pk] == [
        ("มี", "บรรลุค่าเป้าหมาย")
    ]

    public = client.get(reverse("plans:item", kwargs={"org_slug": org.slug, "number": item.number}))
    text = public.content.decode()
    assert "มี · " in text and "1 — รายงานแล้ว" not in text


def test_no_is_stored_as_zero_and_reads_not_met(client, org, item, unit_officer):
    client.force_login(unit_officer)
    assert post(client, org, item, "0").status_code == 302
    [value] = kpi_service.evaluate(org, item.kpis.all(), YEAR, 6, approved_only=False)
    assert (value.value, value.value_display, value.status) == (Decimal("0"), "ไม่มี", "not_met")


def test_an_answer_other_than_yes_or_no_is_refused_and_nothing_is_saved(client, org, item, unit_officer):
    client.force_login(unit_officer)
    resp = post(client, org, item, "7")
    assert resp.status_code == 400 or resp.status_code == 200
    assert "เลือก" in resp.content.decode()
    assert not ProgressReport.objects.filter(item=item).exists()


def test_a_count_measure_bound_to_a_yes_no_keeps_its_number():
    kpi = KPI(text="เกิดเครือข่ายภาคประชาชน", target_op=">=", target_value=1, target_unit=kpi_text.YESNO)
    assert kpi_service.value_text(kpi, Decimal(2)) == "มี (2)"
    assert kpi_service.value_text(kpi, Decimal(0)) == "ไม่มี"
