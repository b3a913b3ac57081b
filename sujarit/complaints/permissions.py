"""Who sees and handles which case: one place, used by both channels' views and verbs.

General cases: administrators and integrity officers see and handle every case of their
organization, executives see them all (read only), unit officers the cases of their unit or
assigned to them. Corruption cases: only an officer holding `integrity.handle` in the case's
organization AND a CaseKey for the case — never administrators or executives as such.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from sujarit.core.models import Role
from sujarit.core.permissions import can, person_of, roles_of

from .models import Case, Kind

# Roles that see every general case of their organization.
ALL_GENERAL_VIEW = frozenset({Role.ADMIN, Role.EXECUTIVE, Role.INTEGRITY_OFFICER})
ALL_GENERAL_HANDLE = frozenset({Role.ADMIN, Role.INTEGRITY_OFFICER})


def visible_cases(user, org, kind):
    """The cases of `kind` in org this user may see (an empty queryset when none)."""
    cases = Case.objects.for_org(org).filter(kind=kind)
    person = person_of(user, org)
    if person is None:
        return cases.none()
    if kind == Kind.INTEGRITY:
        if not can(user, org, "integrity.handle"):
            return cases.none()
        return cases.filter(keys__person=person)
    if not can(user, org, "complaints.view"):
        return cases.none()
    if roles_of(user, org) & ALL_GENERAL_VIEW:
        return cases
    return cases.filter(_own_cases(person))


def _own_cases(person):
    q = Q(assignee=person)
    if person.unit_id:
        q |= Q(unit_id=person.unit_id)
    return q


def can_see(user, case):
    """True when the user may open the case (read)."""
    return visible_cases(user, case.org, case.kind).filter(pk=case.pk).exists()


def can_handle(user, case):
    """True when the user may act on the case (change state, reply, note, assign)."""
    org = case.org
    person = person_of(user, org)
    if person is None:
        return False
    if case.kind == Kind.INTEGRITY:
        return can(user, org, "integrity.handle") and case.keys.filter(person=person).exists()
    if not can(user, org, "complaints.handle"):
        return False
    if roles_of(user, org) & ALL_GENERAL_HANDLE:
        return True
    return case.assignee_id == person.pk or (person.unit_id is not None and case.unit_id == person.unit_id)


def ensure_can_handle(user, case):
    if not can_handle(user, case):
        raise PermissionDenied("complaints: may not handle this case")
