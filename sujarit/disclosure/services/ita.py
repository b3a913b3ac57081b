"""ITA results: enter, correct or remove an assessment year's result; the grade from the total."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.permissions import ensure

from ..models import Grade, ITAResult

# NACC's grade bands (domain/ita-oit.md): the lowest score of each grade.
GRADE_FLOORS = (
    (Decimal("95"), Grade.AA),
    (Decimal("85"), Grade.A),
    (Decimal("75"), Grade.B),
    (Decimal("65"), Grade.C),
    (Decimal("55"), Grade.D),
    (Decimal("50"), Grade.E),
)
SCORES = ("iit", "eit", "oit", "total")


def grade_for(total):
    """The ITA grade of a total score: AA 95–100 … E 50–54.99, F below 50."""
    total = Decimal(total)
    for floor, grade in GRADE_FLOORS:
        if total >= floor:
            return grade
    return Grade.F


def _score(value, label):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(_("%(label)s must be a number from 0 to 100.") % {"label": label}) from None
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise ValidationError(_("%(label)s must be a number from 0 to 100.") % {"label": label})
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def save_result(org, *, by, year, total, iit=None, eit=None, oit=None, grade=""):
    """Enter (or correct) the ITA result of one assessment year; the grade is computed when blank."""
    ensure(by, org, "disclosure.configure")
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not 2550 <= year <= 2700:
        raise ValidationError(_("Give the assessment year in the Buddhist Era (for example 2567)."))
    values = {name: _score(v, name.upper()) for name, v in (("iit", iit), ("eit", eit), ("oit", oit))}
    values["total"] = _score(total, _("The total score"))
    if values["total"] is None:
        raise ValidationError(_("The total score is required."))
    if grade and grade not in Grade.values:
        raise ValidationError(_("Unknown grade %(grade)s.") % {"grade": grade})
    values["grade"] = grade or grade_for(values["total"])
    result, created = ITAResult.objects.update_or_create(org=org, year=year, defaults=values)
    audit.record(
        result, "disclosure.ita_result_saved", actor=by, year=year, created=created,
        **{k: str(v) if v is not None else None for k, v in values.items()},
    )  # fmt: skip
    return result


@transaction.atomic
def delete_result(result, *, by):
    ensure(by, result.org, "disclosure.configure")
    audit.record(result, "disclosure.ita_result_deleted", actor=by, year=result.year, total=str(result.total))
    result.delete()
