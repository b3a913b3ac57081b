"""Delegation orders and trainings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit

from ..models import DelegationOrder, Training
from . import check, not_future, required


@transaction.atomic
def add_delegation(
    org, *, number, title, delegator, delegate, powers, effective_from, effective_until=None,
    published_on=None, by,
):  # fmt: skip
    check(by, org)
    required(
        locals(),
        ("number", _("Order number")),
        ("title", _("Title")),
        ("delegator", _("Delegated by")),
        ("delegate", _("Delegated to")),
        ("powers", _("Powers delegated")),
        ("effective_from", _("In force from")),
    )
    if effective_until is not None and effective_until < effective_from:
        raise ValidationError(_("A delegation cannot end before it comes into force."))
    not_future(published_on, _("The publication date"))
    order = DelegationOrder.objects.create(
        org=org,
        number=number.strip(),
        title=title.strip(),
        delegator=delegator.strip(),
        delegate=delegate.strip(),
        powers=powers.strip(),
        effective_from=effective_from,
        effective_until=effective_until,
        published_on=published_on,
    )
    audit.record(order, "registers.delegation_added", actor=by, number=order.number)
    return order


@transaction.atomic
def add_training(org, *, title, held_on, topic="", plan_item=None, by, **groups):
    check(by, org)
    required({"title": title, "held_on": held_on}, ("title", _("Title")), ("held_on", _("Held on")))
    counts = {}
    for group in Training.GROUPS:
        expected = int(groups.get(f"{group}_expected") or 0)
        attended = int(groups.get(f"{group}_attended") or 0)
        if expected < 0 or attended < 0:
            raise ValidationError(_("Numbers of participants cannot be negative."))
        if attended > expected:
            raise ValidationError(
                _("More people attended (%(attended)s) than the target group holds (%(expected)s).")
                % {"attended": attended, "expected": expected}
            )
        counts[f"{group}_expected"], counts[f"{group}_attended"] = expected, attended
    if not any(counts[f"{g}_expected"] for g in Training.GROUPS):
        raise ValidationError(_("Give the size of at least one target group."))
    training = Training.objects.create(
        org=org, title=title.strip(), held_on=held_on, topic=topic.strip(), plan_item=plan_item, **counts
    )
    audit.record(training, "registers.training_added", actor=by, attended=training.attended)
    return training
