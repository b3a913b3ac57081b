"""Every write of the core: organizations, units, people and roles, sign-in events, two-factor devices.

A role a module guards (registry.role_guards: the integrity officer role, whose holders read
corruption reports) is never granted or removed by one person: the administrator's change becomes a
pending RoleChange that a second person — a holder of a confirming role or of the role itself, not
the requester and not the person concerned — confirms or refuses; holders and confirmers are told.
`by=None` (the command line and demo data, run by the server's operator) grants directly.
"""

import datetime

import pyotp
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import accounts, audit, documents, files, throttle
from .jobs import notify_role_change
from .models import (
    Organization,
    Person,
    PlatformOperator,
    Role,
    RoleChange,
    RoleGrant,
    RolePolicy,
    TOTPDevice,
    Unit,
)
from .permissions import can, can_confirm, ensure, person_of, roles_of
from .registry import registry

RECENT_CHANGES = datetime.timedelta(days=30)  # decided changes stay on the holders' home page this long


@transaction.atomic
def create_organization(*, slug, name, by=None, **profile) -> Organization:
    org = Organization.objects.create(slug=slug, name=name, **profile)
    audit.record(org, "core.org_created", actor=by, slug=slug, name=name)
    return org


@transaction.atomic
def update_organization(org, *, by, **profile):
    ensure(by, org, "core.manage_org")
    changed = [k for k, v in profile.items() if getattr(org, k) != v]
    for k in changed:
        setattr(org, k, profile[k])
    if changed:
        org.save(update_fields=changed)
        audit.record(org, "core.org_updated", actor=by, fields=changed)
    return org


@transaction.atomic
def set_emblem(org, uploaded, *, by):
    """Store the organization's emblem (a picture, checked by content and kept as PNG) for its documents.

    A file that is not a picture raises ValidationError (in Thai) and changes nothing.
    """
    ensure(by, org, "core.manage_org")
    att = files.store(org, documents.emblem_upload(uploaded), by=by, kinds=("png",))
    org.emblem = att
    org.save(update_fields=["emblem"])
    audit.record(org, "core.emblem_set", actor=by, sha256=att.sha256)
    return att


@transaction.atomic
def remove_emblem(org, *, by):
    ensure(by, org, "core.manage_org")
    if org.emblem_id is not None:
        org.emblem = None
        org.save(update_fields=["emblem"])
        audit.record(org, "core.emblem_removed", actor=by)


def run_export(org, export, fmt, *, by, **params):
    """One registered export as (filename, content type, bytes), logged as having left the system.

    Not one transaction: the export only reads, and a long PDF must not hold SQLite's write lock;
    the event is written once the file exists (LookupError from the export: nothing to export, no event).
    """
    ensure(by, org, export.permission)
    result = export.func(org, fmt, **params)
    audit.record(org, "core.exported", actor=by, export=export.key, format=fmt, **params)
    return result


# What the audit page shows and reads (views do not touch core.audit: import-linter's contract).
CheckpointError = audit.CheckpointError
parse_checkpoints = audit.parse_checkpoints
audit_head = audit.head
latest_audit_checkpoint = audit.latest_checkpoint


def check_audit_chain(org, *, by, checkpoints=None):
    """The whole chain walked, against the given checkpoints and the latest recorded one (audit.verify_all)."""
    ensure(by, org, "core.view_audit")
    return audit.verify_all(checkpoints or ())


@transaction.atomic
def ensure_unit(org, name, *, by=None, order=0):
    """The unit named `name` in org, created when missing (plan import and demo data use it)."""
    name = " ".join(name.split())
    unit, created = Unit.objects.get_or_create(org=org, name=name, defaults={"order": order})
    if created:
        audit.record(unit, "core.unit_created", actor=by, name=name)
    return unit


@transaction.atomic
def add_person(org, *, full_name, position="", unit=None, roles=(), user=None, is_council=False, by=None):
    """A new person; a guarded role given by someone (`by`) waits for a second person's confirmation."""
    person = Person.objects.create(
        org=org, full_name=full_name, position=position, unit=unit, user=user, is_council=is_council
    )
    direct = [r for r in roles if by is None or r not in registry.role_guards]
    for role in direct:
        RoleGrant.objects.create(person=person, role=role)
    audit.record(person, "core.person_added", actor=by, name=full_name, roles=list(direct))
    for role in roles:
        if role not in direct:
            _request_role_change(person, role, RoleChange.Action.GRANT, by)
    return person


def _create_user(username, password):
    """A new account under the normal form of `username` (core/accounts.py); refused when taken."""
    username = accounts.normalize_username(username)
    if accounts.username_taken(username):
        raise ValidationError(_("This username is already used in your organization."))
    return get_user_model().objects.create_user(username=username, password=password)


