"""The seed plan's Part 1 risk table arrives in the fraud-risk register with the plan, once."""

import pytest

from sujarit.core.models import AuditEvent
from sujarit.plans import demo as plan_demo
from sujarit.plans.services.importing import import_plan

from ..models import Level, Risk, Treatment
from ..services import risk

pytestmark = pytest.mark.django_db


def test_importing_the_plan_fills_the_years_register_from_part_1(org):
    plan = plan_demo.load(org).plan
    year = risk.plan_year(plan.first_year, plan.last_year)
    risks = list(Risk.objects.for_org(org).filter(assessment__fiscal_year=year))
    assert len(risks) == plan.risks.count() >= 1
    first = risks[0]
    assert first.process.replace(" ", "").startswith("การบริหารงานของหน่วยงาน")
    assert "ผู้บริหารดำเนินการตาม" in first.event.replace(" ", "").replace("\n", "") or first.event
    assert first.level == Level.MEDIUM  # the seed's "Risk Score" is ปานกลาง
    measures = list(first.treatments.all())
    assert len(measures) == 6
    # "มาตรการบริหารจัดการความเสี่ยงการทุจริต…" is item 23 of the seed plan
    assert any(t.plan_item == 23 for t in measures)
    assert all(t.status == Treatment.Status.PLANNED for t in measures)


def test_importing_the_plan_again_adds_no_risk_twice(org):
    result = plan_demo.load(org)
    before = Risk.objects.for_org(org).count(), Treatment.objects.for_org(org).count()
    import_plan(org, result.plan.parsed, by=None)  # the same document: unchanged
    assert (Risk.objects.for_org(org).count(), Treatment.objects.for_org(org).count()) == before
    plan = result.plan
    added = risk.import_plan_risks(org, plan_first_year=plan.first_year, plan_last_year=plan.last_year)
    assert added == 0
    assert (Risk.objects.for_org(org).count(), Treatment.objects.for_org(org).count()) == before
    assert AuditEvent.objects.filter(action="registers.plan_risks_imported").count() == 1


def test_a_re_rated_imported_risk_keeps_its_rating_on_reimport(org):
    plan = plan_demo.load(org).plan
    row = Risk.objects.for_org(org).first()
    row.likelihood, row.impact = 5, 5
    row.save(update_fields=["likelihood", "impact"])
    risk.import_plan_risks(org, plan_first_year=plan.first_year, plan_last_year=plan.last_year)
    row.refresh_from_db()
    assert (row.likelihood, row.impact) == (5, 5)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("ปานกลาง", Level.MEDIUM),
        ("สูง มาก", Level.VERY_HIGH),
        ("สูง", Level.HIGH),
        ("ต่ำ", Level.LOW),
        ("-", None),
    ],
)
def test_the_plans_level_words_give_a_rating_in_their_band(text, level):
    assert risk.level_from_text(text) == level
    if level is not None:
        likelihood, impact = risk.rating_of(level)
        assert Risk(likelihood=likelihood, impact=impact).level == level
