"""The seed plan's item 12 and 13 indicators are bound to finance's and procurement's measures on
import, and the records move the plan's KPI figures without anyone typing a value."""

import datetime as dt

import pytest
from django.utils import timezone

from sujarit.core.models import Role
from sujarit.core.tests.personas import make_staff
from sujarit.finance import services
from sujarit.plans import demo as plan_demo
from sujarit.plans.models import KPI
from sujarit.plans.queries import kpi_coverage
from sujarit.procurement.models import AnnualAnalysis
from sujarit.procurement.services.analysis import publish_analysis, record_channel, save_analysis
from sujarit.procurement.tests.helpers import project, vendor

pytestmark = pytest.mark.django_db

BOUND = {
    (12, "ประชุมเพื่อติดตามความก้าวหน้า"): "finance.monitoring_meetings",
    (12, "สอบยันความถูกต้อง"): "finance.cross_check_done",
    (12, "ข้อผิดพลาดในการเบิกจ่าย"): "finance.errors_down",
    (13, "รายงานผลการวิเคราะห์"): "procurement.annual_analysis",
    (13, "เผยแพร่ผลการวิเคราะห์"): "procurement.analysis_channels",
}


def _row(org, plan, item, words, year):
    rows = kpi_coverage(org, plan, year)["kpis"]
    return next(r for r in rows if r["item"] == item and words in r["text"])


def test_importing_the_seed_binds_items_12_and_13(org):
    plan = plan_demo.load(org).plan
    for (item, words), key in BOUND.items():
        assert KPI.objects.get(item__plan=plan, item__number=item, text__contains=words).measure_key == key


def test_cross_checks_and_meetings_move_item_12(org, finance_officer):
    plan = plan_demo.load(org).plan
    checker = make_staff(org, "t_finance2", Role.FINANCE_OFFICER, "กองคลัง")
    line = services.add_line(org, fiscal_year=2568, plan="ก", work="ข", category="ค", item="วัสดุ", amount=100000,
                             by=finance_officer)  # fmt: skip
    for n, day in enumerate(
        (dt.date(2024, 11, 1), dt.date(2025, 2, 1), dt.date(2025, 5, 1), dt.date(2025, 8, 1))
    ):
        d = services.record_disbursement(org, line=line, voucher=f"{n}/2568", on=day, amount=1000, payee="ร้าน",
                                         description="วัสดุ", by=finance_officer)  # fmt: skip
        services.cross_check(org, d, result="correct", by=checker)
        services.record_meeting(org, on=day, title="ประชุมติดตาม", attendees=10, summary="ติดตามการเบิกจ่าย",
                                by=finance_officer)  # fmt: skip
    checked = _row(org, plan, 12, "สอบยันความถูกต้อง", 2568)  # a yes/no KPI: "มี…"
    assert checked["status"] == "met"
    meetings = _row(org, plan, 12, "ประชุมเพื่อติดตามความก้าวหน้า", 2568)
    assert meetings["value"] == "4"


def test_publishing_the_analysis_through_three_channels_moves_item_13(org, finance_officer):
    plan = plan_demo.load(org).plan
    a = vendor(org)
    project(org, day=dt.date(2024, 12, 1), agreed=10000, winner=a, bidders=[(a, 10000)])
    save_analysis(org, 2568, problems="ปัญหา", improvements="แนวทาง", by=finance_officer)
    publish_analysis(org, 2568, by=finance_officer)
    today = timezone.localdate()
    for channel in ("notice_board", "facebook"):
        record_channel(org, 2568, channel=channel, published_on=today, by=finance_officer)
    # the year 2568 is analysed after it ends: say it was published in December 2568 (fiscal year 2569)
    published = timezone.make_aware(dt.datetime(2025, 12, 1, 10, 0))
    AnnualAnalysis.objects.filter(org=org, fiscal_year=2568).update(published_at=published)
    assert _row(org, plan, 13, "เผยแพร่ผลการวิเคราะห์", 2569)["value"] == "3"
    assert _row(org, plan, 13, "เผยแพร่ผลการวิเคราะห์", 2568)["value"] == "0"
