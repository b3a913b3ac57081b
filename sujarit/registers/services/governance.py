"""Delegation orders and their delegates' monthly reports, trainings, salary-promotion rounds, HR transparency documents and the ethics
code with its drive and the staff's acknowledgement."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.models import Person

from ..models import (
    DelegateReport,
    DelegationOrder,
    EthicsAcknowledgement,
    EthicsActivity,
    EthicsCode,
    HRDocument,
    SalaryRound,
    Training,
)
from ..queries import in_force_in
from . import check, not_future, required, same_org


@transaction.atomic
def add_delegation(
    org, *, number, title, delegator, delegate, powers, effective_from, effective_until=None,
    circulated_on=None, published_on=None, by,
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
    not_future(circulated_on, _("The circulation date"))
    order = DelegationOrder.objects.create(
        org=org,
        number=number.strip(),
        title=title.strip(),
        delegator=delegator.strip(),
        delegate=delegate.strip(),
        powers=powers.strip(),
        effective_from=effective_from,
        effective_until=effective_until,
        circulated_on=circulated_on,
        published_on=published_on,
    )
    audit.record(order, "registers.delegation_added", actor=by, number=order.number)
    return order


@transaction.atomic
def add_delegate_report(org, *, order, month, summary, reported_on, by):
    """The delegate's report of one month's work under the order; one report a month and order."""
    check(by, org)
    required(
        locals(),
        ("order", _("Delegation order")),
        ("month", _("Month reported")),
        ("summary", _("Work done under the order")),
        ("reported_on", _("Reported on")),
    )
    same_org(order, org)
    month = month.replace(day=1)
    not_future(month, _("The month reported"))
    not_future(reported_on, _("The report date"))
    if not in_force_in(order, month):
        raise ValidationError(_("The order was not in force in the month reported."))
    if reported_on < month:
        raise ValidationError(_("A report cannot be dated before the month it reports."))
    if DelegateReport.objects.filter(order=order, month=month).exists():
        raise ValidationError(_("This order already has a report for that month."))
    report = DelegateReport.objects.create(
        org=org, order=order, month=month, summary=summary.strip(), reported_on=reported_on
    )
    audit.record(report, "registers.delegate_report_added", actor=by, number=order.number, month=str(month))
    return report


@transaction.atomic
def add_training(org, *, title, held_on, topic="", plan_item=None, materials="", by, **groups):
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
        org=org, title=title.strip(), held_on=held_on, topic=topic.strip(), plan_item=plan_item,
        materials=(materials or "").strip(), **counts,
    )  # fmt: skip
    audit.record(training, "registers.training_added", actor=by, attended=training.attended)
    return training


def _count(value, label):
    try:
        value = int(value or 0)
    except (TypeError, ValueError):
        value = -1
    if value < 0:
        raise ValidationError(_("%(field)s must be a whole number, zero or more.") % {"field": label})
    return value


@transaction.atomic
def record_salary_round(
    org, *, fiscal_year, number, committee, criteria_published_on=None, results_published_on=None,
    assessed=0, promoted=0, appeals=0, appeals_resolved=0, by,
):  # fmt: skip
    """Record a salary-promotion round, or update the fiscal year's round of that number."""
    check(by, org)
    if not fiscal_year or not 2500 <= int(fiscal_year) <= 2700:
        raise ValidationError(_("Enter the fiscal year in the Buddhist Era, e.g. 2569."))
    if number not in SalaryRound.Number.values:
        raise ValidationError(_("Choose the round from the list."))
    members = [line.strip() for line in (committee or "").splitlines() if line.strip()]
    if len(members) < 3:
        raise ValidationError(_("Name the committee's members, at least three, one per line."))
    assessed, promoted = _count(assessed, _("Staff assessed")), _count(promoted, _("Staff promoted"))
    appeals, resolved = _count(appeals, _("Appeals")), _count(appeals_resolved, _("Appeals resolved"))
    if promoted > assessed:
        raise ValidationError(_("More staff promoted than assessed."))
    if resolved > appeals:
        raise ValidationError(_("More appeals resolved than were made."))
    not_future(criteria_published_on, _("The date the criteria were published"))
    not_future(results_published_on, _("The date the results were published"))
    if results_published_on and (not criteria_published_on or results_published_on < criteria_published_on):
        raise ValidationError(_("The criteria are published before the results."))
    fields = {
        "committee": "\n".join(members), "criteria_published_on": criteria_published_on,
        "results_published_on": results_published_on, "assessed": assessed, "promoted": promoted,
        "appeals": appeals, "appeals_resolved": resolved,
    }  # fmt: skip
    row, created = SalaryRound.objects.update_or_create(
        org=org, fiscal_year=int(fiscal_year), number=number, defaults=fields
    )
    audit.record(row, "registers.salary_round_recorded", actor=by, created=created, appeals=appeals)
    return row


