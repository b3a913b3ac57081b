"""`sujarit org import-data`: an exported organization loaded into this deployment, under new keys.

The target may hold other organizations, so no source key is kept: each row is inserted afresh (in
the order of core.orgmove.plan), the old → new key of every row is kept, and foreign keys, many-to-many
links and registered rewrites (registry.move_rewrites) are translated. A nullable key to a row not yet
inserted (a self reference, the organization's emblem, a publication's current version) is filled in
once every row is there. Everything happens in one transaction; the stored files are written inside
it and deleted again if anything fails, so a refused file changes nothing.
"""

from dataclasses import dataclass, field

from django.core import serializers
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation, ValidationError
from django.core.files.base import File
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _

from .. import accounts, audit, onboarding
from ..models import Attachment, Organization
from ..registry import registry
from . import archive, audittrail
from .exporting import file_fields, migrations_of, user_fields
from .plan import label, plan, rewrite_names


class ImportRefused(Exception):
    """The file is not loaded (messages in Thai); nothing was changed."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


@dataclass
class Imported:
    org: Organization
    keys: dict  # label -> {old pk: new pk}
    files: dict  # stored name on the source -> name here
    rows: int
    archive: Attachment | None = None


@dataclass
class Row:
    """What a rewrite sees of the row being inserted (registry.MoveRewrite)."""

    fields: dict
    old_pk: object
    keys: dict
    inserted: set

    def new_pk(self, model_label, old_pk):
        if model_label not in self.inserted and model_label in self.keys:
            raise ImproperlyConfigured(f"{model_label} is inserted after a rewrite that names it")
        return self.keys.get(model_label, {}).get(old_pk)


@dataclass
class _Pending:
    fks: list = field(default_factory=list)  # (model, new pk, field, old target)
    m2m: list = field(default_factory=list)  # (model, new pk, field, old targets)


def _bad(member):
    return ImportRefused(_("The file is damaged: %(member)s cannot be read.") % {"member": member})


def read_rows(reader, steps):
    """{label: rows} with the shape the models expect (every field, nothing else)."""
    rows = {}
    for step in steps:
        member = f"rows/{step.label}.json"
        found = reader.json(member)
        expected = {f.name for f in step.model._meta.get_fields() if f.concrete and not f.primary_key}
        if step.how == "users":
            expected = set(user_fields())
        if not isinstance(found, list) or any(
            not isinstance(r, dict) or set(r) != {"pk", "fields"} or not isinstance(r["fields"], dict)
            or set(r["fields"]) != expected for r in found
        ):  # fmt: skip
            raise _bad(member)
        rows[step.label] = found
    return rows


def readdress(rows, slug=None, local_code=None):
    """Give the organization of the file another address and/or local code here (the operator's
    --slug, --local-code); the problems (Thai) of the values given, checked as onboarding does."""
    if len(rows["core.organization"]) != 1:
        raise _bad("rows/core.organization.json")
    fields = rows["core.organization"][0]["fields"]
    found = []
    if slug is not None:
        slug = slug.strip().lower()
        taken = set(Organization.everywhere.values_list("slug", flat=True))
        problem = onboarding.slug_problem(slug, taken)
        if problem:
            found.append(problem)
        fields["slug"] = slug
    if local_code is not None:
        local_code = local_code.strip()
        if local_code and not onboarding.LOCAL_CODE_RE.match(local_code):
            found.append(_("The local government code %(code)r must be digits only.") % {"code": local_code})
        fields["local_code"] = local_code
    return found


def clashes(steps, rows, *, slug_checked=False):
    """What already exists here and must be unique: the slug, the local code, user names, tokens."""
    found = []
    if len(rows["core.organization"]) != 1:
        raise _bad("rows/core.organization.json")
    (org_row,) = rows["core.organization"]
    slug, code = org_row["fields"]["slug"], org_row["fields"]["local_code"]
    if not slug_checked and (
        Organization.everywhere.filter(slug=slug).exists() or str(slug).lower() in onboarding.reserved_slugs()
    ):
        found.append(
            _(
                "An organization with the address “%(slug)s” already exists here; "
                "import it under another address with --slug NEW."
            )
            % {"slug": slug}
        )
    if code and Organization.objects.filter(local_code=code).exists():
        found.append(
            _(
                "Another organization here already has the local government code %(code)s; "
                "give the moved one another with --local-code CODE, or none with an empty --local-code."
            )
            % {"code": code}
        )
    taken = [r["fields"]["username"] for r in rows[label(steps[0].model)]
             if accounts.username_taken(r["fields"]["username"])]  # fmt: skip
    if taken:
        found.append(_("These user names are already taken here: %(names)s.") % {"names": ", ".join(taken)})
    moved = {s.label for s in steps}
    for step in steps:
        m = step.model
        for f in m._meta.concrete_fields:
            if (
                not f.unique
                or f.primary_key
                or (f.is_relation and label(f.related_model) in moved)  # a new row's key
                or (m, f.name) in ((Organization, "slug"), (steps[0].model, "username"))
            ):
                continue
            values = [r["fields"][f.name] for r in rows[step.label] if r["fields"][f.name] not in (None, "")]
            for i in range(0, len(values), 500):
                if m._base_manager.filter(**{f"{f.name}__in": values[i : i + 500]}).exists():
                    found.append(
                        _("A record of the file clashes with one already here (%(model)s, %(field)s).")
                        % {"model": step.label, "field": f.name}
                    )
                    break
        together = [(tuple(t), None) for t in m._meta.unique_together]
        for fields, condition in [*[(getattr(c, "fields", ()), getattr(c, "condition", None))
                                    for c in m._meta.constraints], *together]:  # fmt: skip
            if (
                not fields
                or m is Organization
                or any(
                    m._meta.get_field(n).is_relation and label(m._meta.get_field(n).related_model) in moved
                    for n in fields
                )
            ):
                continue  # a key to a moved row is new: no clash possible
            for r in rows[step.label]:
                lookup = models.Q(**{n: r["fields"][n] for n in fields}) & (condition or models.Q())
                if m._base_manager.filter(lookup).exists():
                    found.append(
                        _("A record of the file clashes with one already here (%(model)s, %(field)s).")
                        % {"model": step.label, "field": ", ".join(fields)}
                    )
                    break
    return found


def _restore_files(reader, steps, rows, written):
    """Each stored file back under its name, or a free name beside it when that one is taken here."""
    names = {}
    for step in steps:
        for f in file_fields(step.model):
            for row in rows[step.label]:
                name = row["fields"][f.name]
                if not name or name in names:
                    continue
                if not isinstance(name, str):
                    raise _bad(f"rows/{step.label}.json")
                with reader.open("files/" + name) as src:
                    stored = f.storage.save(name, File(src, name=name))
                written.append((f.storage, stored))
                names[name] = stored
    return names


def _insert_all(steps, rows, names):
    keys: dict = {s.label: {} for s in steps}
    inserted: set = set()
    pending = _Pending()
    for step in steps:
        m = step.model
        relations = [f for f in m._meta.get_fields() if f.concrete and f.is_relation]
        rewrites = [r for r in registry.move_rewrites.values() if r.model == step.label]
        pk_field = m._meta.pk
        for source in rows[step.label]:
            old_pk = pk_field.to_python(source["pk"])
            values = dict(source["fields"])
            row = Row(source["fields"], old_pk, keys, inserted)
            for rewrite in rewrites:
                values[rewrite.field] = rewrite.rewrite(values[rewrite.field], row)
            later = []
            for f in relations:
                target = label(f.related_model)
                if f.name not in values:
                    continue  # a user's groups and permissions do not move
                if f.many_to_many:
                    later.append((f, values.pop(f.name)))
                    continue
                old = values[f.name]
                if old is None:
                    continue
                old = f.target_field.to_python(old)
                new = keys.get(target, {}).get(old)
                if new is None and f.null and target in keys and target not in inserted:
                    later.append((f, old))  # inserted later (a cycle, or a row of its own table)
                elif new is None:
                    raise ImportRefused(
                        _(
                            "The file's records do not fit together: %(model)s %(pk)s names a missing %(target)s."
                        )
                        % {"model": step.label, "pk": source["pk"], "target": target}
                    )
                values[f.name] = new
            for f in file_fields(m):
                if values[f.name]:
                    values[f.name] = names[values[f.name]]
            if step.how == "users":
                values["is_superuser"] = False
            (obj,) = serializers.deserialize("python", [{"model": step.label, "pk": None, "fields": values}])
            obj.object.save_base(raw=True, force_insert=True)
            keys[step.label][old_pk] = obj.object.pk
            for f, old in later:
                (pending.m2m if f.many_to_many else pending.fks).append((m, obj.object.pk, f, old))
        inserted.add(step.label)
    for m, pk, f, old in pending.fks:
        new = keys[label(f.related_model)].get(old)
        if new is None:
            raise ImportRefused(
                _("The file's records do not fit together: %(model)s %(pk)s names a missing %(target)s.")
                % {"model": label(m), "pk": pk, "target": label(f.related_model)}
            )
        m._base_manager.filter(pk=pk).update(**{f.attname: new})
    for m, pk, f, olds in pending.m2m:
        through, target = f.remote_field.through, keys[label(f.related_model)]
        if not isinstance(olds, list) or any(o not in target for o in olds):
            raise _bad(f"rows/{label(m)}.json")
        through._base_manager.bulk_create(
            [
                through(**{f"{f.m2m_field_name()}_id": pk, f"{f.m2m_reverse_field_name()}_id": target[o]})
                for o in olds
            ]  # fmt: skip
        )
    return keys


def import_file(path, *, slug=None, local_code=None):
    """Load the organization of the file at `path`, under `slug` and `local_code` when given (None:
    the file's); ImportRefused (Thai) changes nothing."""
    try:
        reader = archive.Reader(path)
    except archive.ArchiveError as exc:
        raise ImportRefused(str(exc)) from None
    with reader:
        try:
            return _import(reader, slug, local_code)
        except archive.ArchiveError as exc:
            raise ImportRefused(str(exc)) from None


# What a forged file's values can raise on their way into the models and the database.
DATA_ERRORS = (
    DatabaseError, ValidationError, serializers.base.DeserializationError, SuspiciousFileOperation,
    ValueError, TypeError, LookupError, AttributeError,
)  # fmt: skip


def _import(reader, slug=None, local_code=None):
    steps = plan(rewrite_names())
    manifest = reader.manifest
    if manifest.get("models") is None or set(manifest["models"]) != {s.label for s in steps} or (
        manifest.get("migrations") != migrations_of(manifest["models"])
    ):  # fmt: skip
        raise ImportRefused(
            _("The file comes from a Sujarit at another version (its tables differ); "
              "upgrade both to the same version first.")
        )  # fmt: skip
    written: list = []
    try:
        with transaction.atomic():  # the checks too: a forged value's DataError must not abort an outer one
            rows = read_rows(reader, steps)
            trail = audittrail.read(reader)
            refused = readdress(rows, slug, local_code)
            refused += clashes(steps, rows, slug_checked=slug is not None)
            if refused:
                raise ImportRefused(refused)
            names = _restore_files(reader, steps, rows, written)
            keys = _insert_all(steps, rows, names)
            org = Organization.objects.get(pk=keys["core.organization"][rows["core.organization"][0]["pk"]])
            kept = audittrail.store(org, trail, keys, written)
            audit.record(
                org, "core.org_imported", org=org, source=manifest.get("org"), slug=org.slug,
                exported_at=manifest.get("created_at"), rows=sum(len(r) for r in rows.values()),
                files=len(names), source_events=len(trail["events"]), archive=kept.pk if kept else None,
                archive_sha256=kept.sha256 if kept else "",
            )  # fmt: skip
    except ImportRefused:
        _remove(written)
        raise
    except archive.ArchiveError as exc:
        _remove(written)
        raise ImportRefused(str(exc)) from None
    except DATA_ERRORS as exc:
        _remove(written)
        raise ImportRefused(
            _("The file's records cannot be loaded here (%(error)s).") % {"error": type(exc).__name__}
        ) from exc
    except BaseException:
        _remove(written)
        raise
    return Imported(org=org, keys=keys, files=names, rows=sum(len(r) for r in rows.values()), archive=kept)


def _remove(written):
    """The files written for a refused import (they are named by no row: the transaction rolled back)."""
    for storage, name in written:
        try:
            storage.delete(name)
        except OSError:
            pass
