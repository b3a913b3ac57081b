"""The pages: declaring through the form (refusals shown in Thai), the officers' COI page (others are
refused, every opening audited), the gift register, the public No Gift report and its PDF, OIT
evidence, and the seed plan's items 8 and 14 bound to these measures."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from sujarit.core.models import AuditEvent
from sujarit.core.registry import registry
from sujarit.integrity import services
from sujarit.integrity.models import Gift, Relative
from sujarit.plans import demo as plan_demo
from sujarit.plans.models import KPI
from sujarit.plans.queries import kpi_coverage

pytestmark = pytest.mark.django_db


def staff_url(org, name):
    return reverse(f"integrity_staff:{name}", kwargs={"org_slug": org.slug})


def test_staff_declare_a_relative_and_a_bad_id_is_refused_in_thai(client, org, unit_officer):
    client.force_login(unit_officer)
    url = staff_url(org, "declaration")
    resp = client.post(
        url,
        {
            "action": "relative",
            "r-relation": "spouse",
            "r-name": "นางมาลี ใจดี",
            "r-id_number": "1234567890123",
        },
    )
    assert resp.status_code == 200 and "ไม่ถูกต้อง" in resp.content.decode()
    assert Relative.objects.count() == 0
    resp = client.post(
        url,
        {
            "action": "relative",
            "r-relation": "spouse",
            "r-name": "นางมาลี ใจดี",
            "r-id_number": "๑๑๐๑๗๐๐๒๐๗๐๓๐",
        },
    )
    assert resp.status_code == 302
    assert "นางมาลี ใจดี" in client.get(url).content.decode()


def test_the_coi_page_is_for_integrity_officers_and_admins_only_and_audited(
    client, org, unit_officer, finance_officer, executive, integrity_officer, admin_user, other_org_officer
):
    url = staff_url(org, "matches")
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    for user in (unit_officer, finance_officer, executive, other_org_officer):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.get(staff_url(org, "gifts")).status_code == 403
    for user in (integrity_officer, admin_user):
        client.force_login(user)
        assert client.get(url).status_code == 200
    opened = AuditEvent.objects.filter(action="integrity.viewed", data__what="coi_matches")
    assert sorted(opened.values_list("actor_id", flat=True)) == sorted([integrity_officer.pk, admin_user.pk])


def test_officer_runs_the_check_and_confirms_a_match_from_the_page(
    client, org, unit_officer, integrity_officer
):
    from sujarit.core.models import Person
    from sujarit.procurement.models import Director, Vendor

    me = Person.objects.get(user=unit_officer)
    services.add_relative(me, relation="sibling", name="นายสมปอง ใจดี", by=unit_officer)
    v = Vendor.objects.create(org=org, name="หจก.ใจดีการช่าง", tax_id="0105551234567")
    Director.objects.create(vendor=v, name="ว่าที่ ร.ต. สมปอง  ใจดี")
    client.force_login(integrity_officer)
    url = staff_url(org, "matches")
    client.post(url, {"action": "check"})
    page = client.get(url).content.decode()
    assert "สมปอง" in page and "หจก.ใจดีการช่าง" in page and "พี่น้อง" in page
    from sujarit.integrity.models import CoiMatch

    m = CoiMatch.objects.get()
    resp = client.post(url, {"match": m.pk, "status": "dismissed", "note": ""})
    m.refresh_from_db()
    assert m.status == "pending"
    client.post(url, {"match": m.pk, "status": "confirmed", "note": "พี่ชายเป็นหุ้นส่วน"})
    m.refresh_from_db()
    assert m.status == "confirmed" and m.decided_by == integrity_officer
    assert resp.status_code == 302


def _year_of_records(org, officer):
    services.announce(org, kind="no_gift", title="ประกาศเจตนารมณ์นโยบายไม่รับของขวัญ ปี 2568", signed_by="นายกองค์การบริหารส่วนตำบลแหลมสอม",
                      signed_on=dt.date(2024, 10, 15), text="ขอประกาศเจตนารมณ์ไม่รับของขวัญและของกำนัลทุกชนิด", by=officer)  # fmt: skip
    services.announce(
        org,
        kind="coi",
        title="มาตรการป้องกันผลประโยชน์ทับซ้อน",
        signed_by="นายก",
        signed_on=dt.date(2024, 11, 1),
        text="มาตรการ",
        by=officer,
    )
    services.record_activity(
        org, title="ประชุมสร้างวัฒนธรรมไม่รับของขวัญ", held_on=dt.date(2024, 12, 5), participants=42, by=officer
    )
    services.record_gift(org, recipient="t_officer", giver="หจก.ก", description="กระเช้าปีใหม่", value="1500", occasion="ปีใหม่",
                         offered_on=dt.date(2024, 12, 28), status="refused", handling="ปฏิเสธและแจ้งผู้ให้", by=officer)  # fmt: skip
    services.record_gift(org, recipient="t_exec", giver="บริษัท ข จำกัด", description="นาฬิกา", value="12000", occasion="วันเกิด",
                         offered_on=dt.date(2025, 2, 3), status="handed_over", handling="ส่งมอบเป็นทรัพย์สินของหน่วยงาน", by=officer)  # fmt: skip


def test_the_gift_register_page_records_a_gift_and_shows_a_thai_refusal(client, org, integrity_officer):
    client.force_login(integrity_officer)
    url = staff_url(org, "gifts") + "?year=2568"
    data = {"action": "gift", "g-offered_on": "2025-01-05", "g-recipient": "นายก", "g-giver": "ร้าน ค", "g-description": "ผลไม้",
            "g-value": "ห้าร้อย", "g-occasion": "ตรุษจีน", "g-status": "received"}  # fmt: skip
    resp = client.post(url, data)
    assert "มูลค่าต้องเป็นจำนวนเงินบาท" in resp.content.decode() and Gift.objects.count() == 0
    resp = client.post(url, {**data, "g-value": "500"})
    assert resp.status_code == 302 and Gift.objects.get().value == 500


def test_public_no_gift_report_and_its_pdf_in_thai(client, org, integrity_officer, tmp_path):
    _year_of_records(org, integrity_officer)
    page = client.get(
        reverse("integrity:no_gift", kwargs={"org_slug": org.slug}) + "?year=2568"
    ).content.decode()
    assert "กระเช้าปีใหม่" in page and "12,000.00" in page and "ประชุมสร้างวัฒนธรรม" in page
    resp = client.get(reverse("integrity:no_gift_pdf", kwargs={"org_slug": org.slug, "fiscal_year": 2568}))
    assert resp["Content-Type"] == "application/pdf"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "nogift.pdf"
    path.write_bytes(b"".join(resp.streaming_content) if resp.streaming else resp.content)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True).stdout.decode()
    flat = "".join(text.split())  # table cells wrap Thai words across lines
    for words in (
        "รายงานผลตามนโยบายไม่รับของขวัญ",
        "องค์การบริหารส่วนตำบลแหลมสอม",
        "กระเช้าปีใหม่",
        "ปฏิเสธ",
        "ส่งมอบให้หน่วยงาน",
        "13,500.00",
    ):
        assert words in flat, text


def test_oit_evidence_for_the_declaration_the_activity_and_the_report(org, integrity_officer):
    _year_of_records(org, integrity_officer)
    evidence = {}
    for key in ("integrity.no_gift_declaration", "integrity.no_gift_culture", "integrity.no_gift_report"):
        for e in registry.oit_providers[key].func(org, 2568):
            evidence[e["topic"]] = e
    assert set(evidence) == {"no gift declaration", "no gift culture", "no gift report"}
    assert evidence["no gift declaration"]["date"] == dt.date(2024, 10, 15)
    assert evidence["no gift report"]["date"] == dt.date(2025, 2, 3)
    assert registry.oit_providers["integrity.no_gift_report"].func(org, 2569) == []


def _row(org, plan, item, words, year=2568):
    rows = kpi_coverage(org, plan, year)["kpis"]
    return next(r for r in rows if r["item"] == item and words in r["text"])


def test_the_seed_binds_items_8_and_14_and_the_records_move_them(org, integrity_officer):
    plan = plan_demo.load(org).plan
    bound = dict(
        KPI.objects.filter(item__plan=plan, item__number__in=(8, 14)).values_list("text", "measure_key")
    )
    assert sorted(k for k in bound.values() if k.startswith("integrity.")) == [
        "integrity.coi_announced", "integrity.no_gift_announced", "integrity.no_gift_followed"]  # fmt: skip
    assert _row(org, plan, 8, "ประกาศใช้ NO Gift")["status"] == "not_met"
    _year_of_records(org, integrity_officer)
    assert (
        _row(org, plan, 8, "ประกาศใช้ NO Gift")["value"],
        _row(org, plan, 8, "ประกาศใช้ NO Gift")["status"],
    ) == ("1", "met")
    assert _row(org, plan, 14, "ผลประโยชน์ทับซ้อน")["status"] == "met"


def test_the_matches_page_query_count_does_not_grow_with_matches(
    client, org, integrity_officer, django_assert_max_num_queries
):
    from django.utils import timezone

    from sujarit.integrity.models import CoiMatch

    for n in range(30):
        CoiMatch.objects.create(org=org, key=f"person:{n}|director:{n}", subject=f"นาย ก {n}", counterparty="หจก.ข",
                                kind="director", score=95, rule="name", reason="ชื่อตรงกัน", found_at=timezone.now())  # fmt: skip
    client.force_login(integrity_officer)
    with django_assert_max_num_queries(25):
        assert client.get(staff_url(org, "matches")).status_code == 200
