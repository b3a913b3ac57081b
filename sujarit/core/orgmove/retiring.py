"""`sujarit org retire`: remove an organization that has moved to another deployment.

Only with the file it moved with: an export of this very organization, recorded by its
`core.org_exported` audit event (same SHA-256), after which no audited change of the organization
happened and its row counts are still the file's. Then, in one transaction, every row the export
plan moved is deleted (children first), the accounts that were only the organization's are removed,
and the Organization row stays as a tombstone (`retired_at`, `moved_to`): the audit chain names it
and must not be cut. Stored files are deleted once the transaction has committed.
"""

import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import AuditEvent, Organization, Person, PlatformOperator
from . import archive
from .exporting import file_fields
from .plan import label, plan, rewrite_names

CHUNK = 500
# What an audit event after the export may be without the export being stale: another export.
NOT_A_CHANGE = {"core.org_exported"}


class RetireRefused(Exception):
    """The organization is not removed (message in Thai); nothing was changed."""


@dataclass
class Retired:
    org: Organization
    rows: int
    files: int
    accounts_deleted: int
    accounts_closed: int
    sha256: str


def _sha256(path):
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as src:
            while chunk := src.read(archive.CHUNK):
                digest.update(chunk)
    except FileNotFoundError:
        raise RetireRefused(_("There is no file %(path)s.") % {"path": path}) from None
    except OSError as exc:
        raise RetireRefused(_("The file cannot be read: %(error)s") % {"error": exc.strerror}) from None
    return digest.hexdigest()


def _manifest(org, path):
    """The file's manifest, once the file is whole and holds this organization (by slug and key)."""
    try:
        with archive.Reader(path) as reader:
            org_rows = reader.json("rows/core.organization.json")
            manifest = reader.manifest
    except archive.ArchiveError as exc:
        raise RetireRefused(str(exc)) from None
    pk = org_rows[0].get("pk") if isinstance(org_rows, list) and len(org_rows) == 1 else None
    if manifest.get("org") != org.slug or pk != org.pk:
        raise RetireRefused(
            _("The file is an export of another organization (%(found)s), not of %(slug)s.")
            % {"found": manifest.get("org"), "slug": org.slug}
        )
    return manifest


def _check_export(org, sha, manifest, pks):
    exported = (
        AuditEvent.objects.filter(org=org, action="core.org_exported", data__sha256=sha)
        .order_by("-seq")
        .first()
    )
    if exported is None:
        raise RetireRefused(
            _(
                "No export of %(slug)s with this file's SHA-256 (%(sha)s) is recorded in the audit log: "
                "retire only with the file the organization was moved with."
            )
            % {"slug": org.slug, "sha": sha}
        )
    later = (
        AuditEvent.objects.filter(org=org, seq__gt=exported.seq)
        .exclude(action__in=NOT_A_CHANGE)
        .order_by("seq")
    ).first()
    if later is not None:
        raise RetireRefused(
            _(
                "%(slug)s changed after this export (audit event %(seq)s, %(action)s): it would be lost. "
                "Export again, import that file on the target, then retire with it."
            )
            % {"slug": org.slug, "seq": later.seq, "action": later.action}
        )
    # Audited writes are the rule; counting the rows also catches one that was not audited.
    counts = manifest.get("models") or {}
    for lbl, found in pks.items():
        if counts.get(lbl) != len(found):
            raise RetireRefused(
                _(
                    "%(slug)s changed after this export (%(model)s: %(now)s records now, %(then)s in the file): "
                    "it would be lost. Export again, import that file on the target, then retire with it."
                )
                % {"slug": org.slug, "model": lbl, "now": len(found), "then": counts.get(lbl)}
            )
    return exported


def _row_keys(org, steps):
    """{label: [pk]} of every row the export moves, the organization itself included."""
    pks: dict = {}
    for step in steps:
        m = step.model
        if step.how == "self":
            pks[step.label] = [org.pk]
        elif step.how == "org":
            pks[step.label] = list(m._base_manager.filter(org=org).values_list("pk", flat=True))
        elif step.how == "parent":
            parent = pks[label(m._meta.get_field(step.via).related_model)]
            found: list = []
            for i in range(0, len(parent), CHUNK):
                found += m._base_manager.filter(**{f"{step.via}__in": parent[i : i + CHUNK]}).values_list(
                    "pk", flat=True
                )
            pks[step.label] = found
    return pks


def _user_refs(pks):
    """Accounts the organization's rows name (as the export collects them)."""
    user_model = get_user_model()
    named = set()
    for lbl, keys in pks.items():
        m = apps.get_model(lbl)
        for f in m._meta.concrete_fields:
            if f.is_relation and f.related_model is user_model:
                for i in range(0, len(keys), CHUNK):
                    named.update(
                        m._base_manager.filter(pk__in=keys[i : i + CHUNK], **{f"{f.name}__isnull": False})
                        .values_list(f.attname, flat=True)
                    )  # fmt: skip
    return named


