"""The staff dashboard and the public summary: figures, overdue reports, reviews waiting, query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.models import Role
from sujarit.core.tests.personas import make_staff
from sujarit.plans.models import KPI, ItemStatus, ReportState

from .factories import KPIResultFactory, ProgressReportFactory, build_plan

CUR = thai.current_fiscal_year()
OLD = CUR - 2  # both rounds of this year are past their due dates


@pytest.fixture
def plan(org):
    return build_plan(org, first_year=CUR - 3, last_year=CUR + 1)


def dashboard(client, org, year=OLD):
    return client.get(reverse("plans_staff:dashboard", kwargs={"org_slug": org.slug}), {"year": year})


def section(html, anchor):
    """The HTML from the heading with id=anchor to the next h2."""
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start + 1)
    return html[start : end if end != -1 else None]


def test_dashboard_shows_overdue_reports(client, org, plan, executive):
    item1, item2 = plan.items.order_by("number")[:2]
    ProgressReportFactory(
        item=item1, fiscal_year=OLD, round=6, state=ReportState.SUBMITTED, submitted_at=timezone.now()
    )
    client.force_login(executive)
    html = dashboard(client, org).content.decode()
    overdue = section(html, "overdue")
    assert "โครงการที่ 2" in overdue and "โครงการที่ 1" in overdue  # item 1's 12-month report is missing
    assert 'id="overdue-count">7<' in html  # 4 items × 2 rounds, less item 1's submitted 6-month report
    # the current year's 6-month report is not due yet: nothing is overdue there
    assert 'id="overdue-count">0<' in dashboard(client, org, CUR + 1).content.decode()


def test_dashboard_lists_reports_waiting_for_approval(client, org, plan, coordinator, executive):
    item = plan.items.get(number=3)
    report = ProgressReportFactory(
        item=item, fiscal_year=OLD, round=12, state=ReportState.SUBMITTED, submitted_at=timezone.now()
    )
    client.force_login(coordinator)
    waiting = section(dashboard(client, org).content.decode(), "waiting")
    assert reverse("plans_staff:report_review", kwargs={"org_slug": org.slug, "pk": report.pk}) in waiting
    client.force_login(executive)  # sees the queue, but not the review link
    waiting = section(dashboard(client, org).content.decode(), "waiting")
    assert "โครงการที่ 3" in waiting and "/review/" not in waiting


def test_dashboard_shows_my_units_items_with_a_link_to_report(client, org, plan, unit_officer):
    other = make_staff(org, "t_works", Role.UNIT_OFFICER, "กองช่าง")
    client.force_login(unit_officer)
    mine = section(dashboard(client, org).content.decode(), "my-unit")
    link = reverse(
        "plans_staff:report_edit", kwargs={"org_slug": org.slug, "number": 2, "fiscal_year": OLD, "round": 12}
    )
    assert link in mine and "สำนักปลัด" in mine
    client.force_login(other)
    mine = section(dashboard(client, org).content.decode(), "my-unit")
    assert "/report/" not in mine


def test_public_summary_counts_approved_reports_only(client, org, plan, executive):
    item1, item2 = plan.items.filter(dimension__number=1).order_by("number")
    approved = ProgressReportFactory(
        item=item1, fiscal_year=OLD, round=12, state=ReportState.APPROVED, percent_done=80,
        status=ItemStatus.DONE, spent=Decimal("15000"),
    )  # fmt: skip
    ProgressReportFactory(
        item=item2, fiscal_year=OLD, round=12, state=ReportState.DRAFT, percent_done=100,
        status=ItemStatus.DONE, spent=Decimal("19999"),
    )  # fmt: skip
    KPIResultFactory(report=approved, kpi=item1.kpis.get(), value=Decimal("3"))

    url = reverse("plans:summary", kwargs={"org_slug": org.slug})
    public = client.get(url, {"year": OLD}).content.decode()
    dims = section(public, "by-dimension")
    assert "40.0 %" in dims  # (80 + 0) / 2: the draft does not count
    assert "15,000" in section(public, "budget") and "19,999" not in public
    assert "<svg" in public and 'role="img"' in public

    client.force_login(executive)
    staff = dashboard(client, org).content.decode()
    assert "90.0 %" in section(staff, "by-dimension")  # staff see reports as they stand
    assert "34,999" in section(staff, "budget")


def test_public_summary_kpi_counts(client, org, plan):
    item = plan.items.get(number=1)
    report = ProgressReportFactory(item=item, fiscal_year=OLD, round=12, state=ReportState.APPROVED)
    KPIResultFactory(report=report, kpi=item.kpis.get(), value=Decimal("2"))  # target ≥ 3: not met
    html = client.get(reverse("plans:summary", kwargs={"org_slug": org.slug}), {"year": OLD}).content.decode()
    assert 'id="kpi-met">0<' in html
    assert 'id="kpi-not-met">1<' in html
    assert 'id="kpi-not-measured">3<' in html


def test_a_year_outside_the_cycle_is_explained(client, org, plan, executive):
    client.force_login(executive)
    resp = client.get(reverse("plans_staff:dashboard", kwargs={"org_slug": org.slug}), {"year": "1999"})
    assert resp.status_code == 200
    assert 'class="warning"' in resp.content.decode()
    public = client.get(reverse("plans:summary", kwargs={"org_slug": org.slug}), {"year": "abc"})
    assert public.status_code == 200 and 'class="warning"' in public.content.decode()


def test_other_organizations_officer_gets_403(client, org, plan, other_org_officer):
    client.force_login(other_org_officer)
    assert dashboard(client, org).status_code == 403


def test_no_plan_yet(client, org, executive):
    client.force_login(executive)
    assert dashboard(client, org).status_code == 200
    assert client.get(reverse("plans:summary", kwargs={"org_slug": org.slug})).status_code == 200


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _fill(plan, year):
    for item in plan.items.all():
        report = ProgressReportFactory(
            item=item, fiscal_year=year, round=6, state=ReportState.SUBMITTED, submitted_at=timezone.now()
        )
        KPIResultFactory(report=report, kpi=item.kpis.get())


def test_dashboard_query_count_does_not_grow_with_the_plan(
    client, org, coordinator, other_org, django_assert_max_num_queries
):
    small = build_plan(org, first_year=CUR - 3, last_year=CUR + 1, dimensions=1, items_per_dimension=1)
    _fill(small, OLD)
    client.force_login(coordinator)
    staff_url = reverse("plans_staff:dashboard", kwargs={"org_slug": org.slug}) + f"?year={OLD}"
    public_url = reverse("plans:summary", kwargs={"org_slug": org.slug}) + f"?year={OLD}"
    staff_small, public_small = _queries(client, staff_url), _queries(client, public_url)

    small.delete()
    big = build_plan(org, first_year=CUR - 3, last_year=CUR + 1, dimensions=4, items_per_dimension=7)
    _fill(big, OLD)
    build_plan(other_org, first_year=CUR - 3, last_year=CUR + 1, dimensions=2, items_per_dimension=3)
    assert _queries(client, staff_url) == staff_small
    assert _queries(client, public_url) == public_small
    with django_assert_max_num_queries(14):
        client.get(staff_url)
    with django_assert_max_num_queries(12):  # signed in: session, user, person, roles
        client.get(public_url)


def test_seed_plan_dashboard_and_summary(client, org, seed_plan, coordinator, django_assert_max_num_queries):
    """The imported seed (27 items, 4 dimensions): every item is counted, within the pinned query count."""
    item = seed_plan.items.get(number=1)
    ProgressReportFactory(item=item, fiscal_year=2568, round=12, state=ReportState.APPROVED, percent_done=100)
    client.force_login(coordinator)
    # The plan's own queries, plus at most two per distinct registry measure the seed's KPIs were bound
    # to on import (complaints, information centre …): per measure, never per item.
    measures = (
        KPI.objects.filter(item__plan=seed_plan).exclude(measure_key="").values("measure_key").distinct()
    )
    per_measure = 2 * measures.count()
    with django_assert_max_num_queries(14 + per_measure):
        html = dashboard(client, org, 2568).content.decode()
    assert "<strong>27</strong>" in html
    dims = section(html, "by-dimension")
    assert dims.count("<tr><td>") == 4
    with django_assert_max_num_queries(12 + per_measure):
        public = client.get(reverse("plans:summary", kwargs={"org_slug": org.slug}), {"year": 2568})
    assert "20.0 %" in section(public.content.decode(), "by-dimension")  # dimension 1: (100 + 0 × 4) / 5


def test_charts_are_well_formed_svg_with_values_written():
    import xml.etree.ElementTree as ET

    from sujarit.core.charts import bar_chart

    svg = bar_chart(
        [("มิติ <1> & ก", 50), ("2569", [Decimal("77200"), None])],
        title='งบ "ประมาณ"',
        series=["Planned", "Spent"],
        fmt=thai.baht,
    )
    root = ET.fromstring(str(svg))
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "มิติ <1> & ก" in texts and "77,200" in texts and "–" in texts and "50" in texts
    assert root.get("role") == "img" and root.get("aria-label") == 'งบ "ประมาณ"'


def test_progress_list_shows_every_items_rounds(client, org, plan, executive, coordinator):
    item = plan.items.get(number=2)
    report = ProgressReportFactory(item=item, fiscal_year=OLD, round=6, state=ReportState.RETURNED)
    url = reverse("plans_staff:progress_list", kwargs={"org_slug": org.slug})
    client.force_login(executive)  # may look, may not report
    html = client.get(url, {"year": OLD}).content.decode()
    assert html.count("<tr>") == 1 + 4
    assert reverse("plans_staff:report_detail", kwargs={"org_slug": org.slug, "pk": report.pk}) in html
    assert "/report/" not in html
    client.force_login(coordinator)
    html = client.get(url, {"year": OLD}).content.decode()
    assert html.count("/report/") == 4 * 2 - 1
