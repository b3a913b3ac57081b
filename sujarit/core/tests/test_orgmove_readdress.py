"""`sujarit org import-data FILE --slug NEW [--local-code CODE]`: an organization whose address is
taken or reserved on the target moves under another one, checked as onboarding checks a new one; the
corruption channel's receipts still open its reports (they hang on the organization's salt, not its
slug) (issue 14)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sujarit.complaints.models import Category, ComplaintPolicy, Kind
from sujarit.complaints.protection import crypto, pow
from sujarit.complaints.services import intake, keys
from sujarit.core.models import AuditEvent, Organization, Person
from sujarit.core.services import ensure_unit

from . import orgmove_helpers as h
from .personas import make_org

THAI = re.compile(r"[\u0e00-\u0e7f]")


def _import(path, *args):
    out = StringIO()
    call_command("org", "import-data", str(path), *args, stdout=out)
    return out.getvalue()


def _moved_away(tmp_path, org):
    """Export the organization, wipe it as if it had never been here, and let another organization
    take its address and local code: the target of the move."""
    path = tmp_path / f"{org.slug}.zip"
    call_command("org", "export", "--org", org.slug, str(path), stdout=StringIO())
    _manifest, rows, _stored = h.read_archive(path)
    slug, code = org.slug, org.local_code
    h.wipe(org, rows)
    make_org(slug, "หน่วยงานอื่นที่ใช้ชื่อนี้อยู่แล้ว")
    Organization.objects.filter(slug=slug).update(local_code=code)
    return path


@pytest.mark.django_db
def test_the_taken_slug_refusal_names_the_option(tmp_path):
    path = _moved_away(tmp_path, h.small_org())
    before = h.everything()
    with pytest.raises(CommandError) as refused:
        _import(path)
    assert "--slug" in str(refused.value) and "--local-code" in str(refused.value)
    assert THAI.search(str(refused.value))
    assert h.everything() == before


@pytest.mark.django_db
def test_an_organization_moves_under_another_address_with_its_receipts(tmp_path):
    org = h.small_org()
    unit = ensure_unit(org, "สำนักปลัด")
    ComplaintPolicy.objects.create(org=org, general_unit=unit, integrity_unit=unit, phone="0 7536 0000")
    bribe = Category.objects.create(org=org, kind=Kind.INTEGRITY, code="bribe", name="เรียกรับสินบน")
    officer = Person.objects.get(org=org, user__username="nongbua.integrity")
    keys.setup_key(officer, "pw-integrity")
    _case, receipt = intake.submit_report(
        org, category=bribe, accused_unit=None, accused_name="", text="เรียกรับเงินค่าใบอนุญาต",
        token=pow.issue(org),
    )  # fmt: skip
    path = _moved_away(tmp_path, org)

    out = _import(path, "--slug", "nongbua-trang", "--local-code", "6909999")
    assert "nongbua-trang" in out
    moved = Organization.objects.get(slug="nongbua-trang")
    assert moved.local_code == "6909999" and moved.name == "เทศบาลตำบลหนองบัว"
    assert moved.people.filter(user__username="nongbua.admin").exists()
    event = AuditEvent.objects.get(org=moved, action="core.org_imported")
    assert event.data["source"] == "nongbua" and event.data["slug"] == "nongbua-trang"
    # The reporter's tracking receipt opens the report at the new address.
    opened = intake.open_with_receipt(moved, crypto.format_receipt(receipt))
    assert opened is not None and intake.read_case(*opened)["text"] == "เรียกรับเงินค่าใบอนุญาต"
    assert Organization.objects.get(slug="nongbua").name == "หน่วยงานอื่นที่ใช้ชื่อนี้อยู่แล้ว"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug, words",
    [("platform", "สงวน"), ("nongbua", "ใช้"), ("other", "ใช้"), ("Bad slug!", "ตัวอักษร")],
)
def test_a_reserved_taken_or_malformed_new_slug_is_refused_in_thai_and_nothing_changes(tmp_path, slug, words):
    path = _moved_away(tmp_path, h.small_org())
    make_org("other", "องค์การบริหารส่วนตำบลอื่น")
    before = h.everything()
    with pytest.raises(CommandError) as refused:
        _import(path, "--slug", slug, "--local-code", "")
    message = str(refused.value)
    assert THAI.search(message) and words in message, message
    assert h.everything() == before
