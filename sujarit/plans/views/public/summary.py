"""The public summary of the plan's progress (approved reports only) and its public evidence files."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from sujarit.core.tenancy import public_view

from ...models import ProgressReport
from ...queries import current_plan
from ...services import progress
from ..shared import charts_for, evidence_response, year_figures


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
    return evidence_response(att)
