"""PDPA retention: complainants' personal data and protected content are kept no longer than the policy says.

A general case loses its complainant's name, contact, the free texts, the place and the files
`retention_days_general` days after it closed; a corruption case loses its sealed content, its
receipt and every copy of its key `retention_days_integrity` days after it closed, so what is left
of it can no longer be decrypted by anyone. Counts, dates, category, channel, state and outcome
stay for the statistics (OIT O23 and the KPI measures).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from sujarit.core import audit
from sujarit.core.models import Organization

from ..models import Case, CaseFile, CaseKey, DisciplinaryStep, EventType, Kind
from ..queries.policy import policy_for
from .cases import add_event


def expired(org, now=None):
    """The cases of org whose retention period has passed and that still hold personal data."""
    now = now or timezone.now()
    cases = Case.objects.for_org(org).filter(closed_at__isnull=False, purged_at__isnull=True)
    if not cases.exists():  # no policy row is made for organizations without closed cases
        return cases
    policy = policy_for(org)
    general_before = now - datetime.timedelta(days=policy.retention_days_general)
    integrity_before = now - datetime.timedelta(days=policy.retention_days_integrity)
    return cases.filter(kind=Kind.GENERAL, closed_at__lte=general_before) | cases.filter(
        kind=Kind.INTEGRITY, closed_at__lte=integrity_before
    )


def purge_expired(now=None, dry_run=False):
    """Purge every organization's expired cases; returns {"general", "integrity", "files"} counts."""
    now = now or timezone.now()
    totals = {"general": 0, "integrity": 0, "files": 0}
    for org in Organization.objects.order_by("pk"):
        for case_id, kind in expired(org, now).order_by("pk").values_list("pk", "kind"):
            if dry_run:
                files = CaseFile.objects.filter(case_id=case_id).count()
            else:
                files = purge_case(case_id, now=now)
            if files is not None:
                totals[kind] += 1
                totals["files"] += files
    return totals


@transaction.atomic
def purge_case(case_id, now=None):
    """Remove one case's personal data and files; returns how many files went (None: nothing to do)."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().filter(pk=case_id, purged_at__isnull=True).first()
    if case is None:  # already purged by another run
        return None
    blobs = list(case.files.values_list("blob", flat=True))
    CaseFile.objects.filter(case=case).delete()
    events = case.events.count()
    if case.is_integrity:
        fields = _purge_integrity(case)
    else:
        fields = _purge_general(case)
    case.purged_at = now
    case.save(update_fields=[*fields, "purged_at", "updated_at"])
    add_event(case, EventType.PURGED, data={"files": len(blobs)})
    audit.record(case, "complaints.purged", kind=case.kind, files=len(blobs), events=events)
    # The rows are gone once this commits; only then are the stored blobs deleted, so a rolled-back
    # purge never leaves a case pointing at missing files.
    transaction.on_commit(lambda: _delete_blobs(blobs))
    return len(blobs)


def _purge_general(case):
    case.subject = case.category.name if case.category_id else ""
    case.description = case.location = case.name = case.phone = case.email = ""
    case.latitude = case.longitude = None
    # Replies, notes and the complainant's additions are free text that may name people.
    case.events.exclude(body="").update(body="")
    return ["subject", "description", "location", "name", "phone", "email", "latitude", "longitude"]


def _purge_integrity(case):
    case.sealed = None
    case.receipt_wrap = None
    case.receipt_lookup = None
    CaseKey.objects.filter(case=case).delete()
    case.events.update(sealed_body=None, body="")
    DisciplinaryStep.objects.filter(case=case).update(sealed_note=None)
    return ["sealed", "receipt_wrap", "receipt_lookup"]


def _delete_blobs(names):
    storage = CaseFile._meta.get_field("blob").storage
    for name in names:
        if name:
            storage.delete(name)
