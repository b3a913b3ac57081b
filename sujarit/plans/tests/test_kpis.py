"""KPIs: status from approved values or registry measures; the plan's own measures; binding a measure."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.models import AuditEvent
from sujarit.core.periods import Period
from sujarit.core.registry import Measure, registry
from sujarit.plans.models import ItemStatus, ReportState
from sujarit.plans.services import kpis as kpi_service
from sujarit.plans.services import progress

from .factories import KPIFactory, KPIResultFactory, ProgressReportFactory, build_plan

CUR = thai.current_fiscal_year()
YEAR = CUR - 1


@pytest.fixture
def plan(org):
    return build_plan(org, first_year=CUR - 3, last_year=CUR + 1, dimensions=2, items_per_dimension=2)


def status(kpi, year=YEAR):
    return kpi_service.evaluate(kpi.org, [kpi], year)[0]


def approved_result(kpi, value, round_months=6, year=YEAR):
    report = ProgressReportFactory(
        item=kpi.item, fiscal_year=year, round=round_months, state=ReportState.APPROVED
    )
    return KPIResultFactory(report=report, kpi=kpi, value=Decimal(value))


def test_kpi_is_met_not_met_or_not_yet_measured(plan):
    kpi = plan.items.get(number=1).kpis.get()  # ≥ 3 channels
    assert status(kpi).status == kpi_service.KPIStatus.NOT_MEASURED

    approved_result(kpi, "2")
    assert status(kpi).status == kpi_service.KPIStatus.NOT_MET

    approved_result(kpi, "4", round_months=12)  # the 12-month round is the latest
    value = status(kpi)
    assert value.status == kpi_service.KPIStatus.MET and value.value == Decimal("4")
    assert status(kpi, YEAR - 1).status == kpi_service.KPIStatus.NOT_MEASURED  # other years are apart


def test_only_approved_values_count(plan):
    kpi = plan.items.get(number=1).kpis.get()
    for state in (ReportState.DRAFT, ReportState.SUBMITTED, ReportState.RETURNED):
        report = ProgressReportFactory(item=kpi.item, fiscal_year=YEAR, round=6, state=state)
        KPIResultFactory(report=report, kpi=kpi, value=Decimal("9"))
        assert status(kpi).status == kpi_service.KPIStatus.NOT_MEASURED
        report.delete()


@pytest.mark.parametrize(
    "op, target, value, met",
    [(">=", "80", "80", True), (">=", "80", "79.99", False), ("<=", "5", "3", True), ("<=", "5", "6", False),
     ("=", "1", "1", True), ("=", "1", "2", False)],
)  # fmt: skip
def test_target_operators(plan, op, target, value, met):
    kpi = KPIFactory(
        item=plan.items.get(number=2), target_op=op, target_value=Decimal(target), target_unit="percent"
    )
    approved_result(kpi, value)
    expected = kpi_service.KPIStatus.MET if met else kpi_service.KPIStatus.NOT_MET
    assert status(kpi).status == expected


def test_kpi_without_numeric_target_is_not_measured(plan):
    kpi = KPIFactory(item=plan.items.get(number=2), target_op="", target_value=None, text="ประชาชนพึงพอใจ")
    approved_result(kpi, "5")
    assert status(kpi).status == kpi_service.KPIStatus.NOT_MEASURED


@pytest.fixture
def fixed_measure():
    calls = []

    def func(org, period):
        calls.append(period)
        return Decimal("85.5")

    registry.add_measure(Measure("test.fixed", "fixed", "percent", func, "tests"))
    yield calls
    registry.measures.pop("test.fixed")


def test_bound_kpi_takes_its_value_from_the_measure(plan, coordinator, fixed_measure):
    kpi = KPIFactory(
        item=plan.items.get(number=3), target_op=">=", target_value=Decimal("80"), target_unit="percent"
    )
    approved_result(kpi, "10")  # a manual value is ignored once a measure is bound
    kpi_service.bind_measure(kpi, "test.fixed", by=coordinator)
    kpi.refresh_from_db()
    value = status(kpi)
    assert (value.value, value.status, value.source) == (
        Decimal("85.5"),
        kpi_service.KPIStatus.MET,
        "measure",
    )
    assert fixed_measure == [Period.for_fiscal_year(YEAR)]
    event = AuditEvent.objects.get(action="plans.kpi_measure_bound")
    assert event.actor == coordinator and event.data == {"measure": "test.fixed", "previous": ""}


def test_binding_a_measure_needs_the_coordinator_or_admin(client, org, plan, unit_officer, admin_user):
    kpi = plan.items.get(number=1).kpis.get()
    with pytest.raises(PermissionDenied):
        kpi_service.bind_measure(kpi, "plans.items_done", by=unit_officer)
    client.force_login(unit_officer)
    url = reverse("plans_staff:kpi_measure", kwargs={"org_slug": org.slug, "pk": kpi.pk})
    assert client.post(url, {f"k{kpi.pk}-measure_key": "plans.items_done"}).status_code == 403
    kpi.refresh_from_db()
    assert kpi.measure_key == ""

    client.force_login(admin_user)
    page = client.get(reverse("plans_staff:kpi_list", kwargs={"org_slug": org.slug}))
    assert "plans.reports_on_time" in page.content.decode()  # the picker lists the registry's measures
    measures = page.content.decode().split('id="measures"')[1].split("</dl>")[0]
    assert "<strong>0.00 %</strong>" in measures or "<strong>0 %</strong>" in measures  # nothing reported yet
    client.post(url, {f"k{kpi.pk}-measure_key": "plans.items_done"})
    kpi.refresh_from_db()
    assert kpi.measure_key == "plans.items_done"


def test_unknown_measure_is_refused(client, org, plan, coordinator):
    kpi = plan.items.get(number=1).kpis.get()
    with pytest.raises(progress.ReportError):
        kpi_service.bind_measure(kpi, "nope.nothing", by=coordinator)
    client.force_login(coordinator)
    url = reverse("plans_staff:kpi_measure", kwargs={"org_slug": org.slug, "pk": kpi.pk})
    resp = client.post(url, {f"k{kpi.pk}-measure_key": "nope.nothing"}, follow=True)
    assert resp.status_code == 200 and 'class="error"' in resp.content.decode()
    kpi.refresh_from_db()
    assert kpi.measure_key == ""


def test_plan_measures_compute_the_right_percentages(org, plan):
    items = list(plan.items.order_by("number"))  # 4 items, 20,000 baht each per year
    due = progress.due_date(YEAR, 12)
    on_time = timezone.make_aware(dt.datetime.combine(due, dt.time(10)))
    late = on_time + dt.timedelta(days=1)
    on_time_6 = timezone.make_aware(dt.datetime.combine(progress.due_date(YEAR, 6), dt.time(23, 59)))
    approved = ReportState.APPROVED
    ProgressReportFactory(
        item=items[0],
        fiscal_year=YEAR,
        round=12,
        state=approved,
        submitted_at=on_time,
        status=ItemStatus.DONE,
        spent=Decimal("20000"),
    )
    ProgressReportFactory(
        item=items[1],
        fiscal_year=YEAR,
        round=12,
        state=approved,
        submitted_at=late,
        status=ItemStatus.IN_PROGRESS,
        spent=Decimal("10000"),
    )
    ProgressReportFactory(
        item=items[2],
        fiscal_year=YEAR,
        round=12,
        state=ReportState.SUBMITTED,
        submitted_at=on_time,
        status=ItemStatus.DONE,
        spent=Decimal("20000"),
    )
    ProgressReportFactory(item=items[3], fiscal_year=YEAR, round=6, state=approved, submitted_at=on_time_6,
                          status=ItemStatus.DONE, spent=Decimal("5000"))  # fmt: skip
    year = Period.for_fiscal_year(YEAR)
    m = registry.measures
    assert m["plans.reports_on_time"].func(org, year) == Decimal("50.00")  # items 1 and 3 of 4
    assert m["plans.reports_approved"].func(org, year) == Decimal("50.00")  # items 1 and 2
    # spent 20,000 + 10,000 + 5,000 (item 4's latest approved round is the 6-month one) of 80,000
    assert m["plans.budget_execution"].func(org, year) == Decimal("43.75")
    assert m["plans.items_done"].func(org, year) == Decimal("2")  # items 1 and 4; item 3 is not approved
    six = Period.for_round(YEAR, 6)
    assert m["plans.reports_on_time"].func(org, six) == Decimal("25.00")
    assert m["plans.budget_execution"].func(org, six) == Decimal("6.25")
    # another organization, or a year without a plan, has nothing to measure
    assert m["plans.items_done"].func(org, Period.for_fiscal_year(CUR + 5)) is None


def test_targets_are_written_for_people(plan):
    kpi = plan.items.get(number=1).kpis.get()
    assert kpi_service.target_text(kpi).startswith("≥ 3 ")  # then "channels", translated
    kpi.target_op, kpi.target_value, kpi.target_unit = "<=", Decimal("80.50"), "percent"
    assert kpi_service.target_text(kpi) == "≤ 80.5 %"
    kpi.target_op = ""
    assert kpi_service.target_text(kpi) == ""


def test_item_16_s_plan_exists_once_it_is_in_the_platform(org):
    from sujarit.plans.models import Plan

    measure = registry.measures["plans.plan_in_force"].func
    assert measure(org, Period.for_fiscal_year(CUR)) == 0
    build_plan(org, first_year=CUR - 1, last_year=CUR + 1)
    assert measure(org, Period.for_fiscal_year(CUR)) == 1
    assert measure(org, Period.for_fiscal_year(CUR + 3)) == 0  # a year the plan does not cover
    Plan.objects.for_org(org).delete()
    assert measure(org, Period.for_fiscal_year(CUR)) == 0
