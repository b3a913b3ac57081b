"""Goals and KPIs measured by registry measures: bound by hand or recognised by their wording."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sujarit.core.registry import Measure, registry
from sujarit.plans.models import KPI, Goal
from sujarit.plans.services import kpis as kpi_service


@pytest.fixture
def fake_measures():
    """Two measures recognising the seed's corruption-cases goal and its satisfaction KPI."""
    added = [
        Measure(
            "test.cases_down",
            "cases down",
            "percent",
            lambda org, p: Decimal("12.5"),
            "test",
            hints=(r"คดีทุจริตลดลง",),
        ),
        Measure(
            "test.satisfied",
            "satisfied",
            "percent",
            lambda org, p: Decimal(91),
            "test",
            hints=(r"พึงพอใจ.*ร้องทุกข์",),
        ),
    ]
    saved = dict(registry.measures)
    registry.measures.clear()  # only these two, so no real measure makes a wording ambiguous
    for m in added:
        registry.measures[m.key] = m
    yield added
    registry.measures.clear()
    registry.measures.update(saved)


def test_import_binds_the_indicators_a_measure_recognises(org, fake_measures):
    from sujarit.plans import demo

    plan = demo.load(org).plan
    goal_keys = set(
        Goal.objects.filter(plan=plan, indicator__contains="คดีทุจริต").values_list("measure_key", flat=True)
    )
    assert goal_keys == {"test.cases_down"}
    satisfaction = KPI.objects.get(item__plan=plan, item__number=19, text__contains="พึงพอใจ")
    assert satisfaction.measure_key == "test.satisfied"
    # The ITA-score goal is recognised by no measure and stays typed by hand.
    assert set(
        Goal.objects.filter(plan=plan, indicator__contains="ITA").values_list("measure_key", flat=True)
    ) == {""}


def test_public_goals_page_shows_the_measured_value_beside_the_target(client, org, fake_measures):
    from sujarit.plans import demo

    demo.load(org)
    html = client.get(reverse("plans:goals", kwargs={"org_slug": org.slug})).content.decode()
    assert "12.5" in html and "ร้อยละ 5" in html


def test_unbinding_a_goal_by_hand_is_stored_and_audited(org, coordinator, fake_measures):
    from sujarit.plans import demo

    plan = demo.load(org).plan
    order = (
        Goal.objects.filter(plan=plan, indicator__contains="คดีทุจริต").values_list("order", flat=True).first()
    )
    kpi_service.bind_goal_measure(plan, order, "", by=coordinator)
    assert set(Goal.objects.filter(plan=plan, order=order).values_list("measure_key", flat=True)) == {""}
    from sujarit.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="plans.goal_measure_bound", data__measure="").exists()


def test_staff_bind_a_goal_from_the_kpi_page(client, org, coordinator, fake_measures):
    from sujarit.plans import demo

    plan = demo.load(org).plan
    order = Goal.objects.filter(plan=plan, indicator__contains="ITA").values_list("order", flat=True).first()
    client.force_login(coordinator)
    url = reverse("plans_staff:goal_measure", kwargs={"org_slug": org.slug, "order": order})
    client.post(url, {f"g{order}-measure_key": "test.satisfied"})
    assert set(Goal.objects.filter(plan=plan, order=order).values_list("measure_key", flat=True)) == {
        "test.satisfied"
    }
    client.post(url, {f"g{order}-measure_key": "no.such"})
    assert set(Goal.objects.filter(plan=plan, order=order).values_list("measure_key", flat=True)) == {
        "test.satisfied"
    }


def test_unit_officer_cannot_bind_goals(client, org, unit_officer, fake_measures):
    from sujarit.plans import demo

    plan = demo.load(org).plan
    order = Goal.objects.filter(plan=plan).values_list("order", flat=True).first()
    client.force_login(unit_officer)
    client.post(reverse("plans_staff:kpi_auto_bind", kwargs={"org_slug": org.slug}))
    url = reverse("plans_staff:goal_measure", kwargs={"org_slug": org.slug, "order": order})
    response = client.post(url, {f"g{order}-measure_key": "test.satisfied"})
    assert response.status_code in (302, 403)
    assert not Goal.objects.filter(plan=plan, measure_key="test.satisfied").exists()
