"""Item status by frequency, due dates, the estimated score, code mapping across years, and reminders."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from sujarit.core import services, thai
from sujarit.core.registry import OITProvider, registry
from sujarit.disclosure import jobs as reminders
from sujarit.disclosure.models import DisclosurePolicy, OITReminder
from sujarit.disclosure.queries import compliance
from sujarit.disclosure.services import catalogue, publishing

# Assessment year 2567 assesses fiscal year 2567: 1 Oct 2023 – 30 Sep 2024.
MID_JANUARY = dt.date(2024, 1, 15)


@pytest.fixture
def publish(org, coordinator, executive):
    """publish(code, fiscal_year, period_kind="", period=None, title=…): a public page tagged with code."""

    def make(code, fiscal_year, period_kind="", period=None, title=None, publish_date=None):
        # published two weeks into its fiscal year unless told otherwise (in time for its assessment)
        publish_date = publish_date or thai.fiscal_year_bounds(fiscal_year)[0] + dt.timedelta(days=14)
        p = publishing.create(
            org, by=coordinator, kind="page", title=title or f"หลักฐาน {code} {period or ''}", area="budget",
            fiscal_year=fiscal_year, period_kind=period_kind, period=period, oit_codes=[code], body="เนื้อหา",
            publish_date=publish_date,
        )  # fmt: skip
        version = p.versions.get()
        publishing.submit(version, by=coordinator)
        publishing.approve(version, by=executive)
        p.refresh_from_db()
        return p

    return make


def row(org, code, year=2567, today=MID_JANUARY):
    return next(r for r in compliance.board(org, year, today=today) if r["item"].code == code)


def test_monthly_procurement_summary_needs_every_month_up_to_last_month(org, publish):
    assert row(org, "O16")["status"] == "missing"
    publish("O16", 2567, "month", 10)
    publish("O16", 2567, "month", 11, title="สรุปผลการจัดซื้อจัดจ้าง พฤศจิกายน 2566 — ไม่มีการจัดซื้อจัดจ้าง")
    late = row(org, "O16")
    assert late["status"] == "out_of_date"  # December has ended without its summary
    assert late["due"] == dt.date(2023, 12, 31) and late["overdue"]
    publish("O16", 2567, "month", 12)
    done = row(org, "O16")
    assert done["status"] == "proven"
    assert done["due"] == dt.date(2024, 1, 31)  # January's summary is the next one due
    assert [covered for _label, covered, _last in done["periods"]][:4] == [True, True, True, False]


def test_yearly_item_needs_evidence_of_the_assessed_fiscal_year(org, publish):
    assert row(org, "O14")["status"] == "missing"
    publish("O14", 2566)
    stale = row(org, "O14")
    assert stale["status"] == "out_of_date"  # last year's plan only
    assert stale["evidence"][0]["stale"] and stale["due"] == dt.date(2024, 9, 30)
    publish("O14", 2567)
    assert row(org, "O14")["status"] == "proven"


def test_half_yearly_report_is_due_per_round(org, publish):
    publish("O13", 2567, "half", 1)
    assert row(org, "O13", today=dt.date(2024, 5, 1))["status"] == "proven"
    assert row(org, "O13", today=dt.date(2024, 10, 5))["status"] == "out_of_date"  # second round ended


def test_standing_item_is_proven_by_any_current_publication_and_not_by_a_withdrawn_one(
    org, publish, executive
):
    p = publish("O3", 2566)
    assert row(org, "O3")["status"] == "proven"
    publishing.withdraw(p, by=executive, reason="ฉบับเก่า")
    assert row(org, "O3")["status"] == "missing"


def test_estimated_score_counts_out_of_date_as_half(org, publish):
    publish("O14", 2567)  # proven
    publish("O15", 2566)  # out of date
    rows = compliance.board(org, 2567, today=MID_JANUARY)
    counts = compliance.counts(rows)
    assert counts["total"] == 33
    expected = (
        (Decimal(counts["proven"]) + Decimal(counts["out_of_date"] + counts["incomplete"]) / 2) * 100 / 33
    )
    assert compliance.score_of(rows) == expected.quantize(Decimal("0.01"))
    assert compliance.estimated_oit_score(org, 2567) is not None


def test_the_contact_topic_reaches_each_years_own_code(org, admin_user):
    services.update_organization(
        org, by=admin_user, phone="0 7500 0000", email="saraban@example.go.th", address="หมู่ 1"
    )
    current = thai.current_fiscal_year()
    rows = {r["item"].code: r for r in compliance.board(org, current)}
    # the current year's contact item is also the Q&A channel (2568 O3): half of it is proven
    assert rows["O3"]["status"] == "incomplete"
    assert rows["O3"]["unmet"] == ["ยังไม่มีหลักฐานเรื่อง “ช่องทางถาม-ตอบ (Q&A)”"]
    old = {r["item"].code: r for r in compliance.board(org, 2566)}
    assert old["O5"]["status"] == "late"  # contacts were O5 in 2566; the page changed after that year
    assert old["O5"]["evidence"][0]["late"]
    assert old["O4"]["status"] == "missing"  # O4 of 2566 is the strategic plan, not contacts


def test_a_failing_provider_does_not_take_the_board_down(org):
    def broken(org, fiscal_year):
        raise RuntimeError("module bug")

    registry.add_oit_provider(OITProvider("test.broken", ("news",), "broken", broken))
    try:
        assert row(org, "O5")["status"] == "missing"
    finally:
        registry.oit_providers.pop("test.broken")


def test_unknown_year_raises_lookup_error(org):
    with pytest.raises(LookupError):
        compliance.board(org, 2400)


# --- reminders ---------------------------------------------------------------------------------------


def test_owner_is_reminded_once_before_the_due_date(django_capture_on_commit_callbacks, org, coordinator):
    coordinator.email = "coord@example.org"
    coordinator.save()
    person = coordinator.people.get(org=org)
    catalogue.set_owner(org, "O13", person=person, by=coordinator)  # the annual procurement report (2568)
    DisclosurePolicy.objects.create(org=org, assessment_year=2568)
    early = dt.date(2025, 8, 1)  # due 30 Sep 2025: more than 14 days ahead
    assert reminders.remind_owners(today=early, days=14) == 0
    today = dt.date(2025, 9, 20)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders.remind_owners(today=today, days=14)
    assert sent == 1  # only the owned item
    assert OITReminder.objects.get(org=org).code == "O13"
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders.remind_owners(today=today + dt.timedelta(days=1), days=14)
    assert again == 0 and OITReminder.objects.count() == 1
    task = DBTaskResult.objects.filter(task_path="sujarit.disclosure.jobs.send_oit_reminder").first()
    assert reminders.send_oit_reminder.call(*task.args_kwargs["args"]) == 1
    assert mail.outbox[0].to == ["coord@example.org"]
    assert "OIT" in mail.outbox[0].subject


def test_daily_command_runs_without_owners(org, capsys):
    call_command("disclosure", "daily")
    assert "0" in capsys.readouterr().out
