"""`sujarit org export`: every row of one organization, its accounts and stored files, into one file.

Nothing is decrypted: the corruption channel's sealed columns and files are copied as stored (binary
columns as base64, files byte for byte). The rows are read in one transaction (a repeatable-read
snapshot on PostgreSQL), so a file never holds a case without its events.
"""

import hashlib
import os
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import AuditEvent
from . import archive
from .plan import USER_FIELDS_DROPPED, label, plan, rewrite_names


class ExportRefused(Exception):
    """The organization cannot be exported as it is (message in Thai); no file was written."""


@dataclass
class Exported:
    rows: int
    files: int
    events: int
    size: int
    sha256: str
    seconds: float


def file_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def user_fields():
    user = get_user_model()
    return [f.name for f in user._meta.get_fields() if f.concrete and not f.primary_key
            and f.name not in USER_FIELDS_DROPPED]  # fmt: skip


def migrations_of(labels):
    """The applied migrations of the apps whose models move: both sides must have the same."""
    apps_moved = {lbl.split(".")[0] for lbl in labels}
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied if app in apps_moved)


def _serialize(qs, fields=None):
    return [
        {"pk": row["pk"], "fields": row["fields"]}
        for row in serializers.serialize("python", qs.order_by("pk"), fields=fields)
    ]


def collect(org, steps):
    """{label: rows} of the organization, accounts last (they are whoever its rows name)."""
    querysets: dict = {}
    rows: dict = {}
    for step in steps:
        m = step.model
        if step.how == "self":
            qs = m._base_manager.filter(pk=org.pk)
        elif step.how == "org":
            qs = m._base_manager.filter(org=org)
        elif step.how == "parent":
            parent = label(m._meta.get_field(step.via).related_model)
            qs = m._base_manager.filter(**{f"{step.via}__in": querysets[parent].values("pk")})
        else:
            continue
        querysets[step.label] = qs
        rows[step.label] = _serialize(qs)
    user_model = get_user_model()
    user_ids = {
        row["fields"][f.name]
        for step in steps
        if step.label in rows
        for f in step.model._meta.concrete_fields
        if f.is_relation and f.related_model is user_model
        for row in rows[step.label]
        if row["fields"][f.name] is not None
    }
    users = user_model._base_manager.filter(pk__in=sorted(user_ids))
    rows[label(user_model)] = _serialize(users, user_fields())
    for step in steps:
        if step.how == "account":
            qs = step.model._base_manager.filter(**{f"{step.via}__in": users.values("pk")})
            rows[step.label] = _serialize(qs)
    return rows


def check_references(steps, rows):
    """Every key a row holds names a row of the file: a reference to another organization's row or to
    platform data would be lost (or worse, point elsewhere) on the target."""
    keys = {lbl: {r["pk"] for r in found} for lbl, found in rows.items()}
    for step in steps:
        relations = [f for f in step.model._meta.get_fields() if f.concrete and f.is_relation]
        for f in relations:
            target = label(f.related_model)
            if step.how == "users" and f.many_to_many:
                continue  # groups and permissions do not move
            for row in rows[step.label]:
                value = row["fields"].get(f.name)
                values = value if f.many_to_many else [value]
                missing = [v for v in values if v is not None and v not in keys.get(target, ())]
                if missing:
                    raise ExportRefused(
                        _(
                            "%(model)s %(pk)s refers to %(target)s %(key)s, which is not part of this organization."
                        )
                        % {"model": step.label, "pk": row["pk"], "target": target, "key": missing[0]}
                    )


def stored_files(steps, rows):
    """[(storage, name, member)] of every file the rows name, each once; all must be in storage."""
    found = {}
    for step in steps:
        for f in file_fields(step.model):
            for row in rows[step.label]:
                name = row["fields"][f.name]
                if not name or name in found:
                    continue
                if not f.storage.exists(name):
                    raise ExportRefused(
                        _("A stored file is missing: %(name)s (%(model)s %(pk)s).")
                        % {"name": name, "model": step.label, "pk": row["pk"]}
                    )
                found[name] = (f.storage, name, "files/" + name)
    return list(found.values())


def audit_events(org):
    events = []
    for e in AuditEvent.objects.filter(org=org).order_by("seq").iterator(chunk_size=2000):
        events.append({f: getattr(e, f) for f in ("id", "hash", *audit.HASHED_FIELDS)})
    head = audit.head()
    return {"events": events, "source_head": head.line() if head else None}


def export_org(org, path):
    """Write the organization to `path`; returns what was written. ExportRefused leaves no file."""
    started = time.monotonic()
    steps = plan(rewrite_names())
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        # One consistent read of many tables (PostgreSQL's READ COMMITTED would see each query's own).
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        rows = collect(org, steps)
        check_references(steps, rows)
        files = stored_files(steps, rows)
        trail = audit_events(org)
        writer = archive.Writer(path)
        try:
            for step in steps:
                writer.add(f"rows/{step.label}.json", archive.dumps(rows[step.label]))
            for storage, name, member in files:
                with storage.open(name, "rb") as src:
                    writer.add_file(member, src)
            writer.add("audit.json", archive.dumps(trail))
            writer.close(
                {
                    "created_at": timezone.now(),
                    "org": org.slug,
                    "models": {step.label: len(rows[step.label]) for step in steps},
                    "migrations": migrations_of(rows),
                }
            )
        except BaseException:
            writer.abort()
            raise
    digest = hashlib.sha256()
    with open(path, "rb") as written:
        while chunk := written.read(archive.CHUNK):
            digest.update(chunk)
    result = Exported(
        rows=sum(len(r) for r in rows.values()), files=len(files), events=len(trail["events"]),
        size=os.path.getsize(path), sha256=digest.hexdigest(), seconds=time.monotonic() - started,
    )  # fmt: skip
    # Who took a full copy of the organization (sealed data included) is itself worth keeping.
    audit.record(org, "core.org_exported", rows=result.rows, files=result.files, sha256=result.sha256)
    return result
