"""The parts every case shares, whatever its channel: numbering, due date, events, files.

The verbs of both channels (general.py, intake.py, workflow.py …) call these inside their own
transaction; nothing here checks permissions or writes the audit log — the calling verb does.
"""

import io
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import thai

from ..jobs import standard_text
from ..models import Case, CaseEvent, CaseFile, ComplaintPolicy, EventType, Kind
from ..protection import crypto
from ..queries import deadlines
from ..queries.policy import policy_for

NUMBER_PREFIX = {Kind.GENERAL: "ร", Kind.INTEGRITY: "ท"}


def _next_number(org, kind, received_at):
    fy = thai.fiscal_year_of(timezone.localtime(received_at).date())
    prefix = f"{NUMBER_PREFIX[kind]}{fy}-"
    last = (
        Case.objects.filter(org=org, number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def create_case(org, kind, *, received_at=None, by=None, event_body="", key=None, **fields):
    """A new case with its number, due date and "received" event (call inside a transaction)."""
    assert transaction.get_connection().in_atomic_block, "create_case runs inside the caller's transaction"
    received_at = received_at or timezone.now()
    # One writer at a time per organization while numbering (a row lock on PostgreSQL; SQLite
    # transactions are already serialised by BEGIN IMMEDIATE).
    policy = ComplaintPolicy.objects.select_for_update().filter(org=org).first() or policy_for(org)
    case = Case(
        org=org,
        kind=kind,
        number=_next_number(org, kind, received_at),
        received_at=received_at,
        due_date=deadlines.due_date(org, timezone.localtime(received_at).date(), policy=policy),
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **fields,
    )
    case.save()
    add_event(
        case, EventType.CREATED, by=by, by_complainant=by is None, body=event_body, key=key, state=case.state
    )
    return case


def add_event(case, type, *, by=None, by_complainant=False, body="", key=None, state="", data=None):
    """Append one line to the case's history; a corruption case's text is sealed with its key."""
    sealed = None
    if case.is_integrity:
        if body and key is None:
            raise ValueError("a corruption case's text must be sealed with the case key")
        sealed, body = crypto.seal_text(key, body), ""
    return CaseEvent.objects.create(
        case=case,
        type=type,
        created_at=timezone.now(),
        by=by if getattr(by, "is_authenticated", False) else None,
        by_complainant=by_complainant,
        state=state,
        body=body,
        sealed_body=sealed,
        data=data or {},
    )


def event_text(event, key=None):
    """The event's text (unsealed with the case key for a corruption case).

    Events a job wrote without a key (the standard delay explanation) and satisfaction ratings are
    rendered from their data, in the reader's language.
    """
    standard = standard_text(event)
    if standard:
        return standard
    if event.type == EventType.SATISFACTION:
        if (event.data or {}).get("score"):  # a rating given before the questionnaire moved to the surveys
            return _("Satisfaction: %(score)s of 5") % {"score": event.data["score"]}
        return _("The satisfaction questionnaire was answered. Thank you.")
    if event.sealed_body is not None:
        return crypto.open_text(key, event.sealed_body) if key is not None else ""
    return event.body


def store_file(case, checked, *, event=None, key=None, by_complainant=False, public=False):
    """Store a checked upload (casefiles.check_upload) on the case; encrypted for a corruption case."""
    data, content_type, name = checked
    blob_name = secrets.token_hex(16)
    if case.is_integrity:
        if key is None:
            raise ValueError("a corruption case's file must be sealed with the case key")
        data, sealed_name, name = crypto.encrypt(key, data), crypto.seal_text(key, name), ""
    else:
        sealed_name = None
    f = CaseFile(
        case=case,
        event=event,
        name=name,
        sealed_name=sealed_name,
        content_type=content_type,
        size=len(checked[0]),
        by_complainant=by_complainant,
        public=public,
    )
    f.blob.save(blob_name, ContentFile(data), save=False)
    f.save()
    return f


def read_file(case_file, key=None):
    """(bytes, name) of a stored case file, decrypted for a corruption case."""
    with case_file.blob.open("rb") as fh:
        data = fh.read()
    if case_file.case.is_integrity:
        return crypto.decrypt(key, data), crypto.open_text(key, case_file.sealed_name)
    return data, case_file.name


def buffer(data):
    return io.BytesIO(data)
