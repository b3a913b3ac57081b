"""Honours, villages and their community forums, and the watchdog network."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.registry import registry

from ..models import CommitteeMember, Forum, ForumIssue, Honour, Network, ObserverInvitation, Village
from . import check, not_future, required, same_org


@transaction.atomic
def add_honour(org, *, name, recipient, category, awarded_on, reason="", by):
    check(by, org)
    required(
        {"name": name, "awarded_on": awarded_on}, ("name", _("Honoured")), ("awarded_on", _("Awarded on"))
    )
    if recipient not in Honour.Recipient.values or category not in Honour.Category.values:
        raise ValidationError(_("Choose the recipient and the category from the lists."))
    not_future(awarded_on, _("The award date"))
    honour = Honour.objects.create(
        org=org,
        name=name.strip(),
        recipient=recipient,
        category=category,
        awarded_on=awarded_on,
        reason=reason,
    )
    audit.record(honour, "registers.honour_added", actor=by, category=category)
    return honour


@transaction.atomic
def add_village(org, *, number, name, population, by):
    check(by, org)
    required({"name": name}, ("name", _("Village name")))
    if not number or number < 1:
        raise ValidationError(_("Enter the village number (หมู่ที่)."))
    if not population or population < 1:
        raise ValidationError(_("Enter the village's population."))
    if Village.objects.for_org(org).filter(number=number).exists():
        raise ValidationError(_("This village number is already in the register."))
    village = Village.objects.create(org=org, number=number, name=name.strip(), population=population)
    audit.record(village, "registers.village_added", actor=by, number=number)
    return village


@transaction.atomic
def add_forum(org, *, village, held_on, attendees, issues="", proposals="", by):
    check(by, org)
    if village is None:
        raise ValidationError(_("Choose the village the forum was held in."))
    same_org(village, org)
    required({"held_on": held_on}, ("held_on", _("Held on")))
    not_future(held_on, _("The forum date"))
    if attendees is None or attendees < 1:
        raise ValidationError(_("Enter how many people attended."))
    if attendees > village.population:
        raise ValidationError(
            _("%(attendees)s attendees is more than the village's population (%(population)s).")
            % {"attendees": attendees, "population": village.population}
        )
    forum = Forum.objects.create(
        org=org, village=village, held_on=held_on, attendees=attendees, issues=issues, proposals=proposals
    )
    audit.record(forum, "registers.forum_added", actor=by, village=village.number, attendees=attendees)
    return forum


@transaction.atomic
def add_network(org, *, name, kind, founded_on, members=0, activities="", by):
    check(by, org)
    required({"name": name, "founded_on": founded_on}, ("name", _("Name")), ("founded_on", _("Founded on")))
    if kind not in Network.Kind.values:
        raise ValidationError(_("Choose the kind of network from the list."))
    not_future(founded_on, _("The founding date"))
    network = Network.objects.create(
        org=org,
        name=name.strip(),
        kind=kind,
        founded_on=founded_on,
        members=members or 0,
        activities=activities,
    )
    audit.record(network, "registers.network_added", actor=by, kind=kind)
    return network


@transaction.atomic
def add_forum_issue(forum, *, issue, proposal, by):
    """An issue the forum raised and the proposal it made; its outcome is followed afterwards."""
    check(by, forum.org)
    required(
        {"issue": issue, "proposal": proposal}, ("issue", _("Issue raised")), ("proposal", _("Proposal"))
    )
    row = ForumIssue.objects.create(
        org=forum.org, forum=forum, issue=issue.strip(), proposal=proposal.strip()
    )
    audit.record(row, "registers.forum_issue_added", actor=by, forum=forum.pk)
    return row


@transaction.atomic
def set_issue_outcome(row, *, outcome, decided_on=None, outcome_note="", by):
    """What became of a proposal: in the local development plan (where), carried out, referred, not adopted."""
    check(by, row.org)
    if outcome not in ForumIssue.Outcome.values:
        raise ValidationError(_("Choose the outcome from the list."))
    note = (outcome_note or "").strip()
    if outcome != ForumIssue.Outcome.PENDING:
        required({"decided_on": decided_on}, ("decided_on", _("Decided on")))
        not_future(decided_on, _("The decision date"))
        if decided_on < row.forum.held_on:
            raise ValidationError(_("A proposal cannot be decided before the forum that made it."))
    if outcome in (ForumIssue.Outcome.IN_PLAN, ForumIssue.Outcome.NOT_ADOPTED) and not note:
        raise ValidationError(
            _("Say where the local development plan holds the proposal, or why it was not adopted.")
        )
    previous = row.outcome
    row.outcome, row.outcome_note = outcome, note
    row.decided_on = decided_on if outcome != ForumIssue.Outcome.PENDING else None
    row.save(update_fields=["outcome", "outcome_note", "decided_on"])
    audit.record(row, "registers.forum_issue_outcome", actor=by, outcome=outcome, previous=previous)
    return row


@transaction.atomic
def add_committee_member(org, *, village, name, term_started_on, position="", left_on=None, by):
    check(by, org)
    if village is None:
        raise ValidationError(_("Choose the village the forum was held in."))
    same_org(village, org)
    required({"name": name, "term_started_on": term_started_on}, ("name", _("Name")),
             ("term_started_on", _("Term started on")))  # fmt: skip
    not_future(term_started_on, _("The start of the term"))
    if left_on is not None and left_on < term_started_on:
        raise ValidationError(_("A member cannot leave before the term started."))
    member = CommitteeMember.objects.create(
        org=org, village=village, name=name.strip(), position=(position or "").strip(),
        term_started_on=term_started_on, left_on=left_on,
    )  # fmt: skip
    audit.record(member, "registers.committee_member_added", actor=by, village=village.number)
    return member


@transaction.atomic
def invite_observer(
    org, *, network, observer, step, subject, invited_on, procurement_ref="", attended=False, by
):
    """A watchdog observer invited to a procurement or budget step; procurement_ref names the e-GP project
    when the procurement module holds it (checked through the registry)."""
    check(by, org)
    if network is None:
        raise ValidationError(_("Choose the watchdog community or network."))
    same_org(network, org)
    if step not in ObserverInvitation.Step.values:
        raise ValidationError(_("Choose the step from the list."))
    required({"observer": observer, "subject": subject, "invited_on": invited_on}, ("observer", _("Observer")),
             ("subject", _("Project or budget")), ("invited_on", _("Invited on")))  # fmt: skip
    ref = (procurement_ref or "").strip()
    lookup = registry.query("procurement.project_by_number")
    if ref and lookup is not None and lookup(org, ref) is None:
        raise ValidationError(_("No procurement project has the number %(ref)s.") % {"ref": ref})
    if attended and invited_on > timezone.localdate():
        raise ValidationError(_("An observer cannot have attended a step that has not come yet."))
    row = ObserverInvitation.objects.create(
        org=org, network=network, observer=observer.strip(), step=step, subject=subject.strip(),
        procurement_ref=ref, invited_on=invited_on, attended=bool(attended),
    )  # fmt: skip
    audit.record(row, "registers.observer_invited", actor=by, step=step, procurement=ref)
    return row
