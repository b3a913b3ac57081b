"""The plan module proves OIT items O30 (the plan) and O31 (the year's monitoring report)."""

import pytest
from django.utils import timezone

from sujarit.core.registry import registry
from sujarit.plans.models import ProgressReport, ReportState


@pytest.mark.django_db
def test_plan_is_evidence_for_o30_in_its_cycle_only(org, seed_plan):
    provider = registry.oit_providers["plans.plan"]
    evidence = provider.func(org, 2568)
    assert [e["topic"] for e in evidence] == ["anti-corruption plan"]
    assert evidence[0]["url"] == f"/{org.slug}/plan/"
    assert provider.func(org, 2571) == []


@pytest.mark.django_db
def test_approved_twelve_month_reports_are_evidence_for_o31(client, org, seed_plan):
    item = seed_plan.items.get(number=1)
    ProgressReport.objects.create(
        org=org, item=item, fiscal_year=2568, round=12, state=ReportState.APPROVED, reviewed_at=timezone.now()
    )
    ProgressReport.objects.create(org=org, item=item, fiscal_year=2568, round=6, state=ReportState.SUBMITTED)
    evidence = registry.oit_providers["plans.plan"].func(org, 2568)
    o31 = [e for e in evidence if e["topic"] == "anti-corruption report"]
    assert len(o31) == 1 and "รอบ 12 เดือน" in o31[0]["title"]
    assert client.get(o31[0]["url"]).status_code == 200
