"""Integrity officers' keys and who may hold a corruption case's key (crypto.py says how).

An officer's key pair is made the first time they sign in holding the integrity role; every later
sign-in unwraps the private key into their vault. A case's key is sealed, when the case arrives, to
every integrity officer of the organization except those in the unit of the person complained about
or named in the report. A colleague holding the case can later grant it to an officer who joined
after it arrived (or who lost their key with a password reset), under the same exclusions.
"""

import datetime as dt
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sujarit.core import audit, vault
from sujarit.core.models import AuditEvent, Person, Role

from ..models import CaseKey, OfficerKey
from ..protection import crypto


class KeyLocked(Exception):
    """The officer's private key is not in this session's vault: sign in again (or unlock)."""


class NoAccess(Exception):
    """The officer holds no key for this case."""


def _vault_name(person):
    return f"integrity:{person.pk}"


def integrity_people(org):
    """Active integrity officers of org, with their keys."""
    return (
        Person.objects.filter(org=org, active=True, grants__role=Role.INTEGRITY_OFFICER)
        .select_related("unit", "integrity_key")
        .distinct()
    )


_TITLES = re.compile(r"^(นาย|นางสาว|นาง|น\.ส\.|ด\.ต\.|ว่าที่ร้อยตรี|ว่าที่ ร\.ต\.|mr\.?|mrs\.?|ms\.?)\s*", re.I)


def normalize_name(name):
    """A name compared for conflicts: title, spaces and case removed."""
    name = _TITLES.sub("", (name or "").strip())
    return re.sub(r"\s+", "", name).casefold()


def is_conflicted(person, accused_unit_id=None, accused_names=()):
    """True when the officer works in the accused person's unit or is named in the report."""
    if accused_unit_id and person.unit_id == accused_unit_id:
        return True
    mine = normalize_name(person.full_name)
    return bool(mine) and any(
        mine == n or (len(n) >= 4 and n in mine) for n in map(normalize_name, accused_names) if n
    )


def recipients(org, accused_unit_id=None, accused_names=()):
    """Integrity officers with a key who may receive a new case."""
    return [
        p
        for p in integrity_people(org)
        if hasattr(p, "integrity_key") and not is_conflicted(p, accused_unit_id, accused_names)
    ]


def channel_ready(org):
    """The corruption channel accepts reports only when at least one officer can read them."""
    return OfficerKey.objects.filter(
        person__org=org, person__active=True, person__grants__role=Role.INTEGRITY_OFFICER
    ).exists()


@transaction.atomic
def setup_key(person, password):
    """Give an integrity officer a key pair wrapped by their password (replaces a lost one)."""
    public, wrapped, salt = crypto.new_key_pair(password)
    OfficerKey.objects.update_or_create(
        person=person, defaults={"public_key": public, "wrapped_private": wrapped, "salt": salt}
    )
    CaseKey.objects.filter(person=person).delete()  # sealed to the old key: unreadable now
    audit.record(person, "complaints.officer_key_created", actor=person.user)
    return person.integrity_key


def unlock(request, person, password):
    """Unwrap the officer's private key into the session vault; False when the password does not open it."""
    key = getattr(person, "integrity_key", None)
    if key is None:
        return False
    try:
        private = crypto.unwrap_private(key.wrapped_private, key.salt, password)
    except crypto.CryptoError:
        return False
    vault.put(request, _vault_name(person), private)
    return True


def unlock_locked(user):
    """True when the user typed too many wrong passwords into the unlock form within the sign-in lock
    window: the sign-in limits apply here too, since this form is another way to try passwords."""
    since = timezone.now() - dt.timedelta(minutes=settings.SUJARIT_SIGNIN_LOCK_MINUTES)
    failures = AuditEvent.objects.filter(
        action="complaints.officer_key_unlock_failed", actor=user, created_at__gte=since
    ).count()
    return failures >= settings.SUJARIT_SIGNIN_MAX_FAILURES


@transaction.atomic
def unlock_with_password(request, user, person, password, *, new_key=False):
    """The unlock form: check the user's password, then unlock (or make) the officer's key.

    Returns "locked" (too many wrong passwords: nothing tried), "wrong" (not the user's password;
    audited, and counted by unlock_locked), "created" (a first key, or with new_key a new one that
    replaces a key an earlier password made: colleagues must grant the cases again), "unlocked", or
    "lost" (the key was made with an earlier password; nothing changed).
    """
    if unlock_locked(user):
        return "locked"
    if not user.check_password(password):
        audit.record(person, "complaints.officer_key_unlock_failed", actor=user)
        return "wrong"
    if not hasattr(person, "integrity_key") or new_key:
        setup_key(person, password)
        person.refresh_from_db()
        unlock(request, person, password)
        return "created"
    if unlock(request, person, password):
        audit.record(person, "complaints.officer_key_unlocked", actor=user)
        return "unlocked"
    return "lost"


def unlock_on_sign_in(request, user, password):
    """Password hook (core.registry.password_hooks): unlock, or create, each integrity officer key.

    request=None (an account made with a known password, as `demo load` does) only creates the key.
    """
    people = Person.objects.filter(
        user=user, active=True, grants__role=Role.INTEGRITY_OFFICER
    ).select_related("integrity_key")
    for person in people.distinct():
        if not hasattr(person, "integrity_key"):
            setup_key(person, password)
            person.refresh_from_db()
        if request is None:
            continue
        if not unlock(request, person, password):
            audit.record(person, "complaints.officer_key_locked", actor=user)


def private_key(request, person):
    key = vault.get(request, _vault_name(person))
    if key is None:
        raise KeyLocked()
    return key


def case_key(request, person, case):
    """The case's key for this officer, from their vault; KeyLocked or NoAccess when impossible."""
    sealed = CaseKey.objects.filter(case=case, person=person).values_list("sealed_key", flat=True).first()
    if sealed is None:
        raise NoAccess()
    try:
        return crypto.unseal(private_key(request, person), sealed)
    except crypto.CryptoError as e:
        raise KeyLocked() from e


def seal_for(case, key, people):
    """Seal the case key to each person's public key (inside the caller's transaction)."""
    CaseKey.objects.bulk_create(
        [
            CaseKey(case=case, person=p, sealed_key=crypto.seal_to(p.integrity_key.public_key, key))
            for p in people
        ],
        ignore_conflicts=True,
    )
