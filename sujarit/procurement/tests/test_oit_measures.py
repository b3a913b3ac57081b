"""O16 evidence from the records, the KPI measures and their wording hints, and the demo year."""

import datetime as dt
from decimal import Decimal

import pytest

from sujarit.core import thai
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.procurement import oit, redflags
from sujarit.procurement.models import Method, Project
from sujarit.procurement.services.reviews import review_flag

from .helpers import project, vendor


def test_o16_months_run_to_the_last_recorded_month(org):
    v = vendor(org)
    project(org, day=dt.date(2024, 10, 5), agreed=1000, winner=v, bidders=[(v, 1000)])
    project(org, day=dt.date(2025, 1, 9), agreed=1000, winner=v, bidders=[(v, 1000)])
    evidence = oit.monthly_summary_evidence(org, 2568)
    # Oct–Jan: November and December had nothing, and say so; February onwards is not claimed
    assert [e["period"] for e in evidence] == [10, 11, 12, 1]
    assert all(e["topic"] == "monthly procurement summary" and e["period_kind"] == "month" for e in evidence)
    assert evidence[1]["url"] == f"/{org.slug}/procurement/2567-11/"


def test_o16_has_no_evidence_without_records(org):
    assert oit.monthly_summary_evidence(org, 2568) == []
    assert "procurement.monthly_summary" in registry.oit_providers


def test_the_o16_provider_feeds_the_compliance_board(org):
    from sujarit.disclosure.queries import compliance

    v = vendor(org)
    project(org, day=dt.date(2025, 9, 5), agreed=1000, winner=v, bidders=[(v, 1000)])
    found = compliance._provider_evidence(org, 2568, ["monthly procurement summary"])[
        "monthly procurement summary"
    ]
    assert len(found) == 12 and {e["source"] for e in found} == {"procurement.monthly_summary"}


def test_the_annual_analysis_counts_once_every_flag_of_an_ended_year_is_reviewed(org, integrity_officer):
    period = Period.for_fiscal_year(2568)
    measure = registry.measures["procurement.annual_analysis"].func
    assert measure(org, period) is None  # no records
    a = vendor(org)
    project(
        org, method=Method.E_BIDDING, day=dt.date(2025, 2, 1), ref=100, agreed=80, winner=a, bidders=[(a, 80)]
    )
    assert measure(org, period) == Decimal(0)
    assert registry.measures["procurement.flags_reviewed"].func(org, period) == Decimal(0)
    for flag in redflags.compute(org, 2568):
        review_flag(org, flag, outcome="explained", note="ตรวจแล้ว", by=integrity_officer)
    assert measure(org, period) == Decimal(1)
    assert registry.measures["procurement.flags_reviewed"].func(org, period) == Decimal(100)
    current = Period.for_fiscal_year(thai.current_fiscal_year())
    project(org, day=current.start, agreed=10, winner=a, bidders=[(a, 10)])
    assert measure(org, current) == Decimal(0)  # the year has not ended


def test_the_hint_binds_the_analysis_report_kpi_and_no_other():
    from sujarit.plans.services.kpis import suggested_measure

    assert (
        suggested_measure("รายงานผลการวิเคราะห์การจัดซื้อจัดจ้างประจำปี จำนวน 1 ฉบับ") == "procurement.annual_analysis"
    )
    assert (
        suggested_measure("มีการเผยแพร่ผลการวิเคราะห์การจัดซื้อจัดจ้างประจำปีแก่สาธารณชน อย่างน้อย 3 ช่องทาง")
        == "procurement.analysis_channels"
    )
    for text in (
        "ข้อร้องเรียนเกี่ยวกับการจัดซื้อจัดจ้าง ในปีงบประมาณถัดไปลดลง",
        "มีประกาศใช้มาตรการป้องกันผลประโยชน์ทับซ้อน จำนวน 1 ฉบับ",
    ):
        assert not (suggested_measure(text) or "").startswith("procurement."), text


@pytest.mark.django_db
def test_the_demo_year_is_plausible_and_plants_a_split_purchase(org):
    from sujarit.core import demo as core_demo
    from sujarit.procurement import demo

    core_demo.load_org()
    made = demo.load(org)
    assert made == len(demo.PURCHASES) and demo.load(org) == 0  # idempotent
    fy = thai.current_fiscal_year() - 1
    codes = {f.code for f in redflags.compute(org, fy)}
    assert {"split_purchase", "single_bidder", "contract_above_award", "invalid_id"} <= codes
    assert Project.objects.for_org(org).filter(contract_date__month=4).count() == 0  # the quiet month
