"""The open-data API: /api/v1/orgs/{slug}/plan and its OpenAPI document."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sujarit.core import files
from sujarit.plans.models import KPIResult, ProgressReport, ReportState
from sujarit.plans.services.importing import import_plan


@pytest.fixture
def mini_plan(org, mini_parsed):
    return import_plan(org, mini_parsed, by=None).plan


def _report(item, state, year=2567, rnd=6, value=None, evidence=None):
    report = ProgressReport.objects.create(
        org=item.org, item=item, fiscal_year=year, round=rnd, state=state, percent_done=60,
        spent="1500.50", work_done=f"งาน {state}",
    )  # fmt: skip
    if value is not None:
        KPIResult.objects.create(org=item.org, report=report, kpi=item.kpis.get(kind="output"), value=value)
    if evidence is not None:
        report.evidence.add(evidence)
    return report


def test_plan_endpoint_serves_the_plan(client, org, mini_plan):
    resp = client.get(f"/api/v1/orgs/{org.slug}/plan")
    assert resp.status_code == 200
    data = resp.json()
    assert data["organization"]["slug"] == org.slug
    assert data["cycle"] == {
        "first_year": 2566,
        "last_year": 2570,
        "fiscal_years": [2566, 2567, 2568, 2569, 2570],
    }
    assert [d["number"] for d in data["dimensions"]] == [1, 2]
    assert data["dimensions"][0]["missions"][0] == {"code": "1.1", "name": "การเสริมสร้างจิตสำนึกและค่านิยม"}
    assert [i["number"] for i in data["items"]] == [1, 2, 3]
    first = data["items"][0]
    assert first["budget"]["per_year"]["2566"] == "20000"  # money as decimal strings, BE year keys
    assert first["responsible"]["unit"] == "สำนักปลัด"
    assert first["kpis"][0]["target"] == {"op": ">=", "value": "30", "unit": "person"}
    assert first["kpis"][0]["status"] == "not_measured"
    assert data["items"][2]["responsible"]["unit"] is None
    assert data["goals"][0]["targets"]["2566"] == {"text": "ร้อยละ 5", "value": "5", "unit": "percent"}
    assert data["risks"][0]["level"] == "ปานกลาง"


def test_only_approved_progress_is_public(client, org, mini_plan):
    item = mini_plan.items.get(number=1)
    pdf = files.store(org, SimpleUploadedFile("หลักฐาน.pdf", b"%PDF-1.4 evidence"), by=None)
    _report(item, ReportState.APPROVED, 2566, 12, value=25, evidence=pdf)
    _report(item, ReportState.APPROVED, 2567, 6, value=31)
    _report(item, ReportState.SUBMITTED, 2567, 12, value=5)
    _report(mini_plan.items.get(number=2), ReportState.DRAFT)
    data = client.get(f"/api/v1/orgs/{org.slug}/plan").json()
    first = data["items"][0]
    assert [(p["fiscal_year"], p["round"]) for p in first["progress"]] == [(2566, 12), (2567, 6)]
    assert first["progress"][0]["spent"] == "1500.5"
    assert first["progress"][0]["evidence"][0]["name"] == "หลักฐาน.pdf"
    assert first["progress"][0]["evidence"][0]["url"].startswith("http")
    output = first["kpis"][0]
    assert output["latest"] == {"value": "31", "fiscal_year": 2567, "round": 6, "source": "manual"}
    assert output["status"] == "met"
    assert data["items"][1]["progress"] == []
    assert "งาน submitted" not in str(data) and "งาน draft" not in str(data)


def test_item_endpoint(client, org, mini_plan):
    resp = client.get(f"/api/v1/orgs/{org.slug}/plan/items/2")
    assert resp.status_code == 200
    assert resp.json()["name"] == "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม"
    missing = client.get(f"/api/v1/orgs/{org.slug}/plan/items/99")
    assert missing.status_code == 404 and "99" in missing.json()["detail"]


def test_unknown_org_is_a_404_with_a_thai_message(client, db):
    resp = client.get("/api/v1/orgs/nowhere/plan")
    assert resp.status_code == 404
    assert resp["Content-Type"].startswith("application/json")
    assert resp.json() == {"detail": "ไม่พบองค์กร 'nowhere'", "code": "org_not_found"}


def test_org_without_plan_is_a_404(client, org):
    resp = client.get(f"/api/v1/orgs/{org.slug}/plan")
    assert resp.status_code == 404 and resp.json()["code"] == "plan_not_found"


def test_plan_query_count_does_not_grow(client, org, mini_plan, django_assert_max_num_queries):
    for item in mini_plan.items.all():
        _report(item, ReportState.APPROVED, value=3)
    with django_assert_max_num_queries(14):
        assert client.get(f"/api/v1/orgs/{org.slug}/plan").status_code == 200


def test_openapi_document_lists_the_plan_paths(client, db):
    resp = client.get("/api/v1/openapi.json")
    assert resp.status_code == 200
    doc = resp.json()
    assert "/api/v1/orgs/{slug}/plan" in doc["paths"]
    assert "/api/v1/orgs/{slug}/plan/items/{number}" in doc["paths"]
    assert "PlanOut" in doc["components"]["schemas"]


def test_seed_plan_through_the_api(client, seed_plan, org):
    data = client.get(f"/api/v1/orgs/{org.slug}/plan").json()
    assert len(data["items"]) == 27
    assert len(data["dimensions"]) == 4
    assert sum(len(d["missions"]) for d in data["dimensions"]) == 12
    assert len(data["risks"]) == 4
    assert sum(len(g["targets"]) for g in data["goals"]) == 10
