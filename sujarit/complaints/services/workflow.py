"""Staff verbs shared by both channels: change state, assign, reply to the complainant, internal note.

State machine (State):
    received → accepted | out_of_scope | forwarded
    accepted → assigned | in_progress
    assigned → in_progress
    in_progress → resolved
    resolved → closed | in_progress (reopened)
    out_of_scope | forwarded → closed
A corruption case's text (notes, replies) is sealed with the case key (`key`, required then); the
audit log records only who did what, never any free text.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.models import Person

from ..jobs import notify_reply
from ..models import ANSWERED_STATES, CaseKey, EventType, State
from ..permissions import ensure_can_handle
from . import cases

TRANSITIONS = {
    State.RECEIVED: (State.ACCEPTED, State.OUT_OF_SCOPE, State.FORWARDED),
    State.ACCEPTED: (State.ASSIGNED, State.IN_PROGRESS),
    State.ASSIGNED: (State.IN_PROGRESS,),
    State.IN_PROGRESS: (State.RESOLVED,),
    State.RESOLVED: (State.CLOSED, State.IN_PROGRESS),
    State.OUT_OF_SCOPE: (State.CLOSED,),
    State.FORWARDED: (State.CLOSED,),
    State.CLOSED: (),
}


class IllegalTransition(ValidationError):
    """The case cannot move to that state from where it is."""


def next_states(case):
    """The states the case may move to now (for the staff forms)."""
    return TRANSITIONS.get(State(case.state), ())


def _need_key(case, key):
    if case.is_integrity and key is None:
        raise ValueError("a corruption case's text must be sealed with the case key")


def _mark_answered(case, fields, now):
    if case.first_answer_at is None:
        case.first_answer_at = now
        fields.append("first_answer_at")


@transaction.atomic
def change_state(case, state, *, by, key=None, note="", forwarded_to=""):
    """Move the case along the state machine; answered states count for the 15-day rule."""
    ensure_can_handle(by, case)
    _need_key(case, key)
    state = State(state)
    old = State(case.state)
    if state not in TRANSITIONS.get(old, ()):
        raise IllegalTransition(
            _("A case that is “%(old)s” cannot become “%(new)s”.") % {"old": old.label, "new": state.label}
        )
    forwarded_to = (forwarded_to or "").strip()
    if state == State.FORWARDED and not forwarded_to:
        raise ValidationError(_("Say which agency the case is forwarded to."))
    now = timezone.now()
    case.state = state
    fields = ["state", "updated_at"]
    if state == State.FORWARDED:
        case.forwarded_to = forwarded_to[:200]
        fields.append("forwarded_to")
    if state in ANSWERED_STATES:
        _mark_answered(case, fields, now)
    if state == State.CLOSED:
        case.closed_at = now
        fields.append("closed_at")
    elif case.closed_at is not None:
        case.closed_at = None
        fields.append("closed_at")
    case.save(update_fields=fields)
    event = cases.add_event(
        case,
        EventType.STATE,
        by=by,
        body=(note or "").strip(),
        key=key,
        state=state,
        data={"from": old.value},
    )
    audit.record(case, "complaints.change_state", actor=by, state=state.value, previous=old.value)
    return event


@transaction.atomic
def assign(case, person, *, by):
    """Put an officer in charge; an accepted case becomes assigned."""
    ensure_can_handle(by, case)
    if not isinstance(person, Person) or person.org_id != case.org_id or not person.active:
        raise ValidationError(_("Choose an officer of this organization."))
    if case.is_integrity and not CaseKey.objects.filter(case=case, person=person).exists():
        # An officer without the case key could not read it; grant access first (keys.seal_for).
        raise ValidationError(_("This officer has no access to the case."))
    fields = ["assignee", "updated_at"]
    case.assignee = person
    if case.state == State.ACCEPTED:
        case.state = State.ASSIGNED
        fields.append("state")
    case.save(update_fields=fields)
    event = cases.add_event(case, EventType.ASSIGNED, by=by, state=case.state, data={"person": person.pk})
    audit.record(case, "complaints.assign", actor=by, state=case.state, person=person.pk)
    return event


def _text(text):
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the message."))
    return text


@transaction.atomic
def reply(case, text, *, by, key=None, checked_files=()):
    """A message to the complainant (public on their case page), with files they may open."""
    ensure_can_handle(by, case)
    _need_key(case, key)
    text = _text(text)
    fields = ["updated_at"]
    _mark_answered(case, fields, timezone.now())
    case.save(update_fields=fields)
    event = cases.add_event(case, EventType.REPLY, by=by, body=text, key=key, state=case.state)
    for checked in checked_files:
        cases.store_file(case, checked, event=event, key=key, public=True)
    audit.record(case, "complaints.reply", actor=by, state=case.state, files=len(checked_files))
    # Never for a corruption case: its reporter's contact is sealed, and a mail would reveal them.
    if not case.is_integrity and case.email:
        pk = case.pk
        transaction.on_commit(lambda: notify_reply.enqueue(pk))
    return event


@transaction.atomic
def add_note(case, text, *, by, key=None, checked_files=()):
    """An internal note: staff only, never shown to the complainant."""
    ensure_can_handle(by, case)
    _need_key(case, key)
    text = _text(text)
    event = cases.add_event(case, EventType.NOTE, by=by, body=text, key=key, state=case.state)
    for checked in checked_files:
        cases.store_file(case, checked, event=event, key=key, public=False)
    case.save(update_fields=["updated_at"])
    audit.record(case, "complaints.add_note", actor=by, state=case.state, files=len(checked_files))
    return event


@transaction.atomic
def mark_spam(case, spam=True, *, by, key=None):
    """Mark a case as spam or a test (or count it again): it stays in the inbox, but leaves the public
    statistics, O23, every complaints KPI and the reminders. Internal: the complainant is not told."""
    ensure_can_handle(by, case)
    spam = bool(spam)
    if case.spam == spam:
        raise ValidationError(
            _("This case is already marked as spam or a test.")
            if spam
            else _("This case is already counted.")
        )
    case.spam = spam
    case.save(update_fields=["spam", "updated_at"])
    cases.add_event(case, EventType.SPAM if spam else EventType.UNSPAM, by=by, key=key)
    audit.record(case, "complaints.marked_spam" if spam else "complaints.unmarked_spam", actor=by)
    return case
