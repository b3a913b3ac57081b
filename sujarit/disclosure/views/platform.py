"""Platform pages: the OIT catalogue every organization's board reads, corrected by platform operators only."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sujarit.core.tenancy import platform_view

from ..forms.board import CopyForm, ImportForm, ItemForm
from ..models import OITItem
from ..services import catalogue
from .staff.board import _apply


@platform_view
def catalogue_page(request, year=None):
    years = catalogue.years()
    cat = catalogue.catalogue_for(year or (years[0] if years else 0))
    if cat is None:
        raise Http404(_("There is no OIT catalogue for %(year)s.") % {"year": year})
    form = CopyForm(request.POST or None, initial={"source": cat.year, "year": max(years) + 1})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        made = _apply(request, catalogue.copy_year, d["source"], d["year"], by=request.user)
        if made:
            messages.success(request, _("The catalogue for %(year)s was created; correct its items.") % d)
            return redirect("disclosure_site:catalogue", year=d["year"])
    ctx = {
        "catalogue": cat, "items": cat.items.all(), "copy_form": form, "years": years,
        "import_form": ImportForm(),
    }  # fmt: skip
    status = 400 if request.method == "POST" else 200
    return render(request, "disclosure/staff/board_catalogue.html", ctx, status=status)


@platform_view
def catalogue_item(request, year, code):
    item = get_object_or_404(OITItem.objects.select_related("catalogue"), catalogue__year=year, code=code)
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in ItemForm.Meta.fields}
        item.refresh_from_db()  # is_valid() wrote the values onto the instance; the verb compares
        if _apply(request, catalogue.update_item, item, by=request.user, **values):
            messages.success(request, _("%(code)s saved.") % {"code": code})
            return redirect("disclosure_site:catalogue", year=year)
    status = 400 if request.method == "POST" else 200
    return render(request, "disclosure/staff/board_item.html", {"form": form, "item": item}, status=status)


MAX_IMPORT_BYTES = 2 * 1024 * 1024


@platform_view
def catalogue_import(request):
    """Replace (or add) one year's catalogue from an uploaded JSON/CSV file; a bad file changes nothing."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        fmt = "csv" if upload.name.lower().endswith(".csv") else "json"
        try:
            if upload.size > MAX_IMPORT_BYTES:
                raise catalogue.CatalogueError(_("The file is larger than 2 MB."))
            cat = catalogue.import_catalogue(upload.read(), fmt, by=request.user)
        except catalogue.CatalogueError as e:
            messages.error(
                request, _("The catalogue cannot be imported: %(error)s Nothing was changed.") % {"error": e}
            )
        else:
            messages.success(
                request,
                _("The catalogue for %(year)s was imported: %(n)s items.")
                % {"year": cat.year, "n": cat.items.count()},
            )
            return redirect("disclosure_site:catalogue", year=cat.year)
    years = catalogue.years()
    cat = catalogue.catalogue_for(years[0]) if years else None
    if cat is None:
        raise Http404(_("There is no OIT catalogue for %(year)s.") % {"year": ""})
    ctx = {
        "catalogue": cat, "items": cat.items.all(), "years": years, "import_form": form,
        "copy_form": CopyForm(initial={"source": cat.year, "year": max(years) + 1}),
    }  # fmt: skip
    status = 400 if request.method == "POST" else 200
    return render(request, "disclosure/staff/board_catalogue.html", ctx, status=status)


@platform_view
def catalogue_export(request, year, fmt):
    cat = catalogue.catalogue_for(year)
    if cat is None or fmt not in ("json", "csv"):
        raise Http404(_("There is no OIT catalogue for %(year)s.") % {"year": year})
    filename, content_type, body = catalogue.export_catalogue(cat, fmt)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
