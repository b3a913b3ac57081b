from django.shortcuts import render

from sujarit.core.tenancy import staff_view


@staff_view("plans.view")
def dashboard(request, org):
    return render(request, "plans/staff/dashboard.html", {})
