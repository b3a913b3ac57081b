"""Helpers of the staff pages: run a verb from a valid form, refuse writes without registers.manage."""

from django.core.exceptions import PermissionDenied, ValidationError

from sujarit.core.permissions import can

MANAGE = "registers.manage"


def run(form, verb, **kwargs):
    """Call verb when the form is valid; a refusal goes onto the form. True when it wrote."""
    if not form.is_valid():
        return False
    try:
        verb(**form.cleaned_data, **kwargs)
    except ValidationError as e:
        form.add_error(None, e)
        return False
    return True


def can_manage(request, org):
    return can(request.user, org, MANAGE)


def ensure_manage(request, org):
    if not can_manage(request, org):
        raise PermissionDenied(MANAGE)
