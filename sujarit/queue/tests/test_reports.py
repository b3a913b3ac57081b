"""Statistics, the fairness report's source, the KPI measures and the OIT O12 evidence."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.periods import Period
from sujarit.core.registry import registry

from .. import queries
from ..models import Ticket
from ..services import counter as verbs
from ..services.tickets import issue_ticket

pytestmark = pytest.mark.django_db


def _serve_three(tax, counters, counter_officer):
    first, _ = counters
    for _i in range(3):
        issue_ticket(tax)
    verbs.complete(first, verbs.call_next(first, by=counter_officer), by=counter_officer)
    skipped_to = Ticket.objects.get(number=3)
    verbs.complete(
        first,
        verbs.call_ticket(first, skipped_to, reason="เอกสารด่วน", by=counter_officer),
        by=counter_officer,
    )


def test_statistics_count_per_service_and_officer(org, tax, counters, counter_officer):
    _serve_three(tax, counters, counter_officer)
    today = timezone.localdate()
    stats = queries.statistics(org, today, today)
    [row] = stats["services"]
    assert (row["service"], row["tickets"], row["served"], row["out_of_order"]) == (tax, 3, 2, 1)
    assert row["within_standard"] == 100
    [officer] = stats["officers"]
    assert officer["officer"] == counter_officer.username and officer["out_of_order"] == 1
    assert [t.call_reason for t in queries.out_of_order_calls(org, today, today)] == ["เอกสารด่วน"]


def test_measures_share_in_order_and_tickets_issued(org, tax, counters, counter_officer):
    period = Period.for_fiscal_year(thai.fiscal_year_of(timezone.localdate()))
    assert registry.measures["queue.served_in_order"].func(org, period) is None
    _serve_three(tax, counters, counter_officer)
    assert registry.measures["queue.served_in_order"].func(org, period) == Decimal("50.0")
    assert registry.measures["queue.tickets_issued"].func(org, period) == 3


def test_week_and_month_bounds():
    day = dt.date(2026, 12, 4)  # a Friday
    assert queries.period_bounds("week", day) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert queries.period_bounds("month", day) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def test_oit_o12_is_proven_once_a_ticket_was_issued(org, other_org, tax):
    provider = registry.oit_providers["queue.statistics"]
    fy = thai.fiscal_year_of(timezone.localdate())
    assert provider.func(org, fy) == []
    issue_ticket(tax)
    [evidence] = provider.func(org, fy)
    assert (
        evidence["topic"] == "service statistics"
        and evidence["url"] == f"/{org.slug}/queue/statistics/?fy={fy}"
    )
    assert provider.func(other_org, fy) == []


def test_the_item_15_kpi_binds_to_the_in_order_measure():
    import re

    text = "มีการใช้บัตรคิวสำหรับให้บริการแก่ประชาชนตามลำดับก่อนหลัง สำหรับหน่วยงานที่ให้บริการ"
    matching = [m.key for m in registry.measures.values() if any(re.search(h, text) for h in m.hints)]
    assert matching == ["queue.served_in_order"]
