"""Staff pages: one's own declaration; the COI matches with their decisions (integrity officers and
administrators, every opening audited); the gift register with announcements and activities."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.permissions import person_of
from sujarit.core.tenancy import staff_view

from .. import queries, services
from ..forms import (
    ActivityForm,
    AnnouncementForm,
    DeclarationForm,
    GiftForm,
    InterestForm,
    NoInterestForm,
    RelativeForm,
)
from ..models import CoiMatch, Declaration, NoInterest


def _run(request, form, verb, **kwargs):
    """Call verb with the form's data when valid; a refusal goes onto the form. True when it wrote."""
    if not form.is_valid():
        return False
    try:
        verb(**form.cleaned_data, **kwargs)
    except ValidationError as e:
        form.add_error(None, e)
        return False
    messages.success(request, _("Saved."))
    return True


@staff_view("integrity.declare")
def declaration(request, org):
    person = person_of(request.user, org)
    if person is None:
        raise Http404("no person")
    d = Declaration.objects.filter(person=person).first()
    post = request.POST if request.method == "POST" else None
    action = post.get("action") if post else None
    projects = queries.projects(org)
    forms = {
        "declaration": DeclarationForm(
            post if action == "declaration" else None,
            prefix="d",
            initial={"id_number": d.id_number, "address": d.address, "former_surnames": d.former_surnames}
            if d
            else None,
        ),
        "relative": RelativeForm(post if action == "relative" else None, prefix="r"),
        "interest": InterestForm(post if action == "interest" else None, prefix="i"),
        "no_interest": NoInterestForm(
            post if action == "no_interest" else None, prefix="n", projects=projects
        ),
    }
    verbs = {
        "declaration": services.save_declaration,
        "relative": services.add_relative,
        "interest": services.add_interest,
        "no_interest": services.declare_no_interest,
    }
    if action in verbs and _run(request, forms[action], verbs[action], person=person, by=request.user):
        return redirect(request.path)
    context = {
        "org": org,
        "person": person,
        "declaration": d,
        "relatives": d.relatives.all() if d else [],
        "interests": d.interests.all() if d else [],
        "no_interests": NoInterest.objects.for_org(org).filter(person=person),
        "forms": forms,
        "has_projects": bool(projects),
    }
    return render(request, "integrity/staff/declaration.html", context)


@staff_view("integrity.manage")
def matches(request, org):
    if request.method == "POST":
        if request.POST.get("action") == "check":
            found = services.run_coi_check(org, by=request.user)
            messages.success(request, _("Check done: %(n)d matches.") % {"n": len(found)})
            return redirect(request.path)
        match = get_object_or_404(CoiMatch.objects.for_org(org), pk=request.POST.get("match"))
        try:
            services.decide_match(
                match,
                status=request.POST.get("status", ""),
                note=request.POST.get("note", ""),
                by=request.user,
            )
            messages.success(request, _("Saved."))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect(request.path)
    services.record_access(org, "coi_matches", by=request.user)
    status = request.GET.get("status", CoiMatch.Status.PENDING)
    rows = CoiMatch.objects.for_org(org).select_related("decided_by")
    if status in CoiMatch.Status.values:
        rows = rows.filter(status=status)
    context = {
        "org": org,
        "rows": rows[:500],
        "status": status,
        "statuses": CoiMatch.Status.choices,
        "declared": Declaration.objects.for_org(org).count(),
        "covered": len(queries.covered_people(org)),
    }
    return render(request, "integrity/staff/matches.html", context)


@staff_view("integrity.manage")
def gifts(request, org):
    year, _ok = thai.parse_fiscal_year(request.GET.get("year"))
    post = request.POST if request.method == "POST" else None
    action = post.get("action") if post else None
    forms = {
        "gift": GiftForm(post if action == "gift" else None, prefix="g"),
        "announcement": AnnouncementForm(post if action == "announcement" else None, prefix="a"),
        "activity": ActivityForm(post if action == "activity" else None, prefix="c"),
    }
    verbs = {
        "gift": services.record_gift,
        "announcement": services.announce,
        "activity": services.record_activity,
    }
    if action in verbs and _run(request, forms[action], verbs[action], org=org, by=request.user):
        return redirect(f"{request.path}?year={year}")
    context = {
        **queries.gift_report(org, year),
        "org": org,
        "forms": forms,
        "years": range(thai.current_fiscal_year(), 2565, -1),
        "announcements": queries.announcements_of_year(org, year, "no_gift")
        | queries.announcements_of_year(org, year, "coi"),
    }
    return render(request, "integrity/staff/gifts.html", context)
