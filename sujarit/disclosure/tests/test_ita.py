"""ITA readiness: past results with grades, the plan's ITA targets and the gap, the estimated OIT score."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sujarit.disclosure.models import ITAResult
from sujarit.disclosure.queries.ita import readiness
from sujarit.disclosure.services import ita
from sujarit.plans import demo as plans_demo


@pytest.mark.parametrize(
    "total,grade",
    [("100", "AA"), ("95", "AA"), ("94.99", "A"), ("85", "A"), ("84.99", "B"), ("75", "B"), ("65", "C"),
     ("55", "D"), ("50", "E"), ("49.99", "F"), ("0", "F")],
)  # fmt: skip
def test_grade_bands(total, grade):
    assert ita.grade_for(Decimal(total)) == grade


def test_grade_is_computed_when_left_blank_and_kept_when_given(org, coordinator):
    r = ita.save_result(org, by=coordinator, year=2567, total="91.25", iit="95", eit="90", oit="88.5")
    assert r.grade == "A" and r.total == Decimal("91.25")
    r = ita.save_result(org, by=coordinator, year=2567, total="91.25", grade="AA")
    assert r.grade == "AA" and ITAResult.objects.count() == 1


@pytest.mark.parametrize("field,value", [("total", "101"), ("total", "-1"), ("iit", "abc"), ("total", "")])
def test_scores_outside_0_to_100_are_refused(org, coordinator, field, value):
    values = {"total": "90", field: value}
    with pytest.raises(ValidationError):
        ita.save_result(org, by=coordinator, year=2567, **values)
    assert not ITAResult.objects.exists()


def test_only_configurers_enter_results(org, unit_officer):
    with pytest.raises(PermissionDenied):
        ita.save_result(org, by=unit_officer, year=2567, total="90")


def test_plan_targets_side_by_side_with_the_gap(org, coordinator):
    plans_demo.load(org)
    ita.save_result(org, by=coordinator, year=2567, total="93")
    r = readiness(org, 2567)
    targets = {t["year"]: t["target"] for t in r["targets"]}
    assert targets[2566] == Decimal("96.5") and targets[2570] == Decimal("98.5")
    gaps = {t["year"]: t["gap"] for t in r["targets"]}
    assert gaps[2570] == Decimal("5.5")
    assert r["estimated_oit"] is not None


def test_staff_page_saves_a_result_with_a_thai_message_for_bad_input(client, org, coordinator):
    client.force_login(coordinator)
    url = reverse("disclosure_staff:ita", kwargs={"org_slug": org.slug})
    bad = client.post(url, {"year": 2567, "total": "120"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "0 to 100" in text or "0 ถึง 100" in text  # English until the lead's Thai catalogue has it
    assert not ITAResult.objects.exists()
    assert client.post(url, {"year": 2567, "total": "88"}).status_code == 302
    assert ITAResult.objects.get().grade == "A"
    page = client.get(url).content.decode()
    assert "88" in page


def test_public_board_shows_the_results_and_targets(client, org, coordinator):
    plans_demo.load(org)
    ita.save_result(org, by=coordinator, year=2567, total="93")
    page = client.get(reverse("disclosure:oit", kwargs={"org_slug": org.slug, "year": 2567})).content.decode()
    assert "98.5" in page and "93" in page


def test_ita_page_takes_odd_years_without_an_error(client, org, coordinator):
    client.force_login(coordinator)
    url = reverse("disclosure_staff:ita", kwargs={"org_slug": org.slug})
    for year in ("²", "99999", "x", ""):
        assert client.get(url, {"year": year}).status_code == 200, year
