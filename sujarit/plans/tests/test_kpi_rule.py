"""One rule for a KPI's value and status: the pages, the reports, the dashboard and the API agree on
every KPI of the seed plan (plans.services.kpis.evaluate / latest)."""

from decimal import Decimal

import pytest

from sujarit.plans import monitoring_report as reports
from sujarit.plans import queries
from sujarit.plans.models import KPI, ReportState
from sujarit.plans.services import kpis as kpi_service
from sujarit.plans.services.summary import figures

from .factories import KPIResultFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(org, seed_plan):
    """Approved reports for 2568 (12 months) and 2569 (6 months) on every item, with a value for every
    KPI typed by hand; a submitted, not yet approved 2569 12-month report with other values."""
    for item in seed_plan.items.all():
        manual = [k for k in item.kpis.all() if not k.measure_key]
        for year, rnd, state, base in (
            (2568, 12, ReportState.APPROVED, 10),
            (2569, 6, ReportState.APPROVED, 60),
            (2569, 12, ReportState.SUBMITTED, 99),
        ):
            report = ProgressReportFactory(item=item, fiscal_year=year, round=rnd, state=state)
            for k in manual:
                KPIResultFactory(report=report, kpi=k, value=Decimal(base + k.order + item.number))
    return seed_plan


def _kpis(plan):
    return list(
        KPI.objects.filter(item__plan=plan).select_related("item").order_by("item__number", "kind", "order")
    )


def _pair(v):
    return (v.value, str(v.status))


def test_the_monitoring_report_uses_the_rule_for_every_kpi(org, reported):
    for year, rnd, official in ((2569, 6, True), (2569, 12, True), (2569, 12, False), (2568, 12, True)):
        doc = reports.build(org, year, rnd, official=official)
        shown = {k.kpi.pk: (k.value, str(k.status)) for d in doc.dimensions for r in d.rows for k in r.kpis}
        rule = {
            v.kpi.pk: _pair(v)
            for v in kpi_service.evaluate(org, _kpis(reported), year, rnd, approved_only=official)
        }
        assert shown == rule, (year, rnd, official)
    # the unapproved 12-month values count only in the draft ("as it stands") report
    draft = reports.build(org, 2569, 12, official=False)
    assert any(
        k.value is not None and k.value >= 99 for d in draft.dimensions for r in d.rows for k in r.kpis
    )


def test_the_dashboard_uses_the_rule_for_every_kpi(org, reported):
    for year in (2568, 2569):
        for approved_only in (True, False):
            fig = figures(org, reported, year, approved_only=approved_only)
            rule = kpi_service.evaluate(org, _kpis(reported), year, approved_only=approved_only)
            assert [(v.kpi.pk, *_pair(v)) for v in fig.kpis] == [(v.kpi.pk, *_pair(v)) for v in rule]


def test_the_api_and_the_item_pages_show_the_rule_s_latest_value(client, org, reported):
    years = queries.started_years(reported)
    data = client.get(f"/api/v1/orgs/{org.slug}/plan").json()
    api = {k["id"]: k for i in data["items"] for k in i["kpis"]}
    kpis = _kpis(reported)
    assert set(api) == {k.pk for k in kpis}
    for kpi in kpis:
        shown = api[kpi.pk]
        values = [v for y in sorted(years, reverse=True) for v in kpi_service.evaluate(org, [kpi], y)]
        first = next((v for v in values if v.value is not None), None)
        if first is None:
            assert shown["latest"] is None
            assert shown["status"] in ("not_measured", "no_target")
            continue
        assert Decimal(shown["latest"]["value"]) == first.value
        assert shown["latest"]["fiscal_year"] == first.fiscal_year
        assert shown["latest"]["round"] == first.round
        expected = "no_target" if not kpi.target_op or kpi.target_value is None else str(first.status)
        assert shown["status"] == expected
    for item in reported.items.all():
        page_item = queries.item_detail(reported, item.number)
        for k in page_item.kpi_list:
            api_latest = api[k.pk]["latest"]
            assert (k.latest.value if k.latest else None) == (
                Decimal(api_latest["value"]) if api_latest else None
            )
    # a manual KPI's approved 2569 6-month value is what the API shows, not the unapproved 12-month one
    manual = next(k for k in kpis if not k.measure_key)
    assert api[manual.pk]["latest"]["round"] == 6 and api[manual.pk]["latest"]["fiscal_year"] == 2569
