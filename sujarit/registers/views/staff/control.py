"""Staff page of internal control: the fiscal year's evaluation, its improvement plan (ปค.5) with the
follow-up of each row, the report's certification, sending and publication; ปค.5 as PDF."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.pdf import PDF_CONTENT_TYPE, render_pdf
from sujarit.core.spreadsheet import file_response
from sujarit.core.tenancy import staff_view

from ... import queries
from ...exports import DOC_TITLES, control_document_pdf
from ...forms import ComponentsForm, ImprovementForm, ImprovementStatusForm, ReviewForm, StepsForm
from ...models import Improvement
from ...services import control as verbs
from .. import shared
from .common import can_manage, ensure_manage, run


@staff_view("registers.view")
def control(request, org):
    year = shared.fiscal_year(request)
    evaluation = queries.control_evaluation(org, year)
    post = request.POST if request.method == "POST" else None
    action = post.get("action") if post else None
    improvement_form = ImprovementForm(post if action == "improvement" else None, prefix="pc5")
    steps_form = StepsForm(
        post if action == "steps" else None,
        prefix="steps",
        initial={f: getattr(evaluation, f) for f in ("certified_on", "sent_on", "published_on")}
        if evaluation
        else None,
    )
    components_form = ComponentsForm(
        post if action == "components" else None,
        prefix="pc4",
        initial={**evaluation.components, "overall": evaluation.overall} if evaluation else None,
    )
    review_form = ReviewForm(
        post if action == "review" else None,
        prefix="pc6",
        initial={
            "findings": evaluation.review_findings,
            "auditor_name": evaluation.auditor_name,
            "auditor_position": evaluation.auditor_position,
            "reviewed_on": evaluation.reviewed_on,
        }
        if evaluation
        else None,
    )
    if post:
        ensure_manage(request, org)
        done = False
        if action == "open":
            verbs.open_evaluation(org, fiscal_year=year, by=request.user)
            done = True
        elif evaluation is not None and action == "improvement":
            done = run(improvement_form, lambda **f: verbs.add_improvement(evaluation, **f), by=request.user)
        elif evaluation is not None and action == "components":
            done = run(components_form, lambda **f: verbs.record_components(evaluation, **f), by=request.user)
        elif evaluation is not None and action == "review":
            done = run(review_form, lambda **f: verbs.record_review(evaluation, **f), by=request.user)
        elif evaluation is not None and action == "steps":
            done = run(steps_form, lambda **f: verbs.record_steps(evaluation, **f), by=request.user)
        elif evaluation is not None and action == "status":
            row = get_object_or_404(
                Improvement.objects.for_org(org), pk=post.get("row"), evaluation=evaluation
            )
            form = ImprovementStatusForm(post)
            done = run(form, lambda **f: verbs.set_improvement_status(row, **f), by=request.user)
            for error in (
                [] if done else form.non_field_errors() or [_("Check the status and the date done.")]
            ):
                messages.error(request, error)
        if done:
            messages.success(request, _("Saved."))
            return redirect(f"{request.path}?year={year}")
    rows = list(evaluation.improvements.all()) if evaluation else []
    context = {
        "org": org,
        "fiscal_year": year,
        "years": range(thai.current_fiscal_year(), 2565, -1),
        "evaluation": evaluation,
        "rows": rows,
        "done": sum(1 for r in rows if r.status == Improvement.Status.DONE),
        "statuses": Improvement.Status.choices,
        "improvement_form": improvement_form,
        "steps_form": steps_form,
        "components_form": components_form,
        "review_form": review_form,
        "can_manage": can_manage(request, org),
    }
    return render(request, "registers/staff/control.html", context)


@staff_view("registers.view")
def control_pdf(request, org, fiscal_year):
    evaluation = queries.control_evaluation(org, fiscal_year)
    if evaluation is None:
        messages.error(request, _("There is no internal control evaluation for this fiscal year."))
        return redirect(
            reverse("registers_staff:control", kwargs={"org_slug": org.slug}) + f"?year={fiscal_year}"
        )
    context = {"org": org, "evaluation": evaluation, "rows": evaluation.improvements.all()}
    data = render_pdf("registers/pdf/pc5.html", context, request=request)
    return file_response(f"ปค.5 {fiscal_year}.pdf", PDF_CONTENT_TYPE, data, inline=True)


@staff_view("registers.view")
def control_form_pdf(request, org, fiscal_year, form):
    """ปค.1, ปค.4 or ปค.6 of the fiscal year, once the evaluation has got that far."""
    evaluation = queries.control_evaluation(org, fiscal_year)
    back = reverse("registers_staff:control", kwargs={"org_slug": org.slug}) + f"?year={fiscal_year}"
    if form not in DOC_TITLES or evaluation is None:
        messages.error(request, _("There is no internal control evaluation for this fiscal year."))
        return redirect(back)
    try:
        data = control_document_pdf(org, evaluation, form, request=request)
    except LookupError:
        messages.error(request, _("This form cannot be printed yet: fill in the parts it reports first."))
        return redirect(back)
    return file_response(
        f"{form.replace('pc', 'ปค.')} {fiscal_year}.pdf", PDF_CONTENT_TYPE, data, inline=True
    )
