"""Staff pages of progress reporting: write/submit a report, review it, evidence, KPI measures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sujarit.core.models import AuditEvent
from sujarit.core.periods import ROUNDS, Period
from sujarit.core.registry import registry
from sujarit.core.tenancy import staff_view

from ...forms import MeasureForm, ProgressReportForm, ReviewForm
from ...models import KPI, Item, ProgressReport
from ...permissions import can_approve, can_bind_measure, can_report_on
from ...queries import current_plan, goals_table, pending_reason
from ...services import kpis as kpi_service
from ...services import progress
from ...services.results import colour_of
from ...services.summary import pick_year
from ..shared import evidence_response


def _item(org, number, fiscal_year, round_months):
    if round_months not in ROUNDS:
        raise Http404(_("A report round is 6 or 12 months."))
    plan = progress.plan_for_year(org, fiscal_year)
    if plan is None:
        raise Http404(_("No plan covers fiscal year %(year)s.") % {"year": fiscal_year})
    item = get_object_or_404(
        Item.objects.for_org(org).select_related("plan", "dimension", "responsible_unit"),
        plan=plan,
        number=number,
    )
    return item


def _report(org, pk):
    return get_object_or_404(
        ProgressReport.objects.for_org(org).select_related(
            "item", "item__plan", "item__responsible_unit", "submitted_by", "reviewed_by"
        ),
        pk=pk,
    )


def _initial(report):
    if report is None:
        return {"status": "in_progress", "percent_done": 0, "spent": 0}
    initial = {
        f: getattr(report, f)
        for f in (
            *("status", "percent_done", "spent", "work_done", "problems", "next_steps"),
            *("ordinance_amount", "reason", "reason_text", "remark"),
            *("activity_start", "activity_end", "participants", "participant_groups", "published_url"),
        )
    }
    initial["in_ordinance"] = {True: "yes", False: "no"}.get(report.in_ordinance, "")
    for result in report.kpi_results.all():
        initial[f"kpi_{result.kpi_id}"] = result.value
    return initial


@staff_view("plans.report")
def report_edit(request, org, number, fiscal_year, round):
    item = _item(org, number, fiscal_year, round)
    if not can_report_on(request.user, item):
        raise PermissionDenied(
            _("Only the item's responsible unit or the plan coordinator may report on it.")
        )
    report = progress.report_for(item, fiscal_year, round)
    kpis = list(item.kpis.all())
    editable = report is None or report.state in progress.EDITABLE
    form = ProgressReportForm(kpis=kpis, initial=_initial(report))
    if request.method == "POST":
        if not editable:
            messages.error(
                request, _("This report is approved or under review and can no longer be changed.")
            )
            return redirect(request.path)
        if request.POST.get("remove_evidence"):
            try:
                progress.remove_evidence(report, int(request.POST["remove_evidence"]), by=request.user)
                messages.success(request, _("The file was removed from the report."))
            except (ValidationError, ValueError, AttributeError):
                messages.error(request, _("That file could not be removed."))
            return redirect(request.path)
        if request.POST.get("mark_internal") or request.POST.get("mark_public"):
            internal = bool(request.POST.get("mark_internal"))
            try:
                pk = int(request.POST.get("mark_internal") or request.POST.get("mark_public"))
                progress.mark_evidence(report, pk, internal=internal, by=request.user)
                messages.success(
                    request,
                    _("The file is now internal and will never be published.")
                    if internal
                    else _("The file will be published once the report is approved."),
                )
            except (ValidationError, ValueError, AttributeError):
                messages.error(request, _("That file could not be changed."))
            return redirect(request.path)
        form = ProgressReportForm(request.POST, request.FILES, kpis=kpis)
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = progress.save_report(
                    item,
                    fiscal_year,
                    round,
                    by=request.user,
                    status=data["status"],
                    percent_done=data["percent_done"],
                    spent=data["spent"],
                    work_done=data["work_done"],
                    problems=data["problems"],
                    next_steps=data["next_steps"],
                    ordinance_amount=data["ordinance_amount"],
                    in_ordinance=data["in_ordinance"],
                    reason=data["reason"],
                    reason_text=data["reason_text"],
                    remark=data["remark"],
                    activity_start=data["activity_start"],
                    activity_end=data["activity_end"],
                    participants=data["participants"],
                    participant_groups=data["participant_groups"],
                    published_url=data["published_url"],
                    kpi_values=form.kpi_values(),
                    evidence=data["evidence"],
                    internal_evidence=data["internal_evidence"],
                    submit=submit,
                )
            except ValidationError as e:
                form.add_error(None, e.messages)
            else:
                if submit:
                    messages.success(request, _("The report was submitted to the plan coordinator."))
                else:
                    messages.success(request, _("The draft was saved."))
                return redirect(request.path)
        messages.error(request, _("Nothing was saved: please correct the problems shown below."))
    ctx = {
        "item": item,
        "fiscal_year": fiscal_year,
        "round": round,
        "report": report,
        "editable": editable,
        "form": form,
        "kpis": kpis,
        "due": progress.due_date(fiscal_year, round),
        "opens": progress.opens_on(fiscal_year, round),
        "late": progress.is_late(report, fiscal_year, round),
        "evidence": list(report.evidence.all()) if report else [],
        "internal_evidence": list(report.internal_evidence.all()) if report else [],
        "backfill": report.entered_afterwards
        if report
        else progress.due_date(fiscal_year, round) < timezone.localdate(),
    }
    return render(request, "plans/staff/progress_edit.html", ctx)


HISTORY_LABELS = {
    "plans.report_created": lambda: _("Report started"),
    "plans.report_updated": lambda: _("Report changed"),
    "plans.report_submitted": lambda: _("Submitted"),
    "plans.report_approved": lambda: _("Approved"),
    "plans.report_returned": lambda: _("Returned for changes"),
    "plans.report_evidence_removed": lambda: _("Evidence file removed"),
    "plans.report_evidence_marked": lambda: _("Evidence file marked internal or public"),
    "plans.evidence_downloaded": lambda: _("Evidence file opened"),
}


def _detail(request, org, report, form=None):
    ctx = {
        "report": report,
        "item": report.item,
        "results": list(report.kpi_results.select_related("kpi")),
        "colour": colour_of(report.round, report.percent_done, report.status),
        "evidence": list(report.evidence.all()),
        "internal_evidence": list(report.internal_evidence.all()),
        "due": progress.due_date(report.fiscal_year, report.round),
        "late": progress.is_late(report, report.fiscal_year, report.round),
        "can_approve": can_approve(request.user, org),
        "can_edit": can_report_on(request.user, report.item) and report.state in progress.EDITABLE,
        "form": form or ReviewForm(),
        "history": [
            (e, HISTORY_LABELS.get(e.action, lambda a=e.action: a)())
            for e in AuditEvent.objects.for_org(org)
            .filter(target_type=ProgressReport._meta.label_lower, target_id=str(report.pk))
            .order_by("seq")
        ],
    }
    return render(request, "plans/staff/progress_detail.html", ctx)


@staff_view("plans.view")
def report_detail(request, org, pk):
    return _detail(request, org, _report(org, pk))


@staff_view("plans.approve")
def report_review(request, org, pk):
    report = _report(org, pk)
    if request.method != "POST":
        return _detail(request, org, report)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                progress.approve_report(report, by=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("The report was approved."))
            else:
                progress.return_report(report, by=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("The report was returned to the unit."))
            return redirect("plans_staff:report_detail", org_slug=org.slug, pk=report.pk)
        except ValidationError as e:
            form.add_error(None, e.messages)
    messages.error(request, _("Nothing was changed: please correct the problems shown below."))
    return _detail(request, org, report, form)


@staff_view("plans.view")
def report_evidence(request, org, pk, attachment_pk):
    report = _report(org, pk)
    att = progress.open_evidence(report, attachment_pk, by=request.user)
    if att is None:
        raise Http404
    return evidence_response(att)


@staff_view("plans.view")
def kpi_list(request, org):
    plan = current_plan(org)
    if plan is None:
        return render(request, "plans/staff/progress_kpis.html", {"plan": None})
    year, ok = pick_year(plan, request.GET.get("year"))
    kpis = (
        KPI.objects.for_org(org)
        .filter(item__plan=plan)
        .select_related("item")
        .order_by("item__number", "kind", "order")
    )
    values = kpi_service.evaluate(org, kpis, year)
    may_bind = can_bind_measure(request.user, org)
    rows = [
        (
            v,
            v.target,
            MeasureForm(initial={"measure_key": v.kpi.measure_key}, prefix=f"k{v.kpi.pk}"),
            "" if v.kpi.measure_key else pending_reason(v.kpi.text)["text"],
        )
        for v in values
    ]
    goals = [
        (
            g,
            MeasureForm(
                initial={"measure_key": g["measure"].key if g["measure"] else ""}, prefix=f"g{g['order']}"
            ),
        )
        for g in goals_table(plan)
    ]
    ctx = {
        "plan": plan,
        "fiscal_year": year,
        "rows": rows,
        "bound": sum(1 for v in values if v.kpi.measure_key),
        "goals": goals,
        "may_bind": may_bind,
        "measures": [
            (m, kpi_service.measure_value(org, m.key, Period.for_fiscal_year(year)))
            for m in registry.measures.values()
        ],
    }
    return render(request, "plans/staff/progress_kpis.html", ctx)


@staff_view("plans.view")
@require_POST
def kpi_measure(request, org, pk):
    kpi = get_object_or_404(KPI.objects.for_org(org), pk=pk)
    form = MeasureForm(request.POST, prefix=f"k{kpi.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed measures."))
    else:
        try:
            kpi_service.bind_measure(kpi, form.cleaned_data["measure_key"], by=request.user)
            messages.success(request, _("The KPI's measure was saved."))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
    return redirect("plans_staff:kpi_list", org_slug=org.slug)


@staff_view("plans.view")
@require_POST
def goal_measure(request, org, order):
    plan = current_plan(org)
    if plan is None or not plan.goals.filter(order=order).exists():
        raise Http404
    form = MeasureForm(request.POST, prefix=f"g{order}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed measures."))
    else:
        try:
            kpi_service.bind_goal_measure(plan, order, form.cleaned_data["measure_key"], by=request.user)
            messages.success(request, _("The goal's measure was saved."))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
    return redirect("plans_staff:kpi_list", org_slug=org.slug)


@staff_view("plans.view")
@require_POST
def auto_bind(request, org):
    plan = current_plan(org)
    if plan is None:
        raise Http404
    if not can_bind_measure(request.user, org):
        raise PermissionDenied
    count = kpi_service.auto_bind(plan, by=request.user)
    messages.success(
        request,
        _("%(count)s KPIs and goals were bound to the measures that recognise them.") % {"count": count},
    )
    return redirect("plans_staff:kpi_list", org_slug=org.slug)
