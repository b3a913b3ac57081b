"""Views belong to an organization: /<org-slug>/… (public) and /<org-slug>/staff/… (back office);
pages of data shared by every organization live under /platform/… for platform operators only."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from .models import Organization
from .permissions import can, is_platform_operator, is_staff_of, requires_2fa

SESSION_2FA = "sujarit_2fa_verified"


def _org(request, org_slug):
    org = get_object_or_404(Organization, slug=org_slug)
    request.org = org
    return org


def public_view(view):
    """A public page of an organization: the view receives (request, org, …)."""

    @wraps(view)
    def wrapper(request, org_slug, *args, **kwargs):
        return view(request, _org(request, org_slug), *args, **kwargs)

    return wrapper


def staff_view(permission):
    """A back-office page: signed-in staff of this organization holding `permission`."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, org_slug, *args, **kwargs):
            org = _org(request, org_slug)
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_staff_of(user, org):
                raise PermissionDenied("not staff of this organization")
            if requires_2fa(user, org) and not request.session.get(SESSION_2FA):
                return redirect(f"{_2fa_url(user)}?next={request.get_full_path()}")
            if not can(user, org, permission):
                raise PermissionDenied(permission)
            return view(request, org, *args, **kwargs)

        # A mark the URLconf walk reads (core/tests/test_staff_urls.py); set through vars() because
        # a function object has no typed attributes.
        vars(wrapper)["sujarit_permission"] = permission
        return wrapper

    return decorate


def platform_view(view):
    """A page of platform data shared by every organization: signed-in platform operators only.

    No organization role opens it, not even an administrator's: one organization must not change
    what every other organization shows (docs/ARCHITECTURE.md, "Shared data").
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_platform_operator(request.user):
            raise PermissionDenied("platform operator")
        return view(request, *args, **kwargs)

    vars(wrapper)["sujarit_platform"] = True  # a mark, as in staff_view
    return wrapper


def _2fa_url(user):
    from django.urls import reverse

    confirmed = getattr(user, "totp", None) is not None and user.totp.confirmed
    return reverse("core_site:totp_verify" if confirmed else "core_site:totp_setup")
