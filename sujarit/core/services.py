"""Every write of the core: organizations, units, people and roles, sign-in events, two-factor devices."""

import pyotp
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import accounts, audit, throttle
from .models import Organization, Person, PlatformOperator, RoleGrant, RolePolicy, TOTPDevice, Unit
from .permissions import ensure


@transaction.atomic
def create_organization(*, slug, name, by=None, **profile):
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
    person = Person.objects.create(
        org=org, full_name=full_name, position=position, unit=unit, user=user, is_council=is_council
    )
    for role in roles:
        RoleGrant.objects.create(person=person, role=role)
    audit.record(person, "core.person_added", actor=by, name=full_name, roles=list(roles))
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
    ensure(by, person.org, "core.manage_org")
    current = set(RoleGrant.objects.filter(person=person).values_list("role", flat=True))
    wanted = set(roles)
    if person.user_id == getattr(by, "pk", None) and "admin" in current and "admin" not in wanted:
        raise PermissionDenied("an administrator cannot remove their own administrator role")
    RoleGrant.objects.filter(person=person, role__in=current - wanted).delete()
    RoleGrant.objects.bulk_create([RoleGrant(person=person, role=r) for r in wanted - current])
    if current != wanted:
        audit.record(
            person,
            "core.roles_changed",
            actor=by,
            added=sorted(wanted - current),
            removed=sorted(current - wanted),
        )
    return person


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
    """A wrong password (or unknown name) for `username` (normalized), counted for the lock."""
    throttle.password_failed(username, client)
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
