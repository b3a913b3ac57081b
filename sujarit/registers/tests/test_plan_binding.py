"""The seed plan's register indicators are bound to these measures on import, and filling the
registers moves the plan's KPI figures without anyone typing a value (items 17 and 23 here)."""

import datetime as dt

import pytest

from sujarit.plans import demo as plan_demo
from sujarit.plans.models import KPI
from sujarit.plans.queries import kpi_coverage

from ..services import risk
from .factories import assessment_with_risks, delegation

pytestmark = pytest.mark.django_db

BOUND = {
    (3, "จำนวนหน่วยงานและบุคคลที่ได้รับการยกย่องเชิดชูเกียรติ"): "registers.honours_integrity",
    (5, "องค์กรดีเด่น"): "registers.honours_public_benefit",
    (17, "คำสั่งมอบหมายงาน"): "registers.delegation_orders",
    (18, "เวทีประชาคม"): "registers.forum_village_coverage",
    (20, "ชุมชนเฝ้าระวังการทุจริต"): "registers.watchdog_communities",
    (21, "เกิดเครือข่าย"): "registers.networks",
    (23, "มีรายงานการประเมินความเสี่ยง"): "registers.risk_report",
    (23, "บริหารจัดการความเสี่ยง"): "registers.risk_measures",
    (23, "เผยแพร่ผลการประเมินความเสี่ยง"): "registers.risk_publication_channels",
    (24, "อบรมความรู้ด้านกฎหมาย"): "registers.trainings_leaders",
    (25, "จัดอบรมให้ความรู้"): "registers.trainings_council",
}


def _row(org, plan, item, words, year=2568):
    rows = kpi_coverage(org, plan, year)["kpis"]
    return next(r for r in rows if r["item"] == item and words in r["text"])


def test_importing_the_seed_binds_the_register_indicators(org):
    plan = plan_demo.load(org).plan
    for (item, words), key in BOUND.items():
        assert KPI.objects.get(item__plan=plan, item__number=item, text__contains=words).measure_key == key


def test_delegation_orders_move_item_17(org, coordinator):
    plan = plan_demo.load(org).plan
    before = _row(org, plan, 17, "คำสั่งมอบหมายงาน")
    assert (before["value"], before["status"]) == ("0", "not_met")
    for n in range(1, 5):  # the target: "ไม่น้อยกว่า 4 ฉบับ"
        delegation(org, coordinator, n=n, start=dt.date(2024, 10, n))
    delegation(org, coordinator, n=9, start=dt.date(2023, 1, 1), until=dt.date(2023, 9, 30))  # 2566 only
    after = _row(org, plan, 17, "คำสั่งมอบหมายงาน")
    assert (after["value"], after["status"]) == ("4", "met")


def test_the_risk_register_moves_item_23(org, coordinator):
    plan = plan_demo.load(org).plan
    assert _row(org, plan, 23, "มีรายงานการประเมินความเสี่ยง")["status"] == "not_met"
    a = assessment_with_risks(org, coordinator, fiscal_year=2568, risks=((3, 4), (2, 5), (2, 2)))
    for r in a.risks.all():
        risk.add_treatment(r, measure="มาตรการ ก", by=coordinator)
        risk.add_treatment(r, measure="มาตรการ ข", by=coordinator)
    risk.publish_assessment(a, published_on=dt.date(2024, 11, 20), channels="เว็บไซต์\nบอร์ด", by=coordinator)
    report = _row(org, plan, 23, "มีรายงานการประเมินความเสี่ยง")
    assert (report["value"], report["status"]) == ("1", "met")
    measures = _row(org, plan, 23, "บริหารจัดการความเสี่ยง")
    assert (measures["value"], measures["status"]) == ("6", "met")  # "อย่างน้อยจำนวน 5 เรื่อง"
    assert _row(org, plan, 23, "เผยแพร่ผลการประเมินความเสี่ยง")["value"] == "2"
    assert _row(org, plan, 23, "มีรายงานการประเมินความเสี่ยง", year=2569)["value"] == "0"  # another year
