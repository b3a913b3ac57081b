"""Staff pages of the fraud-risk register: the assessments, one assessment (risks, treatments, heat
map, publication) and its PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sujarit.core.tenancy import staff_view

from ... import queries
from ...exports import assessment_context
from ...forms import AssessmentForm, PublishForm, RiskForm, StatusForm, TreatmentForm
from ...models import RiskAssessment, Treatment
from ...services import risk as verbs
from .. import shared
from .common import can_manage, ensure_manage, run


@staff_view("registers.view")
def assessments(request, org):
    form = AssessmentForm(request.POST or None, initial={"fiscal_year": shared.fiscal_year(request)})
    if request.method == "POST":
        ensure_manage(request, org)
        if form.is_valid():
            try:
                a = verbs.open_assessment(org, by=request.user, **form.cleaned_data)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                return redirect("registers_staff:assessment", org_slug=org.slug, pk=a.pk)
    rows = queries.assessments(org)
    return render(request, "registers/staff/assessments.html", {"org": org, "rows": rows, "form": form})


@staff_view("registers.view")
def assessment(request, org, pk):
    a = get_object_or_404(RiskAssessment.objects.for_org(org), pk=pk)
    post = request.POST if request.method == "POST" else None
    action = post.get("action") if post else None
    # Prefixed: the three forms share a page, and their fields (the owner) must not share ids.
    forms = {
        "risk_form": RiskForm(post if action == "risk" else None, prefix="risk"),
        "treatment_form": TreatmentForm(
            post if action == "treatment" else None, assessment=a, prefix="treatment"
        ),
        "publish_form": PublishForm(post if action == "publish" else None, prefix="publish"),
    }
    if post:
        ensure_manage(request, org)
        by = request.user
        done = False
        if action == "risk":
            done = run(forms["risk_form"], verbs.add_risk, assessment=a, by=by)
        elif action == "treatment":
            done = run(forms["treatment_form"], _add_treatment, by=by)
        elif action == "publish":
            done = run(forms["publish_form"], verbs.publish_assessment, assessment=a, by=by)
        elif action == "status":
            t = get_object_or_404(
                Treatment.objects.for_org(org), pk=post.get("treatment"), risk__assessment=a
            )
            status_form = StatusForm(post)
            done = run(status_form, verbs.set_treatment_status, treatment=t, by=by)
            if not done:
                for error in status_form.non_field_errors() or [_("Check the status and the date done.")]:
                    messages.error(request, error)
        if done:
            messages.success(request, _("Saved."))
            return redirect("registers_staff:assessment", org_slug=org.slug, pk=a.pk)
    context = {
        **assessment_context(a),
        **forms,
        "org": org,
        "statuses": Treatment.Status.choices,
        "can_manage": can_manage(request, org),
    }
    return render(request, "registers/staff/assessment.html", context)


def _add_treatment(*, risk, **fields):
    return verbs.add_treatment(risk, **fields)


@staff_view("registers.view")
def assessment_pdf(request, org, pk):
    a = get_object_or_404(RiskAssessment.objects.for_org(org), pk=pk)
    return shared.assessment_pdf(request, org, a)
