"""The staff OIT board (owners of items) and the catalogue editor."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sujarit.core.permissions import can
from sujarit.core.tenancy import staff_view

from ...forms.board import CopyForm, ItemForm, OwnerForm
from ...models import OITItem
from ...services import catalogue
from ..public.oit import board_context, catalogue_or_404


@staff_view("disclosure.oit")
def board(request, org, year=None):
    cat = catalogue_or_404(org, year)
    ctx = board_context(org, cat)
    ctx["can_configure"] = can(request.user, org, "disclosure.configure")
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


# --- the catalogue -------------------------------------------------------------------------------


@staff_view("disclosure.configure")
def catalogue_page(request, org, year=None):
    cat = catalogue_or_404(org, year)
    form = CopyForm(request.POST or None, initial={"source": cat.year, "year": max(catalogue.years()) + 1})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        made = _apply(request, catalogue.copy_year, d["source"], d["year"], by=request.user, org=org)
        if made:
            messages.success(request, _("The catalogue for %(year)s was created; correct its items.") % d)
            return redirect("disclosure_staff:catalogue", org_slug=org.slug, year=d["year"])
    ctx = {"catalogue": cat, "items": cat.items.all(), "copy_form": form, "years": catalogue.years()}
    status = 400 if request.method == "POST" else 200
    return render(request, "disclosure/staff/board_catalogue.html", ctx, status=status)


@staff_view("disclosure.configure")
def catalogue_item(request, org, year, code):
    item = get_object_or_404(OITItem.objects.select_related("catalogue"), catalogue__year=year, code=code)
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in ItemForm.Meta.fields}
        item.refresh_from_db()  # is_valid() wrote the values onto the instance; the verb compares
        if _apply(request, catalogue.update_item, item, by=request.user, org=org, **values):
            messages.success(request, _("%(code)s saved.") % {"code": code})
            return redirect("disclosure_staff:catalogue", org_slug=org.slug, year=year)
    status = 400 if request.method == "POST" else 200
    return render(request, "disclosure/staff/board_item.html", {"form": form, "item": item}, status=status)
