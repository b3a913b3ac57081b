"""The complaint measures the plan's items 10, 11, 13, 14, 19, 20, 22 and 27 are bound to: each moves
when the records it reads change."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sujarit.complaints.models import Category, ComplaintPolicy, Kind, Outcome, Topic
from sujarit.complaints.services import configure
from sujarit.core import thai
from sujarit.core.models import Role
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.core.services import ensure_unit
from sujarit.core.tests.personas import make_staff

from .conftest import _keyed
from .test_stats import make_case

pytestmark = pytest.mark.django_db


def measure(key, org, period):
    return registry.measures[key].func(org, period)


FY = 2568  # 1 Oct 2024 – 30 Sep 2025, long past


def _topic(org, code, topic, kind=Kind.GENERAL):
    return Category.objects.create(org=org, kind=kind, code=code, name=code, topic=topic)


def test_procurement_complaints_down_year_on_year_from_both_channels(org, policy):
    general = _topic(org, "procurement", Topic.PROCUREMENT)
    corrupt = _topic(org, "integrity-procurement", Topic.PROCUREMENT, Kind.INTEGRITY)
    other = _topic(org, "road", "")
    year = Period.for_fiscal_year(FY)
    assert measure("complaints.procurement_reduction", org, year) is None  # nothing the year before
    for day in (dt.date(2024, 1, 5), dt.date(2024, 3, 1), dt.date(2024, 6, 1)):
        make_case(org, received=day, category=general)
    make_case(org, Kind.INTEGRITY, received=dt.date(2024, 2, 1), category=corrupt)
    make_case(org, received=dt.date(2024, 2, 1), category=other)  # not about procurement: not counted
    assert measure("complaints.procurement_reduction", org, year) == Decimal("100.00")  # 4 -> 0
    make_case(org, received=dt.date(2025, 1, 10), category=general)
    assert measure("complaints.procurement_reduction", org, year) == Decimal("75.00")  # 4 -> 1
    for _ in range(4):
        make_case(org, Kind.INTEGRITY, received=dt.date(2025, 3, 10), category=corrupt)
    assert measure("complaints.procurement_reduction", org, year) == Decimal("-25.00")  # 4 -> 5: more


def test_personnel_and_salary_promotion_are_counted_apart(org, policy):
    hr = _topic(org, "personnel", Topic.PERSONNEL)
    pay = _topic(org, "salary", Topic.SALARY_PROMOTION)
    make_case(org, received=dt.date(2024, 5, 1), category=hr)
    make_case(org, received=dt.date(2024, 5, 1), category=hr)
    make_case(org, received=dt.date(2024, 5, 1), category=pay)
    make_case(org, received=dt.date(2025, 5, 1), category=hr)
    year = Period.for_fiscal_year(FY)
    assert measure("complaints.personnel_reduction", org, year) == Decimal("50.00")
    assert measure("complaints.salary_promotion_reduction", org, year) == Decimal("100.00")


def test_a_running_period_is_compared_with_the_same_weeks_a_year_before(org, policy):
    hr = _topic(org, "personnel", Topic.PERSONNEL)
    today = timezone.localdate()
    running = Period(today - dt.timedelta(days=30), today + dt.timedelta(days=200))
    make_case(org, received=today - dt.timedelta(days=30 + 365 - 2), category=hr)  # same weeks: counted
    make_case(org, received=today - dt.timedelta(days=365 - 10), category=hr)  # after today's date: not yet
    assert measure("complaints.personnel_reduction", org, running) == Decimal("100.00")  # 1 -> 0, not 2 -> 0
    make_case(org, received=today - dt.timedelta(days=3), category=hr)
    assert measure("complaints.personnel_reduction", org, running) == Decimal("0.00")


def test_item_8_counts_complaints_about_bribes(org, policy):
    bribe = _topic(org, "integrity-bribe", Topic.BRIBERY, Kind.INTEGRITY)
    other = _topic(org, "integrity-abuse", "", Kind.INTEGRITY)
    year = Period.for_fiscal_year(FY)
    assert measure("complaints.bribery_complaints", org, year) == 0
    make_case(org, Kind.INTEGRITY, received=dt.date(2025, 1, 5), category=other)
    assert measure("complaints.bribery_complaints", org, year) == 0
    make_case(org, Kind.INTEGRITY, received=dt.date(2025, 1, 5), category=bribe)
    assert measure("complaints.bribery_complaints", org, year) == 1


def test_corruption_down_counts_substantiated_cases_only(org, policy):
    year = Period.for_fiscal_year(FY)
    key = "complaints.substantiated_corruption_reduction"
    for _ in range(2):
        make_case(org, Kind.INTEGRITY, received=dt.date(2024, 4, 1), outcome=Outcome.SUBSTANTIATED)
    make_case(org, Kind.INTEGRITY, received=dt.date(2024, 4, 1), outcome=Outcome.NOT_SUBSTANTIATED)
    assert measure(key, org, year) == Decimal("100.00")
    make_case(org, Kind.INTEGRITY, received=dt.date(2025, 4, 1), outcome=Outcome.NOT_SUBSTANTIATED)
    assert measure(key, org, year) == Decimal("100.00")  # an unfounded report is not corruption
    make_case(org, Kind.INTEGRITY, received=dt.date(2025, 4, 1), outcome=Outcome.SUBSTANTIATED)
    assert measure(key, org, year) == Decimal("50.00")


def test_the_complaint_centre_and_its_designated_units_come_from_the_settings(org):
    year = Period.for_fiscal_year(FY)
    assert measure("complaints.centre", org, year) == 0
    assert measure("complaints.channels_published", org, year) == 0
    office = ensure_unit(org, "สำนักปลัด")
    policy = ComplaintPolicy.objects.create(org=org, general_unit=office)
    assert measure("complaints.centre", org, year) == 1
    assert measure("complaints.designated_officers", org, year) == 0  # no category yet
    road = Category.objects.create(org=org, code="road", name="ถนน")
    assert measure("complaints.designated_officers", org, year) == 0  # a category nobody answers for
    assert measure("complaints.channels_published", org, year) == 1  # the public form takes complaints
    road.unit = ensure_unit(org, "กองช่าง")
    road.save()
    assert measure("complaints.designated_officers", org, year) == 1
    policy.general_unit = None
    policy.save()
    assert measure("complaints.centre", org, year) == 0
    assert measure("complaints.centre", org, Period.for_fiscal_year(2599)) is None  # not started


def test_follow_up_needs_an_answered_case(org, categories):
    year = Period.for_fiscal_year(FY)
    assert measure("complaints.follow_up", org, year) is None
    make_case(org, received=dt.date(2025, 2, 1), category=categories["road"])
    assert measure("complaints.follow_up", org, year) == 0
    make_case(org, received=dt.date(2025, 2, 1), category=categories["road"], answered=3)
    assert measure("complaints.follow_up", org, year) == 1


def test_the_corruption_channel_is_open_once_an_officer_holds_a_key(org, policy, integrity_officer):
    now = Period.for_fiscal_year(thai.fiscal_year_of(timezone.localdate()))
    assert measure("complaints.integrity_channel", org, now) == 0
    _keyed(integrity_officer, org)
    assert measure("complaints.integrity_channel", org, now) == 1
    assert measure("complaints.integrity_channel", org, Period.for_fiscal_year(FY)) == 0  # not back then


def test_a_category_s_topic_is_set_through_the_audited_verb(org, policy):
    admin = make_staff(org, "t_topic_admin", Role.ADMIN)
    cat = configure.save_category(
        org, by=admin, code="hr", name="บริหารงานบุคคล", kind=Kind.GENERAL, topic=Topic.PERSONNEL
    )
    assert cat.topic == Topic.PERSONNEL
    with pytest.raises(ValidationError) as exc:
        configure.save_category(org, by=admin, category=cat, topic="weather")
    assert exc.value.messages == ["กรุณาเลือกหัวข้อจากรายการ"]
    cat.refresh_from_db()
    assert cat.topic == Topic.PERSONNEL
