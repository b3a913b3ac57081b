"""What an integrity officer does with a corruption case that a general case does not need.

Reading the case (audited each time), revealing the reporter's identity for a stated reason,
outcomes, the punishment process of item 26, and re-sealing a case's key to a colleague. The
shared verbs (state, assignment, replies, notes) live in workflow.py.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.models import Person, Role
from sujarit.core.permissions import can, person_of

from ..models import Case, CaseFile, CaseKey, DisciplinaryStep, EventType, Kind, Outcome, State, StepKind
from ..permissions import ensure_can_handle
from ..protection import crypto
from . import cases, keys

PERMISSION = "integrity.handle"
IDENTITY_FIELDS = ("name", "phone", "email")
PROTECTED_FIELDS = ("text", "when", "where", "accused_name")
# Case pks whose reporter identity was revealed to the signed-in officer, for this session only.
SESSION_REVEALED = "complaints_integrity_revealed"


def officer(user, org):
    """The user's Person when they are an integrity officer of org; PermissionDenied otherwise."""
    person = person_of(user, org)
    if person is None or not can(user, org, PERMISSION):
        raise PermissionDenied(PERMISSION)
    return person


def cases_for(user, org):
    """Corruption cases of org whose key the user's Person holds (none without the role)."""
    person = person_of(user, org)
    if person is None or not can(user, org, PERMISSION):
        return Case.objects.none()
    return Case.objects.for_org(org).integrity().filter(keys__person=person)


def get_case(user, org, pk):
    """The case if the user holds its key, else None (callers answer 404: existence stays hidden)."""
    return cases_for(user, org).select_related("category", "assignee", "accused_unit").filter(pk=pk).first()


def key_for(request, user, case):
    """The case key from the officer's vault; PermissionDenied, keys.NoAccess or keys.KeyLocked."""
    if not case.is_integrity:
        raise keys.NoAccess()
    return keys.case_key(request, officer(user, case.org), case)


def _protected(case, key):
    return crypto.open_json(key, case.sealed) or {}


def revealed(request, case):
    return case.pk in request.session.get(SESSION_REVEALED, [])


def neutral_names(case):
    """{file pk: "ไฟล์แนบ 1.pdf" …} for the reporter's files, numbered in the order they came.

    A file's own name ("สมชาย_สลิปโอนเงิน.jpg") can name its sender; officers see these names until
    they reveal the reporter's identity, with a stated reason, like the identity itself.
    """
    from sujarit.core import files

    theirs = (
        case.files.filter(by_complainant=True).order_by("created_at", "pk").values_list("pk", "content_type")
    )
    return {
        pk: _("Attachment %(n)s.%(ext)s") % {"n": n, "ext": files.EXTENSIONS.get(files.kind_of(ct), "bin")}
        for n, (pk, ct) in enumerate(theirs, start=1)
    }


def open_case(request, user, case):
    """Everything an officer reads on a case, decrypted; identity and the reporter's file names
    withheld until revealed. Audited."""
    key = key_for(request, user, case)
    sealed = _protected(case, key)
    identity = {f: sealed.get(f, "") for f in IDENTITY_FIELDS}
    shown = revealed(request, case)
    neutral = {} if shown else neutral_names(case)
    events = list(case.events.select_related("by").prefetch_related("files"))
    timeline = [
        {
            "event": e,
            "text": cases.event_text(e, key),
            "detail": _detail(e),
            # The report's own files are listed with the report, not again in its history.
            "files": []
            if e.type == EventType.CREATED
            else [_file_out(f, key, neutral) for f in e.files.all()],
        }
        for e in events
    ]
    report_files = [f for e in events if e.type == EventType.CREATED for f in e.files.all()]
    report_files += list(case.files.filter(event__isnull=True))
    steps = [
        {"step": s, "note": _open_text(key, s.sealed_note)} for s in case.steps.select_related("recorded_by")
    ]
    audit.record(case, "complaints.integrity_viewed", actor=user)
    return {
        **{f: sealed.get(f, "") for f in PROTECTED_FIELDS},
        "identity_given": any(identity.values()),
        "identity_revealed": shown,
        "identity": identity if shown else None,
        "file_names_hidden": bool(neutral),
        "timeline": timeline,
        "steps": steps,
        "files": [_file_out(f, key, neutral) for f in report_files],
    }


