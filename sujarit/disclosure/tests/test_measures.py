"""The information centre's KPI measures and the seed plan's item 6 indicators bound to them."""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.periods import Period
from sujarit.core.registry import registry

from .. import measures
from ..models import ChannelKind, Outcome
from ..services import infocentre
from .test_infocentre import paper_forms


def test_the_measures_are_registered():
    for key in (
        "disclosure.info_channels",
        "disclosure.info_requests_answered_within_15",
        "disclosure.info_satisfaction",
    ):
        assert key in registry.measures
    apps.get_app_config("disclosure").ready()  # a second ready() changes nothing and does not raise


def test_channels_counts_only_active_channels(org, unit_officer):
    period = Period.for_fiscal_year(thai.current_fiscal_year())
    assert measures.info_channels(org, period) == 0
    for kind in ("phone", "walk_in", "website", "social", "qa"):
        infocentre.save_channel(org, by=unit_officer, kind=kind, name=kind)
    infocentre.save_channel(org, by=unit_officer, kind="line", name="old", active=False)
    assert measures.info_channels(org, period) == Decimal(5)


def _answered(org, by, received, answered):
    req, _s = infocentre.record(org, by=by, channel=ChannelKind.PHONE, subject="ขอข้อมูล", received_on=received)
    if answered:
        infocentre.answer(req, by=by, answered_on=answered, outcome=Outcome.DISCLOSED)
    return req


def test_answered_within_15_days(org, unit_officer):
    period = Period.for_fiscal_year(2567)
    assert measures.info_requests_answered_within_15(org, period) is None
    _answered(org, unit_officer, dt.date(2024, 1, 1), dt.date(2024, 1, 16))  # 15 days: in time
    _answered(org, unit_officer, dt.date(2024, 1, 1), dt.date(2024, 1, 17))  # 16 days: late
    _answered(org, unit_officer, dt.date(2024, 3, 1), None)  # never answered: late
    _answered(org, unit_officer, dt.date(2022, 3, 1), dt.date(2022, 3, 2))  # another year
    assert measures.info_requests_answered_within_15(org, period) == Decimal("33.33")
    assert measures.info_requests_answered_within_15(org, Period.for_round(2567, 6)) == Decimal("33.33")


def test_satisfaction_joins_online_answers_kept_ratings_and_paper_forms(org, unit_officer):
    year = thai.current_fiscal_year()
    period = Period.for_fiscal_year(year)
    assert measures.info_satisfaction(org, period) is None
    today = timezone.localdate()
    for score in (5, 2):
        req = _answered(org, unit_officer, today, today)
        survey = infocentre.survey_for(req)
        values = {f"q{pk}": [str(score)] for pk, kind in survey.questions if kind == "likert"}
        infocentre.answer_survey(req, lambda name, v=values: v.get(name, []), survey.token)
    assert measures.info_satisfaction(org, period) == Decimal("50.00")
    kept = _answered(org, unit_officer, today, today)
    kept.rating = 4  # a rating given before the form moved to the survey engine still counts
    kept.save()
    assert measures.info_satisfaction(org, period) == Decimal("66.67")
    kept.rating = None
    kept.save()
    paper_forms(org, unit_officer, *([5] * 8))  # paper forms typed in on the survey engine
    assert measures.info_satisfaction(org, period) == Decimal("90.00")


def test_the_seed_plans_item_6_indicators_are_bound(org):
    from sujarit.plans import demo
    from sujarit.plans.models import KPI

    plan = demo.load(org).plan
    kpis = KPI.objects.filter(item__plan=plan, item__number=6)
    assert kpis.get(text__contains="ช่องทางการประชาสัมพันธ์").measure_key == "disclosure.info_channels"
    assert kpis.get(text__contains="พึงพอใจ").measure_key == "disclosure.info_satisfaction"
    # The hints recognise no other item's indicator.
    bound = set(
        KPI.objects.filter(item__plan=plan, measure_key__startswith="disclosure.info").values_list(
            "item__number", flat=True
        )
    )
    assert bound == {6}
