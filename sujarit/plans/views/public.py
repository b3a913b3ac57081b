"""Public pages of the plan: by dimension and mission, one item, the goals and fraud-risk tables."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from sujarit.core.tenancy import public_view

from .. import queries


def _no_plan(request, org):
    return render(request, "plans/public/no_plan.html", {})


@public_view
def plan(request, org):
    current = queries.current_plan(org)
    if current is None:
        return _no_plan(request, org)
    return render(request, "plans/public/plan.html", queries.plan_overview(current))


@public_view
def item(request, org, number):
    current = queries.current_plan(org)
    item = queries.item_detail(current, number) if current else None
    if item is None:
        raise Http404(_("The plan has no item number %(n)s.") % {"n": number})
    return render(request, "plans/public/item.html", {"plan": current, "item": item})


@public_view
def goals(request, org):
    current = queries.current_plan(org)
    if current is None:
        return _no_plan(request, org)
    ctx = {
        "plan": current,
        "years": current.fiscal_years,
        "goals": queries.goals_table(current),
        "risks": list(current.risks.all()),
    }
    return render(request, "plans/public/goals.html", ctx)
