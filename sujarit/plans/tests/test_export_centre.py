"""The core's export centre serves the plan's registered exports, checking choices and access."""

import pytest

from sujarit.core.models import AuditEvent


@pytest.mark.django_db
def test_export_centre_lists_and_serves_the_eplan_export(client, org, seed_plan, coordinator):
    client.force_login(coordinator)
    page = client.get(f"/{org.slug}/staff/exports/")
    assert page.status_code == 200
    assert "/exports/plans.eplan/csv/" in page.content.decode()

    resp = client.get(f"/{org.slug}/staff/exports/plans.eplan/csv/")
    assert resp.status_code == 200
    text = resp.content.decode("utf-8-sig")
    assert "ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม" in text
    assert "attachment" in resp["Content-Disposition"]
    assert AuditEvent.objects.filter(action="core.exported", data__export="plans.eplan").exists()


@pytest.mark.django_db
def test_monitoring_report_export_takes_a_year_and_round(client, org, seed_plan, coordinator):
    client.force_login(coordinator)
    resp = client.get(f"/{org.slug}/staff/exports/plans.monitoring/xlsx/?fiscal_year=2567&round=6")
    assert resp.status_code == 200
    assert resp.content[:2] == b"PK"


@pytest.mark.django_db
def test_bad_choices_get_a_thai_message_and_no_file(client, org, seed_plan, coordinator):
    client.force_login(coordinator)
    for query in ("fiscal_year=abc&round=6", "fiscal_year=2567&round=7", "fiscal_year=99999999999&round=6"):
        resp = client.get(f"/{org.slug}/staff/exports/plans.monitoring/pdf/?{query}")
        assert resp.status_code == 400, query
        assert "Content-Disposition" not in resp
        assert "ปี" in resp.content.decode() or "รอบ" in resp.content.decode()
    assert client.get(f"/{org.slug}/staff/exports/nope/csv/").status_code == 404
    assert client.get(f"/{org.slug}/staff/exports/plans.eplan/exe/").status_code == 404


@pytest.mark.django_db
def test_nothing_to_export_says_so(client, org, coordinator):
    client.force_login(coordinator)
    resp = client.get(f"/{org.slug}/staff/exports/plans.eplan/csv/")
    assert resp.status_code == 404
    assert "Content-Disposition" not in resp


@pytest.mark.django_db
def test_other_organizations_staff_cannot_export(client, org, seed_plan, other_org_officer):
    client.force_login(other_org_officer)
    assert client.get(f"/{org.slug}/staff/exports/plans.eplan/csv/").status_code == 403