def _removable(org, named):
    """The named accounts that are the organization's only: no person of another organization, no
    platform operator or supervisor, no superuser."""
    keep = set(Person.objects.filter(user_id__in=named).exclude(org=org).values_list("user_id", flat=True))
    keep |= set(PlatformOperator.objects.filter(user_id__in=named).values_list("user_id", flat=True))
    keep |= set(
        get_user_model()._base_manager.filter(pk__in=named, is_superuser=True).values_list("pk", flat=True)
    )
    if apps.is_installed("sujarit.oversight"):
        supervisor = apps.get_model("oversight", "Supervisor")
        keep |= set(supervisor.objects.filter(user_id__in=named).values_list("user_id", flat=True))
    return sorted(set(named) - keep)


def _still_named(users, pks):
    """Of `users`, those a row that stays (an audit event, another organization's row) names: they are
    closed, not deleted — deleting would cut the audit chain or change another organization's data."""
    user_model = get_user_model()
    named: set = set()
    for m in apps.get_models(include_auto_created=True):
        for f in m._meta.concrete_fields:
            if not (f.is_relation and f.related_model is user_model):
                continue
            qs = m._base_manager.filter(**{f"{f.name}__in": users})
            leaving = pks.get(label(m))
            if leaving:
                qs = qs.exclude(pk__in=leaving)
            named.update(qs.values_list(f.attname, flat=True))
    return named


def _delete(model, keys):
    """Delete rows by key, their many-to-many links first; raw: a cascade must not reach other rows
    (the database's foreign keys refuse what would be left dangling)."""
    for f in model._meta.many_to_many:
        through = f.remote_field.through
        for i in range(0, len(keys), CHUNK):
            through._base_manager.filter(**{f"{f.m2m_field_name()}_id__in": keys[i : i + CHUNK]})._raw_delete(
                connection.alias
            )
    for i in range(0, len(keys), CHUNK):
        model._base_manager.filter(pk__in=keys[i : i + CHUNK])._raw_delete(connection.alias)


def _close(users):
    """An account the kept audit events name: no sign-in, no personal data, its user name free."""
    user_model = get_user_model()
    for user in user_model._base_manager.filter(pk__in=users):
        user.set_unusable_password()
        user.is_active = False
        user.username = f"retired-{user.pk}"
        user.email = user.first_name = user.last_name = ""
        user.save(update_fields=["password", "is_active", "username", "email", "first_name", "last_name"])


def retire_org(org, path, *, moved_to=""):
    """Remove a moved organization's data, keeping its row as a tombstone; RetireRefused changes nothing."""
    sha = _sha256(path)
    manifest = _manifest(org, path)
    steps = plan(rewrite_names())
    files = []
    try:
        with transaction.atomic():
            audit._serialize_writers()  # no audited change slips in between the check and the delete
            org = Organization.objects.select_for_update().get(pk=org.pk)
            pks = _row_keys(org, steps)
            exported = _check_export(org, sha, manifest, pks)
            named = _user_refs(pks)
            removed = _removable(org, named)
            closed = _still_named(removed, pks)
            deleted = [u for u in removed if u not in closed]
            pks[label(steps[0].model)] = deleted
            for step in steps:
                if step.how == "account":
                    pks[step.label] = list(
                        step.model._base_manager.filter(**{f"{step.via}__in": removed}).values_list(
                            "pk", flat=True
                        )
                    )
            for step in steps:
                for f in file_fields(step.model):
                    for i in range(0, len(pks[step.label]), CHUNK):
                        for name in step.model._base_manager.filter(
                            pk__in=pks[step.label][i : i + CHUNK]
                        ).values_list(f.name, flat=True):
                            if name:
                                files.append((f.storage, name))
            org.emblem = None
            org.retired_at = timezone.now()
            org.moved_to = moved_to
            org.save(update_fields=["emblem", "retired_at", "moved_to"])
            for step in reversed(steps):
                if step.how != "self":
                    _delete(step.model, pks[step.label])
            _close(sorted(closed))
            connection.check_constraints()  # deferred foreign keys: refuse here, not at commit
            rows = sum(len(v) for k, v in pks.items() if k != "core.organization")
            audit.record(
                org, "core.org_retired", org=org, sha256=sha, export_event=exported.seq, moved_to=moved_to,
                rows=rows, files=len(files), accounts_deleted=len(deleted), accounts_closed=len(closed),
            )  # fmt: skip
            transaction.on_commit(lambda: _remove_files(files))
    except IntegrityError as exc:
        raise RetireRefused(
            _(
                "A record outside the organization still names one of its records (%(error)s); nothing was removed."
            )
            % {"error": exc}
        ) from None
    return Retired(org, rows, len(files), len(deleted), len(closed), sha)


def _remove_files(files):
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            pass  # a file left behind names no row; better than a failed retire after its commit
