"""The organization profile's public pages (OIT O1, O2, O4): structure, executives and contacts,
rendered from what the core keeps."""

from django.shortcuts import render

from sujarit.core.tenancy import public_view

from ...queries.profile import contact, executives, last_change, structure_units


@public_view
def structure(request, org):
    units, loose = structure_units(org)
    return render(
        request,
        "disclosure/public/structure.html",
        {"units": units, "loose": loose, "updated": last_change(org), "executives": executives(org)},
    )


@public_view
def executives_page(request, org):
    return render(
        request,
        "disclosure/public/executives.html",
        {"executives": executives(org), "contact": contact(org), "updated": last_change(org)},
    )


@public_view
def contact_page(request, org):
    return render(
        request, "disclosure/public/contact.html", {"contact": contact(org), "updated": last_change(org)}
    )
