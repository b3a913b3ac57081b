"""An officer records the outcome of reviewing a red flag (one review per flag; a later one replaces it)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.permissions import ensure

from ..models import FlagReview, Outcome


@transaction.atomic
def review_flag(org, flag, *, outcome, note, by):
    """Record `outcome` for the computed flag `flag` (a redflags.Flag of org)."""
    ensure(by, org, "procurement.review")
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose an outcome."))
    if not note.strip():
        raise ValidationError(_("Write what the review found."))
    review, created = FlagReview.objects.update_or_create(
        org=org,
        code=flag.code,
        key=flag.key,
        defaults={
            "fiscal_year": flag.fiscal_year,
            "outcome": outcome,
            "note": note.strip(),
            "reviewed_by": by,
            "reviewed_at": timezone.now(),
        },
    )
    audit.record(
        review,
        "procurement.flag_reviewed",
        actor=by,
        code=flag.code,
        key=flag.key,
        outcome=outcome,
        replaced=not created,
        evidence=flag.evidence,
    )
    return review
