"""Integrity officers' keys and who may hold a corruption case's key (crypto.py says how).

An officer's key pair is made the first time they sign in holding the integrity role; every later
sign-in unwraps the private key into their vault. A case's key is sealed, when the case arrives, to
the integrity officers the reporter chose from the list shown before sending, except those in the
unit of the person complained about or possibly named in the report (names.py): when in doubt, an
officer is left out, and a report no officer could read is refused. A colleague holding the case can later grant it to an officer who joined
after it arrived (or who lost their key with a password reset), under the same exclusions.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sujarit.core import audit, throttle, vault
from sujarit.core.models import AuditEvent, Person, Role

from ..jobs import send_new_key_notice
from ..models import Case, CaseKey, Kind, OfficerKey, State
from ..protection import crypto, names
from ..queries.officers import integrity_people


class KeyLocked(Exception):
    """The officer's private key is not in this session's vault: sign in again (or unlock)."""


class NoAccess(Exception):
    """The officer holds no key for this case."""


def _vault_name(person):
    return f"integrity:{person.pk}"


def candidates(org):
    """Integrity officers with a key: the list a reporter chooses the recipients of a report from."""
    return [p for p in integrity_people(org) if hasattr(p, "integrity_key")]


def conflict(person, accused_unit_id=None, accused_names=(), texts=()):
    """Why the officer is kept off a report: "unit" (of the accused), "named" (in it), or ""."""
    if accused_unit_id and person.unit_id == accused_unit_id:
        return "unit"
    if names.is_named(person.full_name, accused_names, texts):
        return "named"
    return ""


def is_conflicted(person, accused_unit_id=None, accused_names=(), texts=()):
    """True when the officer works in the accused person's unit or may be named in the report."""
    return bool(conflict(person, accused_unit_id, accused_names, texts))


def recipients(org, accused_unit_id=None, accused_names=(), texts=(), chosen=None):
    """Integrity officers with a key who may receive a new case: not conflicted, and among the
    reporter's `chosen` person ids when the reporter chose (None: every one not conflicted)."""
    chosen = None if chosen is None else set(chosen)
    return [
        p
        for p in candidates(org)
        if (chosen is None or p.pk in chosen) and not is_conflicted(p, accused_unit_id, accused_names, texts)
    ]


def officer_label(person, display):
    """How the public sees an integrity officer in the list of recipients (ComplaintPolicy.officer_display)."""
    unit = person.unit.name if person.unit_id else ""
    if display == "unit":
        return unit or _("Integrity officer")
    if display == "name" or not unit:
        return person.full_name
    return f"{person.full_name} — {unit}"


def dashboard_warnings(org, user):
    """coverage_warnings for the back office's home page, shown to those who can act on them."""
    from sujarit.core.permissions import can

    if any(can(user, org, p) for p in ("complaints.configure", "integrity.handle", "core.view_people")):
        return coverage_warnings(org)
    return []


def coverage_warnings(org):
    """What keeps some reports from reaching anyone: fewer than two keyed officers in different
    units, and open cases whose key nobody holds any more."""
    found = []
    if len({p.unit_id for p in candidates(org)}) < 2:
        found.append(
            _(
                "Fewer than two integrity officers in different units can read corruption reports. "
                "A report about the unit of the only integrity officers, or naming the only one, can be "
                "read by no one here: it is refused and the reporter is sent to the NACC, the PACC or the "
                "Damrongdhama Centre. Give the integrity officer role to an officer of another unit, who "
                "then signs in once."
            )
        )
    unread = unreadable_cases(org).count()
    if unread:
        found.append(
            ngettext(
                "%(n)s open corruption report can be opened by no integrity officer (their keys were "
                "lost with a password reset, or they no longer hold the role). Nobody can grant it "
                "again; the reporter is told, when they open it, to report outside the organization.",
                "%(n)s open corruption reports can be opened by no integrity officer (their keys were "
                "lost with a password reset, or they no longer hold the role). Nobody can grant them "
                "again; the reporters are told, when they open them, to report outside the organization.",
                unread,
            )
            % {"n": unread}
        )
    return found


def _live_keys():
    """Case keys held by someone who can still use them: an active integrity officer."""
    return CaseKey.objects.filter(person__active=True, person__grants__role=Role.INTEGRITY_OFFICER)


def readable(case):
    """True when an active integrity officer holds the case's key."""
    return _live_keys().filter(case=case).exists()


def unreadable_cases(org):
    """Corruption cases of org, not closed or purged, whose key no active integrity officer holds."""
    return (
        Case.objects.for_org(org)
        .filter(kind=Kind.INTEGRITY, purged_at__isnull=True)
        .exclude(state=State.CLOSED)
        .exclude(pk__in=_live_keys().values("case"))
    )


def channel_ready(org):
    """The corruption channel accepts reports only when at least one officer can read them."""
    return OfficerKey.objects.filter(
        person__org=org, person__active=True, person__grants__role=Role.INTEGRITY_OFFICER
    ).exists()


@transaction.atomic
def setup_key(person, password):
    """Give an integrity officer a key pair wrapped by their password (replaces a lost one)."""
    public, wrapped, salt = crypto.new_key_pair(password)
    _key, created = OfficerKey.objects.update_or_create(
        person=person, defaults={"public_key": public, "wrapped_private": wrapped, "salt": salt}
    )
    CaseKey.objects.filter(person=person).delete()  # sealed to the old key: unreadable now
    audit.record(person, "complaints.officer_key_created", actor=person.user, replaced=not created)
    if not created:
        # A replaced key is how someone who reset an officer's password would start receiving new
        # reports: the colleagues are told.
        transaction.on_commit(lambda: send_new_key_notice.enqueue(person.pk))
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
    # The audit log's count is written only after the slow check; the atomic count taken before it
    # keeps parallel guesses from all passing (core.throttle.take_secret_try).
    if unlock_locked(user) or not throttle.take_secret_try(
        "officer-key", user.pk, settings.SUJARIT_SIGNIN_MAX_FAILURES
    ):
        return "locked"
    if not user.check_password(password):
        audit.record(person, "complaints.officer_key_unlock_failed", actor=user)
        return "wrong"
    throttle.secret_try_ok("officer-key", user.pk)
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