@transaction.atomic
def add_hr_document(org, *, fiscal_year, kind, title, published_on, link="", by):
    check(by, org)
    if not fiscal_year or not 2500 <= int(fiscal_year) <= 2700:
        raise ValidationError(_("Enter the fiscal year in the Buddhist Era, e.g. 2569."))
    if kind not in HRDocument.Kind.values:
        raise ValidationError(_("Choose the kind of document from the list."))
    required({"title": title, "published_on": published_on}, ("title", _("Title")),
             ("published_on", _("Published on")))  # fmt: skip
    not_future(published_on, _("The publication date"))
    doc = HRDocument.objects.create(
        org=org, fiscal_year=int(fiscal_year), kind=kind, title=title.strip(), published_on=published_on,
        link=(link or "").strip(),
    )  # fmt: skip
    audit.record(doc, "registers.hr_document_added", actor=by, kind=kind)
    return doc


@transaction.atomic
def add_ethics_code(org, *, title, adopted_on, published_on=None, summary="", channels="", by):
    check(by, org)
    required(
        {"title": title, "adopted_on": adopted_on}, ("title", _("Title")), ("adopted_on", _("Adopted on"))
    )
    not_future(adopted_on, _("The adoption date"))
    not_future(published_on, _("The publication date"))
    if published_on and published_on < adopted_on:
        raise ValidationError(_("The code cannot be published before it was adopted."))
    lines = [line.strip() for line in (channels or "").splitlines() if line.strip()]
    if published_on and not lines:
        raise ValidationError(_("Name at least one channel the code was published on."))
    code = EthicsCode.objects.create(
        org=org,
        title=title.strip(),
        adopted_on=adopted_on,
        published_on=published_on,
        summary=summary or "",
        channels="\n".join(lines),
    )
    audit.record(code, "registers.ethics_code_added", actor=by)
    return code


@transaction.atomic
def add_ethics_activity(org, *, title, held_on, participants=0, by):
    check(by, org)
    required({"title": title, "held_on": held_on}, ("title", _("Title")), ("held_on", _("Held on")))
    not_future(held_on, _("The activity date"))
    participants = _count(participants, _("Participants"))
    staff = Person.objects.for_org(org).filter(active=True).count()
    if staff and participants > staff:
        raise ValidationError(
            _("%(n)s participants is more than the organization's people (%(staff)s).")
            % {"n": participants, "staff": staff}
        )
    activity = EthicsActivity.objects.create(
        org=org, title=title.strip(), held_on=held_on, participants=participants
    )
    audit.record(activity, "registers.ethics_activity_added", actor=by, participants=participants)
    return activity


@transaction.atomic
def acknowledge_code(code, *, person, acknowledged_on, by):
    """Record that a member of staff acknowledged the code (once each)."""
    check(by, code.org)
    if person is None:
        raise ValidationError(_("Choose the member of staff."))
    same_org(person, code.org)
    required({"acknowledged_on": acknowledged_on}, ("acknowledged_on", _("Acknowledged on")))
    not_future(acknowledged_on, _("The acknowledgement date"))
    if acknowledged_on < code.adopted_on:
        raise ValidationError(_("The code cannot be acknowledged before it was adopted."))
    if code.acknowledgements.filter(person=person).exists():
        raise ValidationError(_("This person has already acknowledged the code."))
    ack = EthicsAcknowledgement.objects.create(
        org=code.org, code=code, person=person, acknowledged_on=acknowledged_on
    )
    audit.record(ack, "registers.ethics_acknowledged", actor=by, code=code.pk)
    return ack
