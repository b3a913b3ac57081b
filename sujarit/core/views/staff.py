from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import audit, services
from ..forms import OrganizationForm
from ..models import AuditEvent, Person, Role, RolePolicy
from ..registry import registry
from ..tenancy import staff_view


@staff_view("core.staff_home")
def staff_home(request, org):
    return render(request, "core/staff/home.html", {})


@staff_view("core.view_audit")
def audit_log(request, org):
    events = AuditEvent.objects.for_org(org).select_related("actor").order_by("-seq")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    ok, bad_seq = audit.verify() if request.GET.get("verify") else (None, None)
    return render(request, "core/staff/audit_log.html", {"page": page, "chain_ok": ok, "bad_seq": bad_seq})


@staff_view("core.manage_org")
def org_profile(request, org):
    form = OrganizationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        services.update_organization(
            org, by=request.user, **{f: form.cleaned_data[f] for f in form.changed_data}
        )
        messages.success(request, _("The organization profile was saved."))
        return redirect("core_staff:org_profile", org_slug=org.slug)
    return render(request, "core/staff/org_profile.html", {"form": form})


@staff_view("core.view_people")
def people(request, org):
    people = Person.objects.for_org(org).select_related("unit").prefetch_related("grants")
    policies = {p.role: p.require_2fa for p in RolePolicy.objects.for_org(org)}
    if request.method == "POST":
        from ..permissions import ensure

        ensure(request.user, org, "core.manage_org")
        for role in Role.values:
            wanted = request.POST.get(f"require_2fa_{role}") == "on"
            if policies.get(role, False) != wanted:
                services.set_role_policy(org, role, require_2fa=wanted, by=request.user)
        messages.success(request, _("Two-factor requirements were saved."))
        return redirect("core_staff:people", org_slug=org.slug)
    roles = [(value, label, policies.get(value, False)) for value, label in Role.choices]
    return render(request, "core/staff/people.html", {"people": people, "roles": roles, "registry": registry})
