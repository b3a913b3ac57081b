"""OIT evidence (O21 manual, O22 channel, O23 statistics) and the KPI measures of the complaint module."""

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone

from sujarit.complaints.models import Kind, OfficerKey, Outcome
from sujarit.core import thai
from sujarit.core.periods import Period
from sujarit.core.registry import registry

from .test_stats import YEAR, make_case, year_cases  # noqa: F401

KEYS = (
    "complaints.answered_within_due",
    "complaints.integrity_answered_within_due",
    "complaints.satisfaction",
    "complaints.integrity_substantiated",
    "complaints.integrity_cases",
    "complaints.integrity_cases_reduction",
)


def measure(key, org, period):
    return registry.measures[key].func(org, period)


# --- measures -----------------------------------------------------------------------------------------


def test_all_six_measures_are_registered_once():
    assert all(key in registry.measures for key in KEYS)
    assert {registry.measures[k].unit for k in KEYS} == {"percent", "count"}
    apps.get_app_config("complaints").ready()  # a second ready() changes nothing and does not raise
    assert all(key in registry.measures for key in KEYS)
    assert {registry.measures[k].unit for k in KEYS} == {"percent", "count"}


def test_measures_of_the_fiscal_year(org, year_cases):  # noqa: F811
    year = Period.for_fiscal_year(YEAR)
    assert measure("complaints.answered_within_due", org, year) == Decimal("75.00")
    assert measure("complaints.integrity_answered_within_due", org, year) == Decimal("50.00")
    assert measure("complaints.satisfaction", org, year) == Decimal("66.67")
    assert measure("complaints.integrity_substantiated", org, year) == Decimal(1)
    assert measure("complaints.integrity_cases", org, year) == Decimal(2)


def test_six_month_round_counts_its_own_cases(org, year_cases):  # noqa: F811
    six = Period.for_round(YEAR, 6)
    assert measure("complaints.answered_within_due", org, six) == Decimal("66.67")  # 2 of 3 in time
    assert measure("complaints.integrity_cases", org, six) == Decimal(2)


def test_measures_with_nothing_to_measure_are_none(org, policy):
    empty = Period.for_fiscal_year(2560)
    assert measure("complaints.answered_within_due", org, empty) is None
    assert measure("complaints.satisfaction", org, empty) is None
    assert measure("complaints.integrity_cases", org, empty) == Decimal(0)
    assert measure("complaints.integrity_cases_reduction", org, empty) is None  # no baseline entered


def test_corruption_cases_reduction_against_the_baseline(org, policy, year_cases):  # noqa: F811
    policy.baseline_integrity_cases = 4
    policy.save()
    assert measure("complaints.integrity_cases_reduction", org, Period.for_fiscal_year(YEAR)) == Decimal(
        "50.00"
    )  # 2 cases against a baseline of 4: 50 % fewer


def test_measures_count_only_their_organization(org, other_org, year_cases):  # noqa: F811
    assert measure("complaints.integrity_cases", other_org, Period.for_fiscal_year(YEAR)) == Decimal(0)


# --- OIT evidence -------------------------------------------------------------------------------------


def evidence(key, org, year):
    return registry.oit_providers[key].func(org, year)


def test_o21_manual_is_dated_by_the_settings_and_opens(client, org, policy):
    [item] = evidence("complaints.manual", org, thai.current_fiscal_year())
    assert item["topic"] == "complaint manual" and item["date"] == timezone.localdate(policy.updated_at)
    assert client.get(item["url"]).status_code == 200


def test_o21_needs_configured_settings(org):
    assert evidence("complaints.manual", org, thai.current_fiscal_year()) == []


def test_o22_channel_is_ready_from_the_first_officer_key(client, org, policy, keyed_integrity_officer):
    year = thai.current_fiscal_year()
    first = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    OfficerKey.objects.filter(person__org=org).update(created_at=first)
    [item] = evidence("complaints.channel", org, year)
    assert item["topic"] == "complaint channel" and item["date"] == timezone.localdate(first)
    assert item["url"] == f"/{org.slug}/integrity/"


def test_o22_not_claimed_before_an_officer_can_read_reports(org, policy):
    assert evidence("complaints.channel", org, thai.current_fiscal_year()) == []


def test_o23_statistics_of_a_past_year_dated_by_its_last_case(client, org, year_cases):  # noqa: F811
    [item] = evidence("complaints.stats", org, YEAR)
    assert item["topic"] == "complaint statistics" and str(YEAR) in item["title"]
    assert item["date"] == dt.date(2025, 3, 1)  # the year's last corruption case
    resp = client.get(item["url"])
    assert resp.status_code == 200 and resp.context["fiscal_year"] == YEAR


def test_o23_this_year_dated_today_and_no_future_year(org, policy):
    this_year = thai.current_fiscal_year()
    [item] = evidence("complaints.stats", org, this_year)
    assert item["date"] == timezone.localdate()
    assert evidence("complaints.stats", org, this_year + 1) == []


@pytest.mark.parametrize("outcome", [Outcome.NOT_SUBSTANTIATED, Outcome.REFERRED_NACC])
def test_only_substantiated_cases_count_as_substantiated(org, categories, outcome):
    make_case(
        org, Kind.INTEGRITY, received=dt.date(2025, 1, 1), category=categories["bribe"], outcome=outcome
    )
    assert measure("complaints.integrity_substantiated", org, Period.for_fiscal_year(YEAR)) == Decimal(0)
