"""Public pages of the plan: by dimension and mission, one item, the goals and fraud-risk tables."""

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sujarit.core.tenancy import public_view

from ... import queries


def _no_plan(request, org):
    return render(request, "plans/public/no_plan.html", {})


# The plan and item pages are the most read; their bodies are cached under the plan's version
# (import time and approved reports), so a new approval or import shows at once in every process.
CACHE_SECONDS = 600


def _cached_page(request, org, plan, name, build):
    """Render (and cache) a page body; `build()` returns (title, template, context) or None for 404."""
    key = f"sujarit:plans:{name}:{queries.plan_version(plan)}:{get_language()}"
    page = cache.get(key)
    if page is None:
        built = build()
        if built is None:
            return None
        title, template, ctx = built
        page = {"page_title": f"{title} · {org.name}", "body": render_to_string(template, ctx, request)}
        cache.set(key, page, CACHE_SECONDS)
    return render(request, "plans/public/cached_page.html", {**page, "body": mark_safe(page["body"])})


@public_view
def plan(request, org):
    current = queries.current_plan(org)
    if current is None:
        return _no_plan(request, org)
    return _cached_page(
        request,
        org,
        current,
        "plan",
        lambda: (current.title, "plans/public/_plan_body.html", queries.plan_overview(current)),
    )


@public_view
def item(request, org, number):
    current = queries.current_plan(org)

    def build():
        detail = queries.item_detail(current, number)
        if detail is None:
            return None
        ctx = {"plan": current, "item": detail.item, "detail": detail}
        return detail.item.name, "plans/public/_item_body.html", ctx

    page = _cached_page(request, org, current, f"item{number}", build) if current else None
    if page is None:
        raise Http404(_("The plan has no item number %(n)s.") % {"n": number})
    return page


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
