"""The public summary of the plan's progress (approved reports only) and its public evidence files."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from sujarit.core import charts, thai
from sujarit.core.tenancy import public_view

from ..models import ProgressReport
from ..queries import current_plan
from ..services import progress
from ..services.summary import figures, pick_year


def charts_for(fig):
    """The dashboard's charts as inline SVG (the same figures are also given as tables)."""
    dims = [(f"{d.dimension.number}. {d.dimension.name}", d.average_percent or 0) for d in fig.dimensions]
    budget = [(str(b.fiscal_year), [b.planned, b.spent]) for b in fig.budgets]
    counts = fig.kpi_counts
    from ..services.kpis import KPIStatus

    kpis = [(KPIStatus(s).label, counts.get(s, 0)) for s in KPIStatus.values]
    return {
        "dimensions": charts.bar_chart(
            dims, title=_("Average percent done by dimension"), max_value=100, fmt=lambda v: f"{v} %"
        ),
        "budget": charts.bar_chart(
            budget,
            title=_("Budget planned and spent by fiscal year (baht)"),
            series=[_("Planned"), _("Spent")],
            fmt=thai.baht,
        ),
        "kpis": charts.bar_chart(kpis, title=_("KPIs by status"), fmt=str),
    }


def year_figures(request, org, plan, *, approved_only):
    """(fiscal year, figures) for ?year=…; a year outside the plan's cycle falls back, with a message."""
    year, ok = pick_year(plan, request.GET.get("year"))
    if not ok:
        messages.warning(
            request, _("That fiscal year is not in the plan's cycle; showing %(year)s.") % {"year": year}
        )
    return year, figures(org, plan, year, approved_only=approved_only)


@public_view
def summary(request, org):
    plan = current_plan(org)
    if plan is None:
        return render(request, "plans/public/summary.html", {"plan": None})
    year, fig = year_figures(request, org, plan, approved_only=True)
    ctx = {"plan": plan, "fiscal_year": year, "fig": fig, "charts": charts_for(fig)}
    return render(request, "plans/public/summary.html", ctx)


@public_view
def evidence(request, org, pk, attachment_pk):
    """A file of an approved report; drafts' files are only for staff (through the staff view)."""
    report = get_object_or_404(ProgressReport.objects.for_org(org), pk=pk)
    user = request.user if request.user.is_authenticated else None
    att = progress.open_evidence(report, attachment_pk, by=user)
    if att is None:
        raise Http404
    from .progress import evidence_response

    return evidence_response(att)
