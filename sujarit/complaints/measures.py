"""The complaint module's KPI measures (plan items 19, 26, 27 and the goal "corruption cases down").

Each is `func(org, period) -> Decimal | None` and counts the cases *received* in the period, as the
published statistics do. None means there is nothing to measure yet (no case the rule can judge, no
rating, no baseline).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from sujarit.core.figures import percent
from sujarit.core.registry import Measure

from .models import ComplaintPolicy, Kind, Outcome
from .queries import stats
from .queries.satisfaction import tally as satisfaction_tally


def _within_due(org, period, kind):
    return stats.summarize(org, kind, period)["due"]["share"]


def answered_within_due(org, period):
    """Share of general complaints answered within the due date (percent)."""
    return _within_due(org, period, Kind.GENERAL)


def integrity_answered_within_due(org, period):
    """Share of corruption complaints answered within the due date (percent)."""
    return _within_due(org, period, Kind.INTEGRITY)


def satisfaction(org, period):
    """Share of complainants (both channels) satisfied with how their case was handled (percent)."""
    return percent(
        *satisfaction_tally(org, list(stats.cases_in(org, None, period).values("id", "satisfaction")))
    )


def integrity_substantiated(org, period):
    """Number of corruption complaints received in the period found substantiated."""
    return Decimal(stats.cases_in(org, Kind.INTEGRITY, period).filter(outcome=Outcome.SUBSTANTIATED).count())


def integrity_cases(org, period):
    """Number of corruption complaints received in the period."""
    return Decimal(stats.cases_in(org, Kind.INTEGRITY, period).count())


def integrity_cases_reduction(org, period):
    """How much fewer corruption complaints than in the baseline year, in percent (negative = more).

    The plan states its goal as a reduction ("ลดลงร้อยละ 5" against 2565), so the measure has the
    same sign as the target it is read beside.
    """
    policy = ComplaintPolicy.objects.filter(org=org).first()
    if policy is None or not policy.baseline_integrity_cases:
        return None
    base = Decimal(policy.baseline_integrity_cases)
    now = integrity_cases(org, period)
    return ((base - now) * 100 / base).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


MEASURES = (
    Measure(
        "complaints.answered_within_due",
        _("General complaints answered within the due date"),
        "percent",
        answered_within_due,
        "complaints",
        _(
            "Share of general complaints received in the period whose first answer came by the due date "
            "(15 days by default); open cases not yet due are not counted."
        ),
        hints=(r"ภายใน\s*15\s*วัน", r"แจ้งผลการดำเนินการ.*ผู้ร้องเรียน"),
    ),
    Measure(
        "complaints.integrity_answered_within_due",
        _("Corruption complaints answered within the due date"),
        "percent",
        integrity_answered_within_due,
        "complaints",
        _(
            "Share of corruption and misconduct complaints received in the period whose first answer came "
            "by the due date; open cases not yet due are not counted."
        ),
    ),
    Measure(
        "complaints.satisfaction",
        _("Satisfaction with complaint handling"),
        "percent",
        satisfaction,
        "complaints",
        _(
            "Share of the complainants answering the complaint satisfaction questionnaire (cases received "
            "in the period) who were satisfied or very satisfied (mean rating 3.5 of 5 or more; a rating "
            "given before the questionnaire moved to the survey engine counts when it was 4 or 5)."
        ),
        hints=(r"พึงพอใจ.*(ร้องทุกข์|ร้องเรียน)",),
    ),
    Measure(
        "complaints.integrity_substantiated",
        _("Substantiated corruption complaints"),
        "count",
        integrity_substantiated,
        "complaints",
        _("Number of corruption and misconduct complaints received in the period found substantiated."),
    ),
    Measure(
        "complaints.integrity_cases",
        _("Corruption complaints received"),
        "count",
        integrity_cases,
        "complaints",
        _("Number of corruption and misconduct complaints received in the period."),
        hints=(r"พิจารณาจากจำนวนข้อร้องเรียน",),
    ),
    Measure(
        "complaints.integrity_cases_reduction",
        _("Reduction in corruption complaints against the baseline year"),
        "percent",
        integrity_cases_reduction,
        "complaints",
        _(
            "How much fewer corruption and misconduct complaints were received in the period than in the "
            "baseline year set in the complaint settings, in percent (5 means 5 % fewer)."
        ),
        hints=(r"คดี\s*(การ)?ทุจริต.*ลดลง", r"ร้องเรียน\s*(การ)?ทุจริต.*ลดลง"),
    ),
)


def register(registry):
    for measure in MEASURES:
        registry.add_measure(measure)
