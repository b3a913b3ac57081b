"""What supervisors see of an organization's disclosure (registry.add_oversight_figure): the estimated
OIT score of the fiscal year's assessment and the ITA result NACC announced for it."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import OversightFigure

from .models import ITAResult
from .queries import compliance, ita


def oit_estimate(org, fiscal_year, memo):
    """The estimated OIT score (0–100) of the board of assessment year `fiscal_year`; None without one."""
    try:
        score = compliance.estimated_oit_score(org, fiscal_year)
    except LookupError:
        return None
    return float(score) if score is not None else None


def ita_total(org, fiscal_year, memo):
    found = ITAResult.objects.for_org(org).filter(year=fiscal_year).values_list("total", flat=True).first()
    return float(found) if found is not None else None


def _pass_colour(value):
    """ITA's pass mark: green from 85, red below it."""
    return "" if value is None else "green" if value >= float(ita.PASS_MARK) else "red"


def register(registry):
    for figure in (
        OversightFigure(
            "disclosure.oit_estimate", _("Estimated OIT score"), oit_estimate, unit="score", order=30,
            colour=_pass_colour,
        ),
        OversightFigure(
            "disclosure.ita", _("ITA result"), ita_total, unit="score", order=31, colour=_pass_colour,
        ),
    ):  # fmt: skip
        # NACC publishes the ITA results; the OIT board is a public page of each organization.
        registry.add_oversight_figure(replace(figure, module="disclosure", public=True))
