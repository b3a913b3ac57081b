"""Moving an organization to another deployment: `sujarit org export` then `sujarit org import-data`.

The file holds every row of the organization, its accounts and stored files; the import re-keys
every row and changes nothing when it refuses (issue 14).
"""

import hashlib
import json
import re
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sujarit.core import audit
from sujarit.core.models import Attachment, AuditEvent, Organization
from sujarit.core.orgmove import EXCLUDED, ImportRefused, archive, import_file, plan
from sujarit.core.orgmove.plan import sujarit_models

from . import orgmove_helpers as h

THAI = re.compile(r"[\u0e00-\u0e7f]")


def test_every_sujarit_model_is_moved_or_declared_excluded():
    moved = {s.label for s in plan()}
    every = {m._meta.label_lower for m in sujarit_models()}
    assert every - moved == set(EXCLUDED), "a model neither moved nor excluded: core/orgmove/plan.py"
    assert {"core.auditevent", "disclosure.oityear", "core.platformoperator", "oversight.supervisor"} <= set(
        EXCLUDED
    )
    assert {"auth.user", "core.totpdevice", "core.rolegrant", "complaints.caseevent"} <= moved


def export(org, path):
    out = StringIO()
    call_command("org", "export", "--org", org.slug, str(path), stdout=out)
    return out.getvalue()


