from django.conf import settings
from django.shortcuts import redirect, render

from ..models import Organization
from ..tenancy import public_view


def root(request):
    """A one-organization deployment sends / to its organization; several get a list."""
    orgs = list(Organization.objects.only("slug", "name", "province")[:2])
    if settings.SUJARIT_DEFAULT_ORG:
        return redirect("core:org_home", org_slug=settings.SUJARIT_DEFAULT_ORG)
    if len(orgs) == 1:
        return redirect("core:org_home", org_slug=orgs[0].slug)
    return render(
        request, "core/public/org_list.html", {"orgs": Organization.objects.only("slug", "name", "province")}
    )


@public_view
def org_home(request, org):
    from ..registry import registry

    # The public site module, when installed, makes the home page the organization's front door.
    front_page = registry.query("website.front_page")
    if front_page is not None:
        return front_page(request, org)
    return render(
        request,
        "core/public/org_home.html",
        {"public_entries": [e for e in registry.nav if e.area == "public"]},
    )
