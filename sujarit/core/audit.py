"""The append-only, hash-chained audit log: one way to write it (record), one to check it (verify), and
checkpoints of its head that an auditor keeps outside the database, so truncation and rewriting show.

Hash schemes (`AuditEvent.hash_version`, `SCHEMES`): version 1 covered the previous hash, seq, time,
organization, actor id, action, target and data — not `actor_label`. Version 2 covers every stored field
except the row id (a surrogate key) and the hash itself (`HASHED_FIELDS`). Rows keep the scheme they
were written with, so events written before version 2 still verify (keeping version 1's blind spot for
their actor_label); recomputing old hashes in a migration would itself be a rewrite of the chain and
would launder any tampering that happened before it. A row's scheme never goes below its predecessor's.

A chain can always be recomputed by whoever can write the database; only a copy of its head kept
elsewhere (a checkpoint) shows that. `Checkpoint.line()` is what the auditor keeps.
"""

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from .models import AuditCheckpoint, AuditEvent

GENESIS = "0" * 64
CURRENT_VERSION = 2
# Every stored field of AuditEvent but `id` and `hash` (a test keeps this list complete: a new field
# needs a new scheme, or old rows would stop verifying).
HASHED_FIELDS = (
    "hash_version",
    "prev_hash",
    "seq",
    "created_at",
    "org_id",
    "actor_id",
    "actor_label",
    "action",
    "target_type",
    "target_id",
    "data",
)


def _sha256_json(value):
    body = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def _digest_v1(e):
    return _sha256_json(
        [
            e.prev_hash,
            e.seq,
            e.created_at.isoformat(),
            e.org_id,
            e.actor_id,
            e.action,
            e.target_type,
            e.target_id,
            e.data,
        ]
    )


def _digest_v2(e):
    values = {name: getattr(e, name) for name in HASHED_FIELDS}
    values["created_at"] = e.created_at.astimezone(dt.UTC).isoformat()
    return _sha256_json(["sujarit.audit/2", values])


SCHEMES = {1: _digest_v1, 2: _digest_v2}


def digest(event):
    """The hash an event must carry under its own scheme."""
    return SCHEMES[event.hash_version](event)


def _org_of(target):
    from .models import Organization

    if isinstance(target, Organization):
        return target
    return getattr(target, "org", None)


# Any constant: the key of the PostgreSQL advisory lock every audit writer takes.
_ADVISORY_KEY = 0x5AD17  # "audit"


def _serialize_writers():
    """One writer at a time appends to the chain, until its transaction ends.

    On PostgreSQL, `SELECT … FOR UPDATE` of the newest event does not do it: a second writer waits
    for that row, then gets the same row back (READ COMMITTED re-checks the row, not the ORDER BY …
    LIMIT 1), computes the same next `seq` and fails on the unique constraint — seen with concurrent
    queue tickets. A transaction-level advisory lock does. SQLite needs none: its write transactions
    BEGIN IMMEDIATE, one at a time.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_KEY])


@transaction.atomic
def record(target, action, actor=None, *, org=None, **data):
    """Append one event; `target` is a model instance (or None), `data` JSON-serialisable details."""
    org = org or (_org_of(target) if target is not None else None)
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))
    _serialize_writers()
    last = AuditEvent.objects.select_for_update().order_by("-seq").only("seq", "hash").first()
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        org_id=org.pk if org is not None else None,
        seq=(last.seq + 1) if last else 1,
        created_at=timezone.now(),
        actor_id=actor_id,
        actor_label=(actor.get_username() if actor_id else ""),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data,
        prev_hash=last.hash if last else GENESIS,
        hash_version=CURRENT_VERSION,
    )
    event.hash = digest(event)
    event.save()
    if org is not None:
        # The public pages' fast path stops trusting the version it remembered once this is visible to
        # every reader; a cache that fails then must not turn a committed change into an error.
        transaction.on_commit(partial(forget_version, org.slug), robust=True)
    return event


def verify():
    """Walk the whole chain; return (ok, seq of the first bad event or None)."""
    prev = GENESIS
    expected_seq = 1
    version = min(SCHEMES)
    for e in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if (
            e.seq != expected_seq
            or e.prev_hash != prev
            or e.hash_version not in SCHEMES
            or e.hash_version < version
            or digest(e) != e.hash
        ):
            return False, e.seq
        prev = e.hash
        version = e.hash_version
        expected_seq += 1
    return True, None


# --- checkpoints -----------------------------------------------------------------------------------


class CheckpointError(ValueError):
    """A checkpoint that cannot be read or was not issued by this site (message in Thai)."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: dt.datetime | None = None

    def signature(self):
        """HMAC under SECRET_KEY: this site issued the checkpoint (an auditor's copy cannot be forged)."""
        at = self.at.astimezone(dt.UTC).isoformat() if self.at else ""
        return salted_hmac(
            "sujarit.core.audit.checkpoint", f"{self.seq}:{self.hash}:{at}", algorithm="sha256"
        ).hexdigest()

    def line(self):
        """One line of JSON for the auditor's file (`sujarit audit verify --checkpoint FILE` reads it)."""
        at = self.at.astimezone(dt.UTC).isoformat() if self.at else None
        return json.dumps(
            {
                "sujarit_audit_checkpoint": 1,
                "seq": self.seq,
                "hash": self.hash,
                "at": at,
                "hmac": self.signature(),
            }
        )


