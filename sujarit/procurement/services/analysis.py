"""The annual analysis's officer-written text, its publication, and the channels it went out through."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit, thai
from sujarit.core.permissions import ensure

from ..models import AnalysisChannel, AnnualAnalysis, Channel, Project

MAX_TEXT = 10000


def _year(org, fiscal_year):
    try:
        fy = int(fiscal_year)
    except (TypeError, ValueError):
        raise ValidationError(_("Choose a fiscal year.")) from None
    if not 2500 <= fy <= 2700:
        raise ValidationError(_("Choose a fiscal year."))
    return fy


@transaction.atomic
def save_analysis(org, fiscal_year, *, problems, improvements, by):
    """Keep the officer's problems and improvements for the year (a published analysis shows the new text)."""
    ensure(by, org, "procurement.manage")
    fy = _year(org, fiscal_year)
    problems, improvements = (problems or "").strip(), (improvements or "").strip()
    if len(problems) > MAX_TEXT or len(improvements) > MAX_TEXT:
        raise ValidationError(_("The text is too long; keep each part under 10,000 characters."))
    record, created = AnnualAnalysis.objects.get_or_create(org=org, fiscal_year=fy)
    record.problems, record.improvements = problems, improvements
    record.save(update_fields=["problems", "improvements", "updated_at"])
    audit.record(record, "procurement.analysis_saved", actor=by, fiscal_year=fy, created=created)
    return record


@transaction.atomic
def publish_analysis(org, fiscal_year, *, by):
    """Publish the year's analysis on the public site: it needs records and the officer's text."""
    ensure(by, org, "procurement.manage")
    fy = _year(org, fiscal_year)
    record = AnnualAnalysis.objects.for_org(org).select_for_update().filter(fiscal_year=fy).first()
    if record is None or not record.problems or not record.improvements:
        raise ValidationError(
            _("Write the problems found and the improvements for next year before publishing.")
        )
    start, end = thai.fiscal_year_bounds(fy)
    if not Project.objects.for_org(org).in_range(start, end).exists():
        raise ValidationError(_("The fiscal year has no procurement records to analyse."))
    if record.published_at is None:
        record.published_at, record.published_by = timezone.now(), by
        record.save(update_fields=["published_at", "published_by", "updated_at"])
        audit.record(record, "procurement.analysis_published", actor=by, fiscal_year=fy)
    return record


@transaction.atomic
def record_channel(org, fiscal_year, *, channel, published_on, note="", by):
    """Record another channel the published analysis went out through (one entry per channel)."""
    ensure(by, org, "procurement.manage")
    fy = _year(org, fiscal_year)
    record = AnnualAnalysis.objects.for_org(org).filter(fiscal_year=fy).first()
    if record is None or record.published_at is None:
        raise ValidationError(_("Publish the analysis on the website first."))
    if channel not in Channel.values or channel == Channel.WEBSITE:
        raise ValidationError(_("Choose a channel other than the website, which counts by itself."))
    if not isinstance(published_on, dt.date) or published_on > timezone.localdate():
        raise ValidationError(_("Give the date it was published; it cannot be in the future."))
    row, created = AnalysisChannel.objects.update_or_create(
        analysis=record,
        channel=channel,
        defaults={"published_on": published_on, "note": (note or "").strip()[:300]},
    )
    audit.record(
        record,
        "procurement.analysis_channel",
        actor=by,
        channel=channel,
        on=published_on.isoformat(),
        created=created,
    )
    return row
