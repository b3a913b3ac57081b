"""Honours chosen as an อปท. chooses them (items 3–5): a nomination, the selection committee's scores,
then the award, which makes the Honour (and its certificate) from the nomination.

An award needs at least MIN_SCORES committee members' scores and their mean at PASS_MARK or above;
both are the organization's selection rules, kept here as the defaults the ARCHITECTURE note gives.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit

from ..models import Honour, Nomination, NominationScore
from . import check, not_future, required, same_org
from .civic import add_honour

MIN_SCORES = 3
PASS_MARK = 60


def mean_score(nomination):
    """(mean of the committee's scores or None, number of scores)."""
    scores = [s.score for s in nomination.scores.all()]
    return (sum(scores) / len(scores) if scores else None), len(scores)


def can_award(nomination):
    mean, n = mean_score(nomination)
    return nomination.honour_id is None and n >= MIN_SCORES and mean >= PASS_MARK


@transaction.atomic
def nominate(org, *, name, recipient, category, reason, nominated_by, nominated_on, by):
    check(by, org)
    required(
        locals(),
        ("name", _("Nominee")),
        ("reason", _("Achievements")),
        ("nominated_by", _("Nominated by")),
        ("nominated_on", _("Nominated on")),
    )
    if recipient not in Honour.Recipient.values or category not in Honour.Category.values:
        raise ValidationError(_("Choose the recipient and the category from the lists."))
    not_future(nominated_on, _("The nomination date"))
    nomination = Nomination.objects.create(
        org=org, name=name.strip(), recipient=recipient, category=category, reason=reason.strip(),
        nominated_by=nominated_by.strip(), nominated_on=nominated_on,
    )  # fmt: skip
    audit.record(nomination, "registers.nomination_added", actor=by, category=category)
    return nomination


@transaction.atomic
def score(org, *, nomination, member, score, by):
    """One committee member's score, 0–100; a member scores a nomination once, before the award."""
    check(by, org)
    required(locals(), ("nomination", _("Nomination")), ("member", _("Committee member")))
    same_org(nomination, org)
    if score is None or not 0 <= score <= 100:
        raise ValidationError(_("A score is a whole number from 0 to 100."))
    if nomination.honour_id is not None:
        raise ValidationError(_("This nomination has been awarded; its scores are final."))
    member = " ".join(member.split())
    if nomination.scores.filter(member=member).exists():
        raise ValidationError(_("%(member)s has already scored this nomination.") % {"member": member})
    row = NominationScore.objects.create(nomination=nomination, member=member, score=score)
    audit.record(nomination, "registers.nomination_scored", actor=by, score=score)
    return row


@transaction.atomic
def award(org, *, nomination, awarded_on, by):
    """The honour a nomination earned: refused until enough members scored it and the mean passes."""
    check(by, org)
    required(locals(), ("nomination", _("Nomination")), ("awarded_on", _("Awarded on")))
    same_org(nomination, org)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.honour_id is not None:
        raise ValidationError(_("This nomination has already been awarded."))
    mean, n = mean_score(nomination)
    if n < MIN_SCORES:
        raise ValidationError(
            _("At least %(min)s committee members must score the nomination first (%(n)s so far).")
            % {"min": MIN_SCORES, "n": n}
        )
    if mean < PASS_MARK:
        raise ValidationError(
            _("The committee's mean score %(mean).1f is below the pass mark of %(mark)s.")
            % {"mean": mean, "mark": PASS_MARK}
        )
    if awarded_on < nomination.nominated_on:
        raise ValidationError(_("An honour cannot be awarded before the nomination."))
    honour = add_honour(
        org, name=nomination.name, recipient=nomination.recipient, category=nomination.category,
        awarded_on=awarded_on, reason=nomination.reason, by=by,
    )  # fmt: skip
    nomination.honour = honour
    nomination.save(update_fields=["honour"])
    return honour
