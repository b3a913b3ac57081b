"""The fraud-risk register: open a yearly assessment, rate risks, plan and follow their treatments,
publish the result."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit

from ..models import Risk, RiskAssessment, Treatment
from . import check, not_future, required

SCALE = range(1, 6)


@transaction.atomic
def open_assessment(org, *, fiscal_year, title, kind=RiskAssessment.Kind.FRAUD, by):
    check(by, org)
    if not fiscal_year or not 2500 <= int(fiscal_year) <= 2700:
        raise ValidationError(_("Enter the fiscal year in the Buddhist Era, e.g. 2569."))
    required({"title": title}, ("title", _("Title")))
    if RiskAssessment.objects.for_org(org).filter(fiscal_year=fiscal_year, kind=kind).exists():
        raise ValidationError(_("This fiscal year already has an assessment of this kind."))
    assessment = RiskAssessment.objects.create(
        org=org, fiscal_year=fiscal_year, kind=kind, title=title.strip()
    )
    audit.record(assessment, "registers.assessment_opened", actor=by, fiscal_year=int(fiscal_year))
    return assessment


def _rating(value, label):
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = None
    if value not in SCALE:
        raise ValidationError(_("%(field)s must be a whole number from 1 to 5.") % {"field": label})
    return value


@transaction.atomic
def add_risk(assessment, *, process, event, likelihood, impact, existing_controls="", owner="", by):
    check(by, assessment.org)
    required({"process": process, "event": event}, ("process", _("Work process")), ("event", _("Risk event")))
    likelihood = _rating(likelihood, _("Likelihood"))
    impact = _rating(impact, _("Impact"))
    risk = Risk.objects.create(
        org=assessment.org,
        assessment=assessment,
        process=process.strip(),
        event=event.strip(),
        likelihood=likelihood,
        impact=impact,
        existing_controls=existing_controls.strip(),
        owner=owner.strip(),
    )
    audit.record(risk, "registers.risk_added", actor=by, score=risk.score, level=risk.level.value)
    return risk


@transaction.atomic
def add_treatment(risk, *, measure, owner="", due_on=None, plan_item=None, by):
    check(by, risk.org)
    required({"measure": measure}, ("measure", _("Treatment measure")))
    treatment = Treatment.objects.create(
        org=risk.org,
        risk=risk,
        measure=measure.strip(),
        owner=owner.strip(),
        due_on=due_on,
        plan_item=plan_item,
    )
    audit.record(treatment, "registers.treatment_added", actor=by, risk=risk.pk)
    return treatment


@transaction.atomic
def set_treatment_status(treatment, *, status, done_on=None, by):
    check(by, treatment.org)
    if status not in Treatment.Status.values:
        raise ValidationError(_("Choose the status from the list."))
    if status == Treatment.Status.DONE and done_on is None:
        raise ValidationError(_("Enter the date the measure was done."))
    not_future(done_on, _("The date done"))
    previous = treatment.status
    treatment.status = status
    treatment.done_on = done_on if status == Treatment.Status.DONE else None
    treatment.save(update_fields=["status", "done_on"])
    audit.record(treatment, "registers.treatment_status", actor=by, status=status, previous=previous)
    return treatment


@transaction.atomic
def publish_assessment(assessment, *, published_on, channels, by):
    check(by, assessment.org)
    if published_on is None:
        raise ValidationError(_("Enter the date the assessment was published."))
    not_future(published_on, _("The publication date"))
    lines = [line.strip() for line in (channels or "").splitlines() if line.strip()]
    if not lines:
        raise ValidationError(_("Name at least one channel the assessment was published on."))
    if not assessment.risks.exists():
        raise ValidationError(_("An assessment without risks cannot be published."))
    assessment.published_on = published_on
    assessment.channels = "\n".join(lines)
    assessment.save(update_fields=["published_on", "channels"])
    audit.record(assessment, "registers.assessment_published", actor=by, channels=len(lines))
    return assessment
