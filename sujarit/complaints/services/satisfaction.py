"""The short satisfaction question asked when a case is resolved or closed (plan outcome: ≥ 80 %)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit

from ..models import Case, EventType, State
from .cases import add_event

RATABLE_STATES = (State.RESOLVED, State.CLOSED)
SCORES = (1, 2, 3, 4, 5)


def can_rate(case):
    """True while the case is resolved or closed, not yet rated and not purged."""
    return case.state in RATABLE_STATES and case.satisfaction is None and case.purged_at is None


def _score(value):
    # Whole numbers only (a form gives "4"); 4.5, True and "4x" are not scores.
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    score = int(text) if text.isascii() and text.isdigit() else None
    if score not in SCORES:
        raise ValidationError(_("Choose a score from 1 (very dissatisfied) to 5 (very satisfied)."))
    return score


@transaction.atomic
def rate(case, score, *, by_complainant=True):
    """Record the complainant's score (1–5), once, on a resolved or closed case."""
    score = _score(score)
    # Lock the row so two quick submissions cannot both rate the case.
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.satisfaction is not None:
        raise ValidationError(_("This case has already been rated. Thank you."))
    if not can_rate(locked):
        raise ValidationError(_("A case can be rated once it is resolved or closed."))
    locked.satisfaction = score
    locked.satisfied_at = timezone.now()
    locked.save(update_fields=["satisfaction", "satisfied_at", "updated_at"])
    add_event(locked, EventType.SATISFACTION, by_complainant=by_complainant, data={"score": score})
    audit.record(locked, "complaints.rated", score=score, by_complainant=by_complainant)
    case.satisfaction, case.satisfied_at = locked.satisfaction, locked.satisfied_at
    return locked
