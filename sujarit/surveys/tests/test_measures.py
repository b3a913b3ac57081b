"""Each standard questionnaire has its own KPI measure, and the seed plan's indicators bind to them."""

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone

from sujarit.core import thai
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.plans import demo as plan_demo
from sujarit.plans.models import KPI, Goal
from sujarit.surveys import measures
from sujarit.surveys.models import Phase
from sujarit.surveys.services import answering

from .conftest import form, getlist_of

# (item, words of the KPI) -> the measure its import binds it to
SEED_BINDINGS = [
    (1, "ความรู้ความเข้าใจแนวทางการปฏิบัติตัวตามประมวลจริยธรรม", "surveys.ethics_test"),
    (2, "มีความรู้ด้านการต่อต้านการทุจริต", "surveys.anticorruption_test"),
    (6, "พึงพอใจต่อการใช้บริการศูนย์ข้อมูลข่าวสาร", "disclosure.info_satisfaction"),  # stays until the form moves here
    (7, "พึงพอใจต่อการเผยแพร่ข้อมูลสาธารณะ", "surveys.disclosure"),
    (11, "พึงพอใจต่อระบบของการเลื่อนขั้นเงินเดือน", "surveys.promotion"),
    (15, "พึงพอใจในการให้บริการ", "surveys.service"),
    (17, "คุณภาพการให้บริการ", "surveys.service"),
    (
        19,
        "เกิดความพึงพอใจต่อการดำเนินการเรื่องร้องทุกข์",
        "complaints.satisfaction",
    ),  # stays until the rating moves here
    (22, "ความพึงพอใจของผู้ที่เกี่ยวข้อง", "surveys.internal_control"),
    (24, "องค์ความรู้ด้านกฎหมาย", "surveys.law_test"),
    (25, "บทบาทและอำนาจหน้าที่ และสามารถ", "surveys.council_test"),
]


def test_importing_the_seed_binds_its_satisfaction_and_knowledge_indicators(org):
    plan = plan_demo.load(org).plan
    kpis = KPI.objects.filter(item__plan=plan)
    for item, words, key in SEED_BINDINGS:
        found = kpis.filter(item__number=item, text__contains=words).values_list("measure_key", flat=True)
        assert set(found) == {key}, (item, words)


def test_no_seed_indicator_is_recognised_by_a_survey_measure_and_another_one(org):
    # A text two measures' hints match binds to neither: the survey hints must not overlap others.
    plan = plan_demo.load(org).plan
    texts = list(KPI.objects.filter(item__plan=plan).values_list("text", flat=True))
    texts += list(Goal.objects.filter(plan=plan).values_list("indicator", flat=True))
    assert len(texts) > 80
    for text in texts:
        matched = [m.key for m in registry.measures.values() if any(re.search(h, text) for h in m.hints)]
        if any(k.startswith("surveys.") for k in matched):
            assert len(matched) == 1, (text, matched)


def test_every_purpose_is_a_registered_percent_measure():
    for purpose in measures.PURPOSES:
        measure = registry.measures[f"surveys.{purpose.key}"]
        assert measure.unit == "percent" and measure.module == "surveys"


def test_satisfaction_counts_respondents_of_the_period_only(org, survey, unit_officer):
    today = timezone.localdate()
    last_year = today - dt.timedelta(days=400)
    forms = [getlist_of(form(survey, *a)) for a in ((5, 5, 0), (4, 4, 0), (2, 3, 0))]
    answering.enter_paper_forms(survey, forms, by=unit_officer, submitted_on=today)
    answering.enter_paper_forms(survey, forms[2:], by=unit_officer, submitted_on=last_year)
    measure = registry.measures["surveys.service"].func
    assert measure(org, Period.for_fiscal_year(thai.current_fiscal_year())) == Decimal("66.67")
    assert measure(org, Period.for_fiscal_year(thai.fiscal_year_of(last_year))) == Decimal("0.00")
    assert measure(org, Period.for_fiscal_year(2500)) is None  # nobody answered: not measured


def test_a_test_measure_counts_post_tests_and_never_pre_tests(org, knowledge_test, unit_officer):
    day = timezone.localdate()
    weak = getlist_of(form(knowledge_test, 0, 0, 0, 0, 0))
    strong = getlist_of(form(knowledge_test, 1, 1, 1, 1, 1))
    answering.enter_paper_forms(
        knowledge_test, [weak, weak], by=unit_officer, submitted_on=day, phase=Phase.PRE
    )
    answering.enter_paper_forms(
        knowledge_test, [strong, weak], by=unit_officer, submitted_on=day, phase=Phase.POST
    )
    period = Period.for_fiscal_year(thai.current_fiscal_year())
    assert registry.measures["surveys.ethics_test"].func(org, period) == Decimal("50.00")


def test_an_organization_counts_only_its_own_answers(org, other_org, survey, unit_officer):
    answering.enter_paper_forms(survey, [getlist_of(form(survey, 5, 5, 0))], by=unit_officer,
                                submitted_on=timezone.localdate())  # fmt: skip
    period = Period.for_fiscal_year(thai.current_fiscal_year())
    assert registry.measures["surveys.service"].func(other_org, period) is None
