"""Who may do what in the integrity module."""

from sujarit.core.permissions import can, ensure, person_of

MANAGE = "integrity.manage"
DECLARE = "integrity.declare"


def can_manage(user, org) -> bool:
    """Integrity officers and administrators: the COI check, its decisions, the gift register."""
    return can(user, org, MANAGE)


def ensure_manage(user, org) -> None:
    ensure(user, org, MANAGE)


def ensure_can_declare_for(user, person) -> None:
    """A person declares their own relatives and interests; an integrity officer may for anyone."""
    own = person_of(user, person.org)
    if own is not None and own.pk == person.pk and can(user, person.org, DECLARE):
        return
    ensure(user, person.org, MANAGE)
