"""Helpers of the organization-move tests: a small organization, a snapshot, and "another deployment".

One test database stands for both deployments: after the export the organization is wiped from it
(its audit events too, by a raw delete no code path has: on a real target they were never there), and
rows of another organization are put at the old keys, so a key kept by mistake would name them.
"""

import io
import json

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from sujarit.core import services
from sujarit.core.models import AuditEvent, Organization, Person, TOTPDevice, Unit
from sujarit.core.orgmove import archive
from sujarit.core.orgmove.exporting import _serialize, file_fields, user_fields
from sujarit.core.orgmove.importing import Row
from sujarit.core.orgmove.plan import plan, rewrite_names
from sujarit.core.registry import registry

from .personas import make_org, make_staff


def png_upload(name="emblem.png", colour=(200, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def small_org(slug="nongbua", code="6901234"):
    """An organization with units, people, roles, a TOTP device, a file and its emblem (a key cycle)."""
    org = make_org(slug, "เทศบาลตำบลหนองบัว")
    Organization.objects.filter(pk=org.pk).update(local_code=code)
    org.refresh_from_db()
    admin = make_staff(org, f"{slug}.admin", "admin")
    make_staff(org, f"{slug}.integrity", "integrity_officer", unit_name="กองคลัง")
    TOTPDevice.objects.create(user=admin, secret="JBSWY3DPEHPK3PXP", confirmed=True, last_used_step=7)
    services.set_emblem(org, png_upload(), by=admin)
    org.refresh_from_db()
    return org


def everything():
    """{label: row count} of every model, and the stored files' names."""
    counts = {m._meta.label_lower: m._base_manager.count() for m in apps.get_models()}
    names = set()
    root = default_storage.location
    import os

    for folder, _dirs, found in os.walk(root):
        names.update(os.path.relpath(os.path.join(folder, f), root) for f in found)
    return counts, names


def read_archive(path):
    with archive.Reader(path) as reader:
        steps = plan(rewrite_names())
        rows = {s.label: reader.json(f"rows/{s.label}.json") for s in steps}
        stored = {
            name: reader.read("files/" + name)
            for s in steps
            for f in file_fields(s.model)
            for r in rows[s.label]
            if (name := r["fields"][f.name])
        }
        return reader.manifest, rows, stored


def wipe(org, rows):
    """Remove the organization's rows (those of the file) from this database as if they had never been
    here, then let the database check its foreign keys: a row the export missed that names one of them
    (a model with an `org`, a row hanging off a moved one) fails that check."""
    AuditEvent.objects.filter(org=org)._raw_delete(connection.alias)
    users = [r["pk"] for r in rows["auth.user"]]
    AuditEvent.objects.filter(actor__in=users)._raw_delete(connection.alias)
    for step in reversed(plan()):
        pks = [r["pk"] for r in rows[step.label]]
        for f in step.model._meta.many_to_many:
            f.remote_field.through._base_manager.filter(**{f"{f.m2m_field_name()}__in": pks})._raw_delete(
                connection.alias
            )
        for f in file_fields(step.model):
            for name in step.model._base_manager.filter(pk__in=pks).values_list(f.name, flat=True):
                if name:
                    default_storage.delete(name)
        step.model._base_manager.filter(pk__in=pks)._raw_delete(connection.alias)
    connection.check_constraints()


def occupy_old_keys(org_pk, unit_pks, person_pks):
    """Another organization's rows at the keys the moved one had."""
    other = Organization.objects.create(pk=org_pk, slug="occupier", name="อบต.ที่มาก่อน")
    for pk in unit_pks:
        Unit.objects.create(pk=pk, org=other, name=f"หน่วย {pk}")
    for pk in person_pks:
        Person.objects.create(pk=pk, org=other, full_name=f"คนที่ {pk}")
    return other


def _normal(value):
    return json.loads(archive.dumps(value))


def assert_moved_identically(rows, stored, result):
    """Every row of the file is in the database under its new key, field by field: foreign keys name
    the new keys of the same rows, files hold the same bytes, registered rewrites applied."""
    keys = result.keys
    inserted = set(keys)
    for step in plan(rewrite_names()):
        lbl = step.label
        old = rows[lbl]
        new_keys = [keys[lbl][r["pk"]] for r in old]
        assert len(set(new_keys)) == len(new_keys) == len(old), lbl
        qs = step.model._base_manager.filter(pk__in=new_keys)
        fresh = {
            r["pk"]: _normal(r["fields"])
            for r in _serialize(qs, user_fields() if step.how == "users" else None)
        }
        assert len(fresh) == len(old), lbl
        rewrites = [r for r in registry.move_rewrites.values() if r.model == lbl]
        for r in old:
            expected = dict(r["fields"])
            for rewrite in rewrites:
                expected[rewrite.field] = rewrite.rewrite(
                    expected[rewrite.field], Row(r["fields"], r["pk"], keys, inserted)
                )
            for f in step.model._meta.get_fields():
                if not (f.concrete and f.is_relation) or expected.get(f.name) is None:
                    continue
                target = keys[f.related_model._meta.label_lower]
                value = expected[f.name]
                expected[f.name] = sorted(target[v] for v in value) if f.many_to_many else target[value]
            got = fresh[keys[lbl][r["pk"]]]
            for f in step.model._meta.get_fields():
                if f.many_to_many and f.name in got:
                    got[f.name] = sorted(got[f.name])
            for f in file_fields(step.model):
                if expected[f.name]:
                    with default_storage.open(got[f.name], "rb") as kept:
                        assert kept.read() == stored[expected[f.name]], (lbl, f.name)
                    expected[f.name] = got[f.name] = "same bytes"
            assert got == _normal(expected), (lbl, r["pk"])


def sha256_of(path):
    import hashlib

    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()
