"""Honours, villages and their community forums, and the watchdog network."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit

from ..models import Forum, Honour, Network, Village
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
