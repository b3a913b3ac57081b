"""Platform pages for onboarding: the organizations of the deployment, a new one, its set-up link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import onboarding, thai
from ..forms import OnboardForm
from ..models import Organization
from ..tenancy import platform_view

LINK_SESSION = "sujarit_onboard_link"  # shown once on the next page, never stored


@platform_view
def org_list(request):
    orgs = Organization.objects.order_by("province", "name")
    q = request.GET.get("q", "").strip()
    if q:
        orgs = orgs.filter(Q(name__icontains=q) | Q(slug__icontains=q) | Q(local_code=q))
    province = request.GET.get("province", "")
    if province:
        orgs = orgs.filter(province=province)
    page = Paginator(orgs.only("slug", "name", "org_type", "province", "district", "local_code"), 50)
    ctx = {
        "page": page.get_page(request.GET.get("page")),
        "q": q,
        "province": province,
        "provinces": thai.provinces(),
    }
    return render(request, "core/platform/org_list.html", ctx)


@platform_view
def org_new(request):
    form = OnboardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        spec = onboarding.OrgSpec(**form.cleaned_data)
        try:
            done = onboarding.onboard(spec, by=request.user)
        except ValidationError as exc:
            for msg in exc.messages:
                form.add_error(None, msg)
        else:
            request.session[LINK_SESSION] = done.link
            messages.success(request, _("%(name)s was created.") % {"name": done.org.name})
            return redirect("core_site:platform_org", slug=done.org.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "core/platform/org_new.html", {"form": form, "provinces": thai.provinces()}, status=status
    )


@platform_view
def org_detail(request, slug):
    org = get_object_or_404(Organization, slug=slug)
    if request.method == "POST":
        try:
            request.session[LINK_SESSION] = onboarding.reissue_setup_link(org, by=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        return redirect("core_site:platform_org", slug=org.slug)
    admin = onboarding.first_admin(org)
    ctx = {
        "the_org": org,
        "admin": admin,
        "link": request.session.pop(LINK_SESSION, ""),
        "checklist": onboarding.checklist(org),
        "region": thai.region_label(org.nacc_region),
    }
    return render(request, "core/platform/org_detail.html", ctx)
