"""The staff OIT board: who owns each item of the organization's board."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sujarit.core.permissions import can, is_platform_operator
from sujarit.core.tenancy import staff_view

from ...forms.board import OwnerForm
from ...models import OITItem
from ...services import catalogue
from ..public.oit import board_context, catalogue_or_404


@staff_view("disclosure.oit")
def board(request, org, year=None):
    cat = catalogue_or_404(org, year)
    ctx = board_context(org, cat)
    ctx["can_configure"] = can(request.user, org, "disclosure.configure")
    ctx["can_edit_catalogue"] = is_platform_operator(request.user)
    ctx["owner_form"] = OwnerForm(org=org) if ctx["can_configure"] else None
    return render(request, "disclosure/staff/board.html", ctx)


def _apply(request, verb, *args, **kwargs):
    """Run a verb; a ValidationError becomes a message. The verb's result, or None on failure."""
    try:
        return verb(*args, **kwargs) or True
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
        return None


@staff_view("disclosure.configure")
def owner_set(request, org, year, code):
    cat = catalogue_or_404(org, year)
    get_object_or_404(OITItem, catalogue=cat, code=code)
    if request.method == "POST":
        form = OwnerForm(request.POST, org=org)
        if not form.is_valid():
            messages.error(request, _("Choose a unit or a person of this organization."))
        elif _apply(request, catalogue.set_owner, org, code, by=request.user, **form.cleaned_data):
            messages.success(request, _("Owner of %(code)s saved.") % {"code": code})
    return redirect(
        reverse("disclosure_staff:board", kwargs={"org_slug": org.slug, "year": cat.year}) + f"#{code}"
    )