_PLAIN = re.compile(r"^\s*#?(\d+)\s*[\s:,]\s*([0-9a-fA-F]{64})\s*$")


def _parse_line(line):
    if line.lstrip().startswith("{"):
        try:
            obj = json.loads(line)
            seq, hash_ = int(obj["seq"]), str(obj["hash"]).lower()
            at = dt.datetime.fromisoformat(obj["at"]) if obj.get("at") else None
        except (ValueError, KeyError, TypeError):
            raise CheckpointError(
                _("This is not an audit checkpoint: %(line)s") % {"line": line[:80]}
            ) from None
        if not re.fullmatch(r"[0-9a-f]{64}", hash_) or seq < 1:
            raise CheckpointError(_("This is not an audit checkpoint: %(line)s") % {"line": line[:80]})
        checkpoint = Checkpoint(seq, hash_, at)
        if obj.get("hmac") is not None and not constant_time_compare(
            str(obj["hmac"]), checkpoint.signature()
        ):
            raise CheckpointError(
                _(
                    "The checkpoint of event %(seq)s was not signed by this site: it was altered, or the "
                    "site's secret key has changed since (then give its sequence number and hash only)."
                )
                % {"seq": seq}
            )
        return checkpoint
    match = _PLAIN.match(line)
    if match is None or int(match[1]) < 1:
        raise CheckpointError(_("This is not an audit checkpoint: %(line)s") % {"line": line[:80]})
    return Checkpoint(int(match[1]), match[2].lower())


def parse_checkpoints(text):
    """The checkpoints of a file or pasted text: one per line, as written by `line()` or "<seq> <hash>"."""
    checkpoints = [_parse_line(line) for line in (text or "").splitlines() if line.strip()]
    if not checkpoints:
        raise CheckpointError(_("Give a checkpoint: paste its line or upload the file that holds it."))
    return checkpoints


def head():
    """The chain's last event as a checkpoint taken now, or None when nothing was recorded yet."""
    last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
    return Checkpoint(last.seq, last.hash, timezone.now()) if last else None


def org_version(org_id):
    """The sequence number of the organization's latest audited event (0 before any): it moves with
    every recorded change of its data, so pages computed from the records can be cached under it."""
    last = AuditEvent.objects.filter(org_id=org_id).order_by("-seq").values_list("seq", flat=True).first()
    return last or 0


# The version as the public pages' fast path reads it (core.pagecache), without the database: the
# organization at a web name and its org_version, as a page of it last read them, kept in the cache for
# SUJARIT_PUBLIC_VERSION_SECONDS and forgotten when an event of the organization commits. Keyed by web
# name so that an address never answers for an organization other than the one that holds it now.
def _version_key(slug):
    return f"sujarit:org-version:{slug}"


def remembered_version(slug):
    """(organization id, org_version) at this web name as remembered in the cache, or None."""
    return cache.get(_version_key(slug))


def remember_version(org_id, slug, seq):
    """Remember what a page of the organization was just rendered under, unless something is remembered
    already (a slower request that read an older version must not replace a newer one)."""
    cache.add(_version_key(slug), (org_id, seq), settings.SUJARIT_PUBLIC_VERSION_SECONDS)


def forget_version(slug):
    cache.delete(_version_key(slug))


def latest_checkpoint():
    stored = AuditCheckpoint.objects.order_by("-seq", "-created_at").first()
    return Checkpoint(stored.seq, stored.hash, stored.created_at) if stored else None


@transaction.atomic
def take_checkpoint():
    """Record the chain's head: (checkpoint, created). An unchanged head is not recorded twice."""
    last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
    if last is None:
        return None, False
    stored, created = AuditCheckpoint.objects.get_or_create(
        seq=last.seq, hash=last.hash, defaults={"created_at": timezone.now()}
    )
    return Checkpoint(stored.seq, stored.hash, stored.created_at), created


def check_checkpoint(checkpoint):
    """None when the chain still holds the checkpoint's head; else what happened to it (in Thai)."""
    event = AuditEvent.objects.filter(seq=checkpoint.seq).only("seq", "hash").first()
    if event is None:
        last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        return _(
            "Events were deleted: the chain ends at event %(last)s, before event %(seq)s of the checkpoint."
        ) % {"last": last, "seq": checkpoint.seq}
    if not constant_time_compare(event.hash, checkpoint.hash):
        return _("The chain was rewritten: event %(seq)s no longer has the hash of the checkpoint.") % {
            "seq": checkpoint.seq
        }
    return None


@dataclass
class Verdict:
    """What a full check found: the chain's own links, then each checkpoint against it."""

    bad_seq: int | None = None
    problems: list = field(default_factory=list)
    checked: int = 0  # checkpoints compared

    @property
    def ok(self):
        return self.bad_seq is None and not self.problems


def verify_all(checkpoints=()):
    """The chain walked, then held against the given checkpoints and the latest one recorded here."""
    ok, bad_seq = verify()
    verdict = Verdict(bad_seq=None if ok else bad_seq)
    if not ok:
        verdict.problems.append(_("The chain is broken at event %(seq)s.") % {"seq": bad_seq})
    stored = latest_checkpoint()
    for checkpoint in [*checkpoints, *([stored] if stored else [])]:
        verdict.checked += 1
        problem = check_checkpoint(checkpoint)
        if problem and problem not in verdict.problems:
            verdict.problems.append(problem)
    return verdict
