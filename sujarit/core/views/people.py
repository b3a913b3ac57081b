"""People, roles, units and two-factor policies of an organization (administrators manage them)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..forms import PersonForm, RolesForm, UnitForm
from ..models import Person, Role, RoleChange, RolePolicy, Unit
from ..permissions import can, ensure
from ..registry import registry
from ..tenancy import staff_view


def _waiting_message(request, changes):
    if changes:
        messages.info(
            request,
            _(
                "Changes of the %(roles)s role wait for a second person's confirmation (an executive or a "
                "holder of the role); they were told."
            )
            % {"roles": ", ".join(sorted({str(c.get_role_display()) for c in changes}))},
        )


@staff_view("core.view_people")
def people(request, org):
    if request.method == "POST":
        ensure(request.user, org, "core.manage_org")
        policies = {p.role: p.require_2fa for p in RolePolicy.objects.for_org(org)}
        for role in Role.values:
            wanted = request.POST.get(f"require_2fa_{role}") == "on"
            if policies.get(role, False) != wanted:
                services.set_role_policy(org, role, require_2fa=wanted, by=request.user)
        messages.success(request, _("Two-factor requirements were saved."))
        return redirect("core_staff:people", org_slug=org.slug)
    policies = {p.role: p.require_2fa for p in RolePolicy.objects.for_org(org)}
    ctx = {
        "people": Person.objects.for_org(org).select_related("unit", "user").prefetch_related("grants"),
        "units": Unit.objects.for_org(org),
        "roles": [(value, label, policies.get(value, False)) for value, label in Role.choices],
        "can_manage": can(request.user, org, "core.manage_org"),
        "pending": RoleChange.objects.for_org(org)
        .filter(status=RoleChange.Status.PENDING)
        .select_related("person", "requested_by"),
    }
    return render(request, "core/staff/people.html", ctx)


@staff_view("core.manage_org")
def person_add(request, org):
    form = PersonForm(request.POST or None, org=org)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        person = services.register_person(
            org, by=request.user, full_name=d["full_name"], position=d["position"], unit=d["unit"],
            roles=d["roles"], is_council=d["is_council"], username=d["username"], password=d["password"],
        )  # fmt: skip
        if person.user is not None:
            messages.success(
                request,
                _("%(name)s was added and signs in as %(username)s.")
                % {"name": d["full_name"], "username": person.user.get_username()},
            )
        else:
            messages.success(request, _("%(name)s was added.") % {"name": d["full_name"]})
        _waiting_message(request, list(person.role_changes.filter(status=RoleChange.Status.PENDING)))
        return redirect("core_staff:people", org_slug=org.slug)
    return render(request, "core/staff/person_form.html", {"form": form})


@staff_view("core.manage_org")
def person_roles(request, org, pk):
    person = get_object_or_404(Person.objects.for_org(org), pk=pk)
    current = list(person.grants.values_list("role", flat=True))
    # Not `request.POST or None`: a form with every box unticked posts nothing and must still count.
    form = RolesForm(request.POST if request.method == "POST" else None, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        try:
            waiting = services.set_person_roles(person, form.cleaned_data["roles"], by=request.user)
        except PermissionDenied:
            form.add_error("roles", _("You cannot remove your own administrator role."))
        else:
            messages.success(request, _("The roles of %(name)s were saved.") % {"name": person.full_name})
            _waiting_message(request, waiting)
            return redirect("core_staff:people", org_slug=org.slug)
    guarded = [Role(r).label for r in registry.role_guards]
    return render(
        request, "core/staff/person_roles.html", {"form": form, "person": person, "guarded": guarded}
    )


@staff_view("core.staff_home")
def role_change(request, org, pk):
    """Confirm, refuse or withdraw a pending change of a guarded role (POST from the home page)."""
    change = get_object_or_404(RoleChange.objects.for_org(org), pk=pk)
    if request.method != "POST":
        return redirect("core_staff:home", org_slug=org.slug)
    decision = request.POST.get("decision")
    try:
        if decision == "confirm":
            services.confirm_role_change(change, by=request.user)
            messages.success(request, _("The role change was confirmed and applied."))
        elif decision in ("refuse", "withdraw"):
            services.refuse_role_change(change, by=request.user)
            messages.success(request, _("The role change was stopped."))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    except PermissionDenied:
        messages.error(
            request,
            _("Someone other than the person who asked, and other than the person concerned, must confirm."),
        )
    return redirect("core_staff:home", org_slug=org.slug)


@staff_view("core.manage_org")
def unit_add(request, org):
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_unit(org, form.cleaned_data["name"], by=request.user)
        messages.success(request, _("The unit was added."))
        return redirect("core_staff:people", org_slug=org.slug)
    return render(request, "core/staff/unit_form.html", {"form": form})
