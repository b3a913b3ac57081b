"""ITA readiness: the organization's past ITA results, the plan's ITA targets and the gap between them,
and the estimated OIT score."""

from decimal import Decimal

from sujarit.core.registry import registry

from ..models import ITAResult
from ..services import catalogue
from . import compliance

PASS_MARK = Decimal("85")


def results(org):
    return list(ITAResult.objects.for_org(org).order_by("-year"))


def plan_targets(org):
    """[(fiscal year, target value, target text)] of the current plan's goals about the ITA score."""
    goal_targets = registry.query("plans.goal_targets")
    return goal_targets(org, "ITA") if goal_targets is not None else []


def readiness(org, year=None, rows=None):
    """The ITA panel: past results, the latest total, the plan's targets with gaps, the estimated OIT score."""
    past = results(org)
    latest = past[0] if past else None
    by_year = {r.year: r for r in past}
    targets = [
        {
            "year": fy,
            "target": value,
            "text": text,
            "result": by_year.get(fy),
            "gap": (value - latest.total) if (value is not None and latest) else None,
        }
        for fy, value, text in plan_targets(org)
    ]
    year = year or catalogue.current_assessment_year(org)
    score = None
    if rows is not None:
        score = compliance.score_of(rows)
    elif year is not None:
        try:
            score = compliance.estimated_oit_score(org, year)
        except LookupError:
            score = None
    return {
        "results": past,
        "latest": latest,
        "targets": targets,
        "year": year,
        "estimated_oit": score,
        "pass_mark": PASS_MARK,
    }
