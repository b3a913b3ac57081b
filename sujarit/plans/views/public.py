from django.shortcuts import render

from sujarit.core.tenancy import public_view


@public_view
def plan(request, org):
    return render(request, "plans/public/plan.html", {})
