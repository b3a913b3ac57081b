"""Declarations, the COI check on the organization's own procurement records, decisions, the gift
register, permissions and audit — as an integrity officer and as staff would meet them."""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from sujarit.core.models import AuditEvent, Person
from sujarit.core.registry import registry
from sujarit.integrity import services
from sujarit.integrity.models import CoiMatch, Gift, Relative
from sujarit.procurement.models import Director, Method, Project, Vendor

pytestmark = pytest.mark.django_db

WIFE_ID = "3101700207036"  # a valid personal ID
OFFICER_ID = "1101700207030"


def person(user, org):
    return Person.objects.get(user=user, org=org)


@pytest.fixture
def procurement(org):
    """A vendor whose director is the officer's wife under her maiden name, another with the
    officer's ID as director, and an unrelated one; one project won by each."""
    a = Vendor.objects.create(org=org, name="หจก.รักไทยก่อสร้าง", tax_id="0103551234565", address="1 ถนนสาย 4")
    Director.objects.create(vendor=a, name="นางสาวสมศรี รักไทย")
    b = Vendor.objects.create(org=org, name="ร้านพัสดุภัณฑ์", tax_id="0105551234567")
    Director.objects.create(vendor=b, name="นายสมศักดิ์ คนอื่น", id_number="๑๑๐๑๗๐๐๒๐๗๐๓๐")
    c = Vendor.objects.create(org=org, name="บริษัท ไม่เกี่ยวข้อง จำกัด", tax_id="0105559876541")
    Director.objects.create(vendor=c, name="นายมานพ ศรีสวัสดิ์")
    for n, v in enumerate((a, b, c)):
        Project.objects.create(org=org, egp_number=f"6701000000{n}", name=f"ซ่อมถนน {n}", budget=Decimal(100000),
                               method=Method.SPECIFIC, winner=v, agreed_price=Decimal(99000), contract_date=dt.date(2025, 1, 10 + n))  # fmt: skip
    return a, b, c


@pytest.fixture
def declared(org, unit_officer):
    me = person(unit_officer, org)
    services.save_declaration(me, id_number=OFFICER_ID, address="9 หมู่ 2 ตำบลแหลมสอม", by=unit_officer)
    services.add_relative(
        me, relation="spouse", name="นางสมศรี ใจดี", id_number=WIFE_ID, former_surnames="รักไทย", by=unit_officer
    )
    return me


def test_staff_declare_their_relatives_and_the_check_finds_the_wife_and_the_id(
    org, declared, procurement, integrity_officer
):
    found = services.run_coi_check(org, by=integrity_officer)
    rules = {(m.subject.name, m.rule) for m in found}
    assert ("นางสมศรี ใจดี", "former_surname") in rules
    assert any(m.rule == "id" and m.score == 100 for m in found)
    assert not any("ไม่เกี่ยวข้อง" in m.counterparty.vendor for m in found)
    rows = CoiMatch.objects.for_org(org)
    assert rows.count() == len(found) and all(r.status == "pending" for r in rows)


def test_a_decision_is_audited_and_survives_the_next_check(org, declared, procurement, integrity_officer):
    services.run_coi_check(org, by=integrity_officer)
    match = CoiMatch.objects.for_org(org).get(rule="former_surname")
    with pytest.raises(ValidationError) as refused:
        services.decide_match(match, status="dismissed", note="  ", by=integrity_officer)
    assert "เหตุผล" in " ".join(refused.value.messages)
    services.decide_match(match, status="confirmed", note="ภรรยาเป็นหุ้นส่วน", by=integrity_officer)
    services.run_coi_check(org, by=integrity_officer)
    match.refresh_from_db()
    assert match.status == "confirmed"
    event = AuditEvent.objects.filter(action="integrity.coi_decided").get()
    assert event.actor_id == integrity_officer.pk and event.data["status"] == "confirmed"


def test_a_declared_shareholding_above_the_limit_in_a_vendor_is_a_match(
    org, declared, procurement, unit_officer, integrity_officer, settings
):
    services.add_interest(
        declared,
        firm_name="หจก.รักไทยก่อสร้าง",
        firm_tax_id="0103551234565",
        role="shareholder",
        share_percent="4",
        by=unit_officer,
    )
    assert not any(m.rule == "interest" for m in services.run_coi_check(org, by=integrity_officer))
    settings.SUJARIT_INTEGRITY_COI = {"share_limit": Decimal("3")}
    assert any(m.rule == "interest" for m in services.run_coi_check(org, by=integrity_officer))