@transaction.atomic
def create_staff_account(org, *, username, password, full_name, roles, position="", unit=None, by=None):
    """An account and its person (demo data, tests, the platform's own set-up): the name as given."""
    user = _create_user(username, password)
    person = add_person(org, full_name=full_name, position=position, unit=unit, roles=roles, user=user, by=by)
    return user, person


@transaction.atomic
def add_unit(org, name, *, by):
    ensure(by, org, "core.manage_org")
    return ensure_unit(org, name, by=by, order=Unit.objects.for_org(org).count())


@transaction.atomic
def register_person(
    org, *, by, full_name, position="", unit=None, roles=(), is_council=False, username="", password=""
):
    """An administrator adds a person; with a username and password the person can sign in.

    The account is named `<org slug>.<username>` (accounts.org_username): user names are global, and
    within its own prefix an organization can learn that a name is taken without learning another
    organization's names.
    """
    ensure(by, org, "core.manage_org")
    if unit is not None and unit.org_id != org.pk:
        raise PermissionDenied("unit of another organization")
    user = None
    if username:
        user = _create_user(accounts.org_username(org, username), password)
    return add_person(
        org,
        full_name=full_name,
        position=position,
        unit=unit,
        roles=roles,
        user=user,
        is_council=is_council,
        by=by,
    )


@transaction.atomic
def set_person_roles(person, roles, *, by):
    """Apply the wanted roles; a change of a guarded role becomes a pending request. Returns the
    pending RoleChanges this call made (or found already waiting)."""
    ensure(by, person.org, "core.manage_org")
    current = set(RoleGrant.objects.filter(person=person).values_list("role", flat=True))
    wanted = set(roles)
    if person.user_id == getattr(by, "pk", None) and "admin" in current and "admin" not in wanted:
        raise PermissionDenied("an administrator cannot remove their own administrator role")
    guarded = {r for r in current ^ wanted if r in registry.role_guards}
    added, removed = wanted - current - guarded, current - wanted - guarded
    RoleGrant.objects.filter(person=person, role__in=removed).delete()
    RoleGrant.objects.bulk_create([RoleGrant(person=person, role=r) for r in added])
    if added or removed:
        audit.record(person, "core.roles_changed", actor=by, added=sorted(added), removed=sorted(removed))
    return [
        _request_role_change(
            person, role, RoleChange.Action.GRANT if role in wanted else RoleChange.Action.REMOVE, by
        )
        for role in sorted(guarded)
    ]


def _request_role_change(person, role, action, by):
    """The pending request for this person and role (a new one, or the one already waiting)."""
    waiting = RoleChange.objects.filter(person=person, role=role, status=RoleChange.Status.PENDING).first()
    if waiting is not None:
        return waiting
    change = RoleChange.objects.create(
        org=person.org, person=person, role=role, action=action, requested_by=by
    )
    audit.record(
        person, "core.role_change_requested", actor=by, change=change.pk, role=role, change_action=action
    )
    _notify(change)
    return change


def _apply(change):
    if change.action == RoleChange.Action.GRANT:
        RoleGrant.objects.get_or_create(person=change.person, role=change.role)
    else:
        RoleGrant.objects.filter(person=change.person, role=change.role).delete()


def _decide(change, status, by):
    change.status = status
    change.decided_by = by
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        change.person,
        f"core.role_change_{status}",
        actor=by,
        change=change.pk,
        role=change.role,
        change_action=change.action,
    )
    _notify(change)


def _pending(change):
    change = RoleChange.objects.select_for_update().select_related("person", "org").get(pk=change.pk)
    if change.status != RoleChange.Status.PENDING:
        raise ValidationError(_("This request was already decided."))
    return change


def confirm_role_change(change, *, by):
    """A second person confirms: the role is granted or removed now."""
    if not can_confirm(by, change):
        # Recorded outside any rolled-back transaction: an attempt to confirm one's own change shows.
        audit.record(change.person, "core.role_change_confirm_refused", actor=by, change=change.pk)
        raise PermissionDenied("a second person must confirm this role change")
    with transaction.atomic():
        return _confirm(change, by)


def _confirm(change, by):
    change = _pending(change)
    _apply(change)
    _decide(change, RoleChange.Status.CONFIRMED, by)
    added = [change.role] if change.action == RoleChange.Action.GRANT else []
    removed = [] if added else [change.role]
    audit.record(
        change.person, "core.roles_changed", actor=by, added=added, removed=removed, change=change.pk
    )
    return change