def _detail(event):
    """The event's non-secret detail as words: new state, outcome, step and its date."""
    data = event.data or {}
    if event.type == EventType.OUTCOME and data.get("outcome") in Outcome.values:
        return Outcome(data["outcome"]).label
    if event.type == EventType.STEP and data.get("step") in StepKind.values:
        return StepKind(data["step"]).label
    if event.state and event.type in (EventType.STATE, EventType.CREATED):
        return State(event.state).label
    return ""


def _open_text(key, blob):
    return crypto.open_text(key, blob) if blob is not None else ""


def _file_out(case_file, key, neutral):
    name = neutral.get(case_file.pk) or _open_text(key, case_file.sealed_name) or _("file")
    return {"file": case_file, "name": name}


def read_file(request, user, case, file_pk):
    """(bytes, name, content_type) of one of the case's files, decrypted; None when not the case's.

    The reporter's file comes under its neutral name until the identity is revealed."""
    key = key_for(request, user, case)
    case_file = CaseFile.objects.filter(case=case, pk=file_pk).select_related("case").first()
    if case_file is None:
        return None
    data, name = cases.read_file(case_file, key)
    if case_file.by_complainant and not revealed(request, case):
        name = neutral_names(case)[case_file.pk]
    audit.record(case, "complaints.integrity_file_read", actor=user, file=case_file.pk)
    return data, name or _("file"), case_file.content_type


@transaction.atomic
def reveal_identity(request, user, case, reason):
    """Show the reporter's identity and their files' own names to this officer for this session, for
    a stated reason (audited)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("State why you need to see the reporter's identity."))
    if len(reason) > 1000:
        raise ValidationError(_("Keep the reason under 1,000 characters."))
    key = key_for(request, user, case)
    sealed = _protected(case, key)
    if (
        not any(sealed.get(f) for f in IDENTITY_FIELDS)
        and not case.files.filter(by_complainant=True).exists()
    ):
        raise ValidationError(_("The reporter did not give a name or contact."))
    # The reason is sealed in the case's history (integrity officers read it there); the audit log
    # says who revealed the identity, when, and which sealed event holds the reason — never text that
    # could name the reporter, since the audit log outlives the case's retention.
    event = cases.add_event(case, EventType.REVEALED, by=user, body=reason, key=key)
    audit.record(case, "complaints.integrity_identity_revealed", actor=user, event=event.pk)
    shown = set(request.session.get(SESSION_REVEALED, []))
    request.session[SESSION_REVEALED] = sorted(shown | {case.pk})
    return {f: sealed.get(f, "") for f in IDENTITY_FIELDS}


def _ensure_handles(by, case):
    """Integrity officer of the case's org holding its key."""
    if not case.is_integrity:
        raise PermissionDenied(PERMISSION)
    ensure_can_handle(by, case)


@transaction.atomic
def record_outcome(case, outcome, *, by, key, note=""):
    """Record the case's outcome; the reporter sees the outcome, the note stays internal."""
    _ensure_handles(by, case)
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose one of the listed outcomes."))
    if key is None:
        raise ValueError("a corruption case's note must be sealed with the case key")
    previous = case.outcome
    case.outcome = outcome
    case.save(update_fields=["outcome", "updated_at"])
    # The outcome event is public (the reporter's timeline) and carries no text of its own.
    cases.add_event(case, EventType.OUTCOME, by=by, key=key, data={"outcome": outcome})
    if note.strip():
        cases.add_event(case, EventType.NOTE, by=by, body=note.strip(), key=key)
    audit.record(case, "complaints.integrity_outcome", actor=by, outcome=outcome, previous=previous)
    return case


@transaction.atomic
def add_step(case, kind, date, note="", *, by, key):
    """Item 26: one step of the punishment process, with its date; the note sealed."""
    _ensure_handles(by, case)
    if kind not in StepKind.values:
        raise ValidationError(_("Choose one of the listed steps."))
    if not isinstance(date, dt.date):
        raise ValidationError(_("Give the date of the step."))
    if date < case.received_at.date() - dt.timedelta(days=1):
        raise ValidationError(_("A step cannot come before the case was received."))
    step = DisciplinaryStep.objects.create(
        case=case,
        kind=kind,
        date=date,
        sealed_note=crypto.seal_text(key, note.strip()) if note.strip() else None,
        recorded_by=by,
    )
    cases.add_event(case, EventType.STEP, by=by, key=key, data={"step": kind, "date": date.isoformat()})
    audit.record(case, "complaints.integrity_step", actor=by, step=kind, date=date.isoformat())
    return step


