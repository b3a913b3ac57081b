"""The plan's staff dashboard: progress, budget, KPIs, late reports, reviews waiting, my unit's items."""

from django.shortcuts import render

from sujarit.core.permissions import unit_of
from sujarit.core.tenancy import staff_view

from ...permissions import can_approve, can_report_on
from ...queries import current_plan
from ...services.summary import waiting_for_approval
from ..shared import charts_for, year_figures


@staff_view("plans.view")
def dashboard(request, org):
    plan = current_plan(org)
    if plan is None:
        return render(request, "plans/staff/dashboard.html", {"plan": None})
    year, fig = year_figures(request, org, plan, approved_only=False)
    unit = unit_of(request.user, org)
    my_items = []
    if unit is not None:
        my_items = [
            (item, fig.slots[(item.pk, 6)], fig.slots[(item.pk, 12)])
            for item in fig.items
            if item.responsible_unit_id == unit.pk
        ]
    ctx = {
        "plan": plan,
        "fiscal_year": year,
        "fig": fig,
        "charts": charts_for(fig),
        "waiting": waiting_for_approval(org),
        "can_approve": can_approve(request.user, org),
        "unit": unit,
        "my_items": my_items,
    }
    return render(request, "plans/staff/dashboard.html", ctx)


@staff_view("plans.view")
def progress_list(request, org):
    """Every item's 6- and 12-month report of a fiscal year: state, due date, lateness."""
    plan = current_plan(org)
    if plan is None:
        return render(request, "plans/staff/progress_list.html", {"plan": None})
    year, fig = year_figures(request, org, plan, approved_only=False)
    rows = [
        (item, can_report_on(request.user, item), fig.slots[(item.pk, 6)], fig.slots[(item.pk, 12)])
        for item in fig.items
    ]
    return render(
        request,
        "plans/staff/progress_list.html",
        {"plan": plan, "fiscal_year": year, "fig": fig, "rows": rows},
    )
