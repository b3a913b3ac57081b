"""Who may change the public site: holders of website.edit in the organization."""

from django.core.exceptions import PermissionDenied

from sujarit.core.permissions import can

EDIT = "website.edit"


def can_edit(user, org) -> bool:
    return bool(user is not None and can(user, org, EDIT))


def ensure_can_edit(user, org) -> None:
    """PermissionDenied unless the user may edit the site; user None is the platform itself (demo data)."""
    if user is not None and not can_edit(user, org):  # None: the system itself (demo data)
        raise PermissionDenied(EDIT)
