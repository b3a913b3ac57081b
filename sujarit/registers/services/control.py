"""Internal control: open the year's evaluation, write the improvement plan (ปค.5), follow each
improvement to done, record certification (ปค.1), sending to the district and publication."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit

from ..models import ControlEvaluation, Improvement
from . import check, not_future, required


@transaction.atomic
def open_evaluation(org, *, fiscal_year, by):
    check(by, org)
    if not fiscal_year or not 2500 <= int(fiscal_year) <= 2700:
        raise ValidationError(_("Enter the fiscal year in the Buddhist Era, e.g. 2569."))
    evaluation, created = ControlEvaluation.objects.get_or_create(org=org, fiscal_year=fiscal_year)
    if created:
        audit.record(evaluation, "registers.control_opened", actor=by, fiscal_year=int(fiscal_year))
    return evaluation


@transaction.atomic
def add_improvement(evaluation, *, mission, risk, improvement, by, **columns):
    check(by, evaluation.org)
    required(
        {"mission": mission, "risk": risk, "improvement": improvement},
        ("mission", _("Mission or objective")),
        ("risk", _("Risk")),
        ("improvement", _("Improvement of the control")),
    )
    fields = {k: columns.get(k) or "" for k in ("existing_control", "assessment", "remaining_risk", "owner")}
    row = Improvement.objects.create(
        org=evaluation.org,
        evaluation=evaluation,
        mission=mission.strip(),
        risk=risk.strip(),
        improvement=improvement.strip(),
        due_on=columns.get("due_on"),
        **fields,
    )
    audit.record(row, "registers.improvement_added", actor=by, fiscal_year=evaluation.fiscal_year)
    return row


@transaction.atomic
def set_improvement_status(row, *, status, done_on=None, by):
    check(by, row.org)
    if status not in Improvement.Status.values:
        raise ValidationError(_("Choose the status from the list."))
    if status == Improvement.Status.DONE and done_on is None:
        raise ValidationError(_("Enter the date the measure was done."))
    not_future(done_on, _("The date done"))
    row.status, row.done_on = status, done_on if status == Improvement.Status.DONE else None
    row.save(update_fields=["status", "done_on"])
    audit.record(row, "registers.improvement_status", actor=by, status=status)
    return row


@transaction.atomic
def record_steps(evaluation, *, certified_on=None, sent_on=None, published_on=None, by):
    """Dates of the report's certification by the head (ปค.1), sending to the district, publication."""
    check(by, evaluation.org)
    for day, label in ((certified_on, _("The certification date")), (sent_on, _("The date sent")),
                       (published_on, _("The publication date"))):  # fmt: skip
        not_future(day, label)
    if (sent_on or published_on) and not certified_on:
        raise ValidationError(_("The report is sent or published once the head has certified it (ปค.1)."))
    if sent_on and sent_on < certified_on:
        raise ValidationError(_("The report cannot be sent before it was certified."))
    if not evaluation.improvements.exists() and certified_on:
        raise ValidationError(_("Write the improvement plan (ปค.5) before certifying the report."))
    evaluation.certified_on, evaluation.sent_on, evaluation.published_on = certified_on, sent_on, published_on
    evaluation.save(update_fields=["certified_on", "sent_on", "published_on"])
    audit.record(
        evaluation, "registers.control_steps", actor=by, certified=bool(certified_on), sent=bool(sent_on)
    )
    return evaluation


@transaction.atomic
def record_components(evaluation, *, overall, by, **conclusions):
    """ปค.4: the conclusion on each of the five components and the overall one; all are required."""
    check(by, evaluation.org)
    components = {}
    for key, label in ControlEvaluation.COMPONENTS:
        text = (conclusions.get(key) or "").strip()
        if not text:
            raise ValidationError(
                _("Write the conclusion on the component %(component)s.") % {"component": label}
            )
        components[key] = text
    required({"overall": overall}, ("overall", _("Overall conclusion")))
    evaluation.components, evaluation.overall = components, overall.strip()
    evaluation.save(update_fields=["components", "overall"])
    audit.record(evaluation, "registers.control_components", actor=by, fiscal_year=evaluation.fiscal_year)
    return evaluation


@transaction.atomic
def record_review(evaluation, *, findings, auditor_name, auditor_position="", reviewed_on, by):
    """ปค.6: the internal auditor's review of the year's evaluation, made once ปค.4 and ปค.5 exist."""
    check(by, evaluation.org)
    required(
        {"findings": findings, "auditor_name": auditor_name, "reviewed_on": reviewed_on},
        ("findings", _("Findings of the review")),
        ("auditor_name", _("Internal auditor")),
        ("reviewed_on", _("Reviewed on")),
    )
    not_future(reviewed_on, _("The review date"))
    if not evaluation.components_done or not evaluation.improvements.exists():
        raise ValidationError(
            _(
                "The internal auditor reviews the evaluation once the five components (ปค.4) and the improvement plan (ปค.5) are written."
            )
        )
    evaluation.review_findings = findings.strip()
    evaluation.auditor_name = auditor_name.strip()
    evaluation.auditor_position = (auditor_position or "").strip()
    evaluation.reviewed_on = reviewed_on
    evaluation.save(update_fields=["review_findings", "auditor_name", "auditor_position", "reviewed_on"])
    audit.record(evaluation, "registers.control_reviewed", actor=by, fiscal_year=evaluation.fiscal_year)
    return evaluation
