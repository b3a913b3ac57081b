"""`sujarit org retire --org SLUG --export FILE [--moved-to URL]`: once an organization has moved, the
source removes its rows, files and accounts — only with the very file it moved with, and only when
nothing changed since — and keeps a tombstone whose addresses answer 410 Gone (issue 14)."""

import re
import zipfile
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from sujarit.core import audit, onboarding, services
from sujarit.core.models import AuditEvent, Organization, Person, Unit
from sujarit.core.orgmove.plan import plan
from sujarit.core.orgmove.retiring import _row_keys
from sujarit.oversight.scopes import Area

from . import orgmove_helpers as h
from .personas import make_staff

THAI = re.compile(r"[\u0e00-\u0e7f]")


def _export(org, path):
    call_command("org", "export", "--org", org.slug, str(path), stdout=StringIO())
    return path


def _retire(org, path, *extra):
    out = StringIO()
    call_command("org", "retire", "--org", org.slug, "--export", str(path), *extra, stdout=out)
    return out.getvalue()


def _stored_names(org):
    """The stored files the organization's rows name."""
    names = set()
    for step in plan():
        for f in step.model._meta.concrete_fields:
            if f.get_internal_type() == "FileField":
                keys = _row_keys(org, plan()).get(step.label, [])
                names.update(
                    n
                    for n in step.model._base_manager.filter(pk__in=keys).values_list(f.name, flat=True)
                    if n
                )
    return names


@pytest.fixture
def two_orgs():
    org, other = h.small_org(), h.small_org("nongkhai", "6905678")
    # One person on the staff of both: her account stays (it belongs to the other organization too).
    shared = make_staff(other, "shared.officer", "integrity_officer")
    Person.objects.create(org=org, user=shared, full_name="shared.officer")
    return org, other


def _refused(org, path, words):
    before = h.everything()
    with pytest.raises(CommandError) as refused:
        _retire(org, path)
    message = str(refused.value)
    assert THAI.search(message) and words in message, message
    assert h.everything() == before
    assert Organization.objects.filter(pk=org.pk).exists()


@pytest.mark.django_db
def test_retire_refuses_a_file_that_is_not_an_export_or_not_this_one(tmp_path, two_orgs):
    org, other = two_orgs
    _refused(org, tmp_path / "missing.zip", "ไม่พบไฟล์")
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    _refused(org, junk, "zip")
    # The other organization's export, recorded as such: not this organization's.
    _refused(org, _export(other, tmp_path / "other.zip"), "nongkhai")
    # This organization's rows, but not a file it was exported to (the same members, zipped again).
    path = _export(org, tmp_path / "org.zip")
    copy = tmp_path / "copy.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
        for name in src.namelist():
            out.writestr(name, src.read(name))
    _refused(org, copy, "SHA-256")


@pytest.mark.django_db
def test_retire_refuses_a_stale_export(tmp_path, two_orgs):
    org, _other = two_orgs
    path = _export(org, tmp_path / "org.zip")
    admin = get_user_model().objects.get(username="nongbua.admin")
    services.set_emblem(org, h.png_upload(colour=(0, 0, 200)), by=admin)  # an audited change
    _refused(org, path, "หลังการส่งออก")
    # An unaudited one (a row written around the verbs) is caught by the row counts.
    path = _export(org, tmp_path / "again.zip")
    Unit.objects.create(org=org, name="กองใหม่")
    _refused(org, path, "core.unit")


@pytest.mark.django_db
def test_retire_after_export_removes_the_organization_and_leaves_the_other_one(
    tmp_path, two_orgs, django_capture_on_commit_callbacks
):
    org, other = two_orgs
    path = _export(org, tmp_path / "org.zip")
    _export(org, tmp_path / "second.zip")  # a later export is not a change
    manifest, _rows, stored = h.read_archive(path)
    org_files = _stored_names(org)
    other_files = _stored_names(other)
    assert org_files and other_files and org_files <= set(stored)
    other_keys = _row_keys(other, plan())
    before, _names = h.everything()

    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        out = _retire(org, path, "--moved-to", "https://nongbua.example.go.th/nongbua/")
    assert after_commit, "the files are deleted once the transaction has committed"
    assert "nongbua" in out and THAI.search(out)

    after, names = h.everything()
    for step in plan():
        if step.how in ("org", "parent"):
            assert after[step.label] == before[step.label] - manifest["models"][step.label], step.label
            if step.how == "org":
                assert not step.model._base_manager.filter(org=org).exists(), step.label
    assert all(not keys for lbl, keys in _row_keys(org, plan()).items() if lbl != "core.organization")
    assert not (org_files & names) and other_files <= names
    assert _row_keys(other, plan()) == other_keys
    # The tombstone, out of every listing, its slug still taken, its local code free again.
    tomb = Organization.everywhere.get(pk=org.pk)
    assert (
        tomb.retired_at and tomb.moved_to == "https://nongbua.example.go.th/nongbua/" and tomb.emblem is None
    )
    assert not Organization.objects.filter(pk=org.pk).exists()
    assert list(Area().organizations()) == [other]
    with pytest.raises(ValidationError):
        onboarding.onboard(onboarding.OrgSpec(slug="nongbua", name="ใหม่"))
    assert (
        "ใช้แล้ว"
        in onboarding.OrgSpec(slug="nongbua", name="ใหม่").clean(taken_slugs=onboarding._taken()[0]).errors[0]
    )
    # Accounts: none of the organization's own can sign in; the shared one still can.
    User = get_user_model()
    assert not User.objects.filter(username__startswith="nongbua.").exists()
    assert authenticate(username="nongbua.admin", password="pw-nongbua.admin") is None
    assert authenticate(username="shared.officer", password="pw-shared.officer") is not None
    assert authenticate(username="nongkhai.admin", password="pw-nongkhai.admin") is not None
    # The audit chain is whole: the organization's events stay, with the retirement's.
    assert audit.verify() == (True, None)
    call_command("audit", "verify", stdout=StringIO())
    event = AuditEvent.objects.get(org_id=org.pk, action="core.org_retired")
    assert event.data["sha256"] == h.sha256_of(path)
    assert AuditEvent.objects.filter(org_id=org.pk, action="core.org_exported").count() == 2
    # Every address of it answers 410 Gone, in Thai, with the new address.
    client = Client()
    for url in ("/nongbua/", "/nongbua/staff/", "/nongbua/complaints/"):
        page = client.get(url)
        assert page.status_code == 410, url
        assert (
            "ย้าย" in page.content.decode()
            and "https://nongbua.example.go.th/nongbua/" in page.content.decode()
        )
    assert client.get("/nongkhai/").status_code == 200
    assert client.get("/no-such-org/").status_code == 404
    with pytest.raises(CommandError):
        _retire(tomb, path)  # once
