"""Every write of the integrity module: audited verbs that check permission and refuse bad input in Thai."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.th import pin, tin

from sujarit.core import audit

from . import matching, permissions, queries
from .models import (
    Activity,
    Announcement,
    BusinessInterest,
    CoiMatch,
    Declaration,
    Gift,
    InterestRole,
    NoInterest,
    Relation,
    Relative,
)


def clean_person_id(raw, *, label=None):
    """The 13-digit personal ID (Thai digits, spaces and dashes accepted), "" when blank; else a Thai refusal."""
    if not str(raw or "").strip():
        return ""
    value = matching.clean_id(raw)
    if not value or not pin.is_valid(value):
        raise ValidationError(_("The ID number %(id)s is not a valid 13-digit Thai ID.") % {"id": raw})
    return value


def clean_tax_id(raw):
    if not str(raw or "").strip():
        return ""
    value = matching.clean_id(raw)
    if not value or not tin.is_valid(value):
        raise ValidationError(_("The tax ID %(id)s is not a valid 13-digit number.") % {"id": raw})
    return value


def _name(raw):
    name = " ".join(str(raw or "").split())
    if not name or not matching.split_name(name)[0]:
        raise ValidationError(_("Give the full name."))
    return name


@transaction.atomic
def save_declaration(person, *, id_number="", address="", former_surnames="", by):
    permissions.ensure_can_declare_for(by, person)
    id_number = clean_person_id(id_number)
    d, created = Declaration.objects.get_or_create(person=person, defaults={"org": person.org})
    d.id_number, d.address = id_number, address.strip()
    d.former_surnames = ", ".join(s.strip() for s in former_surnames.split(",") if s.strip())
    d.save()
    audit.record(d, "integrity.declaration_saved", actor=by, person=person.pk, created=created)
    return d


def _declaration(person, by):
    d = Declaration.objects.filter(person=person).first()
    return d or save_declaration(person, by=by)


@transaction.atomic
def add_relative(person, *, relation, name, id_number="", address="", former_surnames="", by):
    permissions.ensure_can_declare_for(by, person)
    if relation not in Relation.values:
        raise ValidationError(_("Choose the relation: spouse, parent, child or sibling."))
    relative = Relative.objects.create(
        org=person.org,
        declaration=_declaration(person, by),
        relation=relation,
        name=_name(name),
        id_number=clean_person_id(id_number),
        address=address.strip(),
        former_surnames=former_surnames.strip(),
    )
    audit.record(
        relative, "integrity.relative_declared", actor=by, org=person.org, person=person.pk, relation=relation
    )
    return relative


@transaction.atomic
def add_interest(person, *, firm_name, firm_tax_id="", role, share_percent=None, by):
    permissions.ensure_can_declare_for(by, person)
    if role not in InterestRole.values:
        raise ValidationError(_("Choose the role: director, partner or shareholder."))
    try:
        share = None if share_percent in (None, "") else Decimal(str(share_percent))
    except InvalidOperation:
        share = Decimal(-1)
    if share is not None and not (Decimal(0) <= share <= Decimal(100)):
        raise ValidationError(_("The share must be a percentage between 0 and 100."))
    if not str(firm_name or "").strip():
        raise ValidationError(_("Give the firm's name."))
    interest = BusinessInterest.objects.create(
        org=person.org,
        declaration=_declaration(person, by),
        firm_name=firm_name.strip(),
        firm_tax_id=clean_tax_id(firm_tax_id),
        role=role,
        share_percent=share,
    )
    audit.record(
        interest, "integrity.interest_declared", actor=by, org=person.org, person=person.pk, role=role
    )
    return interest


@transaction.atomic
def declare_no_interest(person, *, project_id, committee, declared_on=None, by):
    """A committee member states they have no interest in a procurement project of their organization."""
    permissions.ensure_can_declare_for(by, person)
    project = next((p for p in queries.projects(person.org) if str(p["id"]) == str(project_id)), None)
    if project is None:
        raise ValidationError(_("Choose a procurement project of this organization."))
    if not str(committee or "").strip():
        raise ValidationError(_("Name the committee."))
    row, created = NoInterest.objects.update_or_create(
        org=person.org,
        person=person,
        project_id=project["id"],
        defaults={
            "project_name": project["name"][:500],
            "committee": committee.strip(),
            "declared_on": declared_on or timezone.localdate(),
        },
    )
    audit.record(row, "integrity.no_interest_declared", actor=by, person=person.pk, project=project["id"])
    return row


@transaction.atomic
def run_coi_check(org, *, fy=None, by=None, record=True):
    """Match the covered people and relatives against the counterparties; keep new matches for review.

    A match found again keeps its decision; its score and reason are refreshed. Returns the matches
    (matching.Match) of this run. `by` None is the command line (the scheduler).
    """
    if by is not None:
        permissions.ensure_manage(by, org)
    options = queries.coi_options()
    found = matching.find(queries.subjects(org, options), queries.counterparties(org, fy), options)
    if record:
        now = timezone.now()
        for m in found:
            CoiMatch.objects.update_or_create(
                org=org,
                key=m.key[:200],
                defaults={
                    "subject": m.subject.name[:300],
                    "official": m.subject.official[:300],
                    "relation": m.subject.relation,
                    "counterparty": (
                        f"{m.counterparty.name} — {m.counterparty.vendor}"
                        if m.counterparty.vendor != m.counterparty.name
                        else m.counterparty.name
                    )[:300],
                    "kind": m.counterparty.kind,
                    "score": m.score,
                    "rule": m.rule,
                    "reason": m.reason,
                    "found_at": now,
                },
            )
        audit.record(None, "integrity.coi_checked", actor=by, org=org, fiscal_year=fy, matches=len(found))
    return found


@transaction.atomic
def decide_match(match, *, status, note="", by):
    """A person confirms or dismisses a match; a dismissal needs the reason."""
    permissions.ensure_manage(by, match.org)
    if status not in (CoiMatch.Status.CONFIRMED, CoiMatch.Status.DISMISSED):
        raise ValidationError(_("Confirm or dismiss the match."))
    if status == CoiMatch.Status.DISMISSED and not note.strip():
        raise ValidationError(_("Say why the match is dismissed."))
    previous = match.status
    match.status, match.note, match.decided_by, match.decided_at = status, note.strip(), by, timezone.now()
    match.save(update_fields=["status", "note", "decided_by", "decided_at"])
    audit.record(
        match, "integrity.coi_decided", actor=by, status=status, previous=previous, score=match.score
    )
    return match


def record_access(org, what, *, by):
    """An audited read: who opened the COI matches or the declarations (personal data of relatives)."""
    permissions.ensure_manage(by, org)
    audit.record(None, "integrity.viewed", actor=by, org=org, what=what)


def _money(raw):
    try:
        value = Decimal(str(raw).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(_("The value must be an amount in baht, e.g. 1500 or 1,500.00.")) from None
    if value < 0 or not value.is_finite():
        raise ValidationError(_("The value must be an amount in baht, e.g. 1500 or 1,500.00."))
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def record_gift(org, *, recipient, giver, description, value, occasion, offered_on, status, handling="", by):
    permissions.ensure_manage(by, org)
    if status not in Gift.Handling.values:
        raise ValidationError(
            _("Choose what happened to the gift: offered, received, refused or handed over.")
        )
    if not isinstance(offered_on, dt.date) or offered_on > timezone.localdate():
        raise ValidationError(_("The date of the gift cannot be in the future."))
    for text in (recipient, giver, description, occasion):
        if not str(text or "").strip():
            raise ValidationError(_("Give the recipient, the giver, the gift and the occasion."))
    gift = Gift.objects.create(
        org=org,
        recipient=recipient.strip(),
        giver=giver.strip(),
        description=description.strip(),
        value=_money(value),
        occasion=occasion.strip(),
        offered_on=offered_on,
        status=status,
        handling=handling.strip(),
        recorded_by=by,
    )
    audit.record(gift, "integrity.gift_recorded", actor=by, status=status, value=gift.value)
    return gift


@transaction.atomic
def announce(org, *, kind, title, signed_by, signed_on, text, by):
    """Record a policy the executive signed (the No Gift declaration, the COI prevention measure)."""
    permissions.ensure_manage(by, org)
    if kind not in Announcement.Kind.values:
        raise ValidationError(_("Choose the kind of announcement."))
    if not (str(title).strip() and str(signed_by).strip() and str(text).strip()):
        raise ValidationError(_("Give the title, the signer and the text."))
    if signed_on > timezone.localdate():
        raise ValidationError(_("The signing date cannot be in the future."))
    a = Announcement.objects.create(
        org=org,
        kind=kind,
        title=title.strip(),
        signed_by=signed_by.strip(),
        signed_on=signed_on,
        text=text.strip(),
    )
    audit.record(a, "integrity.announced", actor=by, kind=kind)
    return a


@transaction.atomic
def record_activity(org, *, title, held_on, participants, summary="", by):
    permissions.ensure_manage(by, org)
    if not str(title).strip():
        raise ValidationError(_("Name the activity."))
    if held_on > timezone.localdate():
        raise ValidationError(_("The activity's date cannot be in the future."))
    if int(participants) < 1:
        raise ValidationError(_("Give the number of participants."))
    a = Activity.objects.create(
        org=org, title=title.strip(), held_on=held_on, participants=int(participants), summary=summary.strip()
    )
    audit.record(a, "integrity.activity_recorded", actor=by, participants=int(participants))
    return a