def test_bad_input_is_refused_in_thai_and_nothing_is_stored(org, declared, unit_officer):
    cases = [
        lambda: services.add_relative(
            declared, relation="spouse", name="นางมาลี ดี", id_number="1234567890123", by=unit_officer
        ),
        lambda: services.add_relative(declared, relation="cousin", name="นายก ข", by=unit_officer),
        lambda: services.add_relative(declared, relation="child", name="  ", by=unit_officer),
        lambda: services.add_interest(
            declared, firm_name="บ.ก", role="shareholder", share_percent="120", by=unit_officer
        ),
        lambda: services.add_interest(
            declared, firm_name="บ.ก", firm_tax_id="12345", role="director", by=unit_officer
        ),
        lambda: services.declare_no_interest(
            declared, project_id=999999, committee="คณะกรรมการตรวจรับ", by=unit_officer
        ),
    ]
    before = Relative.objects.count()
    for case in cases:
        with pytest.raises(ValidationError) as refused:
            case()
        message = " ".join(refused.value.messages)
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in message), message
    assert Relative.objects.count() == before
    assert declared.integrity_declaration.interests.count() == 0


def test_thai_digits_in_an_id_are_accepted(org, unit_officer):
    me = person(unit_officer, org)
    d = services.save_declaration(me, id_number="๑ ๑๐๑๗ ๐๐๒๐๗ ๐๓ ๐", by=unit_officer)
    assert d.id_number == OFFICER_ID


def test_committee_members_declare_no_interest_per_project(org, procurement, unit_officer):
    project = Project.objects.for_org(org).first()
    me = person(unit_officer, org)
    row = services.declare_no_interest(
        me, project_id=project.pk, committee="คณะกรรมการตรวจรับพัสดุ", by=unit_officer
    )
    assert row.project_name == project.name
    assert registry.query("procurement.counterparties")(org, 2568)["projects"]


def test_only_integrity_officers_and_admins_run_the_check_or_keep_the_gift_register(
    org, unit_officer, finance_officer, executive, admin_user
):
    for user in (unit_officer, finance_officer, executive):
        with pytest.raises(PermissionDenied):
            services.run_coi_check(org, by=user)
        with pytest.raises(PermissionDenied):
            services.record_gift(
                org,
                recipient="ก",
                giver="ข",
                description="ค",
                value="1",
                occasion="ง",
                offered_on=dt.date(2025, 1, 1),
                status="refused",
                by=user,
            )
    services.run_coi_check(org, by=admin_user)


def test_staff_cannot_declare_for_someone_else(org, unit_officer, finance_officer, integrity_officer):
    other = person(finance_officer, org)
    with pytest.raises(PermissionDenied):
        services.add_relative(other, relation="spouse", name="นางก ข", by=unit_officer)
    services.add_relative(other, relation="spouse", name="นางก ข", by=integrity_officer)


def test_the_gift_register_refuses_bad_values_in_thai(org, integrity_officer):
    good = dict(
        recipient="นายสมชาย ใจดี",
        giver="หจก.ก",
        description="กระเช้า",
        occasion="ปีใหม่",
        offered_on=dt.date(2025, 1, 2),
        status="refused",
    )
    for bad in (
        {"value": "หนึ่งพัน"},
        {"value": "-5"},
        {"value": "10", "status": "eaten"},
        {"value": "10", "offered_on": dt.date(2099, 1, 1)},
    ):
        with pytest.raises(ValidationError) as refused:
            services.record_gift(org, **{**good, **bad}, by=integrity_officer)
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in " ".join(refused.value.messages))
    assert Gift.objects.count() == 0
    gift = services.record_gift(org, **good, value="1,500", by=integrity_officer)
    assert gift.value == Decimal("1500.00")


def test_coi_check_command_prints_json_matches(org, declared, procurement):
    out = StringIO()
    call_command("integrity", "coi-check", "--org", org.slug, "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert {"score", "rule", "reason", "person", "counterparty", "kind", "vendor"} <= set(rows[0])
    assert any(r["rule"] == "former_surname" and r["relation"] == "spouse" for r in rows)
    assert rows == sorted(rows, key=lambda r: -r["score"])


def test_another_organizations_vendors_are_not_matched(org, other_org, declared, integrity_officer):
    v = Vendor.objects.create(org=other_org, name="หจก.อื่น", tax_id="0103551234565")
    Director.objects.create(vendor=v, name="นางสาวสมศรี รักไทย")
    assert services.run_coi_check(org, by=integrity_officer) == []