def import_data(path):
    out = StringIO()
    call_command("org", "import-data", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_small_organization_moves_with_its_accounts_files_and_emblem(tmp_path, other_org_officer):
    org = h.small_org()
    path = tmp_path / "nongbua.zip"
    assert "nongbua" in export(org, path)
    assert AuditEvent.objects.filter(org=org, action="core.org_exported").exists()
    manifest, rows, stored = h.read_archive(path)
    assert manifest["models"]["core.totpdevice"] == 1 and len(stored) == 1
    assert not rows["auth.user"][0]["fields"].get("is_superuser")
    old_org_pk = org.pk
    old_units = [r["pk"] for r in rows["core.unit"]]
    old_people = [r["pk"] for r in rows["core.person"]]
    h.wipe(org, rows)
    h.occupy_old_keys(old_org_pk, old_units, old_people)

    result = import_file(path)
    h.assert_moved_identically(rows, stored, result)
    moved = result.org
    assert moved.slug == "nongbua" and moved.pk != old_org_pk
    assert moved.emblem.org_id == moved.pk  # the cycle organization → emblem → organization closed
    assert {p.former_pks[0] for p in moved.people.all()} == set(old_people)
    event = AuditEvent.objects.get(org=moved, action="core.org_imported")
    kept = Attachment.objects.get(pk=event.data["archive"])
    assert kept.org_id == moved.pk and event.data["archive_sha256"] == kept.sha256
    assert audit.digest(event) == event.hash


@pytest.mark.django_db
def test_a_taken_slug_is_refused_in_thai_and_nothing_changes(tmp_path):
    org = h.small_org()
    path = tmp_path / "org.zip"
    export(org, path)
    before = h.everything()
    with pytest.raises(CommandError) as refused:
        import_data(path)
    message = str(refused.value)
    assert "nongbua" in message and THAI.search(message)
    assert "ชื่อผู้ใช้" in message  # the accounts are there too: every clash is named at once
    assert h.everything() == before


@pytest.mark.django_db
def test_taken_user_names_are_refused_even_for_a_new_slug(tmp_path):
    org = h.small_org()
    path = tmp_path / "org.zip"
    export(org, path)
    Organization.objects.filter(pk=org.pk).update(slug="renamed", local_code="")
    before = h.everything()
    with pytest.raises(CommandError, match="nongbua.admin"):
        import_data(path)
    assert h.everything() == before


def _rewrite(path, out, change):
    """A copy of the archive with `change(name, data) -> data | None` applied to each member."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info.filename))
            if data is not None:
                dst.writestr(info.filename, data)
    return out


def _edit(member, edit):
    """Damage: one JSON member changed, the manifest left as it was."""
    return lambda name, data: archive.dumps(edit(json.loads(data))) if name == member else data


def _forge(path, out, member, edit):
    """Forgery: one JSON member changed *and* its checksum in the manifest written to match."""
    with zipfile.ZipFile(path) as src:
        manifest = json.loads(src.read("manifest.json"))
        body = archive.dumps(edit(json.loads(src.read(member))))
    manifest["members"][member] = {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
    swap = {member: body, "manifest.json": archive.dumps(manifest)}
    return _rewrite(path, out, lambda name, data: swap.get(name, data))


def _append(out):
    with zipfile.ZipFile(out, "a") as z:
        z.writestr("extra.txt", b"hello")
    return out


def _fields(change):
    return lambda rows: [{**r, "fields": {**r["fields"], **change}} for r in rows]


BAD_FILES = {
    "not a zip": lambda p, out: out.write_bytes(b"PK\x03\x04 this is not a zip at all") or out,
    "empty": lambda p, out: out.write_bytes(b"") or out,
    "truncated": lambda p, out: out.write_bytes(p.read_bytes()[: p.stat().st_size // 2]) or out,
    "wrong version": lambda p, out: _rewrite(p, out, _edit("manifest.json", lambda m: {**m, "version": 99})),
    "other format": lambda p, out: _rewrite(p, out, _edit("manifest.json", lambda m: {**m, "format": "x"})),
    "tampered rows": lambda p, out: _rewrite(p, out, _edit("rows/core.unit.json", _fields({"name": "x"}))),
    "missing file": lambda p, out: _rewrite(p, out, lambda n, d: None if n.startswith("files/") else d),
    "extra member": lambda p, out: _append(_rewrite(p, out, lambda n, d: d)),
    "forged audit event": lambda p, out: _forge(
        p, out, "audit.json", lambda t: {**t, "events": [{**t["events"][0], "action": "x"}, *t["events"][1:]]}
    ),
    "forged dangling key": lambda p, out: _forge(
        p, out, "rows/core.rolegrant.json", _fields({"person": 10**9})
    ),
    "forged bad value": lambda p, out: _forge(p, out, "rows/core.unit.json", _fields({"order": "many"})),
    "forged unknown field": lambda p, out: _forge(p, out, "rows/core.unit.json", _fields({"colour": "red"})),
    "forged file name": lambda p, out: _forge(
        p, out, "rows/core.attachment.json", _fields({"file": "../../x"})
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("damage", sorted(BAD_FILES))
def test_a_bad_file_is_refused_in_thai_and_nothing_changes(tmp_path, damage):
    org = h.small_org()
    path = tmp_path / "org.zip"
    export(org, path)
    h.wipe(org, h.read_archive(path)[1])
    bad = BAD_FILES[damage](path, tmp_path / "bad.zip")
    before = h.everything()
    with pytest.raises(CommandError) as refused:
        import_data(bad)
    assert THAI.search(str(refused.value)), str(refused.value)
    assert h.everything() == before


@pytest.mark.django_db
def test_random_damage_is_refused_in_thai_or_changes_nothing_that_matters(tmp_path):
    """Any bytes of the file changed: refused in Thai with nothing changed, or (a zip's date or spare
    field) imported exactly as the undamaged file would be."""
    from django.core.files.storage import default_storage
    from django.db import transaction
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    org = h.small_org()
    path = tmp_path / "org.zip"
    export(org, path)
    _manifest, rows, stored = h.read_archive(path)
    h.wipe(org, rows)
    good = path.read_bytes()
    before = h.everything()
    outcomes = {"refused": 0, "imported": 0}

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(st.integers(0, len(good) - 1), st.integers(1, 255)), min_size=1, max_size=4))
    def damaged(flips):
        data = bytearray(good)
        for at, xor in flips:
            data[at] ^= xor
        bad = tmp_path / "bad.zip"
        bad.write_bytes(bytes(data))
        try:
            with transaction.atomic():
                result = import_file(bad)
                h.assert_moved_identically(rows, stored, result)
                outcomes["imported"] += 1
                for name in [*result.files.values(), result.archive.file.name]:
                    default_storage.delete(name)
                transaction.set_rollback(True)
        except ImportRefused as exc:
            assert THAI.search(str(exc)), str(exc)
            outcomes["refused"] += 1
        assert h.everything() == before

    damaged()
    assert outcomes["refused"] > 0, outcomes


class _Row:
    """A row being inserted, as a rewrite sees it: source keys 12, 7, 3 became 112, 107, 103."""

    def __init__(self, **fields):
        self.fields, self.old_pk = fields, 5

    def new_pk(self, label, old):
        return {12: 112, 7: 107, 3: 103}.get(old)


def test_plain_value_keys_are_rewritten_to_the_forms_the_modules_compute():
    from sujarit.core.registry import registry

    def rewrite(key, value, **fields):
        return registry.move_rewrites[key].rewrite(value, _Row(**fields))

    assert rewrite("procurement.flagreview.key", "p12") == "p112"
    assert rewrite("procurement.flagreview.key", "p12:3-5") == "p112:3-5"
    assert rewrite("procurement.flagreview.key", "v7") == "v107"
    assert rewrite("procurement.flagreview.key", "fy2568") == "fy2568"
    assert rewrite("procurement.flagreview.key", "p99") == "p?99"  # names no moved row: matches nothing
    assert rewrite("integrity.coimatch.key", "person:12|vendor:7") == "person:112|vendor:107"
    assert rewrite("integrity.coimatch.key", "interest:3|director:7:3100000000001") == (
        "interest:103|director:107:3100000000001"
    )
    assert rewrite("integrity.nointerest.project_id", 12) == 112
    assert rewrite("integrity.nointerest.project_id", 99) == 0
    assert rewrite("surveys.response.context_ref", "12", context_key="complaints.closed_case") == "112"
    assert rewrite("surveys.response.context_ref", "12", context_key="disclosure.answered_request") == "112"
    assert rewrite("surveys.response.context_ref", "tok12", context_key="queue.served_ticket") == "tok12"
    assert rewrite("complaints.caseevent.data", {"person": 7}) == {"person": 107}
    assert rewrite("complaints.caseevent.data", {"from": "new"}) == {"from": "new"}
    assert rewrite("core.person.former_pks", [1]) == [1, 5]


@pytest.mark.django_db
def test_a_stored_name_taken_here_gets_a_free_name_and_the_other_file_stays(tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    org = h.small_org()
    path = tmp_path / "org.zip"
    export(org, path)
    _manifest, rows, stored = h.read_archive(path)
    h.wipe(org, rows)
    (name,) = stored
    default_storage.save(name, ContentFile(b"another organization's file"))

    result = import_file(path)
    h.assert_moved_identically(rows, stored, result)
    assert result.files[name] != name and result.org.emblem.file.name == result.files[name]
    with default_storage.open(name, "rb") as other:
        assert other.read() == b"another organization's file"


@pytest.mark.django_db
def test_an_export_that_would_lose_a_link_is_refused_in_thai_and_writes_no_file(tmp_path, other_org):
    from django.core.files.storage import default_storage

    from sujarit.core.models import Person, Unit

    org = h.small_org()
    path = tmp_path / "org.zip"
    elsewhere = Unit.objects.create(org=other_org, name="กองของหน่วยงานอื่น")
    Person.objects.filter(org=org).update(unit=elsewhere)
    with pytest.raises(CommandError) as refused:
        export(org, path)
    assert "core.unit" in str(refused.value) and THAI.search(str(refused.value))
    assert not path.exists() and not list(tmp_path.glob(".sujarit-export-*"))

    Person.objects.filter(org=org).update(unit=None)
    default_storage.delete(org.emblem.file.name)
    with pytest.raises(CommandError, match=org.emblem.file.name):
        export(org, path)
    assert not path.exists()
