"""ITA readiness (staff): past ITA results, the plan's targets and the gap, the estimated OIT score."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sujarit.core.permissions import can
from sujarit.core.tenancy import staff_view

from ...forms.ita import ITAForm
from ...models import ITAResult, OITYear
from ...queries.ita import readiness
from ...services import catalogue, ita


@staff_view("disclosure.oit")
def ita_page(request, org):
    year = request.GET.get("year")
    year = (
        int(year)
        if year and year.isascii() and year.isdigit() and OITYear.objects.filter(year=int(year)).exists()
        else None
    )
    form = ITAForm(request.POST or None)
    can_configure = can(request.user, org, "disclosure.configure")
    status = 200
    if request.method == "POST":
        if not can_configure:
            raise PermissionDenied("disclosure.configure")
        if form.is_valid():
            try:
                ita.save_result(org, by=request.user, **form.cleaned_data)
            except ValidationError as e:
                for m in e.messages:
                    messages.error(request, m)
            else:
                messages.success(request, _("ITA result of %(year)s saved.") % form.cleaned_data)
                return redirect("disclosure_staff:ita", org_slug=org.slug)
        status = 400
    ctx = {
        "r": readiness(org, year),
        "form": form,
        "can_configure": can_configure,
        "years": catalogue.years(),
    }
    return render(request, "disclosure/staff/ita.html", ctx, status=status)


@staff_view("disclosure.configure")
def ita_delete(request, org, pk):
    result = get_object_or_404(ITAResult.objects.for_org(org), pk=pk)
    if request.method == "POST":
        ita.delete_result(result, by=request.user)
        messages.success(request, _("ITA result of %(year)s removed.") % {"year": result.year})
    return redirect("disclosure_staff:ita", org_slug=org.slug)
