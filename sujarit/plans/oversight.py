"""What supervisors see of an organization's plan (registry.add_oversight_figure): whether it has a plan
for the cycle, for each round how many items were reported and how much is done (E-PlanNACC's colours),
how many measured KPIs are met, and whether the imported plan still has lint errors."""

from dataclasses import replace
from decimal import Decimal

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import OversightFigure

from .lint import ERROR, lint_plan
from .models import ItemStatus
from .services import progress, results, summary
from .services.kpis import KPIStatus


def _figures(org, fiscal_year, memo):
    """The plan's approved figures for the fiscal year, read once per snapshot (None without a plan)."""
    if "plans.figures" not in memo:
        plan = progress.plan_for_year(org, fiscal_year)
        memo["plans.plan"] = plan
        memo["plans.figures"] = (
            summary.figures(org, plan, fiscal_year, approved_only=True) if plan is not None else None
        )
    return memo["plans.figures"]


def has_plan(org, fiscal_year, memo):
    return 1 if _figures(org, fiscal_year, memo) is not None else 0


def _reported(round_months):
    def compute(org, fiscal_year, memo):
        fig = _figures(org, fiscal_year, memo)
        if fig is None or not fig.items_total:
            return None
        counted = sum(
            1 for slot in fig.slots.values() if slot.round == round_months and slot.status not in ("", None)
        )
        return round(counted * 100 / fig.items_total, 1)

    return compute


def _done(round_months):
    """The mean percent done of the plan's items in the round; an item not reported counts 0."""

    def compute(org, fiscal_year, memo):
        fig = _figures(org, fiscal_year, memo)
        if fig is None or not fig.items_total:
            return None
        total = sum(
            Decimal(slot.percent_done or 0) for slot in fig.slots.values() if slot.round == round_months
        )
        return round(float(total) / fig.items_total, 1)

    return compute


def _done_colour(round_months):
    def colour(value):
        found = results.colour_of(round_months, value, ItemStatus.IN_PROGRESS) if value is not None else None
        return found.key if found is not None else ""

    return colour


def kpis_met(org, fiscal_year, memo):
    """Met KPIs as a percent of the KPIs measured in the fiscal year (None when none was measured)."""
    fig = _figures(org, fiscal_year, memo)
    if fig is None:
        return None
    met, not_met = fig.kpi_counts.get(KPIStatus.MET, 0), fig.kpi_counts.get(KPIStatus.NOT_MET, 0)
    return round(met * 100 / (met + not_met), 1) if met + not_met else None


def lint_errors(org, fiscal_year, memo):
    _figures(org, fiscal_year, memo)
    plan = memo["plans.plan"]
    if plan is None:
        return None
    # The imported document changes only with a new import: its lint is kept under the import's time.
    stamp = plan.imported_at.timestamp() if plan.imported_at else 0
    return cache.get_or_set(
        f"plans.lint_errors:{plan.pk}:{stamp}",
        lambda: sum(1 for f in lint_plan(plan.parsed or {}, org=org) if f.severity == ERROR),
        timeout=None,
    )


def _at_least(green, orange):
    def colour(value):
        if value is None:
            return ""
        return "green" if value >= green else "orange" if value >= orange else "red"

    return colour


def _none_is_green(value):
    if value is None:
        return ""
    return "green" if value == 0 else "red"


def register(registry):
    figures = [
        OversightFigure("plans.has_plan", _("Has a plan for the cycle"), has_plan, unit="flag", order=10),
        OversightFigure(
            "plans.reported_6", _("Items reported, 6-month round (%)"), _reported(6), unit="percent", order=11
        ),
        OversightFigure(
            "plans.done_6", _("Plan done, 6-month round (%)"), _done(6), unit="percent", order=12,
            colour=_done_colour(6),
        ),
        OversightFigure(
            "plans.reported_12", _("Items reported, 12-month round (%)"), _reported(12), unit="percent",
            order=13,
        ),
        OversightFigure(
            "plans.done_12", _("Plan done, 12-month round (%)"), _done(12), unit="percent", order=14,
            colour=_done_colour(12),
        ),
        OversightFigure(
            "plans.kpis_met", _("KPIs met (percent of those measured)"), kpis_met, unit="percent", order=15,
            colour=_at_least(80, 50),
        ),
        OversightFigure(
            "plans.lint_errors", _("Errors in the imported plan"), lint_errors, unit="count", order=16,
            colour=_none_is_green,
        ),
    ]  # fmt: skip
    for figure in figures:
        # Approved progress is public on the plan's pages; the lint of the imported file is not.
        public = figure.key != "plans.lint_errors"
        registry.add_oversight_figure(replace(figure, module="plans", public=public))
