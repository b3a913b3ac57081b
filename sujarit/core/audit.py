"""The append-only, hash-chained audit log: one way to write it (record) and one to check it (verify)."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import AuditEvent

GENESIS = "0" * 64


def _digest(prev_hash, seq, created_at, org_id, actor_id, action, target_type, target_id, data):
    body = json.dumps(
        [prev_hash, seq, created_at.isoformat(), org_id, actor_id, action, target_type, target_id, data],
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _org_of(target):
    from .models import Organization

    if isinstance(target, Organization):
        return target
    return getattr(target, "org", None)


CHAIN_LOCK = 0x5355_4A41_5249_5401  # any constant: the PostgreSQL advisory lock of the chain's head


def _lock_chain():
    """One writer at a time appends to the chain, until its transaction ends.

    A row lock on the last event is not enough on PostgreSQL: a writer that waited for it reads the
    same "last" row once the lock is released, not the one the other writer just added, and both take
    the same seq (and on an empty table there is no row to lock at all). A transaction-scoped advisory
    lock serialises the writers instead; SQLite's write transactions (BEGIN IMMEDIATE) already do.
    """
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


@transaction.atomic
def record(target, action, actor=None, *, org=None, **data):
    """Append one event; `target` is a model instance (or None), `data` JSON-serialisable details."""
    org = org or (_org_of(target) if target is not None else None)
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))
    _lock_chain()
    last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
    seq = (last.seq + 1) if last else 1
    prev_hash = last.hash if last else GENESIS
    now = timezone.now()
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    target_type = target._meta.label_lower if target is not None else ""
    target_id = str(target.pk) if target is not None else ""
    org_id = org.pk if org is not None else None
    event = AuditEvent(
        org_id=org_id,
        seq=seq,
        created_at=now,
        actor_id=actor_id,
        actor_label=(actor.get_username() if actor_id else ""),
        action=action,
        target_type=target_type,
        target_id=target_id,
        data=data,
        prev_hash=prev_hash,
        hash=_digest(prev_hash, seq, now, org_id, actor_id, action, target_type, target_id, data),
    )
    event.save()
    return event


def verify():
    """Walk the whole chain; return (ok, seq of the first bad event or None)."""
    prev = GENESIS
    expected_seq = 1
    for e in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if e.seq != expected_seq or e.prev_hash != prev:
            return False, e.seq
        digest = _digest(
            e.prev_hash,
            e.seq,
            e.created_at,
            e.org_id,
            e.actor_id,
            e.action,
            e.target_type,
            e.target_id,
            e.data,
        )
        if digest != e.hash:
            return False, e.seq
        prev = e.hash
        expected_seq += 1
    return True, None
