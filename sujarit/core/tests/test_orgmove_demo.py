"""The demo organization, every module's data, moved to "another deployment" and compared field by
field: rows under new keys, files byte for byte, the corruption channel still sealed and still
readable by its officer with her own password (issue 14)."""

import re
import time
from io import StringIO

import pytest
from django.core.management import call_command

from sujarit.complaints.models import Case, CaseKey, Category, Kind, OfficerKey
from sujarit.complaints.protection import crypto, pow
from sujarit.complaints.services import intake, integrity, keys
from sujarit.complaints.tests.test_integrity_staff import _photo
from sujarit.core.models import AuditEvent, Organization, Role
from sujarit.core.orgmove import export_org, import_file
from sujarit.core.orgmove.plan import plan
from sujarit.surveys.models import Response

from . import orgmove_helpers as h
from .personas import make_staff


@pytest.mark.django_db
def test_the_demo_organization_moves_field_by_field(tmp_path, other_org_officer, capsys):
    out = StringIO()
    call_command("demo", "load", stdout=out)
    org = Organization.objects.get(slug="laemsom")
    officer = OfficerKey.objects.get(person__org=org).person
    username = officer.user.username
    # The printed password of the demo's integrity officer ("  <username> <password> <role>").
    password = re.search(rf"^\s+{re.escape(username)}\s+(\S+)\s", out.getvalue(), re.M)[1]
    # A second officer, whom the reporter leaves out of a report with a photo.
    left_out = make_staff(org, "laemsom.integrity2", Role.INTEGRITY_OFFICER, unit_name="กองช่าง").people.get()
    keys.setup_key(left_out, "pw-2")
    _case, receipt = intake.submit_report(
        org, category=Category.objects.filter(org=org, kind=Kind.INTEGRITY).first(), accused_unit=None,
        accused_name="", text="เรียกรับเงินค่าใบอนุญาต", checked_files=[_photo()], token=pow.issue(org),
        recipients=[officer.pk],
    )  # fmt: skip
    tenant_counts = {s.label: s.model._base_manager.filter(org=org).count() for s in plan() if s.how == "org"}
    path = tmp_path / "laemsom.zip"

    started = time.monotonic()
    done = export_org(org, path)
    seconds = time.monotonic() - started
    with capsys.disabled():
        print(f"\ndemo org export: {done.rows} rows, {done.files} files, {done.events} audit events, "
              f"{done.size} bytes in {seconds:.2f} s")  # fmt: skip
    manifest, rows, stored = h.read_archive(path)
    for lbl, count in tenant_counts.items():
        assert manifest["models"][lbl] == count, lbl
    assert {"core.attachment", "complaints.casefile", "disclosure.publicationversion"} & {
        lbl for lbl, n in manifest["models"].items() if n
    }, "the demo has stored files"
    assert stored, "the demo has stored files"
    sealed = {r["pk"]: r["fields"]["sealed"] for r in rows["complaints.case"] if r["fields"]["sealed"]}
    assert sealed, "the demo has corruption reports"

    old_pks = (org.pk, [r["pk"] for r in rows["core.unit"]], [r["pk"] for r in rows["core.person"]])
    h.wipe(org, rows)
    h.occupy_old_keys(*old_pks)

    started = time.monotonic()
    result = import_file(path)
    with capsys.disabled():
        print(
            f"demo org import: {result.rows} rows, {len(result.files)} files in {time.monotonic() - started:.2f} s"
        )
    h.assert_moved_identically(rows, stored, result)
    assert AuditEvent.objects.filter(org=result.org, action="core.org_imported").count() == 1
    # Satisfaction answers still name their (re-keyed) closed cases: the complaints figures count them.
    rated = Response.objects.filter(org=result.org, context_key="complaints.closed_case")
    assert rated.exists()
    assert all(Case.objects.filter(org=result.org, pk=int(r.context_ref)).exists() for r in rated)

    # Still sealed, byte for byte, and the officer opens the report with her own password; the
    # officer the reporter left out (named in the sealed report by the key he had) stays left out.
    moved_officer = OfficerKey.objects.get(person__user__username=username)
    private = crypto.unwrap_private(moved_officer.wrapped_private, moved_officer.salt, password)
    case_key = CaseKey.objects.get(
        person=moved_officer.person, case__org=result.org, case__kind=Kind.INTEGRITY
    )
    case = Case.objects.get(pk=case_key.case_id)
    key = crypto.unseal(private, case_key.sealed_key)
    assert crypto.open_json(key, case.sealed)["text"] == "เรียกรับเงินค่าใบอนุญาต"
    assert case.files.count() == 1 and crypto.decrypt(key, case.files.get().blob.read()).startswith(
        b"\xff\xd8"
    )
    # The reporter's receipt still opens the report (derived with the organization's salt, moved too).
    assert intake.open_with_receipt(result.org, receipt) == (case, key)
    moved_left_out = result.org.people.get(user__username="laemsom.integrity2")
    assert moved_left_out.pk not in crypto.open_json(key, case.sealed)["left_out"]
    assert integrity.conflicted(moved_left_out, case, key)
    assert not integrity.conflicted(moved_officer.person, case, key)
