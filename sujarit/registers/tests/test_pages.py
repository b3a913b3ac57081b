"""Staff and public pages: the risk flow through the forms, refusals shown in Thai, the heat map, the
published assessment and its PDF, the simple registers, tenancy, OIT evidence."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from sujarit.core.registry import registry

from ..models import DelegationOrder, Risk, Training, Treatment
from ..services import civic, risk
from .factories import assessment_with_risks, delegation

pytestmark = pytest.mark.django_db


def staff_url(org, name, **kw):
    return reverse(f"registers_staff:{name}", kwargs={"org_slug": org.slug, **kw})


def public_url(org, name, **kw):
    return reverse(f"registers:{name}", kwargs={"org_slug": org.slug, **kw})


def test_officer_rates_a_risk_adds_a_treatment_and_marks_it_done(client, org, unit_officer):
    client.force_login(unit_officer)
    resp = client.post(
        staff_url(org, "assessments"), {"fiscal_year": 2568, "kind": "fraud", "title": "ประเมิน 2568"}
    )
    url = resp["Location"]
    resp = client.post(url, {"action": "risk", "risk-process": "การจัดซื้อจัดจ้าง", "risk-event": "ฮั้วประมูล",
                             "risk-likelihood": 4, "risk-impact": 5})  # fmt: skip
    assert resp.status_code == 302
    r = Risk.objects.get()
    client.post(
        url,
        {
            "action": "treatment",
            "treatment-risk": r.pk,
            "treatment-measure": "เชิญผู้สังเกตการณ์",
            "treatment-owner": "กองคลัง",
        },
    )
    t = Treatment.objects.get()
    client.post(url, {"action": "status", "treatment": t.pk, "status": "done", "done_on": "2025-02-01"})
    t.refresh_from_db()
    assert t.status == "done" and t.done_on == dt.date(2025, 2, 1)
    page = client.get(url).content.decode()
    assert 'data-cell="4-5">1<' in page  # the heat map counts the risk in its cell
    assert "สูงมาก (20)" in page and "ดำเนินการตามมาตรการแล้ว 1 จาก 1 มาตรการ" in page


def test_likelihood_7_in_the_form_shows_thai_and_saves_nothing(client, org, unit_officer):
    a = assessment_with_risks(org, unit_officer, risks=())
    client.force_login(unit_officer)
    resp = client.post(staff_url(org, "assessment", pk=a.pk), {"action": "risk", "risk-process": "การจัดซื้อ",
                                                                "risk-event": "ฮั้ว", "risk-likelihood": 7, "risk-impact": 2})  # fmt: skip
    assert resp.status_code == 200
    assert "โอกาสที่จะเกิด ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 5" in resp.content.decode()
    assert not Risk.objects.exists()


def test_executive_sees_the_registers_but_cannot_write(client, org, executive, coordinator):
    a = assessment_with_risks(org, coordinator)
    client.force_login(executive)
    assert client.get(staff_url(org, "assessment", pk=a.pk)).status_code == 200
    resp = client.post(staff_url(org, "assessment", pk=a.pk), {"action": "risk", "process": "x", "event": "y",
                                                                "likelihood": 1, "impact": 1})  # fmt: skip
    assert resp.status_code == 403 and a.risks.count() == 2


def test_other_organizations_assessment_is_not_found(client, org, other_org, other_org_officer, coordinator):
    a = assessment_with_risks(org, coordinator)
    client.force_login(other_org_officer)
    assert client.get(staff_url(other_org, "assessment", pk=a.pk)).status_code == 404


def test_simple_registers_list_and_refuse_bad_input(client, org, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    for n in range(5):
        delegation(org, coordinator, n=n + 1)
    with django_assert_max_num_queries(12):
        page = client.get(staff_url(org, "delegations"), {"year": 2568}).content.decode()
    assert page.count("<td>มอบหมายให้ปลัดปฏิบัติราชการแทน</td>") == 5
    resp = client.post(staff_url(org, "delegations") + "?year=2568", {
        "action": "add", "number": "9/2568", "title": "t", "delegator": "a", "delegate": "b", "powers": "p",
        "effective_from": "2025-01-10", "effective_until": "2025-01-01"})  # fmt: skip
    assert "วันสิ้นสุดการมอบหมายต้องไม่ก่อนวันที่คำสั่งมีผล" in resp.content.decode()
    assert DelegationOrder.objects.count() == 5
    resp = client.post(staff_url(org, "trainings"), {
        "action": "add", "title": "อบรม", "held_on": "2025-01-10", "council_expected": 10, "council_attended": 11,
        "executives_expected": 0, "executives_attended": 0, "staff_expected": 0, "staff_attended": 0})  # fmt: skip
    assert "มากกว่าจำนวนกลุ่มเป้าหมาย" in resp.content.decode() and not Training.objects.exists()
    for name in ("index", "honours", "forums", "networks", "assessments"):
        assert client.get(staff_url(org, name)).status_code == 200, name


def test_only_a_published_assessment_is_public_with_its_pdf(client, org, coordinator, tmp_path):
    a = assessment_with_risks(org, coordinator)
    assert client.get(public_url(org, "assessment", pk=a.pk)).status_code == 404
    risk.add_treatment(a.risks.first(), measure="ตรวจสอบการกำหนดคุณลักษณะเฉพาะ", by=coordinator)
    risk.publish_assessment(a, published_on=dt.date(2024, 11, 20), channels="เว็บไซต์", by=coordinator)
    page = client.get(public_url(org, "assessment", pk=a.pk)).content.decode()
    assert "<svg" in page and "ตรวจสอบการกำหนดคุณลักษณะเฉพาะ" in page and 'name="status"' not in page
    assert a.title in client.get(public_url(org, "index"), {"year": 2568}).content.decode()
    resp = client.get(public_url(org, "assessment_pdf", pk=a.pk))
    assert resp["Content-Type"] == "application/pdf"
    if shutil.which("pdftotext"):
        path = tmp_path / "a.pdf"
        path.write_bytes(resp.content)
        text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True).stdout.decode()
        flat = "".join(text.split())
        for words in ("การประเมินความเสี่ยงการทุจริต", "เรียกรับผลประโยชน์", "ตรวจสอบการกำหนดคุณลักษณะเฉพาะ"):
            assert words in flat, words


def test_oit_evidence_of_the_assessment_and_the_forums(org, coordinator):
    a = assessment_with_risks(org, coordinator)
    risks_oit = registry.oit_providers["registers.risk"].func
    assert risks_oit(org, 2568) == []  # not published: no evidence
    risk.publish_assessment(a, published_on=dt.date(2024, 11, 20), channels="เว็บไซต์", by=coordinator)
    assert [e["topic"] for e in risks_oit(org, 2568)] == ["risk assessment", "risk treatment"]
    village = civic.add_village(org, number=1, name="บ้านแหลมสอม", population=300, by=coordinator)
    civic.add_forum(org, village=village, held_on=dt.date(2025, 1, 5), attendees=60, by=coordinator)
    forums = registry.oit_providers["registers.forums"].func(org, 2568)
    assert [(e["topic"], e["date"]) for e in forums] == [("participation", dt.date(2025, 1, 5))]
