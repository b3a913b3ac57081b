"""Public pages: the registers of a fiscal year (published risk assessments, delegation orders,
trainings, honours, forums, networks) and a published assessment with its heat map and PDF."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from sujarit.core import thai
from sujarit.core.tenancy import public_view

from .. import queries
from ..exports import assessment_context
from ..models import RiskAssessment
from . import shared


@public_view
def index(request, org):
    year = shared.fiscal_year(request)
    start, end = thai.fiscal_year_bounds(year)
    context = {
        "org": org,
        "fiscal_year": year,
        "years": range(thai.current_fiscal_year(), 2565, -1),
        "assessments": queries.published_assessments(org).filter(fiscal_year=year),
        "orders": queries.orders_in_force(org, start, end).filter(published_on__isnull=False),
        "trainings": queries.trainings_between(org, start, end),
        "honours": queries.honours_between(org, start, end),
        "coverage": queries.village_coverage(org, start, end),
        "networks": queries.networks_active(org, start, end),
        "forum_issues": queries.forum_issues_between(org, start, end),
        "invitations": queries.invitations_between(org, start, end),
        "hr_documents": queries.hr_documents(org, year),
        "salary_rounds": queries.salary_rounds(org, year).exclude(criteria_published_on=None),
        "code": queries.code_in_force(org, min(end, timezone.localdate())),
        "ethics_activities": queries.ethics_activities_between(org, start, end),
    }
    return render(request, "registers/public/index.html", context)


def _published(org, pk):
    a = get_object_or_404(RiskAssessment.objects.for_org(org), pk=pk)
    if a.published_on is None:
        raise Http404("not published")
    return a


@public_view
def assessment(request, org, pk):
    context = {**assessment_context(_published(org, pk)), "org": org}
    return render(request, "registers/public/assessment.html", context)


@public_view
def assessment_pdf(request, org, pk):
    return shared.assessment_pdf(request, org, _published(org, pk))