@transaction.atomic
def refuse_role_change(change, *, by):
    """A confirmer refuses the change, or its requester (or another administrator) withdraws it."""
    change = _pending(change)
    if can_confirm(by, change):
        _decide(change, RoleChange.Status.REFUSED, by)
    elif change.requested_by_id == getattr(by, "pk", None) or can(by, change.org, "core.manage_org"):
        _decide(change, RoleChange.Status.WITHDRAWN, by)
    else:
        raise PermissionDenied("only a confirmer or an administrator can stop this role change")
    return change


def role_changes_for(org, user):
    """What the home page shows the user of guarded roles: each pending change they may confirm,
    refuse or withdraw, and recent decisions about a role they hold or confirm."""
    if not registry.role_guards:
        return []
    mine = roles_of(user, org)
    admin = can(user, org, "core.manage_org")
    concerned = {
        role for role, guard in registry.role_guards.items() if mine & {role, *guard.confirmers} or admin
    }
    me = person_of(user, org)
    since = timezone.now() - RECENT_CHANGES
    changes = (
        RoleChange.objects.for_org(org)
        .filter(role__in=concerned)
        .filter(Q(status=RoleChange.Status.PENDING) | Q(decided_at__gte=since))
        .select_related("person__unit", "person__user", "requested_by", "decided_by", "org")
    )
    rows = []
    for change in changes[:50]:
        pending = change.status == RoleChange.Status.PENDING
        rows.append(
            {
                "change": change,
                "pending": pending,
                "can_confirm": pending and can_confirm(user, change),
                "can_withdraw": pending
                and (change.requested_by_id == user.pk or admin)
                and not can_confirm(user, change),
                "about_me": me is not None and change.person_id == me.pk,
            }
        )
    return rows


def _notify(change):
    """Tell every holder of the guarded role and every confirmer, by e-mail after the commit."""

    pk = change.pk
    transaction.on_commit(lambda: notify_role_change.enqueue(pk))


@transaction.atomic
def set_role_policy(org, role, *, require_2fa, by):
    ensure(by, org, "core.manage_org")
    policy, _ = RolePolicy.objects.update_or_create(org=org, role=role, defaults={"require_2fa": require_2fa})
    audit.record(org, "core.role_policy_set", actor=by, role=role, require_2fa=require_2fa)
    return policy


# --- sign-in: what the sign-in pages record (views do not write the audit log) ----------------------


def signed_in(user, *, username, client):
    throttle.password_succeeded(username, client)
    audit.record(None, "core.signed_in", actor=user)


def sign_in_failed(username, *, client):
    """A wrong password (or unknown name) for `username` (normalized); the try was counted before the check
    (`throttle.take_password_try`)."""
    audit.record(None, "core.sign_in_failed", username=username)


def sign_in_refused(username):
    """A try while this client is locked out of `username`: recorded, not counted again."""
    audit.record(None, "core.sign_in_locked", username=username)


def signed_out(user):
    audit.record(None, "core.signed_out", actor=user)


@transaction.atomic
def add_platform_operator(user, *, by=None):
    """Make `user` a platform operator (the `sujarit platform operator add` command, run on the server)."""
    operator, created = PlatformOperator.objects.get_or_create(user=user)
    if created:
        audit.record(None, "core.platform_operator_added", actor=by, username=user.get_username())
    return operator


@transaction.atomic
def remove_platform_operator(user, *, by=None):
    removed, _counts = PlatformOperator.objects.filter(user=user).delete()
    if removed:
        audit.record(None, "core.platform_operator_removed", actor=by, username=user.get_username())
    return bool(removed)


@transaction.atomic
def should_set_up_totp(user):
    """An integrity officer (in any organization) without a confirmed second factor."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return False
    return RoleGrant.objects.filter(
        person__user=user, person__active=True, role=Role.INTEGRITY_OFFICER
    ).exists()


def start_totp(user):
    """A new, unconfirmed secret for the user (replacing an unconfirmed one)."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"secret": pyotp.random_base32()})
    if not device.confirmed:
        device.secret = pyotp.random_base32()
        device.save(update_fields=["secret"])
    return device


def _accept(device, code):
    code = "".join(ch for ch in str(code) if ch.isdigit())
    if len(code) != 6:
        return False
    totp = pyotp.TOTP(device.secret)
    import time

    now_step = int(time.time()) // 30
    for step in (now_step - 1, now_step, now_step + 1):
        if step > device.last_used_step and totp.at(step * 30) == code:
            device.last_used_step = step
            device.save(update_fields=["last_used_step", "confirmed"])
            return True
    return False


@transaction.atomic
def confirm_totp(user, code):
    device = TOTPDevice.objects.select_for_update().get(user=user)
    if not _accept(device, code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(None, "core.totp_enabled", actor=user)
    return True


@transaction.atomic
def verify_totp(user, code):
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    ok = device is not None and _accept(device, code)
    audit.record(None, "core.totp_verified" if ok else "core.totp_failed", actor=user)
    return ok
