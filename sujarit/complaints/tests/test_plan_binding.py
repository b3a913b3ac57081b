"""The seed plan's complaint indicators (items 19, 26, 27 and the corruption-cases goal) are measured."""

from decimal import Decimal

from sujarit.complaints.models import ComplaintPolicy
from sujarit.core.periods import Period
from sujarit.plans import demo
from sujarit.plans.models import KPI, Goal
from sujarit.plans.queries import goals_table


def test_importing_the_seed_binds_its_complaint_indicators_to_complaint_measures(org):
    plan = demo.load(org).plan
    kpis = KPI.objects.filter(item__plan=plan)
    satisfaction = kpis.get(item__number=19, text__contains="พึงพอใจ")
    assert satisfaction.measure_key == "complaints.satisfaction"
    # "มีการแจ้งผล … รวมทั้งมีช่องทางในการติดตาม" is an existence: a yes/no measure answers it, not a share
    assert kpis.get(item__number=19, text__contains="แจ้งผลการดำเนินการ").measure_key == "complaints.follow_up"
    for number in (26, 27):
        watch = kpis.get(item__number=number, text__contains="พิจารณาจากจำนวนข้อร้องเรียน")
        assert watch.measure_key == "complaints.integrity_cases"
    goal = set(
        Goal.objects.filter(plan=plan, indicator__contains="คดีทุจริต").values_list("measure_key", flat=True)
    )
    assert goal == {"complaints.integrity_cases_reduction"}


def test_the_goal_reads_the_reduction_once_the_baseline_is_entered(org):
    plan = demo.load(org).plan
    row = next(r for r in goals_table(plan) if "คดีทุจริต" in r["indicator"])
    assert all(value is None for _target, value in row["cells"])  # no baseline yet: not measured
    ComplaintPolicy.objects.create(org=org, baseline_integrity_cases=8)
    row = next(r for r in goals_table(plan) if "คดีทุจริต" in r["indicator"])
    started = [
        value for (target, value) in row["cells"] if Period.for_fiscal_year(target.fiscal_year).has_started
    ]
    assert started and all(value == Decimal("100.00") for value in started)  # no case at all: 100 % fewer