def colleagues(org):
    """Active integrity officers of org who have a key pair (the only people a case can be sealed to)."""
    return [p for p in keys.integrity_people(org) if hasattr(p, "integrity_key")]


def conflicted(person, case, key):
    """True when person is of the accused unit, may be named in the report, or was left out by the
    reporter (the report read with key)."""
    report = _protected(case, key)
    # The report names people by the keys they had where it was sent (former_pks after a move).
    if set(person.all_pks) & set(report.get("left_out", ())):
        return True
    return keys.is_conflicted(
        person, case.accused_unit_id, [report.get("accused_name", "")], [report.get("text", "")]
    )


def grant_access(request, granter, case, to_person):
    """Seal the case key to a colleague who joined later or lost their key; never to a conflicted one."""
    key = key_for(request, granter, case)
    if (
        to_person.org_id != case.org_id
        or not to_person.active
        or not to_person.grants.filter(role=Role.INTEGRITY_OFFICER).exists()
    ):
        raise ValidationError(_("Only integrity officers of this organization can be given a case."))
    if not hasattr(to_person, "integrity_key"):
        raise ValidationError(_("This officer has no key yet: they must sign in once first."))
    if CaseKey.objects.filter(case=case, person=to_person).exists():
        raise ValidationError(_("This officer can already open the case."))
    if conflicted(to_person, case, key):
        # Recorded outside any rolled-back transaction: an attempt to widen a case's readers shows.
        audit.record(case, "complaints.integrity_grant_refused", actor=granter, person=to_person.pk)
        raise ValidationError(
            _(
                "This officer works in the accused person's unit, may be named in the report, or was "
                "left out by the reporter: they are kept off the case."
            )
        )
    with transaction.atomic():
        keys.seal_for(case, key, [to_person])
        audit.record(case, "complaints.integrity_access_granted", actor=granter, person=to_person.pk)


def waiting_for_grant(org, person):
    """Corruption cases of org (not yet purged) for which person holds no key."""
    return (
        Case.objects.for_org(org)
        .filter(kind=Kind.INTEGRITY, purged_at__isnull=True)
        .exclude(keys__person=person)
        .exclude(accused_unit_id__isnull=False, accused_unit_id=person.unit_id)
    )


def grantable(request, user, org):
    """(case, person) pairs the signed-in officer can grant: their cases a non-conflicted colleague lacks."""
    me = officer(user, org)
    mine = {c.pk: c for c in cases_for(user, org).select_related("category")}
    pairs = []
    for person in colleagues(org):
        if person.pk == me.pk:
            continue
        for case in waiting_for_grant(org, person).filter(pk__in=list(mine)):
            try:
                key = key_for(request, user, case)
            except keys.NoAccess:
                continue
            if not conflicted(person, case, key):
                pairs.append((case, person))
    pairs.sort(key=lambda p: (p[0].number, p[1].full_name))
    return pairs


def keyed_officers(case):
    """People holding the case's key (whom it may be assigned to)."""
    return Person.objects.filter(case_keys__case=case, active=True).order_by("full_name")


# --- the officers' pages: audited reads ----------------------------------------------------------


def inbox(user, org, **data):
    """cases_for, for an inbox (page or API: data such as via="api"); each look is audited."""
    audit.record(None, "complaints.integrity_inbox_viewed", actor=user, org=org, **data)
    return cases_for(user, org)


def find_case(user, org, pk):
    """get_case; when a corruption case pk of org exists but the user holds no key, the refusal is
    audited (the caller answers 404 all the same, so a conflicted officer learns nothing)."""
    case = get_case(user, org, pk)
    if case is None and Case.objects.filter(pk=pk, org=org, kind=Kind.INTEGRITY).exists():
        audit.record(None, "complaints.integrity_access_refused", actor=user, org=org, case=pk)
    return case


def grants(request, user, org):
    """grantable, for the grants page; each look is audited."""
    pairs = grantable(request, user, org)
    audit.record(None, "complaints.integrity_grants_viewed", actor=user, org=org)
    return pairs
