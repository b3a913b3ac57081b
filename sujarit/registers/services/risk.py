"""The fraud-risk register: open a yearly assessment, rate risks, plan and follow their treatments,
publish the result."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit, thai
from sujarit.core.registry import registry

from ..models import Level, Risk, RiskAssessment, Treatment, level_of
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


def rating_of(level):
    """A (likelihood, impact) pair in the middle of level's band (the bands are settings)."""
    pairs = sorted(
        ((lk, im) for lk in SCALE for im in SCALE if level_of(lk * im) == level),
        key=lambda p: (p[0] * p[1], abs(p[0] - p[1]), -p[0]),
    )
    return pairs[len(pairs) // 2] if pairs else (3, 3)


def level_from_text(text):
    """The level a plan's "Risk Score" cell names (สูงมาก, สูง, ปานกลาง, ต่ำ/น้อย), else None."""
    text = re.sub(r"\s+", "", text or "")
    for word, level in (("สูงมาก", Level.VERY_HIGH), ("สูง", Level.HIGH), ("ปานกลาง", Level.MEDIUM),
                        ("ต่ำ", Level.LOW), ("น้อย", Level.LOW)):  # fmt: skip
        if word in text:
            return level
    return None


def plan_year(first_year, last_year):
    """The fiscal year whose register receives the plan's Part 1: this year when the plan covers it."""
    return min(max(thai.current_fiscal_year(), first_year), last_year)


@transaction.atomic
def import_plan_risks(org, *, plan_first_year, plan_last_year, by=None):
    """Part 1's risk table of the plan → rows of the fraud-risk register of the plan's fiscal year.

    Each table row becomes one risk (its issues the risk event, rated in the middle of the band its
    level names) with the table's control measures as treatments linked to the plan items they name.
    Idempotent: rows already imported are left as staff may have re-rated them. Returns rows added.
    by=None is the system (the plan's import by the demo or a test).
    """
    if by is not None:
        check(by, org)
    part1 = registry.query("plans.part1_risks")
    fiscal_year = plan_year(plan_first_year, plan_last_year)
    data = part1(org, fiscal_year) if part1 is not None else None
    if not data or not data["rows"]:
        return 0
    assessment = RiskAssessment.objects.for_org(org).filter(fiscal_year=fiscal_year, kind="fraud").first()
    if assessment is None:
        assessment = RiskAssessment.objects.create(
            org=org,
            fiscal_year=fiscal_year,
            kind=RiskAssessment.Kind.FRAUD,
            title=f"รายงานการประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. {fiscal_year}",
        )
        audit.record(assessment, "registers.assessment_opened", actor=by, fiscal_year=fiscal_year)
    prefix = f"plan:{plan_first_year}-{plan_last_year}:"
    have = set(assessment.risks.filter(source__startswith=prefix).values_list("source", flat=True))
    added = 0
    for row in data["rows"]:
        source = f"{prefix}{row['number']}"
        if source in have or not row["process"]:
            continue
        likelihood, impact = rating_of(level_from_text(row["level"]) or Level.MEDIUM)
        risk = Risk.objects.create(
            org=org,
            assessment=assessment,
            process=row["process"][:300],
            event="\n".join(row["issues"]) or row["process"],
            likelihood=likelihood,
            impact=impact,
            source=source,
        )
        for control in row["controls"]:
            Treatment.objects.create(org=org, risk=risk, measure=control["text"], plan_item=control["item"])
        added += 1
    if added:
        audit.record(
            assessment, "registers.plan_risks_imported", actor=by, fiscal_year=fiscal_year, rows=added
        )
    return added
