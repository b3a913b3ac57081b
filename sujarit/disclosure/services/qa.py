"""The public Q&A board (OIT O6): anyone asks, staff publish with an answer or reject.

A question waits for moderation; only published questions (with their answers) are public. The
asker's contact is for staff only and is erased with the information centre's requester data.
Flood protection without records: questions per client are counted in the cache under an HMAC of
the client address with a key that changes every day (never stored anywhere else), and a honeypot
field that people never see catches simple robots.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit, throttle
from sujarit.core.permissions import ensure

from ..models import Question, QuestionState

PERMISSION = "disclosure.infocentre"
SALT = "sujarit.disclosure.flood"
QUESTIONS_PER_HOUR = 5
FLOOD_WINDOW = 3600
MAX_QUESTION = 2000
MAX_ANSWER = 8000


class Flood(ValidationError):
    """Too many submissions from one client lately: wait (HTTP 429)."""


# --- flood protection ---------------------------------------------------------------------------


def digest(text):
    return hashlib.sha256(str(text).encode()).hexdigest()


def _flood_key(client, scope):
    return f"sujarit:disclosure:flood:{scope}:{client}"


def check_flood(client, scope, limit):
    """Take one of the client's `limit` submissions of this kind per hour; Flood when none is left.

    The slot is taken before the write, in one atomic count, so parallel posts cannot all pass a
    check made before any of them was counted; `give_back_flood` returns it when nothing was stored.
    """
    if client and not throttle.take(_flood_key(client, scope), limit, FLOOD_WINDOW):
        raise Flood(_("You have sent several times in a short while. Please wait an hour and try again."))


def give_back_flood(client, scope):
    """Return the slot `check_flood` took (the submission stored nothing)."""
    if client:
        throttle.give_back(_flood_key(client, scope))


# --- verbs --------------------------------------------------------------------------------------


def _text(value, limit, label, *, required=False):
    value = str(value or "").strip()
    if required and not value:
        raise ValidationError(_("%(field)s is required.") % {"field": label})
    if len(value) > limit:
        raise ValidationError(
            _("%(field)s is too long (at most %(n)s characters).") % {"field": label, "n": limit}
        )
    return value


def ask(org, *, question, name="", contact="", client=""):
    """A new question waiting for moderation; ValidationError (or Flood) and nothing stored otherwise."""
    question = _text(question, MAX_QUESTION, _("Your question"), required=True)
    name = _text(name, 100, _("Name shown"))
    contact = _text(contact, 300, _("Phone or e-mail"))
    check_flood(client, "qa", QUESTIONS_PER_HOUR)
    try:
        with transaction.atomic():
            asked = Question.objects.create(org=org, question=question, name=name, contact=contact)
            audit.record(asked, "disclosure.question_asked")  # nothing the asker wrote
    except Exception:
        give_back_flood(client, "qa")
        raise
    return asked


@transaction.atomic
def publish(question, *, by, answer, text=None):
    """Publish a question with its answer (or correct a published answer); `text` edits the question."""
    ensure(by, question.org, PERMISSION)
    answer = _text(answer, MAX_ANSWER, _("Answer"), required=True)
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if locked.state == QuestionState.REJECTED:
        raise ValidationError(_("This question was rejected; it cannot be published."))
    edited = False
    if text is not None:
        text = _text(text, MAX_QUESTION, _("Question"), required=True)
        edited = text != locked.question
        locked.question = text
    now = timezone.now()
    corrected = locked.state == QuestionState.PUBLISHED
    locked.state, locked.answer, locked.moderated_by = QuestionState.PUBLISHED, answer, by
    locked.moderated_at = locked.moderated_at if corrected else now
    locked.answered_at = locked.answered_at if corrected else now
    locked.save(update_fields=["state", "answer", "question", "moderated_by", "moderated_at", "answered_at"])
    audit.record(
        locked, "disclosure.question_published", actor=by, corrected=corrected, question_edited=edited
    )
    return locked


@transaction.atomic
def reject(question, *, by, reason):
    """Reject a waiting question; the reason stays with staff."""
    ensure(by, question.org, PERMISSION)
    reason = _text(reason, 300, _("Reason"), required=True)
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if locked.state != QuestionState.PENDING:
        raise ValidationError(_("Only a question waiting for moderation can be rejected."))
    locked.state, locked.reject_reason = QuestionState.REJECTED, reason
    locked.moderated_by, locked.moderated_at = by, timezone.now()
    locked.save(update_fields=["state", "reject_reason", "moderated_by", "moderated_at"])
    audit.record(locked, "disclosure.question_rejected", actor=by)
    return locked
