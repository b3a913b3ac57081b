"""Who may do what, as plain functions. Permissions are declared by each module in its manifest."""

from django.core.exceptions import PermissionDenied

from .models import Person, PlatformOperator, Role, RoleGrant, RolePolicy
from .registry import registry

STAFF_ROLES = tuple(Role.values)


def person_of(user, org):
    """The user's active Person in org, or None."""
    if user is None or not user.is_authenticated:
        return None
    cache = getattr(user, "_sujarit_people", None)
    if cache is None:
        cache = user._sujarit_people = {}
    if org.pk not in cache:
        cache[org.pk] = Person.objects.filter(org=org, user=user, active=True).select_related("unit").first()
    return cache[org.pk]


def roles_of(user, org):
    person = person_of(user, org)
    if person is None:
        return frozenset()
    cached = getattr(person, "_roles", None)
    if cached is None:
        cached = person._roles = frozenset(
            RoleGrant.objects.filter(person=person).values_list("role", flat=True)
        )
    return cached


def is_staff_of(user, org):
    return bool(roles_of(user, org))


def can(user, org, permission):
    """True when one of the user's roles in org carries the permission."""
    perm = registry.permissions.get(permission)
    if perm is None:
        raise KeyError(f"unknown permission {permission}")
    return bool(roles_of(user, org) & set(perm.roles))


def ensure(user, org, permission):
    if not can(user, org, permission):
        raise PermissionDenied(permission)


def is_platform_operator(user):
    """True for a platform operator: data shared by every organization is theirs to change, never an
    organization's (no role of any organization carries it)."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_sujarit_operator", None)
    if cached is None:
        cached = user._sujarit_operator = PlatformOperator.objects.filter(user=user).exists()
    return cached


def ensure_platform_operator(user):
    if not is_platform_operator(user):
        raise PermissionDenied("platform operator")


def requires_2fa(user, org):
    roles = roles_of(user, org)
    if not roles:
        return False
    return RolePolicy.objects.filter(org=org, role__in=roles, require_2fa=True).exists()


def unit_of(user, org):
    person = person_of(user, org)
    return person.unit if person else None


def role_confirmers(org, role):
    """Active people of org who may confirm a change of the guarded role (before excluding the
    requester and the person concerned)."""
    guard = registry.role_guards[role]
    return (
        Person.objects.for_org(org)
        .filter(active=True, user__isnull=False, grants__role__in=[role, *guard.confirmers])
        .select_related("user")
        .distinct()
    )


def can_confirm(user, change):
    """True when the user may confirm or refuse the change: a second person, not the one concerned."""
    guard = registry.role_guards.get(change.role)
    if guard is None or user is None or not user.is_authenticated:
        return False
    if change.requested_by_id == user.pk or change.person.user_id == user.pk:
        return False
    return bool(roles_of(user, change.org) & {change.role, *guard.confirmers})
