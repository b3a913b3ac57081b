"""`sujarit demo load` gives a plan in the middle of its cycle: past years reported and approved, one item
that could not be carried out for lack of budget, some done, the current 6-month round in progress."""

from io import StringIO

from django.core.management import call_command

from sujarit.core import thai
from sujarit.core.models import AuditEvent, Organization
from sujarit.plans import exports, monitoring_report
from sujarit.plans.models import ItemStatus, KPIResult, Plan, ProgressReport, ReportState
from sujarit.plans.services.progress import is_late
from sujarit.plans.services.summary import figures


def test_demo_plan_is_in_the_middle_of_its_cycle_and_loading_twice_changes_nothing(db, client):
    call_command("demo", "load", stdout=StringIO())
    org = Organization.objects.get(slug="laemsom")
    plan = Plan.objects.get(org=org)
    current = thai.current_fiscal_year()
    reports = ProgressReport.objects.filter(org=org)
    past = reports.filter(fiscal_year__lt=current)
    assert {(r.fiscal_year, r.round) for r in past} == {
        (y, n) for y in plan.fiscal_years if y < current for n in (6, 12)
    }
    assert not past.exclude(state=ReportState.APPROVED).exists()
    assert not any(is_late(r, r.fiscal_year, r.round) for r in past)  # sent before the due dates
    cannot = past.filter(status=ItemStatus.CANNOT_DO)
    assert len({r.item_id for r in cannot}) == 1 and {r.reason for r in cannot} == {"no_budget"}
    assert past.filter(status=ItemStatus.DONE).count() >= 2
    assert KPIResult.objects.filter(org=org, value__isnull=False).exists()
    now = reports.filter(fiscal_year=current)
    assert now.exists() and set(now.values_list("round", flat=True)) == {6}
    assert not now.filter(state=ReportState.APPROVED).exists()
    assert now.filter(state=ReportState.SUBMITTED).exists() and now.filter(state=ReportState.DRAFT).exists()

    # the pages have something to show
    last = monitoring_report.build(org, current - 1, 12)
    assert last.totals.reported + last.totals.done >= last.totals.items
    assert last.totals.spent > 0 and last.totals.green > 0
    fig = figures(org, plan, current - 1, approved_only=True)
    assert fig.kpi_counts.get("met", 0) > 0 and fig.items_done > 0
    assert client.get(f"/{org.slug}/plan/summary/").status_code == 200

    snapshot = sorted(
        reports.values_list("item_id", "fiscal_year", "round", "state", "percent_done", "spent")
    )
    events = AuditEvent.objects.count()
    call_command("demo", "load", stdout=StringIO())
    again = sorted(reports.values_list("item_id", "fiscal_year", "round", "state", "percent_done", "spent"))
    assert again == snapshot and AuditEvent.objects.count() == events
    _h, rows, _c = exports.eplan_progress_rows(
        monitoring_report.build(org, cannot.first().fiscal_year, 12, official=False)
    )
    assert any(r[10] == "ไม่ได้รับงบประมาณ" for r in rows)
