"""What supervisors see of an organization's complaints (registry.add_oversight_figure): counts only —
complaints and corruption reports received in the fiscal year, cases past the answer deadline now, the
share answered within it and the mean days to close. Never a case's content, never who reported."""

from dataclasses import replace

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import OversightFigure

from .models import Case, Kind
from .queries import stats


def _yearly(org, fiscal_year, memo, kind):
    key = f"complaints.yearly.{kind}"
    if key not in memo:
        memo[key] = stats.yearly(org, kind, fiscal_year)
    return memo[key]


def received(kind):
    def compute(org, fiscal_year, memo):
        return _yearly(org, fiscal_year, memo, kind)["total"]

    return compute


def overdue(org, fiscal_year, memo):
    """Cases of either kind open past their answer deadline today (a count: what must be chased)."""
    return Case.objects.for_org(org).counted().overdue(timezone.localdate()).count()


def answered_in_time(org, fiscal_year, memo):
    return _float(_yearly(org, fiscal_year, memo, Kind.GENERAL)["due"]["share"])


def days_to_close(org, fiscal_year, memo):
    return _float(_yearly(org, fiscal_year, memo, Kind.GENERAL)["mean_days_to_close"])


def _float(value):
    return float(value) if value is not None else None


def _overdue_colour(value):
    return "" if value is None else "green" if value == 0 else "red"


def _in_time_colour(value):
    return "" if value is None else "green" if value >= 100 else "orange" if value >= 80 else "red"


def register(registry):
    for figure in (
        OversightFigure("complaints.general", _("Complaints received"), received(Kind.GENERAL), order=40),
        OversightFigure(
            "complaints.integrity", _("Corruption reports received"), received(Kind.INTEGRITY), order=41
        ),
        OversightFigure(
            "complaints.overdue", _("Cases past the answer deadline"), overdue, order=42, colour=_overdue_colour
        ),
        OversightFigure(
            "complaints.in_time", _("Complaints answered within 15 days (%)"), answered_in_time,
            unit="percent", order=43, colour=_in_time_colour,
        ),
        OversightFigure(
            "complaints.days_to_close", _("Mean days to close a complaint"), days_to_close, unit="days",
            order=44,
        ),
    ):  # fmt: skip
        # The complaint statistics page publishes all of these (counts only) for every organization.
        registry.add_oversight_figure(replace(figure, module="complaints", public=True))
