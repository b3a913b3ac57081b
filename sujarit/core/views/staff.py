from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import audit, services
from ..forms import OrganizationForm
from ..models import AuditEvent
from ..registry import registry
from ..tenancy import staff_view


@staff_view("core.staff_home")
def staff_home(request, org):
    warnings = [w for func in registry.dashboard_warnings for w in func(org, request.user)]
    ctx = {
        "warnings": warnings,
        "role_changes": services.role_changes_for(org, request.user),
    }
    return render(request, "core/staff/home.html", ctx)


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
